import { agendasOf } from './booking.service';
import type { BlockingGroups } from '../../infrastructure/persistence/calendar.repository';

const at = (iso: string): Date => new Date(iso);
const range = (start: string, end: string) => ({ start: at(start), end: at(end) });

describe('agendasOf (a search’s blocking bookings per specialist and booth)', () => {
  const groups: BlockingGroups = {
    specialists: new Map([
      [
        's1',
        {
          blocked: [range('2026-03-28T22:30:00Z', '2026-03-28T23:00:00Z'), range('2026-03-30T06:00:00Z', '2026-03-30T06:30:00Z')],
          // 29 March 00:30 in Riga (UTC+2) but 28 March in UTC; 30 March 09:00 (UTC+3)
          starts: [at('2026-03-28T22:30:00Z'), at('2026-03-30T06:00:00Z')],
        },
      ],
      ['s2', { blocked: [range('2026-03-30T07:00:00Z', '2026-03-30T07:30:00Z')], starts: [at('2026-03-30T07:00:00Z')] }],
      ['s9', { blocked: [range('2026-03-30T08:00:00Z', '2026-03-30T08:30:00Z')], starts: [at('2026-03-30T08:00:00Z')] }], // outside the search
    ]),
    booths: new Map([
      ['b1', [range('2026-03-28T22:30:00Z', '2026-03-28T23:00:00Z'), range('2026-03-30T07:00:00Z', '2026-03-30T07:30:00Z')]],
      ['b2', [range('2026-03-30T08:00:00Z', '2026-03-30T08:30:00Z')]],
    ]),
  };
  const availability = new Map([['s1', [{ start: at('2026-03-30T05:00:00Z'), end: at('2026-03-30T14:00:00Z') }]]]);

  it('gives each specialist and booth of the search its own bookings, and counts bookings per local date', () => {
    const { specialists, booths } = agendasOf(groups, ['s1', 's2', 's3'], ['b1', 'b2', 'b3'], availability, { countPerDay: true });
    expect(specialists.map((s) => [s.specialistId, s.bookings.length, s.availability.length])).toEqual([
      ['s1', 2, 1],
      ['s2', 1, 0],
      ['s3', 0, 0],
    ]);
    expect(specialists[0]!.bookingsPerDay).toEqual({ '2026-03-29': 1, '2026-03-30': 1 });
    expect(booths.map((b) => [b.boothId, b.bookings.length])).toEqual([
      ['b1', 2],
      ['b2', 1],
      ['b3', 0],
    ]);
  });

  it('skips the per-day count without a limit, and booth bookings when told to', () => {
    const { specialists, booths } = agendasOf(groups, ['s1'], ['b1'], availability, { countPerDay: false, ignoreBoothBookings: true });
    expect(specialists[0]!.bookingsPerDay).toEqual({});
    expect(booths).toEqual([{ boothId: 'b1', bookings: [] }]);
  });
});
