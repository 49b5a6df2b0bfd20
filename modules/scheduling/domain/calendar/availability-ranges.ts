import type { AvailabilitySchedule, WallClockInterval } from './availability-schedule';
import type { HolidayCalendar } from './holiday-calendar';
import { addDays, isoWeekdayOf, localDateOf, MINUTE_MS, minutesOf, startOfLocalDay, wallClockMillis } from './local-time';
import { intersectMerged, mergeSpans, subtractMerged, type Span } from './spans';
import { toRange, toSpan, type TimeRange } from './time-range';

const DAY_MS = 86_400_000;

/** What the national calendar says about one local date. */
interface DayFacts {
  dayOff: boolean;
  shortened: boolean;
  replaces: string | null;
}

/** A local date of the requested period with its midnights and calendar facts, shared by all schedules. */
interface Day extends DayFacts {
  date: string;
  midnight: number;
  nextMidnight: number;
}

const factsOf = (calendar: HolidayCalendar, date: string): DayFacts => ({
  dayOff: calendar.isDayOffByCalendar(date),
  shortened: calendar.isShortenedDay(date),
  replaces: calendar.transferredWorkingDayReplaces?.(date) ?? null,
});

/**
 * The wall-clock intervals a specialist works on a local date. Precedence: dated override >
 * calendar day off > weekly rules (of the replaced weekday on a transferred working Saturday),
 * shortened by an hour before a holiday.
 */
export function wallClockIntervalsOn(schedule: AvailabilitySchedule, date: string, calendar: HolidayCalendar): WallClockInterval[] {
  return intervalsOn(schedule, date, factsOf(calendar, date));
}

/**
 * The specialist's working time between two instants as merged UTC ranges: the wall-clock rules
 * of each local day in the schedule's zone (so 09:00–17:00 stays 09:00–17:00 across DST), minus
 * absences, clipped to [fromInstant, toInstant).
 */
export function availabilityRanges(schedule: AvailabilitySchedule, fromInstant: Date, toInstant: Date, calendar: HolidayCalendar): TimeRange[] {
  return availabilityRangesFor([schedule], fromInstant, toInstant, calendar).get(schedule.specialistId) ?? [];
}

/** `availabilityRanges` for many specialists at once, asking the calendar once per date; by specialist id. */
export function availabilityRangesFor(
  schedules: readonly AvailabilitySchedule[],
  fromInstant: Date,
  toInstant: Date,
  calendar: HolidayCalendar,
): Map<string, TimeRange[]> {
  const from = fromInstant.getTime();
  const to = toInstant.getTime();
  const result = new Map<string, TimeRange[]>();
  const daysByZone = new Map<string, Day[]>();
  for (const schedule of schedules) {
    if (!(from < to)) {
      result.set(schedule.specialistId, []);
      continue;
    }
    let days = daysByZone.get(schedule.timeZone);
    if (!days) {
      days = daysOf(from, to, schedule.timeZone, calendar);
      daysByZone.set(schedule.timeZone, days);
    }
    result.set(schedule.specialistId, rangesOf(schedule, days, from, to).map(toRange));
  }
  return result;
}

function daysOf(from: number, to: number, zone: string, calendar: HolidayCalendar): Day[] {
  const days: Day[] = [];
  const lastDate = localDateOf(to - 1, zone);
  let date = localDateOf(from, zone);
  let midnight = startOfLocalDay(date, zone);
  while (date <= lastDate) {
    const nextDate = addDays(date, 1);
    const nextMidnight = startOfLocalDay(nextDate, zone);
    days.push({ date, midnight, nextMidnight, ...factsOf(calendar, date) });
    date = nextDate;
    midnight = nextMidnight;
  }
  return days;
}

function rangesOf(schedule: AvailabilitySchedule, days: readonly Day[], from: number, to: number): Span[] {
  const spans: Span[] = [];
  for (const day of days) {
    // An ordinary day is 24 h long and a wall-clock minute is an offset from midnight; on a DST day ask the zone.
    const ordinary = day.nextMidnight - day.midnight === DAY_MS;
    const toMillis = (minutes: number): number => (ordinary ? day.midnight + minutes * MINUTE_MS : wallClockMillis(day.date, minutes, schedule.timeZone));
    for (const interval of intervalsOn(schedule, day.date, day)) {
      spans.push({ start: toMillis(minutesOf(interval.from)), end: toMillis(minutesOf(interval.to)) });
    }
  }
  const absences = mergeSpans(schedule.absences.map((absence) => toSpan({ start: absence.from, end: absence.to })));
  return intersectMerged(subtractMerged(mergeSpans(spans), absences), [{ start: from, end: to }]);
}

function intervalsOn(schedule: AvailabilitySchedule, date: string, facts: DayFacts): WallClockInterval[] {
  const override = schedule.overrides.find((candidate) => candidate.date === date);
  if (override) return override.closed ? [] : [...(override.intervals ?? [])];
  if (!schedule.followsPublicHolidays) return [...(schedule.weekly[isoWeekdayOf(date)] ?? [])];
  if (facts.dayOff) return [];
  const intervals = [...(schedule.weekly[isoWeekdayOf(facts.replaces ?? date)] ?? [])];
  return schedule.shortenBeforeHolidays && facts.shortened ? shortenByOneHour(intervals) : intervals;
}

// Darba likums Art. 135: the day ends an hour earlier; intervals left after the new end go.
function shortenByOneHour(intervals: WallClockInterval[]): WallClockInterval[] {
  if (intervals.length === 0) return [];
  const close = minutesOf(intervals[intervals.length - 1].to) - 60;
  return intervals
    .filter((interval) => minutesOf(interval.from) < close)
    .map((interval) => (minutesOf(interval.to) > close ? { from: interval.from, to: hhmmOf(close) } : interval));
}

const hhmmOf = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
