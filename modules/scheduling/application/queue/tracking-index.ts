/**
 * Tracking token → ticket and centre, for tickets issued by this instance (bounded): the public
 * tracker is read often and a ticket's token, id and centre never change. A token not found here
 * (another instance issued it, or this one restarted) is looked up in the database.
 */
const index = new Map<string, { ticketId: string; centreId: string }>();
const LIMIT = 100_000;

export function rememberTracking(token: string, ticketId: string, centreId: string): void {
  if (index.size >= LIMIT) index.clear();
  index.set(token, { ticketId, centreId });
}

export function trackedTicket(token: string): { ticketId: string; centreId: string } | undefined {
  return index.get(token);
}
