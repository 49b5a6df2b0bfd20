import { queueError } from './queue-errors';

/** What the queue needs to know of a booking to let its citizen check in. */
export interface AppointmentToCheckIn {
  id: string;
  centreId: string;
  status: string;
  start: Date;
  end: Date;
}

/** Check-in opens this long before the appointment starts (and closes when it ends). */
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000;

/**
 * A ticket may claim an appointment (and so go first) only for a confirmed booking of this
 * centre, from an hour before its start until its end, and only once while the ticket is active:
 * otherwise anyone at a kiosk could jump the queue with a made-up booking id.
 */
export function assertAppointmentCheckIn(
  booking: AppointmentToCheckIn | null,
  centreId: string,
  now: Date,
  activeHolder: { number: string } | undefined,
): void {
  if (!booking || booking.centreId !== centreId) throw queueError('QUEUE.APPOINTMENT_UNKNOWN');
  if (booking.status !== 'confirmed') throw queueError('QUEUE.APPOINTMENT_NOT_DUE', { bookingStatus: booking.status });
  const t = now.getTime();
  if (t < booking.start.getTime() - CHECK_IN_OPENS_BEFORE_MS || t >= booking.end.getTime()) {
    throw queueError('QUEUE.APPOINTMENT_NOT_DUE', { start: booking.start.toISOString(), end: booking.end.toISOString() });
  }
  if (activeHolder) throw queueError('QUEUE.APPOINTMENT_CHECKED_IN', { number: activeHolder.number });
}
