import { agendasOf } from './booking.service';
import type { BlockingRow } from '../../infrastructure/persistence/calendar.repository';

const at = (iso: string): Date => new Date(iso);
const row = (specialistId: string, boothId: string, start: string, end: string): BlockingRow => ({
  specialistId,
  boothId,
  start: at(start),
  end: at(end),
  blocked: { start: at(start), end: at(end) },
  status: 'confirmed',
});

describe('agendasOf (grouping a search’s booking rows)', () => {
  const rows = [
    row('s1', 'b1', '2026-03-28T22:30:00Z', '2026-03-28T23:00:00Z'), // 29 March 00:30 in Riga (UTC+2), 28 March in UTC
    row('s1', 'other-centre-booth', '2026-03-30T06:00:00Z', '2026-03-30T06:30:00Z'), // 30 March 09:00 (UTC+3)
    row('s2', 'b1', '2026-03-30T07:00:00Z', '2026-03-30T07:30:00Z'),
    row('s9', 'b2', '2026-03-30T08:00:00Z', '2026-03-30T08:30:00Z'), // a specialist outside the search
  ];
  const availability = new Map([['s1', [{ start: at('2026-03-30T05:00:00Z'), end: at('2026-03-30T14:00:00Z') }]]]);

  it('gives each specialist and booth of the search its own rows, and counts bookings per local date', () => {
    const { specialists, booths } = agendasOf(rows, ['s1', 's2', 's3'], ['b1', 'b2'], availability, { countPerDay: true });
    expect(specialists.map((s) => [s.specialistId, s.bookings.length, s.availability.length])).toEqual([
      ['s1', 2, 1],
      ['s2', 1, 0],
      ['s3', 0, 0],
    ]);
    expect(specialists[0].bookingsPerDay).toEqual({ '2026-03-29': 1, '2026-03-30': 1 });
    expect(booths.map((b) => [b.boothId, b.bookings.length])).toEqual([
      ['b1', 2],
      ['b2', 1],
    ]);
  });

  it('skips the per-day count without a limit, and booth rows when told to', () => {
    const { specialists, booths } = agendasOf(rows, ['s1'], ['b1'], availability, { countPerDay: false, ignoreBoothBookings: true });
    expect(specialists[0].bookingsPerDay).toEqual({});
    expect(booths).toEqual([{ boothId: 'b1', bookings: [] }]);
  });
});
