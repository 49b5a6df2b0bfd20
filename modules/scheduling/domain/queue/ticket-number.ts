import { rigaDateOf } from '@modules/shared-kernel';
import { queueError } from './queue-errors';

/** 'A' + 7 → 'A007'; four digits from 1000 on ('A1000'). */
export function formatTicketNumber(prefix: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw queueError('QUEUE.INVALID_SEQ', { seq });
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/**
 * The service day of an instant: its local date in Europe/Riga, 'YYYY-MM-DD'. A ticket keeps the
 * day it was issued on, so a queue left open over midnight keeps working, while tickets issued after
 * midnight belong to the new day and start its numbering from 1.
 */
export function serviceDayOf(instant: Date): string {
  return rigaDateOf(instant);
}

/** The numbering series a ticket's seq counts in: one per centre, service day and prefix. */
export function ticketSeriesKey(series: { centreId: string; serviceDay: string; prefix: string }): string {
  return `${series.centreId}:${series.serviceDay}:${series.prefix}`;
}
