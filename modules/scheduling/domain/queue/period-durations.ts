import type { Ticket } from './ticket';
import type { PeriodState } from './ticket-types';

export interface PeriodDurations {
  /** In the queue (waiting periods, including after a transfer or return). */
  waitMs: number;
  /** From the call to the start of service: the walk to the desk. */
  walkMs: number;
  serviceMs: number;
  /** Parked (on hold). */
  holdMs: number;
}

const BUCKET: Record<PeriodState, keyof PeriodDurations | null> = {
  created: null,
  waiting: 'waitMs',
  called: 'walkMs',
  serving: 'serviceMs',
  parked: 'holdMs',
};

/**
 * Sums of the ticket's periods by kind, leaving out those marked inaccurate. The open period
 * counts up to `now` when given, and not at all otherwise.
 */
export function periodDurations(ticket: Pick<Ticket, 'periods'>, now?: Date): PeriodDurations {
  const totals: PeriodDurations = { waitMs: 0, walkMs: 0, serviceMs: 0, holdMs: 0 };
  for (const period of ticket.periods) {
    const bucket = BUCKET[period.state];
    const end = period.endedAt ?? now;
    if (!bucket || !period.accurate || !end) continue;
    totals[bucket] += Math.max(0, end.getTime() - period.startedAt.getTime());
  }
  return totals;
}
