import { hhmmOf, minutesOf } from './hhmm';
import type { TimeInterval } from './opening-hours-spec';

/** Moves the day's closing time one hour earlier; intervals left after the new close are dropped. */
export function shortenByOneHour(intervals: readonly TimeInterval[]): TimeInterval[] {
  if (intervals.length === 0) return [];
  const close = minutesOf(intervals[intervals.length - 1].to) - 60;
  return intervals
    .filter((interval) => minutesOf(interval.from) < close)
    .map((interval) => ({ from: interval.from, to: minutesOf(interval.to) > close ? hhmmOf(close) : interval.to }));
}
