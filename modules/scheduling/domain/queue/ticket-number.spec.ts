import { codeOf } from './queue.fixture';
import { formatTicketNumber, serviceDayOf, ticketSeriesKey } from './ticket-number';
import { aQueue, aTicket, anOpenDesk, ANNA } from './queue.fixture';

describe('formatTicketNumber', () => {
  it.each([
    ['A', 1, 'A001'],
    ['A', 7, 'A007'],
    ['B', 42, 'B042'],
    ['C', 999, 'C999'],
    ['D', 1000, 'D1000'],
    ['Z', 9999, 'Z9999'],
  ])('%s + %i → %s', (prefix, seq, expected) => {
    expect(formatTicketNumber(prefix, seq)).toBe(expected);
  });

  it('refuses a sequence number that is not a positive whole number', () => {
    expect(codeOf(() => formatTicketNumber('A', 0))).toBe('QUEUE.INVALID_SEQ');
    expect(codeOf(() => formatTicketNumber('A', -1))).toBe('QUEUE.INVALID_SEQ');
  });
});

describe('serviceDayOf (Europe/Riga)', () => {
  it.each([
    // winter, UTC+2
    ['2026-01-15T21:59:59Z', '2026-01-15'],
    ['2026-01-15T22:00:00Z', '2026-01-16'],
    // summer, UTC+3
    ['2026-07-15T20:59:59Z', '2026-07-15'],
    ['2026-07-15T21:00:00Z', '2026-07-16'],
    // spring forward, 29 March 2026 03:00 → 04:00 local
    ['2026-03-28T21:59:59Z', '2026-03-28'],
    ['2026-03-28T22:00:00Z', '2026-03-29'],
    ['2026-03-29T21:00:00Z', '2026-03-30'],
    // fall back, 25 October 2026 04:00 → 03:00 local
    ['2026-10-24T20:59:59Z', '2026-10-24'],
    ['2026-10-24T21:00:00Z', '2026-10-25'],
    ['2026-10-25T00:30:00Z', '2026-10-25'], // 03:30, first pass
    ['2026-10-25T01:30:00Z', '2026-10-25'], // 03:30, second pass
    ['2026-10-25T21:59:59Z', '2026-10-25'],
    ['2026-10-25T22:00:00Z', '2026-10-26'],
  ])('%s is on %s', (instant, day) => {
    expect(serviceDayOf(new Date(instant))).toBe(day);
  });
});

describe('numbering across midnight', () => {
  it('keeps the service day of a ticket still open after midnight; a new ticket starts the next series', () => {
    const queue = aQueue();
    const late = aTicket({ queue, seq: 57, now: new Date('2026-03-10T21:55:00Z') }); // 23:55
    late.call(anOpenDesk(), ANNA, new Date('2026-03-10T22:10:00Z')); // 00:10, still served
    const early = aTicket({ queue, seq: 1, now: new Date('2026-03-10T22:15:00Z') }); // 00:15
    expect(late).toMatchObject({ serviceDay: '2026-03-10', number: 'A057', status: 'called' });
    expect(early).toMatchObject({ serviceDay: '2026-03-11', number: 'A001' });
    expect(ticketSeriesKey(late)).toBe('centre-1:2026-03-10:A');
    expect(ticketSeriesKey(early)).toBe('centre-1:2026-03-11:A');
  });

  it('starts a new series at local midnight on the night the clocks go forward', () => {
    const before = aTicket({ seq: 3, now: new Date('2026-03-28T21:59:00Z') }); // 23:59 EET
    const after = aTicket({ seq: 1, now: new Date('2026-03-28T22:01:00Z') }); // 00:01 EET, then 04:00 EEST
    expect(ticketSeriesKey(before)).not.toBe(ticketSeriesKey(after));
    expect(after.serviceDay).toBe('2026-03-29');
  });
});
