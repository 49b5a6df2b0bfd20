import type { Ticket } from './ticket';

export type CallOrderFields = Pick<Ticket, 'id' | 'seq' | 'priority' | 'queueEnteredAt' | 'appointment'>;

/**
 * The order tickets are called in: checked-in appointments first, then higher priority, then the
 * earliest queueEnteredAt; seq and then id break ties so the order never depends on input order.
 */
export function compareForCall(a: CallOrderFields, b: CallOrderFields): number {
  return (
    Number(b.appointment !== undefined) - Number(a.appointment !== undefined) ||
    b.priority - a.priority ||
    a.queueEnteredAt.getTime() - b.queueEnteredAt.getTime() ||
    a.seq - b.seq ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
