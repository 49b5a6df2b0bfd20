import type { DayHours } from './day-hours';
import type { HolidayCalendar } from './holiday-calendar.port';
import { assertIsoDate, isoWeekdayOf } from './local-date';
import { monthlyClosedDayOn } from './monthly-closed-day-on';
import type { OpeningHoursSpec, TimeInterval } from './opening-hours-spec';
import { seasonOn } from './season-on';
import { shortenByOneHour } from './shorten-by-one-hour';

const copy = (intervals: readonly TimeInterval[] = []): TimeInterval[] => intervals.map(({ from, to }) => ({ from, to }));

/**
 * The effective hours on a local date ('YYYY-MM-DD' in the spec's zone). Precedence:
 * exception > public holiday > monthly closed day > pre-holiday shortening > season > default week.
 * A transferred working Saturday takes the schedule of the weekday it replaces.
 */
export function intervalsOn(spec: OpeningHoursSpec, date: string, calendar: HolidayCalendar): DayHours {
  assertIsoDate(date);
  const weekday = isoWeekdayOf(date);

  const exception = spec.exceptions?.find((candidate) => candidate.date === date);
  if (exception) {
    const intervals = exception.closed ? [] : copy(exception.intervals);
    return withNotes({ date, weekday, closed: intervals.length === 0, intervals, reason: 'exception' }, exception.noteLv, exception.noteEn);
  }

  const followsNationalCalendar = spec.closedOnPublicHolidays ?? true;
  if (followsNationalCalendar && calendar.isDayOffByCalendar(date)) {
    return { date, weekday, closed: true, intervals: [], reason: 'holiday' };
  }

  const replacesDate = followsNationalCalendar ? calendar.transferredWorkingDayReplaces(date) : null;
  const season = seasonOn(spec, date);
  const week = season?.weekly ?? spec.weekly;
  const scheduleWeekday = replacesDate ? isoWeekdayOf(replacesDate) : weekday;
  const base: DayHours = {
    date,
    weekday,
    closed: false,
    intervals: copy(week[String(scheduleWeekday)]),
    reason: replacesDate ? 'transferred-working-day' : season ? 'season' : 'regular',
    ...(season && { seasonName: season.name }),
    ...(replacesDate && { replacesDate }),
  };

  const monthlyClosed = monthlyClosedDayOn(spec, date);
  if (monthlyClosed) {
    return withNotes({ ...base, closed: true, intervals: [], reason: 'monthly-closed' }, monthlyClosed.reasonLv, monthlyClosed.reasonEn);
  }

  if ((spec.shortenBeforeHolidays ?? true) && base.intervals.length > 0 && isShortened(calendar, date)) {
    const intervals = shortenByOneHour(base.intervals);
    return { ...base, closed: intervals.length === 0, intervals, reason: 'shortened' };
  }
  return { ...base, closed: base.intervals.length === 0 };
}

function isShortened(calendar: HolidayCalendar, date: string): boolean {
  return calendar.isShortenedDay(date) || (calendar.isPreHoliday?.(date) ?? false);
}

function withNotes(day: DayHours, noteLv: string | undefined, noteEn: string | undefined): DayHours {
  return { ...day, ...(noteLv !== undefined && { noteLv }), ...(noteEn !== undefined && { noteEn }) };
}
