import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Role } from './principal';

export const ACCESS_POLICY = 'vpvkac:access-policy';

export type AccessPolicy = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/** Anyone may call this route, without a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);

/**
 * Only callers holding one of these roles. Finer checks (which centre, which institution)
 * happen in the handler with the principal.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy), ApiBearerAuth(), ApiSecurity('apiKey'));
