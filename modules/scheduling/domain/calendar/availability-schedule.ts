import { FieldErrors } from './calendar-errors';
import { isHhmm, isLocalDate, isValidZone, minutesOf, RIGA, type IsoWeekday } from './local-time';

/** Wall-clock interval on a local day, 'HH:mm'; `to` may be '24:00'. */
export interface WallClockInterval {
  from: string;
  to: string;
}

/** Working intervals per ISO weekday (1 = Monday); the gaps between them are breaks. */
export type WeeklyRules = { readonly [weekday in IsoWeekday]?: readonly WallClockInterval[] };

/** A date with other hours than the weekly rules, or closed (no or empty intervals). */
export interface AvailabilityOverride {
  date: string;
  intervals?: readonly WallClockInterval[];
  closed?: boolean;
}

/** Time away (leave, training); bookings in it may go to a colleague. */
export interface Absence {
  id?: string;
  from: Date;
  to: Date;
  handOffToSpecialistId?: string;
}

export interface AvailabilitySchedule {
  readonly specialistId: string;
  readonly timeZone: string;
  readonly weekly: WeeklyRules;
  readonly overrides: readonly AvailabilityOverride[];
  readonly absences: readonly Absence[];
  /** Off on public and calendar days off; a transferred working Saturday takes the weekday's rules. */
  readonly followsPublicHolidays: boolean;
  /** With followsPublicHolidays: the last interval of a pre-holiday day ends an hour earlier. */
  readonly shortenBeforeHolidays: boolean;
}

export interface AvailabilityScheduleInput {
  specialistId: string;
  timeZone?: string;
  weekly: WeeklyRules;
  overrides?: readonly AvailabilityOverride[];
  absences?: readonly Absence[];
  followsPublicHolidays?: boolean;
  shortenBeforeHolidays?: boolean;
}

const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** A validated schedule with defaults (Europe/Riga, follows the holidays). Throws AVAILABILITY.INVALID_SCHEDULE. */
export function availabilitySchedule(input: AvailabilityScheduleInput): AvailabilitySchedule {
  const errors = new FieldErrors();
  const timeZone = input.timeZone ?? RIGA;
  errors.check(isValidZone(timeZone), 'timeZone', 'UNKNOWN_TIME_ZONE', 'Nezināma laika josla.', 'Unknown time zone.');
  for (const key of Object.keys(input.weekly)) {
    const weekday = Number(key) as IsoWeekday;
    if (!WEEKDAYS.includes(weekday)) errors.add(`weekly.${key}`, 'INVALID_WEEKDAY', 'Nedēļas dienai jābūt no 1 līdz 7.', 'The weekday must be 1 to 7.');
    else checkIntervals(errors, `weekly.${key}`, input.weekly[weekday] ?? []);
  }
  const overrides = input.overrides ?? [];
  const seen = new Set<string>();
  overrides.forEach((override, i) => {
    const field = `overrides[${i}]`;
    if (!isLocalDate(override.date)) errors.add(`${field}.date`, 'INVALID_DATE', 'Nederīgs datums.', 'Invalid date.');
    if (seen.has(override.date)) errors.add(`${field}.date`, 'DUPLICATE_DATE', 'Šim datumam izņēmums jau ir.', 'This date already has an override.');
    seen.add(override.date);
    checkIntervals(errors, `${field}.intervals`, override.intervals ?? []);
  });
  const absences = input.absences ?? [];
  absences.forEach((absence, i) => {
    const ordered = absence.from.getTime() < absence.to.getTime();
    errors.check(ordered, `absences[${i}]`, 'INVALID_RANGE', 'Prombūtnes sākumam jābūt pirms beigām.', 'An absence must start before it ends.');
    const selfHandOff = absence.handOffToSpecialistId === input.specialistId;
    errors.check(!selfHandOff, `absences[${i}].handOffToSpecialistId`, 'SELF_HAND_OFF', 'Nododiet kolēģim, nevis sev.', 'Hand off to a colleague, not to yourself.');
  });
  errors.throwIfAny('AVAILABILITY.INVALID_SCHEDULE');
  return {
    specialistId: input.specialistId,
    timeZone,
    weekly: input.weekly,
    overrides,
    absences: [...absences].sort((a, b) => a.from.getTime() - b.from.getTime()),
    followsPublicHolidays: input.followsPublicHolidays ?? true,
    shortenBeforeHolidays: input.shortenBeforeHolidays ?? true,
  };
}

// Each interval well-formed, and a day's intervals in order without overlaps.
function checkIntervals(errors: FieldErrors, field: string, intervals: readonly WallClockInterval[]): void {
  let previousEnd = -1;
  intervals.forEach((interval, i) => {
    if (!isHhmm(interval.from) || !isHhmm(interval.to) || interval.from === '24:00') {
      errors.add(`${field}[${i}]`, 'INVALID_TIME', 'Laikam jābūt formātā HH:mm.', 'Times must be HH:mm.');
      return;
    }
    const from = minutesOf(interval.from);
    const to = minutesOf(interval.to);
    if (from >= to) errors.add(`${field}[${i}]`, 'INVALID_RANGE', 'Sākumam jābūt pirms beigām.', 'The start must be before the end.');
    else if (from < previousEnd) errors.add(`${field}[${i}]`, 'OVERLAP', 'Intervāli pārklājas vai nav secīgi.', 'The intervals overlap or are out of order.');
    previousEnd = Math.max(previousEnd, to);
  });
}
