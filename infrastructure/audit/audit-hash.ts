import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  seq: number;
  occurredAt: string;
  actorId: string;
  actorRoles: string[];
  action: string;
  resourceType: string;
  resourceId: string | null;
  purpose: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

/** Each entry's hash covers its content and the previous hash: changing any entry breaks the chain after it. */
export const auditHash = (entry: AuditEntryContent): string => createHash('sha256').update(canonicalJson(entry)).digest('hex');
