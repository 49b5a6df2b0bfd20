import { chooseNextTicket } from './choose-next-ticket';
import { earliestWaitingAt, positionOf } from './position-of';
import { anOpenDesk, ANNA, aQueue, at, aTicket, BEN, CENTRE } from './queue.fixture';
import { ServiceQueue } from './service-queue';
import type { Ticket, IssueTicketInput } from './ticket';

const queueB = ServiceQueue.create({ id: 'queue-b', centreId: CENTRE, nameLv: 'Pases', nameEn: 'Passports', prefix: 'B', serviceCodes: ['PASS'] });
const queueC = ServiceQueue.create({ id: 'queue-c', centreId: CENTRE, nameLv: 'Sociālie pakalpojumi', nameEn: 'Social services', prefix: 'C', serviceCodes: ['SOC'] });

const ticketAt = (seconds: number, overrides: Partial<IssueTicketInput> = {}): Ticket => aTicket({ now: at(seconds), serviceCode: undefined, ...overrides });
const desk = () => anOpenDesk(ANNA, ['queue-a']);
const next = (tickets: Ticket[], fallbackQueueIds: string[] = []) => chooseNextTicket(tickets, desk(), ANNA, { fallbackQueueIds });

describe('chooseNextTicket', () => {
  it('takes the earliest waiting ticket', () => {
    const first = ticketAt(10);
    expect(next([ticketAt(30), first, ticketAt(20)])).toBe(first);
  });

  it('puts higher priority before earlier arrival', () => {
    const priority = ticketAt(30, { priority: 1 });
    const high = ticketAt(40, { priority: 2 });
    expect(next([ticketAt(10), priority])).toBe(priority);
    expect(next([ticketAt(10), priority, high])).toBe(high);
  });

  it('puts checked-in appointments before everyone, even high priority', () => {
    const appointment = ticketAt(50, { appointment: { bookingId: 'b-1' } });
    expect(next([ticketAt(10, { priority: 2 }), appointment, ticketAt(5)])).toBe(appointment);
  });

  it('orders appointments among themselves by priority, then time', () => {
    const early = ticketAt(10, { appointment: { bookingId: 'b-1' } });
    const late = ticketAt(20, { appointment: { bookingId: 'b-2' } });
    const elderly = ticketAt(30, { appointment: { bookingId: 'b-3' }, priority: 1 });
    expect(next([late, early])).toBe(early);
    expect(next([late, early, elderly])).toBe(elderly);
  });

  it('breaks ties deterministically by seq', () => {
    const a = ticketAt(10, { seq: 12 });
    const b = ticketAt(10, { seq: 11 });
    expect(next([a, b])).toBe(b);
    expect(next([b, a])).toBe(b);
  });

  it('considers only waiting tickets', () => {
    const called = ticketAt(1);
    called.call(anOpenDesk(BEN), BEN, at(2));
    const left = ticketAt(2);
    left.finish({ kind: 'left_before_service' }, BEN, at(3));
    const waiting = ticketAt(50);
    expect(next([called, left, waiting])).toBe(waiting);
    expect(next([called, left])).toBeNull();
  });

  it("skips tickets assigned to another clerk and takes those assigned to this one, from any queue", () => {
    const forBen = ticketAt(1);
    forBen.transfer({ toClerkId: BEN, placement: 'original' }, ANNA, at(2));
    const forAnnaInB = ticketAt(20, { queue: queueB });
    forAnnaInB.transfer({ toClerkId: ANNA, placement: 'original' }, BEN, at(21));
    const plain = ticketAt(30);
    expect(next([forBen, plain])).toBe(plain);
    expect(next([forBen, forAnnaInB, plain])).toBe(forAnnaInB);
    expect(chooseNextTicket([forBen, plain], anOpenDesk(BEN), BEN, { fallbackQueueIds: [] })).toBe(forBen);
  });

  it("prefers the desk's own queues over an earlier or higher-priority ticket elsewhere", () => {
    const own = ticketAt(100);
    const other = ticketAt(1, { queue: queueB, priority: 2, appointment: { bookingId: 'b-1' } });
    expect(next([other, own], ['queue-b'])).toBe(own);
  });

  it('falls back to the other queues the clerk may serve, in the same order', () => {
    const inB = ticketAt(20, { queue: queueB });
    const inBPriority = ticketAt(30, { queue: queueB, priority: 1 });
    const inC = ticketAt(1, { queue: queueC });
    expect(next([inB, inC])).toBeNull();
    expect(next([inB, inC], ['queue-b'])).toBe(inB);
    expect(next([inB, inBPriority, inC], ['queue-b', 'queue-c'])).toBe(inBPriority);
    expect(next([inB, inC], ['queue-b', 'queue-c'])).toBe(inC);
  });

  it('ignores tickets of other centres', () => {
    const elsewhere = ticketAt(1, { queue: aQueue({ centreId: 'centre-2' }) });
    expect(next([elsewhere])).toBeNull();
  });

  it('returns null when nothing is waiting', () => {
    expect(next([])).toBeNull();
  });
});

describe('positionOf', () => {
  it('counts the waiting tickets of the same queue ahead in call order', () => {
    const first = ticketAt(10);
    const second = ticketAt(20);
    const priority = ticketAt(30, { priority: 1 });
    const mine = ticketAt(40);
    const after = ticketAt(50);
    const otherQueue = ticketAt(1, { queue: queueB });
    const all = [after, mine, priority, second, first, otherQueue];
    expect(positionOf(mine, all)).toBe(3);
    expect(positionOf(priority, all)).toBe(0);
    expect(positionOf(first, all)).toBe(1);
    expect(positionOf(otherQueue, all)).toBe(0);
  });

  it('agrees with chooseNextTicket: position 0 is called next', () => {
    const tickets = [ticketAt(30), ticketAt(10, { priority: 1 }), ticketAt(5, { appointment: { bookingId: 'b' } }), ticketAt(10, { seq: 900 }), ticketAt(10, { seq: 899 })];
    const remaining = [...tickets];
    while (remaining.length > 0) {
      const chosen = next(remaining)!;
      expect(positionOf(chosen, remaining)).toBe(0);
      remaining.splice(remaining.indexOf(chosen), 1);
    }
  });

  it('is null once the ticket is no longer waiting', () => {
    const ticket = ticketAt(10);
    ticket.call(desk(), ANNA, at(20));
    expect(positionOf(ticket, [ticket])).toBeNull();
  });
});

describe('earliestWaitingAt', () => {
  it('finds the earliest place in a queue, for a transfer placed first', () => {
    const tickets = [ticketAt(30), ticketAt(10), ticketAt(5, { queue: queueB })];
    expect(earliestWaitingAt(tickets, 'queue-a')).toEqual(at(10));
    expect(earliestWaitingAt(tickets, 'queue-c')).toBeUndefined();
  });

  it('lets a ticket transferred first be called next', () => {
    const waiting = [ticketAt(10), ticketAt(20)];
    const transferred = ticketAt(0, { queue: queueB });
    transferred.transfer({ toQueueId: 'queue-a', placement: 'first', earliestWaitingAt: earliestWaitingAt(waiting, 'queue-a') }, BEN, at(500));
    expect(next([...waiting, transferred])).toBe(transferred);
  });
});
