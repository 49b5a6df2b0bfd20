// The stored shape of a centre's opening hours. Seed data and the admin API use it as is: keep it stable.

/** 'HH:mm', 24-hour clock; '24:00' is allowed as an interval end. */
export type Hhmm = string;

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Half-open: open from `from` inclusive until `to` exclusive, local wall-clock time. */
export interface TimeInterval {
  from: Hhmm;
  to: Hhmm;
}

/** Keys '1'..'7' (ISO weekday); a missing key or an empty list means closed. */
export interface WeeklyHours {
  [weekday: string]: TimeInterval[];
}

/** Replaces the whole default week on dates inside [from, to]; the range may wrap the year end. */
export interface SeasonalHours {
  name: string;
  /** 'MM-DD', inclusive. */
  from: string;
  /** 'MM-DD', inclusive; may be before `from` (e.g. '10-01'..'05-31'). */
  to: string;
  weekly: WeeklyHours;
}

/** A recurring closed day, e.g. "every second Wednesday of the month is a methodical day". */
export interface MonthlyClosedDay {
  weekday: IsoWeekday;
  /** 1..4, or -1 for the last one in the month. */
  nth: 1 | 2 | 3 | 4 | -1;
  reasonLv?: string;
  reasonEn?: string;
}

/** One date with its own hours; wins over every other rule, public holidays included. */
export interface OpeningHoursException {
  /** 'YYYY-MM-DD', local date. */
  date: string;
  closed?: boolean;
  intervals?: TimeInterval[];
  noteLv?: string;
  noteEn?: string;
}

export interface OpeningHoursSpec {
  /** IANA zone; default 'Europe/Riga'. */
  timeZone?: string;
  /** The default, all-year week. */
  weekly: WeeklyHours;
  /** The first season containing a date replaces `weekly` on that date. */
  seasons?: SeasonalHours[];
  monthlyClosedDays?: MonthlyClosedDay[];
  exceptions?: OpeningHoursException[];
  /** Default true: closed on days off by the national calendar; also follows transferred working Saturdays. */
  closedOnPublicHolidays?: boolean;
  /** Default true: close one hour earlier on shortened pre-holiday days. */
  shortenBeforeHolidays?: boolean;
}

export const DEFAULT_OPENING_HOURS_TIME_ZONE = 'Europe/Riga';

export const timeZoneOf = (spec: OpeningHoursSpec): string => spec.timeZone ?? DEFAULT_OPENING_HOURS_TIME_ZONE;
