import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '@modules/shared-kernel';
import { GetVisitTicketQuery, type VisitTicketView } from '../../contracts';
import { Ticket } from '../../domain/queue/ticket';

/** Answers "is there such a ticket, and in which centre?" (read-only; the queue's command path is not involved). */
@QueryHandler(GetVisitTicketQuery)
export class GetVisitTicketHandler implements IQueryHandler<GetVisitTicketQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ ticketId }: GetVisitTicketQuery): Promise<VisitTicketView | null> {
    if (!isUuid(ticketId)) return null;
    const ticket = await this.em.fork().findOne(Ticket, { id: ticketId }, { fields: ['id', 'centreId', 'number', 'serviceDay', 'status', 'issuedAt'] });
    if (!ticket) return null;
    return {
      ticketId: ticket.id,
      centreId: ticket.centreId,
      number: ticket.number,
      serviceDay: typeof ticket.serviceDay === 'string' ? ticket.serviceDay : new Date(ticket.serviceDay).toISOString().slice(0, 10),
      status: ticket.status,
      issuedAt: new Date(ticket.issuedAt).toISOString(),
    };
  }
}
