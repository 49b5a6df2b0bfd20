import type { IntegrationEvent } from '@modules/shared-kernel';

/**
 * Integration events of video-consultation bookings (for Reporting and RemoteOfficial).
 * No personal data: ids, codes, times and reason codes only — never the citizen's name or code,
 * nor the clerk's free-text cancel reason.
 */
export const BookingEvents = {
  BookingConfirmed: 'scheduling.BookingConfirmed',
  BookingRescheduled: 'scheduling.BookingRescheduled',
  BookingCancelled: 'scheduling.BookingCancelled',
  BookingNoShow: 'scheduling.BookingNoShow',
} as const;

/** Why a booking was cancelled (the free text stays in the booking). */
export const BOOKING_CANCEL_REASONS = ['citizen_request', 'specialist_unavailable', 'centre_unavailable', 'duplicate', 'hold_expired', 'other'] as const;
export type BookingCancelReason = (typeof BOOKING_CANCEL_REASONS)[number];

export interface BookingRef {
  bookingId: string;
  institutionId: string;
  serviceCode: string;
  centreId: string;
  boothId: string;
  specialistId: string;
  /** Meeting start and end (ISO instants; buffers not included). */
  start: string;
  end: string;
  durationMinutes: number;
}

export interface BookingConfirmedPayload extends BookingRef {
  confirmedAt: string;
  /** Minutes from the confirmation to the start. */
  leadMinutes: number;
  /** Set when this booking replaces a rescheduled one. */
  rescheduledFromId: string | null;
}

export interface BookingRescheduledPayload extends BookingRef {
  rescheduledAt: string;
  newBookingId: string;
  newStart: string;
  newEnd: string;
  newSpecialistId: string;
  newBoothId: string;
}

export interface BookingCancelledPayload extends BookingRef {
  cancelledAt: string;
  reason: BookingCancelReason;
  /** The status it was cancelled from ('held' or 'confirmed'). */
  previousStatus: string;
}

export interface BookingNoShowPayload extends BookingRef {
  markedAt: string;
}

export type BookingConfirmedIntegrationEvent = IntegrationEvent<typeof BookingEvents.BookingConfirmed, BookingConfirmedPayload>;
export type BookingRescheduledIntegrationEvent = IntegrationEvent<typeof BookingEvents.BookingRescheduled, BookingRescheduledPayload>;
export type BookingCancelledIntegrationEvent = IntegrationEvent<typeof BookingEvents.BookingCancelled, BookingCancelledPayload>;
export type BookingNoShowIntegrationEvent = IntegrationEvent<typeof BookingEvents.BookingNoShow, BookingNoShowPayload>;
