import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

export const PRINCIPAL_KEY = 'principal';

/** The verified caller; undefined on public routes called without credentials. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  const request = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  return request[PRINCIPAL_KEY] as Principal | undefined;
});
