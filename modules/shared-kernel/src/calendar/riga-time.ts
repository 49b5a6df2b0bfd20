import { DateTime } from 'luxon';

export const RIGA_TIME_ZONE = 'Europe/Riga';

const HOUR_MS = 3_600_000;
/** Riga's UTC offset (ms) per UTC hour: DST changes fall on whole UTC hours, so one hour has one offset. */
const offsets = new Map<number, number>();

function rigaOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: RIGA_TIME_ZONE }).offset * 60_000;
    offsets.set(hour, offset);
  }
  return offset;
}

/** The local date in Riga of an instant, 'YYYY-MM-DD' (every queue command asks: the offset is remembered per hour). */
export function rigaDateOf(instant: Date): string {
  const ms = instant.getTime();
  return new Date(ms + rigaOffsetMs(ms)).toISOString().slice(0, 10);
}

/** The local hour (0–23) in Riga of an instant. */
export function rigaHourOf(instant: Date): number {
  const ms = instant.getTime();
  return new Date(ms + rigaOffsetMs(ms)).getUTCHours();
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
