import type { AvailabilitySchedule } from './availability-schedule';
import type { Booking } from './booking';
import type { SpecialistAgenda } from './find-free-slots';
import { covers, merge, overlaps, type TimeRange } from './time-range';

export type HandOffOutcome = 'hand_off' | 'no_colleague_named' | 'colleague_unavailable';

/** What to do with one booking that falls into its specialist's absence. */
export interface AbsenceHandOff {
  bookingId: string;
  absentSpecialistId: string;
  /** The colleague to reassign it to (`booking.reassignTo`); null when it must be rebooked. */
  toSpecialistId: string | null;
  outcome: HandOffOutcome;
}

/**
 * For each held or confirmed booking of the schedule's specialist whose meeting overlaps an
 * absence: hand it to the absence's named colleague when that colleague works through the meeting
 * and is free for its blocked range (including bookings handed over earlier in this plan);
 * otherwise the booking needs rebooking. Bookings in start order.
 */
export function planAbsenceHandOffs(schedule: AvailabilitySchedule, bookings: readonly Booking[], colleagues: readonly SpecialistAgenda[]): AbsenceHandOff[] {
  const agendas = new Map(colleagues.map((agenda) => [agenda.specialistId, { availability: merge(agenda.availability), bookings: [...agenda.bookings] }]));
  const affected = bookings
    .filter((booking) => booking.specialistId === schedule.specialistId && booking.blocksCalendar)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const plan: AbsenceHandOff[] = [];
  for (const booking of affected) {
    const meeting = { start: booking.start, end: booking.end };
    const absence = schedule.absences.find((candidate) => overlaps({ start: candidate.from, end: candidate.to }, meeting));
    if (!absence) continue;
    const base = { bookingId: booking.id, absentSpecialistId: schedule.specialistId };
    const colleagueId = absence.handOffToSpecialistId;
    if (colleagueId === undefined) {
      plan.push({ ...base, toSpecialistId: null, outcome: 'no_colleague_named' });
      continue;
    }
    const colleague = agendas.get(colleagueId);
    const free =
      colleague !== undefined &&
      colleague.availability.some((range) => covers(range, meeting)) &&
      !colleague.bookings.some((blocked: TimeRange) => overlaps(blocked, booking.blockedRange));
    if (free) colleague.bookings.push(booking.blockedRange);
    plan.push({ ...base, toSpecialistId: free ? colleagueId : null, outcome: free ? 'hand_off' : 'colleague_unavailable' });
  }
  return plan;
}
