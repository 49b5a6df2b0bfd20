import { aCalledTicket, anOpenDesk, ANNA, at, aTicket, BEN, codeOf, T0 } from './queue.fixture';
import { periodDurations } from './period-durations';
import type { Ticket } from './ticket';

const openPeriods = (ticket: Ticket) => ticket.periods.filter((period) => period.endedAt === undefined);

/** Periods follow each other without gaps: each starts where the previous ended. */
const contiguous = (ticket: Ticket): boolean => ticket.periods.every((period, i) => i === 0 || period.startedAt.getTime() === ticket.periods[i - 1].endedAt?.getTime());

describe('ticket periods', () => {
  it('keeps exactly one open period through a whole visit, and none once closed', () => {
    const ticket = aTicket();
    const desk = anOpenDesk();
    const steps: Array<[string, () => void]> = [
      ['call', () => ticket.call(desk, ANNA, at(60))],
      ['no-show, back to wait', () => ticket.markNoShow(ANNA, 3, at(90))],
      ['sync desk', () => desk.syncWith(ticket)],
      ['call again', () => ticket.call(desk, ANNA, at(120))],
      ['recall', () => ticket.recall(ANNA, 0, at(150))],
      ['start', () => ticket.startService(ANNA, at(180))],
      ['add service', () => void ticket.addService('PASS', 'in_person', 1, ANNA, at(200))],
      ['park', () => ticket.park(ANNA, at(300))],
      ['sync desk', () => desk.syncWith(ticket)],
      ['resume', () => ticket.resume(desk, ANNA, at(400))],
      ['return to queue', () => ticket.returnToQueue(ANNA, at(500))],
      ['sync desk', () => desk.syncWith(ticket)],
      ['call', () => ticket.call(desk, ANNA, at(550))],
      ['start', () => ticket.startService(ANNA, at(560))],
      ['transfer', () => ticket.transfer({ toQueueId: 'queue-b', placement: 'first' }, ANNA, at(600))],
      ['sync desk', () => desk.syncWith(ticket)],
      ['undo transfer', () => ticket.undoLast(ANNA, at(605), 30)],
    ];
    expect(openPeriods(ticket)).toHaveLength(1);
    for (const [, step] of steps) {
      step();
      expect(openPeriods(ticket)).toHaveLength(1);
    }
    ticket.finish({ kind: 'served' }, ANNA, at(900));
    expect(openPeriods(ticket)).toHaveLength(0);
    expect(contiguous(ticket)).toBe(true);
    expect(ticket.periods.map((period) => period.state)).toEqual([
      'created', 'waiting', 'called', 'waiting', 'called', 'serving', 'parked', 'serving', 'waiting', 'called', 'serving',
    ]);
  });

  it('closes the open period when a ticket closes in each way', () => {
    const left = aTicket();
    left.finish({ kind: 'left_before_service' }, BEN, at(60));
    expect(openPeriods(left)).toHaveLength(0);
    const missed = aCalledTicket().ticket;
    missed.markNoShow(ANNA, 1, at(600));
    expect(openPeriods(missed)).toHaveLength(0);
    expect(missed.periods.at(-1)).toMatchObject({ state: 'called', endedAt: at(600) });
  });

  it('flags a period left running over midnight (Riga time) as inaccurate', () => {
    const evening = new Date('2026-03-10T21:50:00Z'); // 23:50 in Riga
    const ticket = aTicket({ now: evening });
    const desk = anOpenDesk();
    ticket.call(desk, ANNA, new Date('2026-03-10T22:05:00Z')); // 00:05 the next day
    expect(ticket.periods[1]).toMatchObject({ state: 'waiting', accurate: false });
    expect(ticket.openPeriod()?.accurate).toBe(true);
  });

  it('lets a clerk flag a timing as inaccurate, even after closing', () => {
    const { ticket } = aCalledTicket(at(60));
    ticket.finish({ kind: 'left_before_service' }, ANNA, at(90));
    const version = ticket.version;
    expect(ticket.markInaccurate(ticket.periods[2].id)).toBe(true);
    expect(ticket.periods[2].accurate).toBe(false);
    expect(ticket.version).toBe(version + 1);
    expect(ticket.markInaccurate(ticket.periods[2].id)).toBe(false); // already flagged: no change
    expect(ticket.version).toBe(version + 1);
    expect(codeOf(() => ticket.markInaccurate('nope'))).toBe('QUEUE.PERIOD_NOT_FOUND');
  });
});

describe('periodDurations', () => {
  function aFullVisit(): Ticket {
    const ticket = aTicket();
    const desk = anOpenDesk();
    ticket.call(desk, ANNA, at(600)); // waited 10 min
    ticket.startService(ANNA, at(660)); // walked 1 min
    ticket.park(ANNA, at(960)); // served 5 min
    desk.syncWith(ticket);
    ticket.resume(desk, ANNA, at(1260)); // held 5 min
    ticket.returnToQueue(ANNA, at(1380)); // served 2 min
    desk.syncWith(ticket);
    ticket.call(desk, ANNA, at(1500)); // waited 2 min
    ticket.startService(ANNA, at(1530)); // walked 30 s
    ticket.finish({ kind: 'served' }, ANNA, at(1830)); // served 5 min
    return ticket;
  }

  it('sums wait, walk, service and hold time over the periods', () => {
    expect(periodDurations(aFullVisit())).toEqual({ waitMs: 720_000, walkMs: 90_000, serviceMs: 720_000, holdMs: 300_000 });
  });

  it('leaves out periods marked inaccurate', () => {
    const ticket = aFullVisit();
    const firstWait = ticket.periods.find((period) => period.state === 'waiting')!;
    const parked = ticket.periods.find((period) => period.state === 'parked')!;
    ticket.markInaccurate(firstWait.id);
    ticket.markInaccurate(parked.id);
    expect(periodDurations(ticket)).toEqual({ waitMs: 120_000, walkMs: 90_000, serviceMs: 720_000, holdMs: 0 });
  });

  it('counts the open period up to now only when asked', () => {
    const ticket = aTicket();
    expect(periodDurations(ticket)).toEqual({ waitMs: 0, walkMs: 0, serviceMs: 0, holdMs: 0 });
    expect(periodDurations(ticket, at(300)).waitMs).toBe(300_000);
  });

  it('ignores the instant creation period', () => {
    expect(periodDurations({ periods: [{ id: 'p', state: 'created', startedAt: T0, endedAt: at(5), queueId: 'q', accurate: true }] })).toEqual({
      waitMs: 0,
      walkMs: 0,
      serviceMs: 0,
      holdMs: 0,
    });
  });
});
