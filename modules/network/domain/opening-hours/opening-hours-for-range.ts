import type { DayHours } from './day-hours';
import type { HolidayCalendar } from './holiday-calendar.port';
import { intervalsOn } from './intervals-on';
import { addDays, assertIsoDate, daysBetween } from './local-date';
import type { OpeningHoursSpec } from './opening-hours-spec';

/** The longest range one call answers; the HTTP layer should reject longer ones first. */
export const MAX_OPENING_HOURS_RANGE_DAYS = 366;

/** One entry per local date from `fromDate` to `toDate`, both inclusive (e.g. a week view). */
export function openingHoursForRange(
  spec: OpeningHoursSpec,
  fromDate: string,
  toDate: string,
  calendar: HolidayCalendar,
): DayHours[] {
  assertIsoDate(fromDate);
  assertIsoDate(toDate);
  const days = daysBetween(fromDate, toDate) + 1;
  if (days < 1) throw new RangeError(`toDate ${toDate} is before fromDate ${fromDate}`);
  if (days > MAX_OPENING_HOURS_RANGE_DAYS) {
    throw new RangeError(`A range of ${days} days exceeds ${MAX_OPENING_HOURS_RANGE_DAYS}`);
  }
  return Array.from({ length: days }, (_, offset) => intervalsOn(spec, addDays(fromDate, offset), calendar));
}
