import type { LatvianCalendar } from './latvian-calendar';
import { addDays, isoWeekday } from './local-date';
import { rigaDateOf, rigaInstantMillis } from './riga-time';
import { dayMinuteRanges, type WorkingHoursSchedule } from './working-hours-schedule';

/** What working-time arithmetic needs from a calendar. */
export type WorkingTimeCalendar = Pick<
  LatvianCalendar,
  'isDayOffByCalendar' | 'transferredWorkingDayReplaces' | 'isShortenedDay' | 'isPreHoliday'
>;

/** A half-open span of real time [start, end) in epoch milliseconds. */
export interface InstantRange {
  readonly start: number;
  readonly end: number;
}

const HOUR_MS = 3_600_000;
const SHORTENING_MINUTES = 60;
// If a schedule yields no working time for this long, it has none at all.
const MAX_SEARCH_DAYS = 366 * 3;

/**
 * The working time of one Riga local date as real-time ranges. Calendar days off are closed;
 * a transferred Saturday uses the hours of the weekday it replaces; a pre-holiday day ends an hour early.
 */
export function workingRangesOn(date: string, schedule: WorkingHoursSchedule, calendar: WorkingTimeCalendar): InstantRange[] {
  if (calendar.isDayOffByCalendar(date)) return [];
  const replaced = calendar.transferredWorkingDayReplaces(date);
  const ranges = dayMinuteRanges(schedule[isoWeekday(replaced ?? date)] ?? []);
  // isPreHoliday also covers offices open on an ordinary Saturday before a Sunday holiday.
  const shortened = calendar.isShortenedDay(date) || calendar.isPreHoliday(date);
  return (shortened ? trimEnd(ranges, SHORTENING_MINUTES) : ranges).map(([from, to]) => ({
    start: rigaInstantMillis(date, from),
    end: rigaInstantMillis(date, to),
  }));
}

/** The instant when `hours` of working time after `instant` have passed (an SLA deadline). */
export function addWorkingHours(
  instant: Date,
  hours: number,
  schedule: WorkingHoursSchedule,
  calendar: WorkingTimeCalendar,
): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Expected non-negative hours, got ${hours}`);
  let remaining = Math.round(hours * HOUR_MS);
  const from = instant.getTime();
  if (remaining === 0) return new Date(from);
  let date = rigaDateOf(instant);
  for (let day = 0; day < MAX_SEARCH_DAYS; day++, date = addDays(date, 1)) {
    for (const range of workingRangesOn(date, schedule, calendar)) {
      const start = Math.max(range.start, from);
      if (start >= range.end) continue;
      if (remaining <= range.end - start) return new Date(start + remaining);
      remaining -= range.end - start;
    }
  }
  throw new RangeError(`The schedule has no working time within ${MAX_SEARCH_DAYS} days`);
}

/** Working time between two instants in milliseconds; negative when `to` is before `from`. */
export function workingMillisBetween(
  from: Date,
  to: Date,
  schedule: WorkingHoursSchedule,
  calendar: WorkingTimeCalendar,
): number {
  if (to < from) return -workingMillisBetween(to, from, schedule, calendar);
  const [start, end] = [from.getTime(), to.getTime()];
  const lastDate = rigaDateOf(to);
  let total = 0;
  for (let date = rigaDateOf(from); date <= lastDate; date = addDays(date, 1)) {
    for (const range of workingRangesOn(date, schedule, calendar)) {
      total += Math.max(0, Math.min(range.end, end) - Math.max(range.start, start));
    }
  }
  return total;
}

// Removes `minutes` of working time from the end of the day, crossing a break if needed.
function trimEnd(ranges: Array<[number, number]>, minutes: number): Array<[number, number]> {
  const result = ranges.map(([from, to]): [number, number] => [from, to]);
  let left = minutes;
  while (left > 0 && result.length > 0) {
    const last = result[result.length - 1];
    const cut = Math.min(left, last[1] - last[0]);
    last[1] -= cut;
    left -= cut;
    if (last[0] === last[1]) result.pop();
  }
  return result;
}
