import { DateTime, IANAZone } from 'luxon';

// Local dates are 'YYYY-MM-DD' strings; their arithmetic runs on UTC midnights so it never
// sees a DST shift. The zone matters only when a date and a wall-clock time become an instant.

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const RIGA = 'Europe/Riga';
export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export const isValidZone = (zone: string): boolean => IANAZone.isValidZone(zone);

export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  return match !== null && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).toISOString().slice(0, 10) === value;
}

/** 'HH:mm' from 00:00 to 23:59, or '24:00' for the end of the day. */
export const isHhmm = (value: unknown): value is string => typeof value === 'string' && HHMM.test(value);

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const utcMidnight = (date: string): number => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));

export const addDays = (date: string, days: number): string => new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);

export const isoWeekdayOf = (date: string): IsoWeekday => (((new Date(utcMidnight(date)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;

/** The local date of an instant in the zone. */
export const localDateOf = (instant: Date | number, zone: string): string => {
  const millis = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(millis + offsetMinutes(zone, millis) * MINUTE_MS).toISOString().slice(0, 10);
};

/** Epoch millis of local midnight starting the date. */
export function startOfLocalDay(date: string, zone: string): number {
  const utc = utcMidnight(date);
  const guess = utc - offsetMinutes(zone, utc) * MINUTE_MS;
  const offset = offsetMinutes(zone, guess);
  if (offset === offsetMinutes(zone, utc - offset * MINUTE_MS)) return utc - offset * MINUTE_MS;
  // Midnight falls into an offset change (not in Riga): let Luxon resolve it.
  return DateTime.fromObject({ year: +date.slice(0, 4), month: +date.slice(5, 7), day: +date.slice(8, 10) }, { zone }).toMillis();
}

/**
 * Epoch millis of a wall-clock time on a date; 1440 minutes is the next midnight. A time the
 * spring change skips (03:00–04:00 in Riga) moves an hour forward, as a wall clock shows it.
 */
export function wallClockMillis(date: string, minutes: number, zone: string): number {
  if (minutes >= 24 * 60) return startOfLocalDay(addDays(date, 1), zone);
  const local = { year: +date.slice(0, 4), month: +date.slice(5, 7), day: +date.slice(8, 10), hour: Math.floor(minutes / 60), minute: minutes % 60 };
  return DateTime.fromObject(local, { zone }).toMillis();
}

/** Dates from `first` to `last` inclusive. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

const offsetCache = new Map<string, Map<number, number>>();
const MAX_CACHED_HOURS = 100_000;

/**
 * The zone's UTC offset in minutes at an instant. Cached per UTC hour, shared by every search:
 * European zones change offset only on a whole UTC hour, and Intl lookups are slow.
 */
export function offsetMinutes(zone: string, millis: number): number {
  let hours = offsetCache.get(zone);
  if (!hours || hours.size > MAX_CACHED_HOURS) {
    hours = new Map();
    offsetCache.set(zone, hours);
  }
  const hour = Math.floor(millis / 3_600_000);
  let offset = hours.get(hour);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(hour * 3_600_000);
    hours.set(hour, offset);
  }
  return offset;
}
