import { randomUUID } from 'node:crypto';
import { integrationEvent, rigaDateOf, type IntegrationEvent } from '@modules/shared-kernel';
import { QueueEvents, SCHEDULING_MODULE, type VisitEndedPayload } from '@modules/scheduling';

// Synthetic VisitEnded events for the e2e tests and the benchmark: the shape Scheduling publishes,
// built from a few numbers (seconds in each state) instead of a day at the desk.

export type VisitOutcome = 'served' | 'not_served' | 'left_before_service' | 'no_show';
type State = 'waiting' | 'called' | 'serving' | 'parked';

export interface VisitSpec {
  ticketId?: string;
  eventId?: string;
  centreId: string;
  queueId: string;
  number: string;
  issuedAt: string;
  outcome: VisitOutcome;
  waitS: number;
  walkS?: number;
  serviceS?: number;
  /** Parked in the middle of service. */
  holdS?: number;
  inaccurate?: State[];
  requests: Array<{ serviceCode: string; channel?: string; quantity?: number }>;
  priority?: number;
  /** When the event was published (default: when the visit closed). */
  occurredAt?: string;
}

export function visitEndedEvent(spec: VisitSpec): IntegrationEvent<typeof QueueEvents.VisitEnded, VisitEndedPayload> {
  const ticketId = spec.ticketId ?? randomUUID();
  let at = Date.parse(spec.issuedAt);
  const periods: VisitEndedPayload['periods'] = [{ state: 'created', startedAt: spec.issuedAt, endedAt: spec.issuedAt, deskId: null, clerkId: null, queueId: spec.queueId, accurate: true }];
  const add = (state: State, seconds: number) => {
    const startedAt = new Date(at).toISOString();
    at += seconds * 1000;
    periods.push({ state, startedAt, endedAt: new Date(at).toISOString(), deskId: null, clerkId: null, queueId: spec.queueId, accurate: !spec.inaccurate?.includes(state) });
  };
  add('waiting', spec.waitS);
  if (spec.outcome !== 'left_before_service') add('called', spec.walkS ?? 30);
  if (spec.outcome === 'served' || spec.outcome === 'not_served') {
    const service = spec.serviceS ?? 600;
    if (spec.holdS) {
      add('serving', Math.floor(service / 2));
      add('parked', spec.holdS);
      add('serving', service - Math.floor(service / 2));
    } else add('serving', service);
  }
  const durations = { waitMs: 0, walkMs: 0, serviceMs: 0, holdMs: 0 };
  const bucket: Record<string, keyof typeof durations | undefined> = { waiting: 'waitMs', called: 'walkMs', serving: 'serviceMs', parked: 'holdMs' };
  for (const p of periods) {
    const b = bucket[p.state];
    if (b && p.accurate) durations[b] += Date.parse(p.endedAt!) - Date.parse(p.startedAt);
  }
  const closedAt = new Date(at).toISOString();
  const stage = spec.outcome === 'left_before_service' ? 'waiting' : spec.outcome === 'no_show' ? 'called' : undefined;
  const payload: VisitEndedPayload = {
    ticketId,
    centreId: spec.centreId,
    queueId: spec.queueId,
    number: spec.number,
    serviceDay: rigaDateOf(new Date(spec.issuedAt)),
    status: spec.outcome === 'served' || spec.outcome === 'not_served' ? 'finished' : spec.outcome === 'no_show' ? 'no_show' : 'left',
    priority: spec.priority ?? 0,
    issuedAt: spec.issuedAt,
    closedAt,
    outcome: { kind: spec.outcome, ...(stage ? { stage } : {}), ...(spec.outcome === 'not_served' ? { reason: 'Nav dokumentu' } : {}) },
    requests: spec.requests.map((r) => ({ serviceCode: r.serviceCode, channel: r.channel ?? 'in_person', quantity: r.quantity ?? 1 })),
    periods,
    durations,
  };
  const event = integrationEvent(SCHEDULING_MODULE, QueueEvents.VisitEnded, payload, ticketId, new Date(spec.occurredAt ?? closedAt));
  if (spec.eventId) event.id = spec.eventId;
  return event;
}

/** A small, seeded pseudo-random generator, so generated data are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** PostgreSQL's percentile_cont on a list (linear interpolation between ranks). */
export function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}
