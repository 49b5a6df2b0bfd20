import { DateTime } from 'luxon';
import type { IsoWeekday } from './opening-hours-spec';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;
// A leap year, so that '02-29' counts as a valid month-day.
const LEAP_YEAR = 2024;

// Calendar arithmetic on plain dates runs in UTC: no DST can shift a day boundary there.
function parse(date: string): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && parse(value).isValid;
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
  return parse(date).weekday as IsoWeekday;
}

export function addDays(date: string, days: number): string {
  return parse(date).plus({ days }).toISODate() as string;
}

export function daysBetween(from: string, to: string): number {
  return Math.round(parse(to).diff(parse(from), 'days').days);
}

export function daysInMonthOf(date: string): number {
  return parse(date).daysInMonth as number;
}
