import type { Booking } from './booking';
import type { BookingStatus } from './booking-status';
import { contentLines, escapeText, formatUtc } from './icalendar-text';
import type { Specialist } from './specialist';

/** Optional Latvian names for ids in the feed; ids are shown where a name is missing. */
export interface ICalendarLabels {
  serviceNames?: Readonly<Record<string, string>>;
  centreNames?: Readonly<Record<string, string>>;
  boothNames?: Readonly<Record<string, string>>;
}

export const ICALENDAR_PRODID = '-//VPVKAC IS//Scheduling//LV';

const SHOWN_AS_CONFIRMED: ReadonlySet<BookingStatus> = new Set(['confirmed', 'completed', 'no_show']);
const SHOWN_AS_CANCELLED: ReadonlySet<BookingStatus> = new Set(['cancelled', 'rescheduled']);

/**
 * The specialist's consultations as an RFC 5545 feed (METHOD:PUBLISH, times in UTC). Holds are
 * left out, and so are cancelled bookings that were never confirmed; a cancelled or rescheduled
 * booking stays as STATUS:CANCELLED with a higher SEQUENCE so subscribed calendars drop it.
 * No citizen data: the summary names the service, not the person.
 */
export function toICalendar(specialist: Specialist, bookings: readonly Booking[], now: Date, labels: ICalendarLabels = {}): string {
  const events = bookings
    .filter((booking) => booking.specialistId === specialist.id && statusOf(booking) !== null)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.uid < b.uid ? -1 : 1))
    .flatMap((booking) => vevent(booking, now, labels));
  return contentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICALENDAR_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`Videokonsultācijas — ${specialist.displayName}`)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
    'X-PUBLISHED-TTL:PT15M',
    ...events,
    'END:VCALENDAR',
  ]);
}

function statusOf(booking: Booking): 'CONFIRMED' | 'CANCELLED' | null {
  if (SHOWN_AS_CONFIRMED.has(booking.status)) return 'CONFIRMED';
  if (SHOWN_AS_CANCELLED.has(booking.status) && booking.confirmedAt !== undefined) return 'CANCELLED';
  return null;
}

function vevent(booking: Booking, now: Date, labels: ICalendarLabels): string[] {
  const status = statusOf(booking);
  const service = labels.serviceNames?.[booking.serviceCode] ?? booking.serviceCode;
  const centre = labels.centreNames?.[booking.centreId] ?? booking.centreId;
  const booth = labels.boothNames?.[booking.boothId] ?? booking.boothId;
  return [
    'BEGIN:VEVENT',
    `UID:${booking.uid}`,
    `SEQUENCE:${booking.sequence}`,
    `DTSTAMP:${formatUtc(now)}`,
    `CREATED:${formatUtc(booking.createdAt)}`,
    `LAST-MODIFIED:${formatUtc(booking.updatedAt)}`,
    `DTSTART:${formatUtc(booking.start)}`,
    `DTEND:${formatUtc(booking.end)}`,
    `SUMMARY:${escapeText(`Videokonsultācija: ${service}`)}`,
    `LOCATION:${escapeText(`${centre}, ${booth}`)}`,
    `DESCRIPTION:${escapeText(`Pakalpojums: ${service}\nPieraksta Nr.: ${booking.id}`)}`,
    `STATUS:${status}`,
    `TRANSP:${status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE'}`,
    'END:VEVENT',
  ];
}
