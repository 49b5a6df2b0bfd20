import { DateTime } from 'luxon';
import type { IsoWeekday } from './opening-hours-spec';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
// A leap year, so that '02-29' counts as a valid month-day.
const LEAP_YEAR = 2024;

const DAY_MS = 86_400_000;

// Calendar arithmetic on plain dates runs in UTC: no DST can shift a day boundary there. Plain
// Date.UTC rather than luxon: a month of a centre's hours is computed for every slot search.
/** Epoch milliseconds of the date's UTC midnight, or NaN when it is no real date (e.g. 2026-02-30). */
function utcMidnight(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : NaN;
}

const isoDateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(utcMidnight(value));
}

export function isMonthDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = MONTH_DAY.exec(value);
  return match !== null && DateTime.utc(LEAP_YEAR, Number(match[1]), Number(match[2])).isValid;
}

export function assertIsoDate(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

export function isoWeekdayOf(date: string): IsoWeekday {
  return ((new Date(utcMidnight(date)).getUTCDay() + 6) % 7) + 1 as IsoWeekday;
}

export function addDays(date: string, days: number): string {
  return isoDateOf(utcMidnight(date) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

export function daysInMonthOf(date: string): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
}
