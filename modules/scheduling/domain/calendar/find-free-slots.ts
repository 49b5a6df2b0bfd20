import { earliestStart, horizonEnd } from './booking-policy';
import type { ConsultationType } from './consultation-type';
import { alignedStarts } from './aligned-starts';
import { addDays, isLocalDate, MINUTE_MS, RIGA, startOfLocalDay } from './local-time';
import { intersectMerged, mergeOwnSpans, subtractMerged, type Span } from './spans';
import { toSpan, type TimeRange } from './time-range';

/** One specialist who provides the service, with the calendar already expanded by the caller. */
export interface SpecialistAgenda {
  specialistId: string;
  /** Working time as UTC ranges, e.g. from `availabilityRanges` (absences already taken out). */
  availability: readonly TimeRange[];
  /** Blocked ranges (buffers included) of the specialist's active bookings, of every type and centre. */
  bookings: readonly TimeRange[];
  /** Active bookings per local date ('YYYY-MM-DD' in the search zone), for the per-day limit. */
  bookingsPerDay?: Readonly<Record<string, number>>;
}

/** One video booth of the centre with the blocked ranges of its active bookings. */
export interface BoothAgenda {
  boothId: string;
  bookings: readonly TimeRange[];
}

export interface FindFreeSlotsInput {
  consultationType: ConsultationType;
  specialists: readonly SpecialistAgenda[];
  /** The centre's opening hours as UTC ranges, expanded by the caller. */
  centreOpening: readonly TimeRange[];
  booths: readonly BoothAgenda[];
  now: Date;
  /** Slots start at or after `from` and end by `to`. */
  from: Date;
  to: Date;
  /** The zone of the slot grid, the per-day limit and the horizon; Europe/Riga by default. */
  timeZone?: string;
  /** Stop after this many slots (e.g. the next free slots for a 409). */
  limit?: number;
}

/** A bookable start: the meeting [start, end) and who could take it. */
export interface Slot {
  start: Date;
  end: Date;
  specialistIds: string[];
  boothIds: string[];
}

/**
 * Free slots for a service at a centre. A start s is offered when the meeting [s, s + duration)
 * lies within the centre's opening hours and within a specialist's working time, the blocked range
 * [s − buffer before, s + duration + buffer after) overlaps none of that specialist's and one
 * booth's blocked ranges, the specialist is under the day's limit, s respects the minimum notice
 * and the horizon, and s sits on the local wall-clock grid of the slot interval.
 *
 * Works in "start space": every constraint becomes a set of allowed start instants, so the search
 * is a few merges and sweeps over sorted arrays — O(n log n) in ranges, never a scan over minutes.
 */
export function findFreeSlots(input: FindFreeSlotsInput): Slot[] {
  const type = input.consultationType;
  const zone = input.timeZone ?? RIGA;
  const duration = type.durationMinutes * MINUTE_MS;
  const before = type.bufferBeforeMinutes * MINUTE_MS;
  const after = type.bufferAfterMinutes * MINUTE_MS;

  // Times are whole milliseconds, so a closed start range [a, b] is the half-open [a, b + 1).
  // Ranges are joined first, so a meeting may run across two touching ranges.
  const startsWithin = (ranges: readonly TimeRange[]): Span[] => {
    const starts: Span[] = [];
    for (const span of mergeOwnSpans(ranges.map(toSpan))) {
      const startsEnd = span.end - duration + 1;
      if (startsEnd > span.start) starts.push({ start: span.start, end: startsEnd });
    }
    return starts;
  };
  const startsClashingWith = (blocked: TimeRange): Span => ({ start: blocked.start.getTime() - duration - after + 1, end: blocked.end.getTime() + before });
  const startsClashingWithAny = (bookings: readonly TimeRange[], extra: Span[] = []): Span[] => {
    const spans = bookings.map(startsClashingWith);
    for (const span of extra) spans.push(span);
    return mergeOwnSpans(spans);
  };

  const lower = Math.max(input.from.getTime(), earliestStart(type, input.now).getTime());
  const upper = Math.min(input.to.getTime() - duration + 1, horizonEnd(type, input.now, zone).getTime());
  if (lower >= upper) return [];
  const openStarts = intersectMerged(startsWithin(input.centreOpening), [{ start: lower, end: upper }]);
  if (openStarts.length === 0) return [];

  const specialists = input.specialists.map((agenda) => ({
    id: agenda.specialistId,
    starts: subtractMerged(intersectMerged(startsWithin(agenda.availability), openStarts), startsClashingWithAny(agenda.bookings, fullDays(agenda, type, zone))),
  }));
  const booths = input.booths.map((agenda) => ({ id: agenda.boothId, starts: subtractMerged(openStarts, startsClashingWithAny(agenda.bookings)) }));

  // Copies: merging reuses span objects, and each list is read again below.
  const anySpecialist = mergeOwnSpans(specialists.flatMap((specialist) => specialist.starts.map((span) => ({ ...span }))));
  const anyBooth = mergeOwnSpans(booths.flatMap((booth) => booth.starts.map((span) => ({ ...span }))));
  const starts = alignedStarts(intersectMerged(anySpecialist, anyBooth), type.slotIntervalMinutes, zone, input.limit);

  const slots: Slot[] = starts.map((start) => ({ start: new Date(start), end: new Date(start + duration), specialistIds: [], boothIds: [] }));
  for (const specialist of specialists) markWhere(starts, specialist.starts, (i) => slots[i].specialistIds.push(specialist.id));
  for (const booth of booths) markWhere(starts, booth.starts, (i) => slots[i].boothIds.push(booth.id));
  return slots.filter((slot) => slot.specialistIds.length > 0 && slot.boothIds.length > 0);
}

/** Whole local days on which the specialist has reached the per-day limit. */
function fullDays(agenda: SpecialistAgenda, type: ConsultationType, zone: string): Span[] {
  const max = type.maxPerSpecialistPerDay;
  if (max === null || !agenda.bookingsPerDay) return [];
  return Object.entries(agenda.bookingsPerDay)
    .filter(([date, count]) => count >= max && isLocalDate(date))
    .map(([date]) => ({ start: startOfLocalDay(date, zone), end: startOfLocalDay(addDays(date, 1), zone) }));
}

// Both sorted: one sweep over the starts and the windows together.
function markWhere(starts: readonly number[], windows: readonly Span[], mark: (index: number) => void): void {
  let i = 0;
  for (const window of windows) {
    while (i < starts.length && starts[i] < window.start) i++;
    while (i < starts.length && starts[i] < window.end) mark(i++);
    if (i === starts.length) return;
  }
}
