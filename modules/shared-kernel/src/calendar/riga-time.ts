import { DateTime } from 'luxon';

export const RIGA_TIME_ZONE = 'Europe/Riga';

/** The local date in Riga of an instant, 'YYYY-MM-DD'. */
export function rigaDateOf(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: RIGA_TIME_ZONE }).toISODate() as string;
}

/**
 * Epoch millis of a Riga wall-clock time; 1440 minutes is the next midnight. A time skipped by
 * the spring DST jump resolves to the instant an hour later (Luxon's rule).
 */
export function rigaInstantMillis(date: string, minutes: number): number {
  const [year, month, day] = date.split('-').map(Number);
  if (minutes === 24 * 60) {
    return DateTime.fromObject({ year, month, day }, { zone: RIGA_TIME_ZONE }).plus({ days: 1 }).toMillis();
  }
  const hour = Math.floor(minutes / 60);
  return DateTime.fromObject({ year, month, day, hour, minute: minutes % 60 }, { zone: RIGA_TIME_ZONE }).toMillis();
}
