import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { auditHash, GENESIS_HASH, type AuditEntryContent } from './audit-hash';

export interface AuditRecord {
  action: string; // e.g. 'application.personal-data.read'
  resourceType: string;
  resourceId?: string;
  purpose?: string;
  /** Never personal data itself: ids and field names only. */
  details?: Record<string, unknown>;
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  lastHash: string;
}

// Arbitrary constant: the advisory lock that serialises appends to the chain.
const CHAIN_LOCK = 0x0a0d17;

interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_id: string;
  actor_roles: string[];
  action: string;
  resource_type: string;
  resource_id: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** Append-only, hash-chained record of who read or changed personal data. */
@Injectable()
export class AuditTrail {
  constructor(private readonly em: EntityManager) {}

  /** Appends inside `em`'s transaction when given (so the entry commits with the change), else in its own. */
  async record(actor: Principal, record: AuditRecord, em?: EntityManager): Promise<void> {
    const run = async (tx: EntityManager): Promise<void> => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      await conn.execute('select pg_advisory_xact_lock(?)', [CHAIN_LOCK], 'all', ctx);
      const last = await conn.execute<Array<{ seq: string; hash: string }>>(
        'select seq, hash from platform.audit_log order by seq desc limit 1',
        [],
        'all',
        ctx,
      );
      const content: AuditEntryContent = {
        seq: last[0] ? Number(last[0].seq) + 1 : 1,
        occurredAt: new Date().toISOString(),
        actorId: actor.subject,
        actorRoles: [...actor.roles],
        action: record.action,
        resourceType: record.resourceType,
        resourceId: record.resourceId ?? null,
        purpose: record.purpose ?? null,
        details: record.details ?? {},
        prevHash: last[0]?.hash ?? GENESIS_HASH,
      };
      await conn.execute(
        `insert into platform.audit_log (seq, occurred_at, actor_id, actor_roles, action, resource_type, resource_id, purpose, details, prev_hash, hash)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          content.seq,
          content.occurredAt,
          content.actorId,
          `{${content.actorRoles.join(',')}}`,
          content.action,
          content.resourceType,
          content.resourceId,
          content.purpose,
          JSON.stringify(content.details),
          content.prevHash,
          auditHash(content),
        ],
        'run',
        ctx,
      );
    };
    if (em && em.isInTransaction()) return run(em);
    return this.em.fork().transactional(run);
  }

  async list(filter: { resourceType?: string; resourceId?: string; actorId?: string; limit: number; afterSeq?: number }): Promise<Array<Record<string, unknown>>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown): void => {
      where.push(clause);
      params.push(value);
    };
    if (filter.resourceType) add('resource_type = ?', filter.resourceType);
    if (filter.resourceId) add('resource_id = ?', filter.resourceId);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.afterSeq !== undefined) add('seq > ?', filter.afterSeq);
    const sql = `select * from platform.audit_log ${where.length ? 'where ' + where.join(' and ') : ''} order by seq limit ?`;
    const rows = await this.em.getConnection().execute<AuditRow[]>(sql, [...params, filter.limit]);
    return rows.map((r) => ({ ...toContent(r), hash: r.hash }));
  }

  /** Recomputes every hash in order; the first entry that does not match is reported. */
  async verify(): Promise<AuditVerification> {
    const conn = this.em.getConnection();
    let prevHash = GENESIS_HASH;
    let checked = 0;
    let afterSeq = 0;
    for (;;) {
      const rows = await conn.execute<AuditRow[]>('select * from platform.audit_log where seq > ? order by seq limit 1000', [afterSeq]);
      if (rows.length === 0) break;
      for (const row of rows) {
        const content = toContent(row);
        const expectedSeq = checked + 1;
        if (content.seq !== expectedSeq || content.prevHash !== prevHash || auditHash(content) !== row.hash) {
          return { valid: false, checked, firstBrokenSeq: content.seq, lastHash: prevHash };
        }
        prevHash = row.hash;
        checked++;
        afterSeq = content.seq;
      }
    }
    return { valid: true, checked, firstBrokenSeq: null, lastHash: prevHash };
  }
}

function toContent(r: AuditRow): AuditEntryContent {
  return {
    seq: Number(r.seq),
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorId: r.actor_id,
    actorRoles: r.actor_roles,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    purpose: r.purpose,
    details: r.details,
    prevHash: r.prev_hash,
  };
}
