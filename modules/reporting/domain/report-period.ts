import { DateTime } from 'luxon';

export const REPORT_INTERVALS = ['day', 'week', 'month', 'total'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

const utc = (date: string): DateTime => DateTime.fromISO(date, { zone: 'utc' });

/** The first local date of the period holding `day` (ISO weeks start on Monday); 'total' is one period from `from`. */
export function periodOf(day: string, interval: ReportInterval, from: string): string {
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return utc(day).startOf('week').toISODate() as string;
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'total':
      return from;
  }
}

/** Every period from `from` to `to` (local dates, inclusive), so series have no gaps. */
export function periodsBetween(from: string, to: string, interval: ReportInterval): string[] {
  if (interval === 'total') return [from];
  const unit = interval === 'day' ? { days: 1 } : interval === 'week' ? { weeks: 1 } : { months: 1 };
  const periods: string[] = [];
  let cursor = utc(periodOf(from, interval, from));
  const end = utc(to);
  while (cursor <= end) {
    periods.push(cursor.toISODate() as string);
    cursor = cursor.plus(unit);
  }
  return periods;
}

/** Whole days from `from` to `to`, inclusive. */
export const daysBetween = (from: string, to: string): number => utc(to).diff(utc(from), 'days').days + 1;
