import { aCalledTicket, anOpenDesk, ANNA, aParkedTicket, aServedTicket, at, aTicket, BEN, codeOf, T0 } from './queue.fixture';

describe('Ticket.transfer', () => {
  it('moves a served ticket to wait in another queue, freeing the desk', () => {
    const { ticket, desk } = aServedTicket();
    ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, ANNA, at(600));
    desk.syncWith(ticket);
    expect(ticket).toMatchObject({ status: 'waiting', queueId: 'queue-b', queueEnteredAt: at(600), deskId: undefined, clerkId: undefined, assignedClerkId: undefined });
    expect(ticket.openPeriod()).toMatchObject({ state: 'waiting', queueId: 'queue-b', startedAt: at(600) });
    expect(ticket.periods.at(-2)).toMatchObject({ state: 'serving', queueId: 'queue-a', endedAt: at(600) });
    expect(desk.currentTicketId).toBeUndefined();
  });

  it('keeps the number and the services already recorded', () => {
    const { ticket } = aServedTicket();
    const number = ticket.number;
    ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, ANNA, at(600));
    expect(ticket.number).toBe(number);
    expect(ticket.requests).toHaveLength(1);
  });

  it("places 'first' just before the earliest waiting ticket", () => {
    const { ticket } = aServedTicket();
    ticket.transfer({ toQueueId: 'queue-b', placement: 'first', earliestWaitingAt: at(-600) }, ANNA, at(600));
    expect(ticket.queueEnteredAt).toEqual(new Date(at(-600).getTime() - 1));
  });

  it("places 'first' at now when nobody is waiting", () => {
    const { ticket } = aServedTicket();
    ticket.transfer({ toQueueId: 'queue-b', placement: 'first' }, ANNA, at(600));
    expect(ticket.queueEnteredAt).toEqual(at(600));
  });

  it("places 'original' where the ticket stood when issued", () => {
    const { ticket } = aServedTicket();
    ticket.transfer({ toQueueId: 'queue-b', placement: 'original' }, ANNA, at(600));
    expect(ticket.queueEnteredAt).toEqual(T0);
  });

  it('transfers to a named clerk, who alone may call it; a later transfer without a clerk lifts that', () => {
    const { ticket } = aServedTicket();
    ticket.transfer({ toClerkId: BEN, placement: 'first' }, ANNA, at(600));
    expect(ticket).toMatchObject({ queueId: 'queue-a', assignedClerkId: BEN });
    ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, BEN, at(700));
    expect(ticket.assignedClerkId).toBeUndefined();
  });

  it('moves a parked ticket (by anyone) and a waiting one (a wrong kiosk choice)', () => {
    const parked = aParkedTicket().ticket;
    parked.transfer({ toQueueId: 'queue-b', placement: 'original' }, BEN, at(600));
    expect(parked).toMatchObject({ status: 'waiting', queueId: 'queue-b', parkReason: 'fetching passport' });
    const waiting = aTicket();
    waiting.transfer({ toQueueId: 'queue-b', placement: 'original' }, BEN, at(600));
    expect(waiting).toMatchObject({ status: 'waiting', queueId: 'queue-b', queueEnteredAt: T0 });
    expect(waiting.openPeriod()).toMatchObject({ queueId: 'queue-b', startedAt: at(600) });
  });

  it('needs a queue or a clerk', () => {
    const { ticket } = aServedTicket();
    expect(codeOf(() => ticket.transfer({ placement: 'last' }, ANNA, at(600)))).toBe('QUEUE.TRANSFER_TARGET_REQUIRED');
  });

  it('is, for a called or served ticket, for its clerk', () => {
    expect(codeOf(() => aCalledTicket().ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, BEN, at(600)))).toBe('QUEUE.NOT_YOUR_TICKET');
    expect(codeOf(() => aServedTicket().ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, BEN, at(600)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });

  it('can then be called at a desk serving the target queue', () => {
    const { ticket, desk } = aServedTicket();
    ticket.transfer({ toQueueId: 'queue-b', placement: 'last' }, ANNA, at(600));
    desk.syncWith(ticket);
    const bensDesk = anOpenDesk(BEN, ['queue-b']);
    ticket.call(bensDesk, BEN, at(700));
    expect(ticket).toMatchObject({ status: 'called', deskId: bensDesk.id, calledCount: 2 });
  });
});
