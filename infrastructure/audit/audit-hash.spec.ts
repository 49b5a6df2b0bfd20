import { auditHash, GENESIS_HASH, type AuditEntryContent } from './audit-hash';
import { canonicalJson } from './canonical-json';

const entry: AuditEntryContent = {
  seq: 1,
  occurredAt: '2026-11-28T10:00:00.000Z',
  actorId: 'clerk.cesis',
  actorRoles: ['clerk'],
  action: 'application.read',
  resourceType: 'application',
  resourceId: 'a1',
  purpose: null,
  details: { b: 1, a: { y: 2, x: 1 } },
  prevHash: GENESIS_HASH,
};

describe('audit hash', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(auditHash({ ...entry, details: { a: { x: 1, y: 2 }, b: 1 } })).toBe(auditHash(entry));
  });

  it('changes when any field changes', () => {
    const base = auditHash(entry);
    expect(auditHash({ ...entry, actorId: 'someone.else' })).not.toBe(base);
    expect(auditHash({ ...entry, prevHash: 'f'.repeat(64) })).not.toBe(base);
    expect(auditHash({ ...entry, details: { b: 2, a: { y: 2, x: 1 } } })).not.toBe(base);
  });
});
