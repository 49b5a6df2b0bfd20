import { estimateWait, percentile } from './estimate-wait';

const samples = [4, 5, 6, 7, 8, 9, 10, 11, 12]; // p25 = 6, p75 = 10

describe('percentile', () => {
  it('interpolates between ranks', () => {
    expect(percentile(samples, 0.25)).toBe(6);
    expect(percentile(samples, 0.75)).toBe(10);
    expect(percentile([1, 2], 0.5)).toBe(1.5);
    expect(percentile([3, 1, 2], 0)).toBe(1);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('estimateWait', () => {
  it('gives a range from the quartiles of recent service times, shared among the desks', () => {
    expect(estimateWait({ position: 4, serviceMinutesSamples: samples, staffedDesks: 2, defaultServiceMinutes: 15 })).toEqual({
      aheadCount: 4,
      minMinutes: 12, // 4 × 6 ÷ 2
      maxMinutes: 25, // 5 × 10 ÷ 2
    });
  });

  it('says "now" to "one service" for the first in line', () => {
    expect(estimateWait({ position: 0, serviceMinutesSamples: samples, staffedDesks: 1, defaultServiceMinutes: 15 })).toEqual({ aheadCount: 0, minMinutes: 0, maxMinutes: 10 });
  });

  it('uses the default service time when there are too few samples', () => {
    expect(estimateWait({ position: 2, serviceMinutesSamples: [1, 2, 3, 4], staffedDesks: 1, defaultServiceMinutes: 8 })).toEqual({ aheadCount: 2, minMinutes: 16, maxMinutes: 24 });
  });

  it('ignores nonsense samples', () => {
    const noisy = [...samples, 0, -3, Number.NaN, Number.POSITIVE_INFINITY];
    expect(estimateWait({ position: 4, serviceMinutesSamples: noisy, staffedDesks: 2, defaultServiceMinutes: 15 })).toEqual({ aheadCount: 4, minMinutes: 12, maxMinutes: 25 });
  });

  it('rounds the lower end down and the upper end up', () => {
    expect(estimateWait({ position: 1, serviceMinutesSamples: [], staffedDesks: 3, defaultServiceMinutes: 10 })).toEqual({ aheadCount: 1, minMinutes: 3, maxMinutes: 7 });
  });

  it('has no upper bound when no desk serves the queue, and a lower one as if a desk opened now', () => {
    expect(estimateWait({ position: 3, serviceMinutesSamples: samples, staffedDesks: 0, defaultServiceMinutes: 15 })).toEqual({ aheadCount: 3, minMinutes: 18, maxMinutes: null });
  });

  it('never reports a negative position', () => {
    expect(estimateWait({ position: -2, serviceMinutesSamples: [], staffedDesks: 1, defaultServiceMinutes: 10 }).aheadCount).toBe(0);
  });
});
