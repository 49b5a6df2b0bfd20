import { DEFAULT_RETENTION_POLICY, isRetentionDue, parseRetentionPolicies, retentionPolicyFor } from './retention-policy';

describe('retention rules per institution and outcome', () => {
  it('keeps the defaults when nothing is configured', () => {
    const policies = parseRetentionPolicies('');
    expect(policies.default).toEqual(DEFAULT_RETENTION_POLICY);
    expect(retentionPolicyFor(policies, 'VSAA')).toEqual(DEFAULT_RETENTION_POLICY);
  });

  it('changes the default for all, and an institution’s own rule on top of it', () => {
    const policies = parseRetentionPolicies('granted=14, VSAA.granted=60,vsaa.refused=180,VID.withdrawn=1,draft=10');
    expect(policies.default).toEqual({ ...DEFAULT_RETENTION_POLICY, grantedDays: 14, abandonedDraftDays: 10 });
    expect(retentionPolicyFor(policies, 'VSAA')).toEqual({ ...DEFAULT_RETENTION_POLICY, grantedDays: 60, refusedDays: 180, abandonedDraftDays: 10 });
    expect(retentionPolicyFor(policies, 'vid')).toEqual({ ...DEFAULT_RETENTION_POLICY, grantedDays: 14, withdrawnDays: 1, abandonedDraftDays: 10 });
    expect(retentionPolicyFor(policies, 'VZD')).toBe(policies.default);
  });

  it('decides per institution whether an application is due', () => {
    const policies = parseRetentionPolicies('VSAA.granted=60');
    const closedAt = new Date('2026-01-10T12:00:00Z');
    const app = { status: 'closed' as const, decision: { outcome: 'granted' as const }, closedAt, updatedAt: closedAt };
    const day40 = new Date('2026-02-19T12:00:00Z');
    expect(isRetentionDue(app, retentionPolicyFor(policies, 'VZD'), day40)).toBe(true);
    expect(isRetentionDue(app, retentionPolicyFor(policies, 'VSAA'), day40)).toBe(false);
    expect(isRetentionDue(app, retentionPolicyFor(policies, 'VSAA'), new Date('2026-03-11T12:00:00Z'))).toBe(true);
  });

  it('refuses unknown names and malformed pairs', () => {
    expect(() => parseRetentionPolicies('approved=3')).toThrow(/approved=3/);
    expect(() => parseRetentionPolicies('VSAA.granted=-1')).toThrow();
    expect(() => parseRetentionPolicies('VSAA=30')).toThrow();
  });
});
