import type { DomainError } from '@modules/shared-kernel';
import { BOOKING_EXCLUSION_CONSTRAINTS } from './booking-constraints.sql';
import { calendarError } from './calendar-errors';
import type { Slot } from './find-free-slots';

/** PostgreSQL SQLSTATE exclusion_violation. */
export const EXCLUSION_VIOLATION = '23P01';

export type BookingClash = keyof typeof BOOKING_EXCLUSION_CONSTRAINTS;

/**
 * Which booking exclusion constraint a database error comes from, or null for any other error.
 * Reads the `code` and `constraint` fields node-postgres puts on its errors (also when wrapped as `cause`).
 */
export function bookingClashOf(error: unknown): BookingClash | null {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 3; depth++) {
    const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === EXCLUSION_VIOLATION) {
      if (constraint === BOOKING_EXCLUSION_CONSTRAINTS.specialist) return 'specialist';
      if (constraint === BOOKING_EXCLUSION_CONSTRAINTS.booth) return 'booth';
      return null;
    }
    current = cause;
  }
  return null;
}

/** BOOKING.SLOT_TAKEN (409) with the clash and the next free slots for the client to offer. */
export function slotTakenError(clash: BookingClash, nextFreeSlots: readonly Slot[]): DomainError {
  return calendarError('BOOKING.SLOT_TAKEN', {
    clash,
    nextFreeSlots: nextFreeSlots.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString(), specialistIds: slot.specialistIds, boothIds: slot.boothIds })),
  });
}
