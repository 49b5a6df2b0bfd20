import { aCalledTicket, anOpenDesk, ANNA, aParkedTicket, aServedTicket, at, aTicket, BEN, codeOf } from './queue.fixture';
import type { Ticket } from './ticket';
import type { TicketStatus } from './ticket-types';

const later = at(3600);

const inStatus: Record<TicketStatus, () => Ticket> = {
  waiting: () => aTicket(),
  called: () => aCalledTicket().ticket,
  serving: () => aServedTicket().ticket,
  parked: () => aParkedTicket().ticket,
  finished: () => {
    const { ticket } = aServedTicket();
    ticket.finish({ kind: 'served' }, ANNA, at(600));
    return ticket;
  },
  no_show: () => {
    const { ticket } = aCalledTicket();
    ticket.markNoShow(ANNA, 1, at(600));
    return ticket;
  },
  left: () => {
    const ticket = aTicket();
    ticket.finish({ kind: 'left_before_service' }, ANNA, at(600));
    return ticket;
  },
};

// Ben acts at his own free desk where a desk is needed; Anna (who called/served) everywhere else.
const operations: Record<string, (ticket: Ticket) => void> = {
  call: (ticket) => ticket.call(anOpenDesk(BEN), BEN, later),
  recall: (ticket) => ticket.recall(ANNA, 0, later),
  markNoShow: (ticket) => ticket.markNoShow(ANNA, 3, later),
  startService: (ticket) => ticket.startService(ANNA, later),
  addService: (ticket) => void ticket.addService('DECL', 'in_person', 1, ANNA, later),
  transfer: (ticket) => ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, ANNA, later),
  park: (ticket) => ticket.park(ANNA, later),
  resume: (ticket) => ticket.resume(anOpenDesk(BEN), BEN, later),
  returnToQueue: (ticket) => ticket.returnToQueue(ANNA, later),
  finishServed: (ticket) => ticket.finish({ kind: 'served' }, ANNA, later),
  finishLeft: (ticket) => ticket.finish({ kind: 'left_before_service' }, ANNA, later),
};

const CLOSED = 'QUEUE.TICKET_CLOSED';
type Expected = TicketStatus | string;
/** For each operation: the status it leads to, or the error code, from waiting/called/serving/parked/finished/no_show/left. */
const matrix: Record<string, Expected[]> = {
  call: ['called', 'QUEUE.TICKET_ALREADY_CALLED', 'QUEUE.TICKET_ALREADY_CALLED', 'QUEUE.TICKET_NOT_WAITING', CLOSED, CLOSED, CLOSED],
  recall: ['QUEUE.TICKET_NOT_CALLED', 'called', 'QUEUE.TICKET_NOT_CALLED', 'QUEUE.TICKET_NOT_CALLED', CLOSED, CLOSED, CLOSED],
  markNoShow: ['QUEUE.TICKET_NOT_CALLED', 'waiting', 'QUEUE.TICKET_NOT_CALLED', 'QUEUE.TICKET_NOT_CALLED', CLOSED, CLOSED, CLOSED],
  startService: ['QUEUE.TICKET_NOT_CALLED', 'serving', 'QUEUE.TICKET_NOT_CALLED', 'QUEUE.TICKET_NOT_CALLED', CLOSED, CLOSED, CLOSED],
  addService: ['QUEUE.TICKET_NOT_SERVING', 'QUEUE.TICKET_NOT_SERVING', 'serving', 'QUEUE.TICKET_NOT_SERVING', CLOSED, CLOSED, CLOSED],
  transfer: ['waiting', 'waiting', 'waiting', 'waiting', CLOSED, CLOSED, CLOSED],
  park: ['QUEUE.TICKET_NOT_SERVING', 'QUEUE.TICKET_NOT_SERVING', 'parked', 'QUEUE.TICKET_NOT_SERVING', CLOSED, CLOSED, CLOSED],
  resume: ['QUEUE.TICKET_NOT_PARKED', 'QUEUE.TICKET_NOT_PARKED', 'QUEUE.TICKET_NOT_PARKED', 'serving', CLOSED, CLOSED, CLOSED],
  returnToQueue: ['QUEUE.TICKET_NOT_AT_DESK', 'waiting', 'waiting', 'QUEUE.TICKET_NOT_AT_DESK', CLOSED, CLOSED, CLOSED],
  finishServed: ['QUEUE.OUTCOME_NOT_ALLOWED', 'QUEUE.OUTCOME_NOT_ALLOWED', 'finished', 'QUEUE.OUTCOME_NOT_ALLOWED', CLOSED, CLOSED, CLOSED],
  finishLeft: ['left', 'left', 'QUEUE.OUTCOME_NOT_ALLOWED', 'left', CLOSED, CLOSED, CLOSED],
};

const STATUSES: TicketStatus[] = ['waiting', 'called', 'serving', 'parked', 'finished', 'no_show', 'left'];
const cases = Object.entries(matrix).flatMap(([operation, row]) => row.map((expected, i) => [operation, STATUSES[i], expected] as const));

describe('Ticket transitions', () => {
  it.each(cases)('%s on a %s ticket → %s', (operation, status, expected) => {
    const ticket = inStatus[status]();
    const version = ticket.version;
    if (expected.startsWith('QUEUE.')) {
      const before = JSON.stringify(ticket);
      expect(codeOf(() => operations[operation](ticket))).toBe(expected);
      expect(JSON.stringify(ticket)).toBe(before);
    } else {
      operations[operation](ticket);
      expect(ticket.status).toBe(expected);
      expect(ticket.version).toBe(version + 1);
    }
  });

  it('refuses with a conflict carrying Latvian and English messages', () => {
    try {
      aTicket().startService(ANNA, later);
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'conflict', code: 'QUEUE.TICKET_NOT_CALLED', messages: { lv: 'Talons nav izsaukts.', en: 'The ticket has not been called.' } });
    }
  });
});
