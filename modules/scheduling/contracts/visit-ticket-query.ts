import { Query } from '@nestjs/cqrs';

/** What another module may know about a walk-in visit's ticket: where and when, nothing about the citizen. */
export interface VisitTicketView {
  ticketId: string;
  centreId: string;
  /** Display number, e.g. 'A007'. */
  number: string;
  /** 'YYYY-MM-DD' (Europe/Riga). */
  serviceDay: string;
  status: string;
  issuedAt: string;
}

/** Public query: a queue ticket by id (null when there is none), e.g. to link an application to the visit. */
export class GetVisitTicketQuery extends Query<VisitTicketView | null> {
  constructor(readonly ticketId: string) {
    super();
  }
}
