import { Injectable } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppConfig } from '../config/app-config';
import { invalidToken } from './auth-errors';
import { principalFromClaims, type VpvkacClaims } from './claims';
import { DevIssuer } from './dev-issuer';
import type { Principal } from './principal';

const VERIFIED_TTL_MS = 5 * 60_000;
const VERIFIED_MAX = 10_000;

/** Verifies bearer JWTs: signature against the issuer's JWKS, issuer, audience, expiry, algorithm. */
@Injectable()
export class TokenVerifier {
  private remoteKeys?: JWTVerifyGetKey;
  private readonly verified = new Map<string, { principal: Principal; until: number }>();
  /** The demo issuer's key set, rebuilt only when its keys change (importing a key costs per request otherwise). */
  private localKeys?: { source: string; keys: JWTVerifyGetKey };

  constructor(
    private readonly config: AppConfig,
    private readonly devIssuer: DevIssuer,
  ) {}

  async verify(token: string): Promise<Principal> {
    // A token whose signature and claims were checked is remembered until it expires (at most
    // VERIFIED_TTL_MS): a console sends the same token with every command, and an ECDSA
    // verification per request was a measurable share of a queue command's CPU.
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.principal;
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, await this.keys(), {
        issuer: this.issuer(),
        audience: this.config.OIDC_AUDIENCE,
        algorithms: this.config.OIDC_ALGORITHMS,
        clockTolerance: 5,
        requiredClaims: ['exp', 'sub'],
      });
      const principal = principalFromClaims(payload.sub!, payload as VpvkacClaims);
      const until = Math.min(payload.exp! * 1000, now + VERIFIED_TTL_MS);
      if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { principal, until });
      return principal;
    } catch {
      throw invalidToken();
    }
  }

  private issuer(): string {
    return this.config.demoMode ? this.devIssuer.issuer : this.config.OIDC_ISSUER_URL!.replace(/\/$/, '');
  }

  private async keys(): Promise<JWTVerifyGetKey> {
    if (this.config.demoMode) {
      const jwks = this.devIssuer.jwks();
      const source = JSON.stringify(jwks);
      if (this.localKeys?.source !== source) this.localKeys = { source, keys: createLocalJWKSet(jwks) };
      return this.localKeys.keys;
    }
    if (!this.remoteKeys) this.remoteKeys = createRemoteJWKSet(new URL(await this.jwksUri()), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    return this.remoteKeys;
  }

  /** OIDC discovery, unless the JWKS address is configured directly. */
  private async jwksUri(): Promise<string> {
    if (this.config.OIDC_JWKS_URL) return this.config.OIDC_JWKS_URL;
    const issuer = this.issuer();
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`OIDC discovery failed: ${response.status}`);
    const doc = (await response.json()) as { jwks_uri?: string };
    if (!doc.jwks_uri) throw new Error('OIDC discovery document has no jwks_uri');
    return doc.jwks_uri;
  }
}
