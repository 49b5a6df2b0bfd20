import { MINUTE_MS, offsetMinutes } from './local-time';
import type { Span } from './spans';

const DAY_MINUTES = 24 * 60;
const mod = (value: number, by: number): number => ((value % by) + by) % by;

/**
 * The instants inside the windows whose local wall-clock time is a whole multiple of the interval
 * since local midnight (30 → hh:00 and hh:30), ascending. Windows must be merged. Across a DST
 * change the grid follows the wall clock: skipped times do not exist, repeated ones occur twice.
 */
export function alignedStarts(windows: readonly Span[], intervalMinutes: number, zone: string, limit = Infinity): number[] {
  const offsetOf = (millis: number): number => offsetMinutes(zone, millis);
  const minuteOfDay = (millis: number): number => mod(millis / MINUTE_MS + offsetOf(millis), DAY_MINUTES);
  const isAligned = (millis: number): boolean => minuteOfDay(millis) % intervalMinutes === 0;

  const nextAligned = (millis: number): number => {
    const whole = Math.ceil(millis / MINUTE_MS) * MINUTE_MS;
    const minute = minuteOfDay(whole);
    const target = Math.min(Math.ceil(minute / intervalMinutes) * intervalMinutes, DAY_MINUTES);
    const candidate = whole + (target - minute) * MINUTE_MS;
    if (offsetOf(candidate) === offsetOf(whole)) return candidate;
    // The offset changes on the way (twice a year): walk the wall clock minute by minute.
    let probe = whole;
    while (!isAligned(probe)) probe += MINUTE_MS;
    return probe;
  };

  const starts: number[] = [];
  for (const window of windows) {
    for (let start = nextAligned(window.start); start < window.end; start = nextAligned(start + 1)) {
      if (starts.length >= limit) return starts;
      starts.push(start);
    }
  }
  return starts;
}
