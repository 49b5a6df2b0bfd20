import type { OpeningWindow } from './day-hours';
import { minutesOf } from './hhmm';
import type { HolidayCalendar } from './holiday-calendar.port';
import { intervalsOn } from './intervals-on';
import { addDays } from './local-date';
import { timeZoneOf, type OpeningHoursSpec } from './opening-hours-spec';
import { instantOf, localMomentOf } from './zoned-time';

/** Whether the centre is open at the instant; intervals are half-open, so closing time is closed. */
export function isOpenAt(spec: OpeningHoursSpec, instant: Date, calendar: HolidayCalendar): boolean {
  const { date, minute } = localMomentOf(instant, timeZoneOf(spec));
  return intervalsOn(spec, date, calendar).intervals.some(
    (interval) => minutesOf(interval.from) <= minute && minute < minutesOf(interval.to),
  );
}

/**
 * The current opening window if open at the instant, else the next one within `horizonDays`
 * days after the instant's local date; null if none. Back-to-back intervals (also across
 * midnight via '24:00' and '00:00') count as one window.
 */
export function nextOpening(
  spec: OpeningHoursSpec,
  instant: Date,
  calendar: HolidayCalendar,
  horizonDays = 60,
): OpeningWindow | null {
  const zone = timeZoneOf(spec);
  const startDate = localMomentOf(instant, zone).date;
  const now = instant.getTime();
  let run: OpeningWindow | null = null;
  const isAhead = (window: OpeningWindow | null): window is OpeningWindow => window !== null && window.closesAt.getTime() > now;

  // Starts a day early so that a window open since before midnight reports when it opened.
  for (let offset = -1; offset <= horizonDays; offset++) {
    const date = addDays(startDate, offset);
    for (const interval of intervalsOn(spec, date, calendar).intervals) {
      const window = { opensAt: instantOf(date, interval.from, zone), closesAt: instantOf(date, interval.to, zone) };
      if (run && window.opensAt.getTime() === run.closesAt.getTime()) {
        run = { opensAt: run.opensAt, closesAt: window.closesAt };
        continue;
      }
      if (isAhead(run)) return run;
      run = window;
    }
    // Only a window closing at midnight can continue into the next day.
    if (isAhead(run) && run.closesAt.getTime() !== instantOf(date, '24:00', zone).getTime()) return run;
  }
  return isAhead(run) ? run : null;
}
