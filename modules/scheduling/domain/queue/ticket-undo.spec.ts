import { aCalledTicket, anOpenDesk, ANNA, aServedTicket, at, aTicket, BEN, codeOf, T0 } from './queue.fixture';

describe('Ticket.undoLast', () => {
  it('takes back a call within the window; the desk lets go on sync', () => {
    const ticket = aTicket();
    const desk = anOpenDesk();
    const before = JSON.parse(JSON.stringify({ ...ticket, version: 0, lastAction: null }));
    ticket.call(desk, ANNA, at(60));
    expect(ticket.undoLast(ANNA, at(70), 30)).toBe('call');
    desk.syncWith(ticket);
    expect(JSON.parse(JSON.stringify({ ...ticket, version: 0, lastAction: null }))).toEqual(before);
    expect(ticket.status).toBe('waiting');
    expect(ticket.openPeriod()).toMatchObject({ state: 'waiting', startedAt: T0 });
    expect(desk.currentTicketId).toBeUndefined();
  });

  it('bumps the version instead of restoring it', () => {
    const { ticket } = aCalledTicket(at(60));
    const version = ticket.version;
    ticket.undoLast(ANNA, at(61), 30);
    expect(ticket.version).toBe(version + 1);
  });

  it('accepts the action exactly at the edge of the window and refuses it after', () => {
    const edge = aCalledTicket(at(60)).ticket;
    edge.undoLast(ANNA, at(90), 30);
    const late = aCalledTicket(at(60)).ticket;
    expect(codeOf(() => late.undoLast(ANNA, at(91), 30))).toBe('QUEUE.UNDO_WINDOW_PASSED');
    expect(late.status).toBe('called');
  });

  it("refuses another clerk's action", () => {
    const { ticket } = aCalledTicket(at(60));
    expect(codeOf(() => ticket.undoLast(BEN, at(61), 30))).toBe('QUEUE.UNDO_NOT_YOURS');
  });

  it('undoes one step only', () => {
    const { ticket } = aServedTicket(at(120));
    ticket.undoLast(ANNA, at(121), 30);
    expect(ticket.status).toBe('called');
    expect(codeOf(() => ticket.undoLast(ANNA, at(122), 30))).toBe('QUEUE.NOTHING_TO_UNDO');
  });

  it('has nothing to undo on a fresh ticket', () => {
    expect(codeOf(() => aTicket().undoLast(ANNA, at(1), 30))).toBe('QUEUE.NOTHING_TO_UNDO');
  });

  it('takes back a transfer, restoring queue, place, desk and assignment', () => {
    const { ticket, desk } = aServedTicket(at(120));
    ticket.transfer({ toQueueId: 'queue-b', toClerkId: BEN, placement: 'last' }, ANNA, at(600));
    desk.syncWith(ticket);
    ticket.undoLast(ANNA, at(610), 30);
    desk.syncWith(ticket);
    expect(ticket).toMatchObject({ status: 'serving', queueId: 'queue-a', queueEnteredAt: T0, deskId: desk.id, clerkId: ANNA, assignedClerkId: undefined });
    expect(ticket.openPeriod()).toMatchObject({ state: 'serving', startedAt: at(120) });
    expect(desk.currentTicketId).toBe(ticket.id);
  });

  it('cannot put a ticket back on a desk that has since taken another', () => {
    const { ticket, desk } = aCalledTicket(at(60));
    ticket.returnToQueue(ANNA, at(70));
    desk.syncWith(ticket);
    aTicket().call(desk, ANNA, at(75));
    ticket.undoLast(ANNA, at(80), 30);
    expect(codeOf(() => desk.syncWith(ticket))).toBe('QUEUE.DESK_BUSY');
  });

  it('takes back a recall, a no-show return and an added service', () => {
    const { ticket } = aCalledTicket(at(60));
    ticket.recall(ANNA, 0, at(70));
    ticket.undoLast(ANNA, at(71), 30);
    expect(ticket).toMatchObject({ calledCount: 1, lastCalledAt: at(60) });

    ticket.markNoShow(ANNA, 3, at(80));
    ticket.undoLast(ANNA, at(81), 30);
    expect(ticket).toMatchObject({ status: 'called', clerkId: ANNA });

    ticket.startService(ANNA, at(90));
    ticket.addService('PASS', 'in_person', 1, ANNA, at(100));
    ticket.undoLast(ANNA, at(101), 30);
    expect(ticket.requests.map((request) => request.serviceCode)).toEqual(['DECL']);
  });

  it('keeps a period flagged inaccurate since the action', () => {
    const { ticket } = aCalledTicket(at(60));
    const waiting = ticket.periods[1];
    ticket.markInaccurate(waiting.id);
    ticket.undoLast(ANNA, at(61), 30);
    expect(ticket.periods.find((period) => period.id === waiting.id)?.accurate).toBe(false);
  });

  it('never reopens a closed ticket: finish and a final no-show stay', () => {
    const { ticket } = aServedTicket();
    ticket.finish({ kind: 'served' }, ANNA, at(600));
    expect(codeOf(() => ticket.undoLast(ANNA, at(601), 30))).toBe('QUEUE.TICKET_CLOSED');
    const missed = aCalledTicket().ticket;
    missed.markNoShow(ANNA, 1, at(600));
    expect(codeOf(() => missed.undoLast(ANNA, at(601), 30))).toBe('QUEUE.TICKET_CLOSED');
  });

  it('keeps no undo snapshot once the ticket is closed (finish, left before service, final no-show); a closed one with an old snapshot still refuses', () => {
    const served = aServedTicket().ticket;
    expect(served.lastAction?.name).toBe('start_service');
    served.finish({ kind: 'served' }, ANNA, at(600));
    expect(served.lastAction).toBeUndefined();
    const left = aTicket();
    left.finish({ kind: 'left_before_service' }, ANNA, at(30));
    expect(left.isClosed()).toBe(true);
    expect(left.lastAction).toBeUndefined();
    const missed = aCalledTicket().ticket;
    missed.markNoShow(ANNA, 1, at(600));
    expect(missed.lastAction).toBeUndefined();
    // A no-show that only sends the ticket back keeps its snapshot (it can be undone).
    const back = aCalledTicket().ticket;
    back.markNoShow(ANNA, 3, at(600));
    expect(back.lastAction?.name).toBe('mark_no_show');

    // Rows stored before this change still hold a closed ticket's snapshot: refused all the same.
    const old = aServedTicket().ticket;
    const snapshot = old.lastAction!;
    old.finish({ kind: 'served' }, ANNA, at(600));
    old.lastAction = { ...snapshot, name: 'finish', at: at(600) };
    expect(codeOf(() => old.undoLast(ANNA, at(601), 30))).toBe('QUEUE.TICKET_CLOSED');
  });

  it('restores a snapshot read back from JSON', () => {
    const { ticket } = aCalledTicket(at(60));
    const action = ticket.lastAction!;
    ticket.lastAction = { ...action, before: JSON.parse(JSON.stringify(action.before)) };
    ticket.undoLast(ANNA, at(61), 30);
    expect(ticket.queueEnteredAt).toEqual(T0);
    expect(ticket.periods[0].startedAt).toBeInstanceOf(Date);
    expect(ticket.periods[1]).toMatchObject({ state: 'waiting', startedAt: T0 });
    expect(ticket.periods[1].endedAt).toBeUndefined();
  });
});
