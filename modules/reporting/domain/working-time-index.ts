import { DateTime } from 'luxon';
import { RIGA_TIME_ZONE, workingRangesOn, type WorkingHoursSchedule, type WorkingTimeCalendar } from '@modules/shared-kernel';

const HOUR_MS = 3_600_000;

/** One Riga calendar year of working time, laid out for lookups. */
interface YearTable {
  readonly year: number;
  /** The Riga midnight starting each day of the year, then 1 January of the next year (epoch ms). */
  readonly midnights: Float64Array;
  /** Working milliseconds of the year before each day; the last entry is the year's total. */
  readonly before: Float64Array;
  /** Day i's working ranges are starts/ends[rangeAt[i] … rangeAt[i + 1]). */
  readonly rangeAt: Uint32Array;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
}

/**
 * Working time between two instants without walking the days: each Riga calendar year involved is
 * laid out once (the working ranges of every day, from the shared kernel's `workingRangesOn`, and
 * the working time before each day), so an instant's working time since the start of its year is
 * a binary search over the year's midnights plus the ranges of its own day.
 *
 * Gives exactly what the shared kernel's `workingMillisBetween` gives (the unit test compares the
 * two over random instants, holidays and DST days): that sums, for every day from the first
 * instant's to the second's, the overlap of the day's ranges with the span; a day's ranges lie
 * within the day, so the sum is the same as "working time up to the second instant minus working
 * time up to the first".
 */
export class WorkingTimeIndex {
  private readonly years = new Map<number, YearTable>();

  constructor(
    private readonly schedule: WorkingHoursSchedule,
    private readonly calendar: WorkingTimeCalendar,
  ) {}

  /** Working milliseconds between two instants (epoch ms); negative when `to` is before `from`. */
  between(from: number, to: number): number {
    if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError('Expected two valid instants');
    if (to < from) return -this.between(to, from);
    const a = this.locate(from);
    const b = this.locate(to);
    if (a.table === b.table) return this.sinceNewYear(b.table, b.day, to) - this.sinceNewYear(a.table, a.day, from);
    let total = this.total(a.table) - this.sinceNewYear(a.table, a.day, from);
    for (let year = a.table.year + 1; year < b.table.year; year++) total += this.total(this.table(year));
    return total + this.sinceNewYear(b.table, b.day, to);
  }

  private total(table: YearTable): number {
    return table.before[table.before.length - 1]!;
  }

  /** Working time of the instant's year up to the instant. */
  private sinceNewYear(table: YearTable, day: number, at: number): number {
    let total = table.before[day]!;
    for (let i = table.rangeAt[day]!; i < table.rangeAt[day + 1]!; i++) total += Math.max(0, Math.min(at, table.ends[i]!) - table.starts[i]!);
    return total;
  }

  /** The Riga year and day of the year an instant falls on. */
  private locate(at: number): { table: YearTable; day: number } {
    // Riga is UTC+2 at every new year, so this is the local year (checked against the midnights anyway).
    let table = this.table(new Date(at + 2 * HOUR_MS).getUTCFullYear());
    while (at < table.midnights[0]!) table = this.table(table.year - 1);
    while (at >= table.midnights[table.midnights.length - 1]!) table = this.table(table.year + 1);
    // The last midnight at or before the instant.
    let lo = 0;
    let hi = table.midnights.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (table.midnights[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { table, day: lo };
  }

  private table(year: number): YearTable {
    let table = this.years.get(year);
    if (!table) {
      table = this.layOut(year);
      this.years.set(year, table);
    }
    return table;
  }

  private layOut(year: number): YearTable {
    const first = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: RIGA_TIME_ZONE });
    const days = Math.round(first.plus({ years: 1 }).diff(first, 'days').days);
    const midnights = new Float64Array(days + 1);
    const before = new Float64Array(days + 1);
    const rangeAt = new Uint32Array(days + 1);
    const starts: number[] = [];
    const ends: number[] = [];
    let worked = 0;
    for (let i = 0; i < days; i++) {
      const day = first.plus({ days: i });
      midnights[i] = day.toMillis();
      before[i] = worked;
      rangeAt[i] = starts.length;
      for (const range of workingRangesOn(day.toISODate()!, this.schedule, this.calendar)) {
        starts.push(range.start);
        ends.push(range.end);
        worked += Math.max(0, range.end - range.start);
      }
    }
    midnights[days] = first.plus({ days }).toMillis();
    before[days] = worked;
    rangeAt[days] = starts.length;
    return { year, midnights, before, rangeAt, starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
  }
}
