import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import type { VpvkacClaims } from './claims';

const ALG = 'ES256';

/**
 * The development identity provider used in demo mode: signs tokens for the seeded demo users with
 * a key kept in the database (so every instance shares it). Never active when an issuer is set.
 */
@Injectable()
export class DevIssuer implements OnModuleInit {
  private privateKey?: CryptoKey | Uint8Array;
  private publicJwk?: JWK;

  constructor(
    private readonly config: AppConfig,
    private readonly em: EntityManager,
  ) {}

  get issuer(): string {
    return `${this.config.publicBaseUrl}/auth`;
  }

  get enabled(): boolean {
    return this.config.demoMode;
  }

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    await this.loadOrCreateKey();
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.publicJwk ? [this.publicJwk] : [] };
  }

  async sign(subject: string, claims: VpvkacClaims, ttlSeconds = 8 * 3600, audience = this.config.OIDC_AUDIENCE): Promise<string> {
    if (!this.enabled || !this.privateKey || !this.publicJwk) throw new Error('The demo issuer is disabled');
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.privateKey);
  }

  private async loadOrCreateKey(): Promise<void> {
    const conn = this.em.getConnection();
    let rows = await conn.execute<Array<{ private_jwk: JWK; public_jwk: JWK }>>(
      'select private_jwk, public_jwk from platform.signing_key order by created_at, kid limit 1',
    );
    if (rows.length === 0) {
      const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
      const kid = randomUUID();
      const priv = { ...(await exportJWK(privateKey)), kid, alg: ALG };
      const pub = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
      await conn.execute('insert into platform.signing_key (kid, private_jwk, public_jwk) values (?, ?, ?) on conflict do nothing', [
        kid,
        JSON.stringify(priv),
        JSON.stringify(pub),
      ]);
      rows = await conn.execute('select private_jwk, public_jwk from platform.signing_key order by created_at, kid limit 1');
    }
    const row = rows[0]!;
    this.privateKey = await importJWK(row.private_jwk, ALG);
    this.publicJwk = row.public_jwk;
  }
}
