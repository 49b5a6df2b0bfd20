import { chooseNextTicket } from './choose-next-ticket';
import { aCalledTicket, anOpenDesk, ANNA, aServedTicket, at, aTicket, BEN, codeOf } from './queue.fixture';

describe('Ticket.setPriority', () => {
  it('raises a waiting ticket ahead of earlier arrivals from then on', () => {
    const early = aTicket({ now: at(10) });
    const later = aTicket({ now: at(20) });
    const desk = () => anOpenDesk(ANNA, ['queue-a']);
    expect(chooseNextTicket([early, later], desk(), ANNA, { fallbackQueueIds: [] })).toBe(early);
    const version = later.version;
    expect(later.setPriority(2, BEN, at(30))).toBe(true);
    expect(later.priority).toBe(2);
    expect(later.version).toBe(version + 1);
    expect(later.lastAction).toMatchObject({ name: 'set_priority', by: BEN });
    expect(chooseNextTicket([early, later], desk(), ANNA, { fallbackQueueIds: [] })).toBe(later);
    // Its place in time is kept: lowering it again puts it back behind the earlier arrival.
    expect(later.setPriority(0, BEN, at(40))).toBe(true);
    expect(chooseNextTicket([early, later], desk(), ANNA, { fallbackQueueIds: [] })).toBe(early);
  });

  it('changes nothing when the level is already set', () => {
    const ticket = aTicket({ priority: 1 });
    const version = ticket.version;
    expect(ticket.setPriority(1, ANNA, at(5))).toBe(false);
    expect(ticket.version).toBe(version);
    expect(ticket.lastAction).toBeUndefined();
  });

  it('is allowed at the desk too, and its clerk may undo it within the window', () => {
    const { ticket } = aServedTicket(at(120));
    ticket.setPriority(1, ANNA, at(130));
    expect(codeOf(() => ticket.undoLast(BEN, at(131), 30))).toBe('QUEUE.UNDO_NOT_YOURS');
    expect(ticket.undoLast(ANNA, at(131), 30)).toBe('set_priority');
    expect(ticket.priority).toBe(0);
    expect(ticket.status).toBe('serving');
  });

  it('refuses a closed visit', () => {
    const { ticket } = aCalledTicket(at(60));
    ticket.finish({ kind: 'left_before_service' }, ANNA, at(90));
    expect(codeOf(() => ticket.setPriority(2, ANNA, at(100)))).toBe('QUEUE.TICKET_CLOSED');
    expect(ticket.priority).toBe(0);
  });
});
