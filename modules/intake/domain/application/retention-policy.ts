import { DateTime } from 'luxon';
import type { Application } from './application';
import type { DecisionOutcome } from './application-status';

/** How long a finished application keeps its personal data; `undecided`: closed without a decision. */
export type RetentionOutcome = DecisionOutcome | 'withdrawn' | 'undecided';

export interface RetentionPolicy {
  grantedDays: number;
  refusedDays: number;
  returnedDays: number;
  withdrawnDays: number;
  undecidedDays: number;
  /** A draft never submitted, counted from its last change. */
  abandonedDraftDays: number;
  /** Hard maximum: no rule keeps personal data longer. */
  maxDays: number;
}

/** A starting point; each deployment sets its own (the institutions keep the case file, we keep a copy). */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = {
  grantedDays: 30,
  refusedDays: 90,
  returnedDays: 90,
  withdrawnDays: 7,
  undecidedDays: 90,
  abandonedDraftDays: 30,
  maxDays: 365,
};

const DAYS: Record<RetentionOutcome, keyof RetentionPolicy> = {
  granted: 'grantedDays',
  refused: 'refusedDays',
  returned: 'returnedDays',
  withdrawn: 'withdrawnDays',
  undecided: 'undecidedDays',
};

const RIGA = 'Europe/Riga';

// Calendar days in Riga, so a due date keeps its wall-clock time across daylight-saving changes.
const addDays = (from: Date, days: number): Date => DateTime.fromJSDate(from, { zone: RIGA }).plus({ days }).toJSDate();

/** When the personal data of an application closed at `closedAt` with `outcome` must go. */
export function retentionDueAt(closedAt: Date, outcome: RetentionOutcome, policy: RetentionPolicy): Date {
  return addDays(closedAt, Math.min(policy[DAYS[outcome]], policy.maxDays));
}

export function retentionOutcomeOf(app: Pick<Application, 'status' | 'decision'>): RetentionOutcome | null {
  if (app.status === 'withdrawn') return 'withdrawn';
  if (app.status !== 'closed') return null;
  return app.decision?.outcome ?? 'undecided';
}

/** The retention due date of an application, or null while it is still with the institution. */
export function applicationRetentionDueAt(app: Pick<Application, 'status' | 'decision' | 'closedAt' | 'updatedAt'>, policy: RetentionPolicy): Date | null {
  if (app.status === 'draft') return addDays(app.updatedAt, Math.min(policy.abandonedDraftDays, policy.maxDays));
  const outcome = retentionOutcomeOf(app);
  if (!outcome || !app.closedAt) return null;
  return retentionDueAt(app.closedAt, outcome, policy);
}

export function isRetentionDue(app: Pick<Application, 'status' | 'decision' | 'closedAt' | 'updatedAt'>, policy: RetentionPolicy, now: Date): boolean {
  const due = applicationRetentionDueAt(app, policy);
  return due !== null && due <= now;
}

/** The deployment's retention rules: a default and, per institution (by code), its own. */
export interface RetentionPolicies {
  default: RetentionPolicy;
  byInstitution: Readonly<Record<string, RetentionPolicy>>;
}

const SETTING_KEYS: Record<string, keyof RetentionPolicy> = {
  granted: 'grantedDays',
  refused: 'refusedDays',
  returned: 'returnedDays',
  withdrawn: 'withdrawnDays',
  undecided: 'undecidedDays',
  draft: 'abandonedDraftDays',
  max: 'maxDays',
};

/** The outcome names a retention setting may use (`granted=30`, `VSAA.refused=180`, `max=365`). */
export const RETENTION_SETTING_NAMES = Object.keys(SETTING_KEYS);

/**
 * Reads `[CODE.]name=days` pairs, comma-separated: without a code a pair changes the default for
 * every institution, with one only that institution's rule (which starts from the default).
 * E.g. `granted=14,VSAA.granted=60,VSAA.refused=180,VID.withdrawn=1`. Throws on anything else.
 */
export function parseRetentionPolicies(spec: string, base: RetentionPolicy = DEFAULT_RETENTION_POLICY): RetentionPolicies {
  const defaults: Partial<RetentionPolicy> = {};
  const overrides = new Map<string, Partial<RetentionPolicy>>();
  for (const pair of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(?:([A-Za-z0-9_-]{1,16})\.)?([a-z]+)=(\d{1,5})$/.exec(pair);
    const key = match ? SETTING_KEYS[match[2]!] : undefined;
    if (!match || !key) throw new Error(`retention setting "${pair}": expected [CODE.]name=days with name one of ${RETENTION_SETTING_NAMES.join(', ')}`);
    const target = match[1] ? (overrides.get(match[1].toUpperCase()) ?? {}) : defaults;
    target[key] = Number(match[3]);
    if (match[1]) overrides.set(match[1].toUpperCase(), target);
  }
  const fallback: RetentionPolicy = { ...base, ...defaults };
  const byInstitution: Record<string, RetentionPolicy> = {};
  for (const [code, own] of overrides) byInstitution[code] = { ...fallback, ...own };
  return { default: fallback, byInstitution };
}

/** The rule for an institution's applications: its own, else the default. */
export function retentionPolicyFor(policies: RetentionPolicies, institutionCode: string): RetentionPolicy {
  return policies.byInstitution[institutionCode.toUpperCase()] ?? policies.default;
}
