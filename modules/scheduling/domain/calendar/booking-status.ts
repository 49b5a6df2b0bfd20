export const BOOKING_STATUSES = ['held', 'confirmed', 'cancelled', 'no_show', 'completed', 'rescheduled'] as const;

export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses that occupy the specialist and the booth; the database exclusion constraints use the same list. */
export const BLOCKING_STATUSES: readonly BookingStatus[] = ['held', 'confirmed'];

export const isBlockingStatus = (status: BookingStatus): boolean => BLOCKING_STATUSES.includes(status);
