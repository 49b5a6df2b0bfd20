import { newId } from '@modules/shared-kernel';
import { serviceDayOf } from './ticket-number';
import type { PeriodState, TicketPeriod } from './ticket-types';

export const openPeriodOf = (periods: readonly TicketPeriod[]): TicketPeriod | undefined => periods.find((period) => period.endedAt === undefined);

/** A period that runs past midnight (in Riga) is not a real timing: the ticket was left overnight. */
export function closePeriod(period: TicketPeriod, now: Date): void {
  period.endedAt = now;
  if (serviceDayOf(period.startedAt) !== serviceDayOf(now)) period.accurate = false;
}

export interface PeriodPlace {
  queueId: string;
  deskId?: string;
  clerkId?: string;
}

/** Closes the open period (if any) and opens the next one, so exactly one stays open. */
export function startPeriod(periods: TicketPeriod[], state: PeriodState, place: PeriodPlace, now: Date): TicketPeriod {
  for (const period of periods) if (period.endedAt === undefined) closePeriod(period, now);
  const period: TicketPeriod = { id: newId(), state, startedAt: now, queueId: place.queueId, accurate: true };
  if (place.deskId !== undefined) period.deskId = place.deskId;
  if (place.clerkId !== undefined) period.clerkId = place.clerkId;
  periods.push(period);
  return period;
}

export function closeOpenPeriods(periods: readonly TicketPeriod[], now: Date): void {
  for (const period of periods) if (period.endedAt === undefined) closePeriod(period, now);
}
