import { compareForCall } from './call-order';
import type { Ticket } from './ticket';

/**
 * How many tickets waiting in the same queue are ahead of this one, in call order; null when the
 * ticket is no longer waiting. Tickets assigned to a named clerk count too: they hold a desk's time.
 */
export function positionOf(ticket: Ticket, waitingTickets: readonly Ticket[]): number | null {
  if (ticket.status !== 'waiting') return null;
  return waitingTickets.filter(
    (other) => other.id !== ticket.id && other.status === 'waiting' && other.queueId === ticket.queueId && compareForCall(other, ticket) < 0,
  ).length;
}

/** The earliest queueEnteredAt in a queue, for a transfer placed 'first'. */
export function earliestWaitingAt(tickets: readonly Ticket[], queueId: string): Date | undefined {
  const times = tickets.filter((ticket) => ticket.status === 'waiting' && ticket.queueId === queueId).map((ticket) => ticket.queueEnteredAt.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
