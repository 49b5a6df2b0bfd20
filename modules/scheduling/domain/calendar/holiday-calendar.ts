/**
 * What availability needs from the national working-time calendar; dates are local 'YYYY-MM-DD'.
 * The shared-kernel `LatvianCalendar` fits as it is.
 */
export interface HolidayCalendar {
  /** Public holidays and weekdays made days off (observed, transferred); false for a plain weekend. */
  isDayOffByCalendar(date: string): boolean;
  /** A pre-holiday working day, one hour shorter (Darba likums, Art. 135). */
  isShortenedDay(date: string): boolean;
  /** For a Saturday made a working day: the weekday date whose rules it takes; otherwise null. */
  transferredWorkingDayReplaces?(date: string): string | null;
}
