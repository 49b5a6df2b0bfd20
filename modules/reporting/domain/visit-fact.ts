import { DateTime } from 'luxon';
import { RIGA_TIME_ZONE } from '@modules/shared-kernel';
import { channelOfQueueRequest, type ReportingChannel } from './channel';

/** A closed queue visit as Scheduling announces it (VisitEnded), reduced to what reports need. */
export interface EndedVisit {
  ticketId: string;
  centreId: string;
  queueId: string;
  number: string;
  status: string;
  priority: number;
  issuedAt: string;
  closedAt: string;
  outcome: { kind: string; stage?: string } | null;
  requests: Array<{ serviceCode: string; channel: string; quantity: number }>;
  periods: Array<{ state: string; startedAt: string; endedAt: string | null; accurate: boolean; clerkId?: string | null }>;
}

/** One row per visit: no citizen, no free text; the clerk only as the subject who served it (per-clerk times). */
export interface VisitFact {
  ticketId: string;
  centreId: string;
  queueId: string;
  ticketNumber: string;
  /** Local date in Riga of the issue (the queue's service day). */
  serviceDay: string;
  /** Local hour in Riga of the issue, 0–23. */
  issueHour: number;
  issuedAt: string;
  closedAt: string;
  status: string;
  outcome: string | null;
  outcomeStage: string | null;
  priority: number;
  waitMs: number | null;
  walkMs: number | null;
  serviceMs: number | null;
  holdMs: number | null;
  /** Times the visit went back to the queue (transfer, return, a missed call). */
  requeues: number;
  serviceCodes: string[];
  /** The subject (user id) of the clerk of the visit's last service period; null when never served. */
  servedBy: string | null;
}

export interface ServiceLine {
  line: number;
  serviceCode: string;
  channel: ReportingChannel;
  sourceChannel: string;
  quantity: number;
  /** Counted as provided only when the visit ended served. */
  provided: boolean;
}

type Period = EndedVisit['periods'][number];

// Riga's offset from UTC changes only on whole UTC hours (01:00 UTC at both DST changes), so the
// local date and hour of an instant depend only on its UTC hour: looked up once per hour.
const localHours = new Map<number, { day: string; hour: number }>();

export function rigaDayAndHour(iso: string): { day: string; hour: number } {
  const utcHour = Math.floor(Date.parse(iso) / 3_600_000);
  let local = localHours.get(utcHour);
  if (!local) {
    const at = DateTime.fromMillis(utcHour * 3_600_000, { zone: RIGA_TIME_ZONE });
    local = { day: at.toISODate() as string, hour: at.hour };
    if (localHours.size > 100_000) localHours.clear();
    localHours.set(utcHour, local);
  }
  return local;
}

/**
 * Sum of the periods in one state, or null when the visit has none, or when any of them is
 * inaccurate (left over midnight, flagged by a clerk) or still open: a partial sum would
 * understate the time, so the visit is left out of that measure instead.
 */
function sumOf(periods: Period[], state: string): number | null {
  const matching = periods.filter((p) => p.state === state);
  if (matching.length === 0) return null;
  let total = 0;
  for (const p of matching) {
    if (!p.accurate || p.endedAt === null) return null;
    total += Math.max(0, Date.parse(p.endedAt) - Date.parse(p.startedAt));
  }
  return total;
}

/**
 * The measures of a visit:
 * - wait: time in the queue until called; left out when the citizen was never called (they left
 *   while waiting, and when is unknown) — such visits count in the left-before-service rate;
 * - walk: from the call to the start of service; left out when service never started (a no-show);
 * - service: at the desk; hold: parked.
 */
export function visitFactOf(visit: EndedVisit): VisitFact {
  const issued = rigaDayAndHour(visit.issuedAt);
  const called = visit.periods.some((p) => p.state === 'called');
  const served = visit.periods.some((p) => p.state === 'serving');
  return {
    ticketId: visit.ticketId,
    centreId: visit.centreId,
    queueId: visit.queueId,
    ticketNumber: visit.number,
    serviceDay: issued.day,
    issueHour: issued.hour,
    issuedAt: visit.issuedAt,
    closedAt: visit.closedAt,
    status: visit.status,
    outcome: visit.outcome?.kind ?? null,
    outcomeStage: visit.outcome?.stage ?? null,
    priority: visit.priority,
    waitMs: called ? sumOf(visit.periods, 'waiting') : null,
    walkMs: served ? sumOf(visit.periods, 'called') : null,
    serviceMs: sumOf(visit.periods, 'serving'),
    holdMs: sumOf(visit.periods, 'parked'),
    requeues: Math.max(0, visit.periods.filter((p) => p.state === 'waiting').length - 1),
    serviceCodes: [...new Set(visit.requests.map((r) => r.serviceCode))],
    servedBy: visit.periods.filter((p) => p.state === 'serving').at(-1)?.clerkId ?? null,
  };
}

export function serviceLinesOf(visit: EndedVisit): ServiceLine[] {
  const provided = visit.outcome?.kind === 'served';
  return visit.requests.map((r, i) => ({
    line: i + 1,
    serviceCode: r.serviceCode,
    channel: channelOfQueueRequest(r.channel),
    sourceChannel: r.channel,
    quantity: Math.max(1, Math.trunc(r.quantity)),
    provided,
  }));
}
