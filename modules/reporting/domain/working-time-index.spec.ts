import { DateTime } from 'luxon';
import { LatvianCalendar, defaultStateInstitutionSchedule, workingMillisBetween, type WorkingHoursSchedule } from '@modules/shared-kernel';
import { WorkingTimeIndex } from './working-time-index';

const calendar = new LatvianCalendar();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rigaMillis = (date: string, hour: number, minute: number) => DateTime.fromISO(date, { zone: 'Europe/Riga' }).set({ hour, minute }).toMillis();
const dateOf = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Riga' }).toISODate()!;

// Days where the old day-by-day rule has something to get right: both DST changes, every day off
// of the calendar and the day before it (shortened pre-holiday days), transferred working Saturdays.
const YEARS = [2024, 2025, 2026, 2027, 2028];
const SPECIAL_DAYS = [
  ...YEARS.flatMap((y) => [`${y}-03-${lastSunday(y, 3)}`, `${y}-10-${lastSunday(y, 10)}`]),
  ...YEARS.flatMap((y) => calendar.holidays(y).flatMap((h) => [h.date, dateOf(rigaMillis(h.date, 12, 0) - DAY)])),
  '2026-01-17',
  '2025-12-30',
];
// Wall-clock moments at and around the edges of working ranges, midnight and the DST hours.
const EDGES: Array<[number, number]> = [
  [0, 0],
  [2, 59],
  [3, 0],
  [3, 30],
  [4, 0],
  [8, 29],
  [8, 30],
  [11, 59],
  [12, 0],
  [12, 30],
  [15, 59],
  [16, 0],
  [17, 0],
  [23, 59],
];

function lastSunday(year: number, month: number): string {
  const end = DateTime.fromObject({ year, month }).endOf('month');
  return String(end.minus({ days: end.weekday % 7 }).day).padStart(2, '0');
}

function randomInstant(rand: () => number): number {
  if (rand() < 0.5) {
    const day = SPECIAL_DAYS[Math.floor(rand() * SPECIAL_DAYS.length)]!;
    const [hour, minute] = EDGES[Math.floor(rand() * EDGES.length)]!;
    // Exactly on the edge, or a few milliseconds or minutes beside it.
    const jitter = [0, 1, -1, 60_000, -60_000, Math.floor(rand() * HOUR)][Math.floor(rand() * 6)]!;
    return rigaMillis(day, hour, minute) + jitter;
  }
  return Date.UTC(2024, 0, 1) + Math.floor(rand() * 5 * 365 * DAY);
}

function randomSpan(rand: () => number): number {
  const r = rand();
  // Mostly what applications take (hours to days); a few spans of months and over a new year.
  if (r < 0.5) return Math.floor(rand() * 12 * HOUR);
  if (r < 0.93) return Math.floor(rand() * 10 * DAY);
  if (r < 0.995) return Math.floor(rand() * 70 * DAY);
  return Math.floor(rand() * 500 * DAY);
}

function compare(schedule: WorkingHoursSchedule, cases: number, seed: number): number {
  const index = new WorkingTimeIndex(schedule, calendar);
  const rand = seeded(seed);
  let nonZero = 0;
  for (let i = 0; i < cases; i++) {
    const from = randomInstant(rand);
    // Sometimes backwards (negative), like the day-by-day rule.
    const to = from + (rand() < 0.1 ? -1 : 1) * randomSpan(rand);
    const expected = workingMillisBetween(new Date(from), new Date(to), schedule, calendar);
    const actual = index.between(from, to);
    if (actual !== expected) throw new Error(`case ${i}: ${new Date(from).toISOString()} → ${new Date(to).toISOString()}: ${actual} ms, expected ${expected} ms`);
    if (expected !== 0) nonZero++;
  }
  return nonZero;
}

describe('WorkingTimeIndex', () => {
  it('gives exactly what the day-by-day workingMillisBetween gives, over random instants around holidays and DST days', () => {
    const nonZero = compare(defaultStateInstitutionSchedule, 3000, 20261128);
    // The instants are not all in closed hours: most spans contain working time.
    expect(nonZero).toBeGreaterThan(1500);
  });

  it('agrees on schedules with ranges in the DST hours, at midnight and on weekends', () => {
    const odd = [
      { from: '00:00', to: '03:30' },
      { from: '03:45', to: '04:15' },
      { from: '23:00', to: '24:00' },
    ];
    const everyDay: WorkingHoursSchedule = { 1: odd, 2: odd, 3: odd, 4: odd, 5: odd, 6: odd, 7: [{ from: '00:00', to: '24:00' }] };
    expect(compare(everyDay, 1000, 7)).toBeGreaterThan(500);
  });

  it('matches hand-computed spans', () => {
    const index = new WorkingTimeIndex(defaultStateInstitutionSchedule, calendar);
    const hours = (from: string, to: string) => index.between(Date.parse(from), Date.parse(to)) / HOUR;
    // Friday 16:00 Riga → Monday 09:30: 1 h + 1 h.
    expect(hours('2026-03-06T14:00:00Z', '2026-03-09T07:30:00Z')).toBe(2);
    // Thursday 30 April 15:00 (pre-holiday, ends 16:00) → Tuesday 5 May 10:00: 1 h + 1.5 h.
    expect(hours('2026-04-30T12:00:00Z', '2026-05-05T07:00:00Z')).toBe(2.5);
    // Across the spring DST change: Friday 15:00 EET → Monday 10:30 EEST = 2 h + 2 h; backwards negative.
    expect(hours('2026-03-27T13:00:00Z', '2026-03-30T07:30:00Z')).toBe(4);
    expect(hours('2026-03-30T07:30:00Z', '2026-03-27T13:00:00Z')).toBe(-4);
    // Across the new year: Tue 30 Dec 2025 15:00 (shortened, ends 16:00) → Mon 5 Jan 2026 09:30 (1–2 Jan off).
    expect(hours('2025-12-30T13:00:00Z', '2026-01-05T07:30:00Z')).toBe(2);
    // Over whole years, the same as the day-by-day rule.
    for (const [from, to] of [
      ['2024-12-31T10:00:00Z', '2026-01-02T10:00:00Z'],
      ['2023-06-15T06:45:00Z', '2026-03-29T01:30:00Z'],
    ]) {
      expect(index.between(Date.parse(from!), Date.parse(to!))).toBe(workingMillisBetween(new Date(from!), new Date(to!), defaultStateInstitutionSchedule, calendar));
    }
    expect(() => index.between(Number.NaN, 0)).toThrow(RangeError);
  });
});
