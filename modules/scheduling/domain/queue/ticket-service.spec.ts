import { aCalledTicket, anOpenDesk, ANNA, aParkedTicket, aServedTicket, at, aTicket, BEN, codeOf, T0 } from './queue.fixture';

describe('Ticket.startService', () => {
  it('starts serving at the calling desk', () => {
    const { ticket, desk } = aCalledTicket(at(60));
    ticket.startService(ANNA, at(90));
    expect(ticket.status).toBe('serving');
    expect(ticket.openPeriod()).toMatchObject({ state: 'serving', startedAt: at(90), deskId: desk.id, clerkId: ANNA });
    expect(desk.currentTicketId).toBe(ticket.id);
  });

  it('is for the clerk who called it', () => {
    const { ticket } = aCalledTicket();
    expect(codeOf(() => ticket.startService(BEN, at(90)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });
});

describe('Ticket.addService', () => {
  it('records another service received during the visit', () => {
    const { ticket } = aServedTicket();
    const request = ticket.addService('PASS', 'assisted_eservice', 2, ANNA, at(200));
    expect(ticket.requests).toHaveLength(2);
    expect(ticket.requests[1]).toEqual({ id: request.id, serviceCode: 'PASS', channel: 'assisted_eservice', quantity: 2, addedAt: at(200), addedBy: ANNA });
  });

  it.each([0, -1, 1.5])('refuses quantity %p', (quantity) => {
    const { ticket } = aServedTicket();
    expect(codeOf(() => ticket.addService('PASS', 'in_person', quantity, ANNA, at(200)))).toBe('QUEUE.INVALID_QUANTITY');
  });

  it('is for the serving clerk', () => {
    const { ticket } = aServedTicket();
    expect(codeOf(() => ticket.addService('PASS', 'in_person', 1, BEN, at(200)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });
});

describe('Ticket.park and resume', () => {
  it('parks a served ticket, freeing the desk, with the reason', () => {
    const { ticket, desk } = aServedTicket();
    ticket.park(ANNA, at(300), 'fetching passport');
    desk.syncWith(ticket);
    expect(ticket).toMatchObject({ status: 'parked', parkReason: 'fetching passport', deskId: undefined, clerkId: ANNA });
    expect(ticket.openPeriod()).toMatchObject({ state: 'parked', startedAt: at(300), clerkId: ANNA });
    expect(desk.currentTicketId).toBeUndefined();
  });

  it('only the serving clerk parks', () => {
    const { ticket } = aServedTicket();
    expect(codeOf(() => ticket.park(BEN, at(300)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });

  it('resumes at any clerk’s open, free desk', () => {
    const { ticket } = aParkedTicket();
    const bensDesk = anOpenDesk(BEN);
    ticket.resume(bensDesk, BEN, at(900));
    expect(ticket).toMatchObject({ status: 'serving', deskId: bensDesk.id, clerkId: BEN, parkReason: undefined });
    expect(ticket.openPeriod()).toMatchObject({ state: 'serving', deskId: bensDesk.id, clerkId: BEN });
    expect(bensDesk.currentTicketId).toBe(ticket.id);
  });

  it('resumes only at an open, free desk of the resuming clerk', () => {
    const { ticket } = aParkedTicket();
    const paused = anOpenDesk(BEN);
    paused.setState('paused', T0);
    expect(codeOf(() => ticket.resume(paused, BEN, at(900)))).toBe('QUEUE.DESK_NOT_OPEN');
    expect(codeOf(() => ticket.resume(anOpenDesk(BEN), ANNA, at(900)))).toBe('QUEUE.NOT_YOUR_DESK');
    const { desk: busy } = aCalledTicket();
    expect(codeOf(() => ticket.resume(busy, ANNA, at(900)))).toBe('QUEUE.DESK_BUSY');
  });
});

describe('Ticket.returnToQueue', () => {
  it.each([
    ['called', aCalledTicket],
    ['served', aServedTicket],
  ] as const)('puts a %s ticket back in its original place', (_, make) => {
    const { ticket, desk } = make();
    ticket.returnToQueue(ANNA, at(400));
    desk.syncWith(ticket);
    expect(ticket).toMatchObject({ status: 'waiting', queueId: 'queue-a', queueEnteredAt: T0, deskId: undefined, clerkId: undefined });
    expect(ticket.openPeriod()).toMatchObject({ state: 'waiting', startedAt: at(400) });
    expect(desk.currentTicketId).toBeUndefined();
  });

  it('is for the clerk at the desk', () => {
    const { ticket } = aServedTicket();
    expect(codeOf(() => ticket.returnToQueue(BEN, at(400)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });
});

describe('Ticket.finish', () => {
  it('finishes a served ticket as served', () => {
    const { ticket, desk } = aServedTicket();
    ticket.finish({ kind: 'served' }, ANNA, at(900));
    desk.syncWith(ticket);
    expect(ticket).toMatchObject({ status: 'finished', outcome: { kind: 'served' }, closedAt: at(900), deskId: desk.id, clerkId: ANNA });
    expect(ticket.openPeriod()).toBeUndefined();
    expect(ticket.periods.at(-1)).toMatchObject({ state: 'serving', endedAt: at(900) });
    expect(desk.currentTicketId).toBeUndefined();
  });

  it('finishes as not served only with a reason', () => {
    const { ticket } = aServedTicket();
    expect(codeOf(() => ticket.finish({ kind: 'not_served', reason: '  ' }, ANNA, at(900)))).toBe('QUEUE.REASON_REQUIRED');
    ticket.finish({ kind: 'not_served', reason: ' no identity document ' }, ANNA, at(900));
    expect(ticket.outcome).toEqual({ kind: 'not_served', reason: 'no identity document' });
  });

  it.each([
    ['waiting', () => aTicket()],
    ['called', () => aCalledTicket().ticket],
    ['parked', () => aParkedTicket().ticket],
  ] as const)('records a %s citizen who left before service, with the stage', (stage, make) => {
    const ticket = make();
    ticket.finish({ kind: 'left_before_service', reason: 'could not wait' }, ANNA, at(900));
    expect(ticket).toMatchObject({ status: 'left', outcome: { kind: 'left_before_service', reason: 'could not wait', stage }, closedAt: at(900) });
    expect(ticket.openPeriod()).toBeUndefined();
  });

  it('lets anyone record that a waiting or parked citizen left, but only the desk’s clerk a called or served one', () => {
    aTicket().finish({ kind: 'left_before_service' }, BEN, at(900));
    aParkedTicket().ticket.finish({ kind: 'left_before_service' }, BEN, at(900));
    expect(codeOf(() => aCalledTicket().ticket.finish({ kind: 'left_before_service' }, BEN, at(900)))).toBe('QUEUE.NOT_YOUR_TICKET');
    expect(codeOf(() => aServedTicket().ticket.finish({ kind: 'served' }, BEN, at(900)))).toBe('QUEUE.NOT_YOUR_TICKET');
  });
});
