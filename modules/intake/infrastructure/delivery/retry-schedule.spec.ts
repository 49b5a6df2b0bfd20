import { nextAttemptAt, parseRetryAfter } from './retry-schedule';

const schedule = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];
const now = new Date('2026-11-28T10:00:00Z');

describe('webhook retry schedule', () => {
  it('follows the schedule with bounded jitter and stops after ~3 days', () => {
    const at = (n: number, r: number) => (nextAttemptAt(n, schedule, now, undefined, () => r)!.getTime() - now.getTime()) / 1000;
    expect(at(1, 0.5)).toBe(5);
    expect(at(2, 0)).toBe(240);
    expect(at(2, 1)).toBe(360);
    expect(nextAttemptAt(10, schedule, now)).toBeNull();
    expect(schedule.reduce((a, b) => a + b, 0) / 86400).toBeGreaterThan(3);
  });

  it('honours Retry-After', () => {
    expect((nextAttemptAt(1, schedule, now, 120, () => 0.5)!.getTime() - now.getTime()) / 1000).toBe(120);
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
