import { DurationHistogram } from '../../domain';
import { VisitTimeDeltas, type TimedVisit } from './visit-time-rollups';

const visit = (over: Partial<TimedVisit> = {}): TimedVisit => ({
  day: '2026-03-16',
  centreId: 'C1',
  outcome: 'served',
  serviceCodes: ['VSAA-001', 'VID-001'],
  waitMs: 60_000,
  walkMs: 20_000,
  serviceMs: 300_000,
  holdMs: null,
  ...over,
});

describe('VisitTimeDeltas', () => {
  it('counts a visit once per month and centre, and once under each of its services', () => {
    const deltas = new VisitTimeDeltas();
    deltas.add(visit(), 1);
    deltas.add(visit({ day: '2026-03-20', outcome: 'left_before_service', waitMs: null, walkMs: null, serviceMs: null, serviceCodes: ['VSAA-001'] }), 1);
    const [centre, ...others] = deltas.centreCells();
    expect(others).toHaveLength(0);
    expect(centre).toMatchObject({ month: '2026-03-01', key: 'c1', visits: 2, served: 1, leftBeforeService: 1, n: { wait: 1, walk: 1, service: 1, hold: 0 }, sumMs: { wait: 60_000, service: 300_000 } });
    expect(centre!.hist.wait.percentiles([0.5])[0]).toBeCloseTo(60_000, -3);
    expect(deltas.serviceCells().map((c) => [c.key, c.visits, c.n.wait])).toEqual([
      ['VID-001', 1, 1],
      ['VSAA-001', 2, 1],
    ]);
  });

  it('takes a replaced visit out exactly and leaves out cells that do not change', () => {
    const deltas = new VisitTimeDeltas();
    deltas.add(visit({ waitMs: 90_000 }), 1);
    deltas.add(visit(), -1);
    const [centre] = deltas.centreCells();
    expect(centre).toMatchObject({ visits: 0, served: 0, n: { wait: 0, walk: 0, service: 0 }, sumMs: { wait: 30_000, walk: 0, service: 0 } });
    const expected = new DurationHistogram();
    expected.add(90_000);
    expected.add(60_000, -1);
    expect(centre!.hist.wait.encode()).toEqual(expected.encode());
    expect(centre!.hist.walk.isEmpty).toBe(true);
    // A correction that keeps every bucket (a few milliseconds, another outcome) still changes the sums and counts.
    const slight = new VisitTimeDeltas();
    slight.add(visit({ waitMs: 60_004, outcome: 'not_served' }), 1);
    slight.add(visit(), -1);
    expect(slight.centreCells()).toMatchObject([{ visits: 0, served: -1, notServed: 1, sumMs: { wait: 4 } }]);
    expect(slight.centreCells()[0]!.hist.wait.isEmpty).toBe(true);
    // The same visit added and taken back changes nothing at all.
    const none = new VisitTimeDeltas();
    none.add(visit(), 1);
    none.add(visit(), -1);
    expect(none.centreCells()).toEqual([]);
    expect(none.serviceCells()).toEqual([]);
  });
});
