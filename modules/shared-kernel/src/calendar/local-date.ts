// Local calendar dates as 'YYYY-MM-DD' strings. Arithmetic runs on UTC midnights,
// so it never sees a DST shift; time zones matter only when turning a date into instants.

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  return match !== null && toLocalDate(Date.UTC(+match[1], +match[2] - 1, +match[3])) === value;
}

export function assertLocalDate(value: string): void {
  if (!isLocalDate(value)) throw new RangeError(`Expected a real date as YYYY-MM-DD, got "${value}"`);
}

export function localDate(year: number, month: number, day: number): string {
  return toLocalDate(Date.UTC(year, month - 1, day));
}

export function addDays(date: string, days: number): string {
  return toLocalDate(toUtcMillis(date) + days * DAY_MS);
}

export function isoWeekday(date: string): IsoWeekday {
  return (((new Date(toUtcMillis(date)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcMillis(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
}

function toLocalDate(utcMillis: number): string {
  return new Date(utcMillis).toISOString().slice(0, 10);
}
