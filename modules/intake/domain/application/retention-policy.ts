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
