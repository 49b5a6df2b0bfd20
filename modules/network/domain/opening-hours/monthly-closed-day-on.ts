import { daysInMonthOf, isoWeekdayOf } from './local-date';
import type { MonthlyClosedDay, OpeningHoursSpec } from './opening-hours-spec';

/** Whether the date is the nth (or, for -1, the last) such weekday of its month. */
export function isNthWeekdayOfMonth(date: string, rule: Pick<MonthlyClosedDay, 'weekday' | 'nth'>): boolean {
  if (isoWeekdayOf(date) !== rule.weekday) return false;
  const dayOfMonth = Number(date.slice(8, 10));
  return rule.nth === -1 ? dayOfMonth + 7 > daysInMonthOf(date) : Math.ceil(dayOfMonth / 7) === rule.nth;
}

export function monthlyClosedDayOn(spec: OpeningHoursSpec, date: string): MonthlyClosedDay | undefined {
  return spec.monthlyClosedDays?.find((rule) => isNthWeekdayOfMonth(date, rule));
}
