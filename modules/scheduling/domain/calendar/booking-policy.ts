import type { ConsultationType } from './consultation-type';
import { addDays, localDateOf, MINUTE_MS, startOfLocalDay } from './local-time';
import type { TimeRange } from './time-range';

/** The earliest start the minimum notice allows. */
export const earliestStart = (type: ConsultationType, now: Date): Date => new Date(now.getTime() + type.minimumNoticeMinutes * MINUTE_MS);

/** Starts must be before this instant: local midnight after the last date of the booking horizon. */
export const horizonEnd = (type: ConsultationType, now: Date, timeZone: string): Date =>
  new Date(startOfLocalDay(addDays(localDateOf(now, timeZone), type.bookingHorizonDays + 1), timeZone));

/** The meeting itself. */
export const meetingRange = (type: ConsultationType, start: Date): TimeRange => ({ start, end: new Date(start.getTime() + type.durationMinutes * MINUTE_MS) });

/** The meeting with its buffers: what the specialist and the booth are kept free for. */
export const blockedRangeOf = (type: ConsultationType, start: Date): TimeRange => ({
  start: new Date(start.getTime() - type.bufferBeforeMinutes * MINUTE_MS),
  end: new Date(start.getTime() + (type.durationMinutes + type.bufferAfterMinutes) * MINUTE_MS),
});
