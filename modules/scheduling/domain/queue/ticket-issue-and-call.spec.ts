import { aCalledTicket, anOpenDesk, ANNA, aQueue, at, aTicket, BEN, CENTRE, codeOf, T0 } from './queue.fixture';
import { Desk } from './desk';
import { Ticket } from './ticket';

describe('Ticket.issue', () => {
  it('numbers the ticket, files it in the queue and starts it waiting', () => {
    const ticket = Ticket.issue({ queue: aQueue(), seq: 7, issuedBy: 'kiosk-1', now: T0, serviceCode: 'DECL', priority: 1 });
    expect(ticket).toMatchObject({
      centreId: CENTRE,
      queueId: 'queue-a',
      serviceDay: '2026-03-10',
      prefix: 'A',
      seq: 7,
      number: 'A007',
      priority: 1,
      status: 'waiting',
      queueEnteredAt: T0,
      issuedAt: T0,
      calledCount: 0,
      version: 1,
    });
    expect(ticket.requests).toEqual([{ id: expect.any(String), serviceCode: 'DECL', channel: 'in_person', quantity: 1, addedAt: T0, addedBy: 'kiosk-1' }]);
    expect(ticket.periods.map((period) => [period.state, period.endedAt])).toEqual([
      ['created', T0],
      ['waiting', undefined],
    ]);
    expect(ticket.lastAction).toBeUndefined();
  });

  it('gives each ticket its own unguessable 32-character tracking token', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => aTicket().trackingToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('marks a checked-in appointment, at the check-in time unless given', () => {
    expect(aTicket({ appointment: { bookingId: 'b-1' } }).appointment).toEqual({ bookingId: 'b-1', checkedInAt: T0 });
    expect(aTicket({ appointment: { bookingId: 'b-1', checkedInAt: at(-30) } }).appointment?.checkedInAt).toEqual(at(-30));
  });

  it('keeps citizen details only when given', () => {
    expect(aTicket().citizen).toBeUndefined();
    expect(aTicket({ citizen: { name: 'Jānis Bērziņš', personalCodeMasked: '010190-*****' } }).citizen).toEqual({ name: 'Jānis Bērziņš', personalCodeMasked: '010190-*****' });
  });

  it('may be issued without a service chosen', () => {
    expect(aTicket({ serviceCode: undefined }).requests).toEqual([]);
  });

  it('refuses an inactive queue, a service the queue does not offer and a bad sequence number', () => {
    expect(codeOf(() => aTicket({ queue: aQueue({ active: false }) }))).toBe('QUEUE.QUEUE_INACTIVE');
    expect(codeOf(() => aTicket({ serviceCode: 'PASS' }))).toBe('QUEUE.SERVICE_NOT_IN_QUEUE');
    expect(codeOf(() => aTicket({ seq: 0 }))).toBe('QUEUE.INVALID_SEQ');
    expect(codeOf(() => aTicket({ seq: 1.5 }))).toBe('QUEUE.INVALID_SEQ');
  });
});

describe('Ticket.call', () => {
  it('calls a waiting ticket to the desk, which takes it', () => {
    const ticket = aTicket();
    const desk = anOpenDesk();
    ticket.call(desk, ANNA, at(60));
    expect(ticket).toMatchObject({ status: 'called', calledCount: 1, lastCalledAt: at(60), deskId: desk.id, clerkId: ANNA });
    expect(ticket.openPeriod()).toMatchObject({ state: 'called', startedAt: at(60), deskId: desk.id, clerkId: ANNA, queueId: 'queue-a' });
    expect(desk.currentTicketId).toBe(ticket.id);
  });

  it.each(['paused', 'break', 'back_office'] as const)('refuses a %s desk', (state) => {
    const desk = anOpenDesk();
    desk.setState(state, T0);
    expect(codeOf(() => aTicket().call(desk, ANNA, at(60)))).toBe('QUEUE.DESK_NOT_OPEN');
  });

  it('refuses a closed desk', () => {
    const desk = Desk.create({ centreId: CENTRE, number: '1' });
    expect(codeOf(() => aTicket().call(desk, ANNA, at(60)))).toBe('QUEUE.DESK_NOT_OPEN');
  });

  it("refuses someone else's desk, a busy desk and a desk of another centre", () => {
    expect(codeOf(() => aTicket().call(anOpenDesk(BEN), ANNA, at(60)))).toBe('QUEUE.NOT_YOUR_DESK');
    const { desk } = aCalledTicket();
    expect(codeOf(() => aTicket().call(desk, ANNA, at(90)))).toBe('QUEUE.DESK_BUSY');
    expect(codeOf(() => aTicket().call(anOpenDesk(ANNA, ['queue-a'], { centreId: 'elsewhere' }), ANNA, at(60)))).toBe('QUEUE.WRONG_CENTRE');
  });

  it('lets only the named clerk call a ticket transferred to them', () => {
    const { ticket, desk } = aCalledTicket();
    ticket.transfer({ toClerkId: BEN, placement: 'last' }, ANNA, at(90));
    desk.syncWith(ticket);
    expect(codeOf(() => ticket.call(desk, ANNA, at(100)))).toBe('QUEUE.TICKET_ASSIGNED_TO_ANOTHER_CLERK');
    ticket.call(anOpenDesk(BEN), BEN, at(100));
    expect(ticket).toMatchObject({ status: 'called', clerkId: BEN });
  });
});

describe('Ticket.recall', () => {
  it('calls again after the delay and counts the call, staying in the same period', () => {
    const { ticket } = aCalledTicket(at(60));
    const period = ticket.openPeriod();
    ticket.recall(ANNA, 300, at(360));
    expect(ticket).toMatchObject({ status: 'called', calledCount: 2, lastCalledAt: at(360) });
    expect(ticket.openPeriod()).toBe(period);
  });

  it('refuses before the delay since the last call, telling when it may', () => {
    const { ticket } = aCalledTicket(at(60));
    ticket.recall(ANNA, 300, at(360));
    try {
      ticket.recall(ANNA, 300, at(500));
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'QUEUE.RECALL_TOO_SOON', kind: 'conflict', extensions: { retryAfterSeconds: 160 } });
    }
    expect(ticket.calledCount).toBe(2);
  });

  it('is for the clerk who called it', () => {
    const { ticket } = aCalledTicket();
    expect(codeOf(() => ticket.recall(BEN, 0, at(600)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });
});

describe('Ticket.markNoShow', () => {
  it('sends the ticket back to wait in its original place while calls remain', () => {
    const { ticket, desk } = aCalledTicket(at(60));
    ticket.markNoShow(ANNA, 2, at(120));
    desk.syncWith(ticket);
    expect(ticket).toMatchObject({ status: 'waiting', queueEnteredAt: T0, calledCount: 1, deskId: undefined, clerkId: undefined });
    expect(ticket.openPeriod()).toMatchObject({ state: 'waiting', startedAt: at(120) });
    expect(desk.currentTicketId).toBeUndefined();
  });

  it('closes it as a no-show after the maximum number of calls', () => {
    const { ticket, desk } = aCalledTicket(at(60));
    ticket.recall(ANNA, 0, at(120));
    ticket.markNoShow(ANNA, 2, at(180));
    desk.syncWith(ticket);
    expect(ticket).toMatchObject({ status: 'no_show', outcome: { kind: 'no_show', stage: 'called' }, closedAt: at(180) });
    expect(ticket.openPeriod()).toBeUndefined();
    expect(desk.currentTicketId).toBeUndefined();
  });

  it('counts calls across returns to the queue', () => {
    const { ticket, desk } = aCalledTicket(at(60));
    ticket.markNoShow(ANNA, 2, at(120));
    desk.syncWith(ticket);
    ticket.call(desk, ANNA, at(180));
    ticket.markNoShow(ANNA, 2, at(240));
    expect(ticket.status).toBe('no_show');
  });

  it('is for the clerk who called it', () => {
    const { ticket } = aCalledTicket();
    expect(codeOf(() => ticket.markNoShow(BEN, 1, at(600)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });
});
