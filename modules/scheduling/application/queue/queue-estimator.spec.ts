import { QueueEstimator, serviceMinutesFor, type Samples } from './queue-estimator';

const at = (hour: number, minutes: number) => ({ hour, minutes });
const samples = (byQueue: Record<string, Array<{ hour: number; minutes: number }>>, byService: Record<string, Array<{ hour: number; minutes: number }>> = {}): Samples => ({
  at: Date.now(),
  byQueue: new Map(Object.entries(byQueue)),
  byService: new Map(Object.entries(byService)),
});
const times = (n: number, hour: number, minutes: number) => Array.from({ length: n }, () => at(hour, minutes));

describe('the service times a wait estimate is made from', () => {
  it('prefers the ticket’s own service within an hour of now', () => {
    const s = samples({ q: times(10, 10, 12) }, { 'VSAA-001': [...times(5, 9, 4), ...times(5, 15, 30)] });
    expect(serviceMinutesFor(s, 'q', 'VSAA-001', 10)).toEqual(Array(5).fill(4));
  });

  it('falls back to the queue within the hour, then the service and the queue at any hour', () => {
    const s = samples({ q: [...times(5, 10, 12), ...times(3, 15, 20)] }, { 'VSAA-001': times(3, 10, 4) });
    expect(serviceMinutesFor(s, 'q', 'VSAA-001', 11)).toEqual(Array(5).fill(12)); // too few for the service in the hour
    const anyHour = samples({ q: times(4, 8, 12) }, { 'VSAA-001': times(6, 16, 7) });
    expect(serviceMinutesFor(anyHour, 'q', 'VSAA-001', 11)).toEqual(Array(6).fill(7)); // the service's, at other hours
    expect(serviceMinutesFor(anyHour, 'q', undefined, 11)).toEqual(Array(4).fill(12)); // a queue estimate
  });

  it('uses the service’s times in the estimate: a quick service waits less than the queue’s average suggests', () => {
    const estimator = new QueueEstimator();
    const s = samples({ q: times(10, 10, 20) }, { QUICK: times(10, 10, 2) });
    const queue = { id: 'q' } as never;
    const desks = [{ state: 'open', queueIds: ['q'] }] as never;
    const now = new Date('2026-12-01T08:00:00Z'); // 10:00 in Riga
    const forQueue = estimator.estimate(s, queue, desks, 3, now);
    const forQuick = estimator.estimate(s, queue, desks, 3, now, 'QUICK');
    expect(forQuick.minMinutes).toBeLessThan(forQueue.minMinutes);
    expect(forQuick.maxMinutes!).toBeLessThan(forQueue.maxMinutes!);
  });
});
