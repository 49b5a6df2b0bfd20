import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@modules/shared-kernel';
import { ACCESS_POLICY, type AccessPolicy } from './access.decorator';
import { ApiKeyService } from './api-key.service';
import { accessDenied, unauthenticated } from './auth-errors';
import { PRINCIPAL_KEY } from './current-principal.decorator';
import { TokenVerifier } from './token-verifier';
import type { Principal } from './principal';

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  [PRINCIPAL_KEY]?: Principal;
}

/**
 * Global guard: every HTTP route must declare @Public() or @Roles(...); an undeclared route is
 * refused (and a test fails). Credentials: `Authorization: Bearer <jwt>` or an institution API key
 * (`Authorization: Bearer vpk_…` or `X-Api-Key`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // socket gateways authenticate at the handshake
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) {
      throw new DomainError('AUTH.NO_ACCESS_POLICY', 'forbidden', {
        lv: 'Maršrutam nav noteikta piekļuves politika',
        en: 'This route declares no access policy',
      });
    }
    const request = context.switchToHttp().getRequest<RequestLike>();
    const principal = await this.authenticate(request, policy.kind === 'public');
    if (principal) request[PRINCIPAL_KEY] = principal;
    if (policy.kind === 'public') return true;
    if (!principal) throw unauthenticated();
    if (!principal.roles.some((r) => policy.roles.includes(r))) throw accessDenied();
    return true;
  }

  private async authenticate(request: RequestLike, optional: boolean): Promise<Principal | undefined> {
    const header = request.headers['authorization'];
    const apiKeyHeader = request.headers['x-api-key'];
    const authorization = Array.isArray(header) ? header[0] : header;
    const apiKey = Array.isArray(apiKeyHeader) ? apiKeyHeader[0] : apiKeyHeader;
    if (apiKey) return this.apiKeys.verify(apiKey);
    if (!authorization) return undefined;
    const [scheme, credentials] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !credentials) {
      if (optional) return undefined;
      throw unauthenticated();
    }
    if (this.apiKeys.looksLikeApiKey(credentials)) return this.apiKeys.verify(credentials);
    return this.tokens.verify(credentials);
  }
}
