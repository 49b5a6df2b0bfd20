import { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@modules/shared-kernel';
import { Desk, Ticket } from '../../domain/queue';

// A desk or ticket never changes centre: remember where each one belongs (bounded).
const centreOf = new Map<string, string>();
/** Notes where a new desk or ticket belongs (so its first command needs no lookup). */
export const remember = (id: string, centreId: string): string => {
  if (centreOf.size > 50_000) centreOf.clear();
  centreOf.set(id, centreId);
  return centreId;
};

/** The centre of a desk (404 QUEUE.DESK_NOT_FOUND when there is no such desk). */
export async function centreOfDesk(fork: () => EntityManager, deskId: string): Promise<string> {
  const known = centreOf.get(deskId);
  if (known) return known;
  const desk = await fork().findOne(Desk, { id: deskId }, { fields: ['centreId'] });
  if (!desk) throw notFound('QUEUE.DESK_NOT_FOUND', 'Darba vieta nav atrasta', 'Desk not found');
  return remember(deskId, desk.centreId);
}

/** The centre of a ticket (404 QUEUE.TICKET_NOT_FOUND when there is no such ticket). */
export async function centreOfTicket(fork: () => EntityManager, ticketId: string): Promise<string> {
  const known = centreOf.get(ticketId);
  if (known) return known;
  const ticket = await fork().findOne(Ticket, { id: ticketId }, { fields: ['centreId'] });
  if (!ticket) throw notFound('QUEUE.TICKET_NOT_FOUND', 'Biļete nav atrasta', 'Ticket not found');
  return remember(ticketId, ticket.centreId);
}
