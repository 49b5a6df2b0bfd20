import { LatvianCalendar, defaultStateInstitutionSchedule, type WorkingHoursSchedule } from '@modules/shared-kernel';
import { WorkingTimeIndex } from './working-time-index';

/**
 * Where an application is in its life, as Reporting sees it from Intake's events. The status only
 * moves forward (Intake never moves it back either), so a late or repeated event cannot undo a
 * later one. `withdrawn` (by the citizen, before a decision) is final and ranks above everything:
 * the events that bring it may come before or after the ones it ends.
 */
export const APPLICATION_REPORT_STATES = ['queued', 'delivered', 'accepted', 'in_progress', 'decided', 'closed', 'withdrawn'] as const;
export type ApplicationReportState = (typeof APPLICATION_REPORT_STATES)[number];

const RANK: Record<string, number> = { submitted: 0, queued: 0, delivered: 1, accepted: 2, in_progress: 3, decided: 4, closed: 5, withdrawn: 6 };

/** The rank of a status (unknown statuses rank below everything, so they never win). */
export const applicationStateRank = (status: string): number => RANK[status] ?? -1;

/** The citizen's withdrawal: a status change, but no answer or decision of the institution. */
export const isWithdrawal = (status: string | undefined): boolean => status === 'withdrawn';

/** Statuses that carry the institution's decision. */
export const isDecision = (status: string): boolean => status === 'decided' || status === 'closed';

const calendar = new LatvianCalendar();
// One laid-out calendar per schedule (in practice only the institutions' default one).
const indexes = new WeakMap<WorkingHoursSchedule, WorkingTimeIndex>();

/**
 * Working time from delivery to an institution's answer, in milliseconds, on the Latvian calendar
 * (holidays, transferred working days, shortened pre-holiday days) and the institutions' hours
 * (08:30–17:00 with a lunch break) — the same rule Intake uses for its SLA figure (the shared
 * kernel's `workingMillisBetween`), computed from per-year prefix sums instead of day by day.
 */
export function workingMsBetween(from: Date, to: Date, schedule: WorkingHoursSchedule = defaultStateInstitutionSchedule): number {
  let index = indexes.get(schedule);
  if (!index) {
    index = new WorkingTimeIndex(schedule, calendar);
    indexes.set(schedule, index);
  }
  return Math.max(0, index.between(from.getTime(), to.getTime()));
}

/**
 * Targets for the institution's first answer, in working hours: a default and optional
 * per-institution overrides (`VSAA=16,VID=8`). Intake defines no per-institution target, so
 * Reporting takes them from its configuration.
 */
export interface ResponseTargets {
  defaultHours: number;
  byInstitution: Record<string, number>;
}

export function parseResponseTargets(defaultHours: number, overrides: string | undefined): ResponseTargets {
  const byInstitution: Record<string, number> = {};
  for (const part of (overrides ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]{1,16})=(\d{1,4}(?:\.\d{1,2})?)$/.exec(part);
    if (!match) throw new Error(`Invalid configuration:\n  REPORTING_RESPONSE_TARGETS: "${part}" is not CODE=hours`);
    byInstitution[match[1]!.toUpperCase()] = Number(match[2]);
  }
  return { defaultHours, byInstitution };
}

export const targetHoursOf = (targets: ResponseTargets, institutionCode: string): number => targets.byInstitution[institutionCode.toUpperCase()] ?? targets.defaultHours;
