import type { IsoWeekday } from './local-date';

/** Opening interval in local wall-clock time, 'HH:mm'; `to` may be '24:00'. */
export interface WorkingInterval {
  readonly from: string;
  readonly to: string;
}

/** Weekly hours per ISO weekday (1 = Monday … 7 = Sunday); a missing or empty day is closed. */
export type WorkingHoursSchedule = { readonly [day in IsoWeekday]?: readonly WorkingInterval[] };

const STATE_INSTITUTION_DAY: readonly WorkingInterval[] = [
  { from: '08:30', to: '12:00' },
  { from: '12:30', to: '17:00' },
];

/** The former uniform core hours of state administration, 8:30–17:00 with a lunch break. */
export const defaultStateInstitutionSchedule: WorkingHoursSchedule = {
  1: STATE_INSTITUTION_DAY,
  2: STATE_INSTITUTION_DAY,
  3: STATE_INSTITUTION_DAY,
  4: STATE_INSTITUTION_DAY,
  5: STATE_INSTITUTION_DAY,
};

/** Minutes since midnight for 'HH:mm' (00:00–24:00). */
export function parseTimeOfDay(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/.exec(value);
  if (!match) throw new RangeError(`Expected a time as HH:mm, got "${value}"`);
  return match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
}

/** A day's intervals as sorted [from, to) minute ranges; throws on empty or overlapping ones. */
export function dayMinuteRanges(intervals: readonly WorkingInterval[]): Array<[number, number]> {
  const ranges = intervals
    .map((interval): [number, number] => [parseTimeOfDay(interval.from), parseTimeOfDay(interval.to)])
    .sort((a, b) => a[0] - b[0]);
  ranges.forEach(([from, to], i) => {
    if (from >= to) throw new RangeError(`Working interval ${from}–${to} min ends before it starts`);
    if (i > 0 && from < ranges[i - 1][1]) throw new RangeError('Working intervals overlap');
  });
  return ranges;
}

/** Throws a RangeError if any day of an (admin-entered) schedule is malformed. */
export function assertWorkingHoursSchedule(schedule: WorkingHoursSchedule): void {
  Object.values(schedule).forEach((intervals) => dayMinuteRanges(intervals ?? []));
}
