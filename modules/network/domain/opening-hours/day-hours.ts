import type { IsoWeekday, TimeInterval } from './opening-hours-spec';

/** Why a date has the hours it has; the rule that decided last wins. */
export type DayHoursReason =
  | 'regular'
  | 'season'
  | 'transferred-working-day'
  | 'exception'
  | 'holiday'
  | 'monthly-closed'
  | 'shortened';

/** The effective hours on one local date. */
export interface DayHours {
  date: string;
  weekday: IsoWeekday;
  closed: boolean;
  /** Sorted, non-overlapping, local wall-clock time. */
  intervals: TimeInterval[];
  reason: DayHoursReason;
  /** The season whose week was used, if any. */
  seasonName?: string;
  /** On a transferred working Saturday: the weekday date whose schedule it took. */
  replacesDate?: string;
  /** From the exception or the monthly closed day. */
  noteLv?: string;
  noteEn?: string;
}

/** A concrete opening period. */
export interface OpeningWindow {
  opensAt: Date;
  closesAt: Date;
}
