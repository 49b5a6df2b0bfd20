import { compareForCall } from './call-order';
import type { Desk } from './desk';
import type { Ticket } from './ticket';

export interface ChooseNextTicketOptions {
  /** Other queues the clerk may serve when the desk's own queues are empty. */
  fallbackQueueIds: readonly string[];
}

const first = (tickets: Ticket[]): Ticket | null => tickets.sort(compareForCall)[0] ?? null;

/**
 * The "call next" rule. Only waiting tickets of the desk's centre, skipping those assigned to
 * another clerk. First the desk's own queues (plus tickets transferred to this clerk by name,
 * whatever their queue), then the fallback queues; within each, in call order.
 */
export function chooseNextTicket(candidates: readonly Ticket[], desk: Desk, clerkId: string, options: ChooseNextTicketOptions): Ticket | null {
  const callable = candidates.filter(
    (ticket) => ticket.status === 'waiting' && ticket.centreId === desk.centreId && (ticket.assignedClerkId === undefined || ticket.assignedClerkId === clerkId),
  );
  const own = callable.filter((ticket) => desk.queueIds.includes(ticket.queueId) || ticket.assignedClerkId === clerkId);
  if (own.length > 0) return first(own);
  return first(callable.filter((ticket) => options.fallbackQueueIds.includes(ticket.queueId)));
}
