import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { invalidToken } from './auth-errors';
import { Role, type Principal } from './principal';

export interface IssuedApiKey {
  id: string;
  /** The whole key; shown once, never stored. */
  key: string;
  prefix: string;
  name: string;
  createdAt: string;
}

export interface ApiKeyView {
  id: string;
  prefix: string;
  name: string;
  subjectType: string;
  subjectId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEY_RE = /^vpk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Machine credentials for institutions' back-office systems: stored hashed, shown once, revocable. */
@Injectable()
export class ApiKeyService {
  constructor(private readonly em: EntityManager) {}

  async issue(subjectType: 'institution', subjectId: string, name: string, createdBy: string): Promise<IssuedApiKey> {
    const id = randomUUID();
    const prefix = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
    const secret = randomBytes(32).toString('base64url');
    const createdAt = new Date();
    await this.em.getConnection().execute(
      `insert into platform.api_key (id, prefix, secret_hash, name, subject_type, subject_id, roles, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, prefix, sha256(secret).toString('hex'), name, subjectType, subjectId, `{${Role.InstitutionIntegration}}`, createdBy, createdAt],
    );
    return { id, key: `vpk_${prefix}_${secret}`, prefix, name, createdAt: createdAt.toISOString() };
  }

  async list(subjectType: string, subjectId: string): Promise<ApiKeyView[]> {
    const rows = await this.em.getConnection().execute<Array<Record<string, unknown>>>(
      `select id, prefix, name, subject_type, subject_id, created_at, last_used_at, revoked_at
         from platform.api_key where subject_type = ? and subject_id = ? order by created_at`,
      [subjectType, subjectId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      prefix: r.prefix as string,
      name: r.name as string,
      subjectType: r.subject_type as string,
      subjectId: r.subject_id as string,
      createdAt: new Date(r.created_at as string).toISOString(),
      lastUsedAt: r.last_used_at ? new Date(r.last_used_at as string).toISOString() : null,
      revokedAt: r.revoked_at ? new Date(r.revoked_at as string).toISOString() : null,
    }));
  }

  /** Returns false when no such active key of that subject exists. */
  async revoke(id: string, subjectType: string, subjectId: string, revokedBy: string): Promise<boolean> {
    const res = await this.em.getConnection().execute(
      `update platform.api_key set revoked_at = now(), revoked_by = ? where id = ? and subject_type = ? and subject_id = ? and revoked_at is null`,
      [revokedBy, id, subjectType, subjectId],
      'run',
    );
    return (res as { affectedRows?: number }).affectedRows === 1;
  }

  looksLikeApiKey(value: string): boolean {
    return KEY_RE.test(value);
  }

  async verify(key: string): Promise<Principal> {
    const match = KEY_RE.exec(key);
    if (!match) throw invalidToken();
    const [, prefix, secret] = match;
    const rows = await this.em.getConnection().execute<Array<Record<string, unknown>>>(
      `update platform.api_key set last_used_at = now()
        where prefix = ? and revoked_at is null
        returning id, secret_hash, subject_type, subject_id, roles, name`,
      [prefix],
    );
    const row = rows[0];
    if (!row) throw invalidToken();
    const expected = Buffer.from(row.secret_hash as string, 'hex');
    if (!timingSafeEqual(expected, sha256(secret!))) throw invalidToken();
    return {
      subject: `api-key:${row.id as string}`,
      kind: 'machine',
      roles: row.roles as Role[],
      centreIds: [],
      institutionId: row.subject_type === 'institution' ? (row.subject_id as string) : undefined,
      displayName: row.name as string,
      apiKeyId: row.id as string,
    };
  }
}
