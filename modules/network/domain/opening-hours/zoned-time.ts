import { DateTime } from 'luxon';
import { minutesOf } from './hhmm';
import { addDays } from './local-date';

export interface LocalMoment {
  date: string;
  /** Minutes since local midnight, with the fraction for seconds. */
  minute: number;
}

/** The wall-clock date and time of an instant in the zone; DST comes from the IANA rules. */
export function localMomentOf(instant: Date, zone: string): LocalMoment {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`Unknown time zone: ${zone}`);
  return {
    date: local.toISODate() as string,
    minute: local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / 60_000,
  };
}

/**
 * The instant a local wall-clock time happens. A time skipped by the spring-forward change
 * (03:00–04:00 in Riga) moves forward an hour, as a wall clock would show it.
 */
export function instantOf(date: string, hhmm: string, zone: string): Date {
  const minutes = minutesOf(hhmm);
  const day = minutes >= 24 * 60 ? addDays(date, 1) : date;
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const local = DateTime.fromObject(
    { year, month, day: dayOfMonth, hour: Math.floor(minutes / 60) % 24, minute: minutes % 60 },
    { zone },
  );
  if (!local.isValid) throw new RangeError(`Unknown time zone: ${zone}`);
  return local.toJSDate();
}
