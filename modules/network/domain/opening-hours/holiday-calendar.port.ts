/**
 * What opening hours need to know about the national working-time calendar. Dates are local
 * 'YYYY-MM-DD'. Any object with these methods fits; the shared-kernel calendar is the real one.
 */
export interface HolidayCalendar {
  /**
   * True for public holidays and for weekdays made days off (observed holidays, transferred days).
   * Must be false for an ordinary Saturday or Sunday: a centre open on Saturdays would otherwise
   * look closed every Saturday.
   */
  isDayOffByCalendar(date: string): boolean;
  /** True on a pre-holiday working day that is one hour shorter (Darba likums, Art. 135). */
  isShortenedDay(date: string): boolean;
  /**
   * Optional: the next day is a public holiday. Lets a centre open on an ordinary Saturday close
   * early before a Sunday holiday (Mother's Day, Whit Sunday), which isShortenedDay does not cover
   * because that Saturday is no working day by the national calendar.
   */
  isPreHoliday?(date: string): boolean;
  /** For a Saturday made a working day: the weekday date whose schedule it takes; otherwise null. */
  transferredWorkingDayReplaces(date: string): string | null;
}
