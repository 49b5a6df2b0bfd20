import { Desk } from './desk';
import { aCalledTicket, anOpenDesk, ANNA, at, aTicket, BEN, CENTRE, codeOf, T0 } from './queue.fixture';

const aClosedDesk = () => Desk.create({ id: 'desk-1', centreId: CENTRE, number: '3' });

describe('Desk', () => {
  it('starts closed, with no clerk and no ticket', () => {
    const desk = aClosedDesk();
    expect(desk).toMatchObject({ state: 'closed', queueIds: [], version: 1 });
    expect(desk.clerkId).toBeUndefined();
    expect(desk.isBusy()).toBe(false);
  });

  it('opens for a clerk with the queues it serves', () => {
    const desk = aClosedDesk();
    desk.open(ANNA, ['queue-a', 'queue-b', 'queue-a'], T0);
    expect(desk).toMatchObject({ state: 'open', clerkId: ANNA, queueIds: ['queue-a', 'queue-b'], stateChangedAt: T0, version: 2 });
  });

  it('needs at least one queue', () => {
    expect(codeOf(() => aClosedDesk().open(ANNA, [], T0))).toBe('QUEUE.DESK_NEEDS_QUEUES');
  });

  it('lets its clerk change the queues, but not another clerk take it over', () => {
    const desk = anOpenDesk(ANNA, ['queue-a']);
    desk.open(ANNA, ['queue-b'], at(60));
    expect(desk.queueIds).toEqual(['queue-b']);
    expect(desk.stateChangedAt).toEqual(T0);
    expect(codeOf(() => desk.open(BEN, ['queue-a'], at(60)))).toBe('QUEUE.DESK_TAKEN');
    desk.setState('break', at(90));
    expect(codeOf(() => desk.open(BEN, ['queue-a'], at(100)))).toBe('QUEUE.DESK_TAKEN');
  });

  it.each(['paused', 'break', 'back_office'] as const)('goes %s and back to open while free', (state) => {
    const desk = anOpenDesk();
    desk.setState(state, at(60));
    expect(desk).toMatchObject({ state, clerkId: ANNA, stateChangedAt: at(60) });
    desk.setState('open', at(120));
    expect(desk).toMatchObject({ state: 'open', stateChangedAt: at(120) });
  });

  it('closes while free, letting the clerk go', () => {
    const desk = anOpenDesk();
    desk.close(at(60));
    expect(desk).toMatchObject({ state: 'closed', clerkId: undefined, stateChangedAt: at(60) });
    const viaState = anOpenDesk();
    viaState.setState('closed', at(60));
    expect(viaState.state).toBe('closed');
  });

  it.each(['paused', 'break', 'back_office', 'closed'] as const)('cannot go %s with a called ticket', (state) => {
    const { desk } = aCalledTicket();
    expect(codeOf(() => desk.setState(state, at(90)))).toBe('QUEUE.DESK_BUSY');
    expect(desk.state).toBe('open');
  });

  it('cannot close while serving', () => {
    const { ticket, desk } = aCalledTicket();
    ticket.startService(ANNA, at(90));
    expect(codeOf(() => desk.close(at(100)))).toBe('QUEUE.DESK_BUSY');
  });

  it('must be opened, not switched, from closed', () => {
    expect(codeOf(() => aClosedDesk().setState('open', T0))).toBe('QUEUE.DESK_CLOSED');
    expect(codeOf(() => aClosedDesk().setState('paused', T0))).toBe('QUEUE.DESK_CLOSED');
  });

  describe('switchState (the desk-state command)', () => {
    it.each(['paused', 'break', 'back_office'] as const)('lets its clerk go %s, come back open, or close from there', (state) => {
      const desk = anOpenDesk(ANNA);
      desk.switchState(ANNA, state, at(60));
      expect(desk.state).toBe(state);
      desk.switchState(ANNA, 'open', at(120));
      expect(desk).toMatchObject({ state: 'open', clerkId: ANNA, stateChangedAt: at(120) });
      desk.switchState(ANNA, state, at(180));
      desk.switchState(ANNA, 'closed', at(240));
      expect(desk).toMatchObject({ state: 'closed', clerkId: undefined, stateChangedAt: at(240) });
    });

    it('refuses another clerk, in any state but closed', () => {
      const desk = anOpenDesk(ANNA);
      expect(codeOf(() => desk.switchState(BEN, 'paused', at(60)))).toBe('QUEUE.NOT_YOUR_DESK');
      desk.switchState(ANNA, 'break', at(60));
      expect(codeOf(() => desk.switchState(BEN, 'open', at(90)))).toBe('QUEUE.NOT_YOUR_DESK');
      expect(codeOf(() => desk.switchState(BEN, 'closed', at(90)))).toBe('QUEUE.NOT_YOUR_DESK');
      expect(desk).toMatchObject({ state: 'break', clerkId: ANNA });
    });

    it('treats closing a closed desk as done, and any other switch of it as refused', () => {
      const desk = aClosedDesk();
      desk.switchState(BEN, 'closed', at(60));
      expect(desk).toMatchObject({ state: 'closed', version: 1 });
      expect(codeOf(() => desk.switchState(ANNA, 'open', at(60)))).toBe('QUEUE.DESK_CLOSED');
    });

    it('keeps a desk that holds a ticket open', () => {
      const { desk } = aCalledTicket();
      expect(codeOf(() => desk.switchState(ANNA, 'paused', at(90)))).toBe('QUEUE.DESK_BUSY');
      expect(codeOf(() => desk.switchState(ANNA, 'closed', at(90)))).toBe('QUEUE.DESK_BUSY');
      desk.switchState(ANNA, 'open', at(90));
      expect(desk.state).toBe('open');
    });
  });

  describe('syncWith', () => {
    it('takes a ticket called or served here and lets it go otherwise', () => {
      const { ticket, desk } = aCalledTicket();
      expect(desk.currentTicketId).toBe(ticket.id);
      ticket.startService(ANNA, at(90));
      desk.syncWith(ticket);
      expect(desk.currentTicketId).toBe(ticket.id);
      ticket.finish({ kind: 'served' }, ANNA, at(300));
      desk.syncWith(ticket);
      expect(desk.currentTicketId).toBeUndefined();
    });

    it('leaves alone a ticket it does not hold', () => {
      const { desk } = aCalledTicket();
      const held = desk.currentTicketId;
      const version = desk.version;
      desk.syncWith(aTicket());
      expect(desk).toMatchObject({ currentTicketId: held, version });
    });
  });
});
