import { calendarError } from './calendar-errors';
import { addDays, isoWeekdayOf, localDateOf, RIGA, startOfLocalDay } from './local-time';
import type { BookingStatus } from './booking-status';

/** What fair assignment knows about one specialist. */
export interface SpecialistLoad {
  bookingsThisWeek: number;
  /** End of the specialist's last booking before the slot; null if none. */
  lastBookingEndedAt: Date | null;
}

export type SpecialistLoads = ReadonlyMap<string, SpecialistLoad> | Readonly<Record<string, SpecialistLoad | undefined>>;

const NO_LOAD: SpecialistLoad = { bookingsThisWeek: 0, lastBookingEndedAt: null };
const loadOf = (stats: SpecialistLoads, id: string): SpecialistLoad =>
  (stats instanceof Map ? stats.get(id) : (stats as Record<string, SpecialistLoad | undefined>)[id]) ?? NO_LOAD;
const idleSince = (load: SpecialistLoad): number => load.lastBookingEndedAt?.getTime() ?? -Infinity;

/**
 * "Any specialist": the candidate with the fewest bookings this week, then the longest idle (last
 * booking ended earliest; never booked first), then the smallest id so the choice is repeatable.
 * Throws BOOKING.NO_SPECIALIST_AVAILABLE when there is no candidate.
 */
export function chooseSpecialist(candidates: readonly string[], stats: SpecialistLoads): string {
  if (candidates.length === 0) throw calendarError('BOOKING.NO_SPECIALIST_AVAILABLE');
  const ranked = [...candidates].sort((a, b) => {
    const loadA = loadOf(stats, a);
    const loadB = loadOf(stats, b);
    return loadA.bookingsThisWeek - loadB.bookingsThisWeek || idleSince(loadA) - idleSince(loadB) || (a < b ? -1 : a > b ? 1 : 0);
  });
  return ranked[0];
}

/** The part of a booking fair assignment reads. */
export interface BookingLoadView {
  specialistId: string;
  status: BookingStatus;
  start: Date;
  end: Date;
}

const COUNTS: ReadonlySet<BookingStatus> = new Set(['held', 'confirmed', 'completed', 'no_show']);

/**
 * Loads for the slot starting at `slotStart`: bookings in its local ISO week (Monday to Sunday)
 * and the last booking end not after it. Cancelled and rescheduled bookings do not count.
 */
export function specialistLoads(bookings: readonly BookingLoadView[], slotStart: Date, timeZone = RIGA): Map<string, SpecialistLoad> {
  const date = localDateOf(slotStart, timeZone);
  const monday = addDays(date, 1 - isoWeekdayOf(date));
  const weekStart = startOfLocalDay(monday, timeZone);
  const weekEnd = startOfLocalDay(addDays(monday, 7), timeZone);
  const loads = new Map<string, SpecialistLoad>();
  for (const booking of bookings) {
    if (!COUNTS.has(booking.status)) continue;
    const load = loads.get(booking.specialistId) ?? { bookingsThisWeek: 0, lastBookingEndedAt: null };
    const start = booking.start.getTime();
    if (start >= weekStart && start < weekEnd) load.bookingsThisWeek++;
    if (booking.end <= slotStart && (load.lastBookingEndedAt === null || booking.end > load.lastBookingEndedAt)) load.lastBookingEndedAt = booking.end;
    loads.set(booking.specialistId, load);
  }
  return loads;
}
