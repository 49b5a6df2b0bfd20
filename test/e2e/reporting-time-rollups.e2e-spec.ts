import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Outbox } from '@infrastructure/messaging/outbox';
import type { IntegrationEvent } from '@modules/shared-kernel';
import { ReportingProjector } from '../../modules/reporting/application/projection/reporting-projector';
import { forEachPair, histogramBucket } from '../../modules/reporting/domain/duration-histogram';
import { percentileCont, seededRandom, visitEndedEvent, type VisitOutcome, type VisitSpec } from '../../modules/reporting/testing/visit-ended.fixture';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The monthly time rollups (visit_time_month per month × centre, service_time_month per month ×
 * service) behind wait-time reports over large slices. The app runs with
 * REPORTING_EXACT_PERCENTILE_LIMIT=0, so every whole-month report reads them. Two generated months
 * at three centres, with visits announced again (corrected) and older announcements arriving late:
 * the rollups must equal a brute-force count of the visits' final state, the reports must give
 * exact counts and averages and percentiles within 1 %, and re-applying the events or rebuilding
 * must change nothing.
 */
describe('reporting: monthly time rollups (e2e)', () => {
  const RIGA = 'Europe/Riga';
  const SERVICE_CODES = ['VSAA-001', 'VSAA-002', 'VID-001', 'VZD-001', 'PMLP-001'];
  const MEASURES = ['wait', 'walk', 'service', 'hold'] as const;
  type Measure = (typeof MEASURES)[number];
  let t: TestApp;
  let admin: string;
  let centreIds: string[] = [];
  const events: IntegrationEvent[] = [];
  /** The final state of each visit (the announcement with the latest time). */
  const finals = new Map<string, { spec: VisitSpec; month: string; occurredAt: string; ms: Record<Measure, number | null> }>();

  const msOf = (spec: VisitSpec): Record<Measure, number | null> => {
    const atDesk = spec.outcome === 'served' || spec.outcome === 'not_served';
    return {
      wait: spec.outcome !== 'left_before_service' && !spec.inaccurate?.includes('waiting') ? spec.waitS * 1000 : null,
      walk: atDesk ? (spec.walkS ?? 30) * 1000 : null,
      service: atDesk && !spec.inaccurate?.includes('serving') ? (spec.serviceS ?? 600) * 1000 : null,
      hold: atDesk && spec.holdS ? spec.holdS * 1000 : null,
    };
  };

  function generate(): void {
    const rand = seededRandom(20260201);
    const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
    const queue = randomUUID();
    for (let day = DateTime.fromISO('2026-02-01', { zone: RIGA }); day.month <= 3; day = day.plus({ days: 1 })) {
      if (day.weekday >= 6) continue;
      for (const centreId of centreIds) {
        for (let i = 0; i < 3 + Math.floor(rand() * 6); i++) {
          const issuedAt = day.set({ hour: 8 + Math.floor(rand() * 9), minute: Math.floor(rand() * 60) }).toUTC().toISO()!;
          const visit = (): VisitSpec => {
            const r = rand();
            const outcome: VisitOutcome = r < 0.75 ? 'served' : r < 0.82 ? 'not_served' : r < 0.92 ? 'left_before_service' : 'no_show';
            const flag = rand();
            return {
              centreId,
              queueId: queue,
              number: `A${String(i + 1).padStart(3, '0')}`,
              issuedAt,
              outcome,
              waitS: Math.floor(rand() * 2400),
              walkS: 5 + Math.floor(rand() * 120),
              serviceS: 60 + Math.floor(rand() * 1800),
              holdS: rand() < 0.1 ? 30 + Math.floor(rand() * 900) : undefined,
              inaccurate: flag < 0.05 ? ['waiting'] : flag < 0.08 ? ['serving'] : [],
              requests: Array.from({ length: rand() < 0.3 ? 2 : 1 }, () => ({ serviceCode: pick(SERVICE_CODES) })),
            };
          };
          const ticketId = randomUUID();
          const first = { ...visit(), ticketId };
          const closes = Date.parse(issuedAt) + 4 * 3_600_000;
          const announce = (spec: VisitSpec, offsetMinutes: number) => {
            const occurredAt = new Date(closes + offsetMinutes * 60_000).toISOString();
            const event = visitEndedEvent({ ...spec, occurredAt });
            events.push(event);
            const seen = finals.get(ticketId);
            if (!seen || seen.occurredAt <= occurredAt) finals.set(ticketId, { spec, month: `${day.toISODate()!.slice(0, 7)}-01`, occurredAt, ms: msOf(spec) });
          };
          announce(first, 0);
          const r = rand();
          // Announced again (a period marked inaccurate after closing, services corrected)…
          if (r < 0.15) announce({ ...visit(), ticketId }, 60);
          // …and, sometimes, an older announcement arriving late (ignored).
          if (r < 0.05) announce({ ...visit(), ticketId }, -30);
        }
      }
    }
  }

  const publish = async (list: IntegrationEvent[]): Promise<void> => {
    const outbox = t.app.get(Outbox);
    await t.app
      .get(EntityManager)
      .fork()
      .transactional(async (tx) => {
        outbox.stage(tx, ...list);
      });
    outbox.nudge();
    await t.drainEvents(120_000);
  };

  const ok = async (path: string) => {
    const res = await t.request('GET', `/api/v1/reporting/${path}`, { token: admin });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body;
  };

  const tables = async () =>
    t.sql(`
      select (select md5(string_agg(r::text, ',' order by month, centre_id)) from reporting.visit_time_month r where visits <> 0) as centres,
             (select md5(string_agg(r::text, ',' order by month, service_code)) from reporting.service_time_month r where visits <> 0) as services`);

  beforeAll(async () => {
    t = await startTestApp({ REPORTING_EXACT_PERCENTILE_LIMIT: '0' });
    admin = await t.token('admin');
    const centresPage = (await t.request('GET', '/api/v1/network/centres?pageSize=500')).body.items as Array<{ id: string; shortName: string }>;
    centreIds = ['Cēsu VPVKAC', 'Līgatnes VPVKAC', 'Aizputes VPVKAC'].map((name) => centresPage.find((c) => c.shortName === name)!.id);
    generate();
    await publish(events);
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  /** What a rollup cell should hold, counted from the visits' final state. */
  function expectedCells(keyOf: (spec: VisitSpec) => string[]): Map<string, Record<string, unknown>> {
    const cells = new Map<string, Record<string, unknown> & { hist: Record<Measure, Map<number, number>> }>();
    for (const { spec, month, ms } of finals.values()) {
      for (const key of new Set(keyOf(spec))) {
        const id = `${month}|${key}`;
        const cell =
          cells.get(id) ??
          ({ visits: 0, served: 0, not_served: 0, left_before_service: 0, no_show: 0, ...Object.fromEntries(MEASURES.flatMap((m) => [[`${m}_n`, 0], [`${m}_sum_ms`, 0]])), hist: { wait: new Map(), walk: new Map(), service: new Map(), hold: new Map() } } as never);
        cell.visits = (cell.visits as number) + 1;
        cell[spec.outcome] = (cell[spec.outcome] as number) + 1;
        for (const m of MEASURES) {
          const v = ms[m];
          if (v === null) continue;
          cell[`${m}_n`] = (cell[`${m}_n`] as number) + 1;
          cell[`${m}_sum_ms`] = (cell[`${m}_sum_ms`] as number) + v;
          cell.hist[m].set(histogramBucket(v), (cell.hist[m].get(histogramBucket(v)) ?? 0) + 1);
        }
        cells.set(id, cell);
      }
    }
    return new Map([...cells].map(([id, { hist, ...rest }]) => [id, { ...rest, ...Object.fromEntries(MEASURES.map((m) => [`${m}_hist`, Object.fromEntries([...hist[m]].sort((a, b) => a[0] - b[0]))])) }]));
  }

  async function actualCells(table: string, key: string): Promise<Map<string, Record<string, unknown>>> {
    const rows = await t.sql<Record<string, unknown>>(`select *, month::text as month_text, ${key}::text as key_text from reporting.${table} where visits <> 0`);
    return new Map(
      rows.map((r) => {
        const cell: Record<string, unknown> = {};
        for (const c of ['visits', 'served', 'not_served', 'left_before_service', 'no_show']) cell[c] = Number(r[c]);
        for (const m of MEASURES) {
          cell[`${m}_n`] = Number(r[`${m}_n`]);
          cell[`${m}_sum_ms`] = Number(r[`${m}_sum_ms`]);
          const hist: Record<string, number> = {};
          forEachPair(r[`${m}_hist`] as Uint8Array, (bucket, count) => (hist[bucket] = (hist[bucket] ?? 0) + count));
          cell[`${m}_hist`] = hist;
        }
        return [`${String(r.month_text)}|${String(r.key_text)}`, cell];
      }),
    );
  }

  it('keeps the rollups equal to a brute-force count of the visits’ final state', async () => {
    expect(events.length).toBeGreaterThan(finals.size);
    const byCentre = await actualCells('visit_time_month', 'centre_id');
    expect(Object.fromEntries(byCentre)).toEqual(Object.fromEntries(expectedCells((spec) => [spec.centreId])));
    const byService = await actualCells('service_time_month', 'service_code');
    expect(Object.fromEntries(byService)).toEqual(Object.fromEntries(expectedCells((spec) => spec.requests.map((r) => r.serviceCode))));
  });

  it('answers whole-month wait-time reports from the rollups: counts and averages exact, medians and p90 within 1 %', async () => {
    const check = (point: Record<string, unknown> & Record<Measure, { n: number; avgSeconds: number | null; medianSeconds: number | null; p90Seconds: number | null }>, visits: Array<{ spec: VisitSpec; ms: Record<Measure, number | null> }>) => {
      expect(point.visits).toBe(visits.length);
      expect(point.served).toBe(visits.filter((v) => v.spec.outcome === 'served').length);
      expect(point.noShow).toBe(visits.filter((v) => v.spec.outcome === 'no_show').length);
      for (const m of MEASURES) {
        const values = visits.map((v) => v.ms[m]).filter((x): x is number => x !== null).map((x) => x / 1000);
        expect([m, point[m].n]).toEqual([m, values.length]);
        if (values.length === 0) continue;
        expect(Math.abs(point[m].avgSeconds! - values.reduce((a, b) => a + b, 0) / values.length)).toBeLessThanOrEqual(0.051);
        for (const [p, got] of [[0.5, point[m].medianSeconds], [0.9, point[m].p90Seconds]] as const) {
          const exact = percentileCont(values, p)!;
          // 1 % of the value, plus the rounding of the answer to 0.1 s.
          expect(Math.abs(got! - exact)).toBeLessThanOrEqual(exact * 0.01 + 0.051);
        }
      }
    };
    const all = [...finals.values()];
    const national = await ok('wait-times?from=2026-02-01&to=2026-03-31&interval=month');
    expect(national.percentiles).toEqual({ method: 'histogram', maxRelativeError: 0.01 });
    expect(national.notes.at(-1)).toMatch(/within 1 %/);
    national.periods.forEach((period: string, i: number) => check(national.series[0].points[i], all.filter((v) => v.month === period)));

    const byCentre = await ok('wait-times?from=2026-02-01&to=2026-03-31&interval=total&groupBy=centre');
    expect(byCentre.series).toHaveLength(3);
    for (const s of byCentre.series) check(s.points[0], all.filter((v) => v.spec.centreId === s.key.centreId));
    expect(byCentre.series.map((s: { key: { centreName: string } }) => s.key.centreName).sort()).toEqual(['Aizputes VPVKAC', 'Cēsu VPVKAC', 'Līgatnes VPVKAC']);

    // By institution: a visit once under each of its services (two VSAA services: twice under VSAA).
    const byInstitution = await ok('wait-times?from=2026-03-01&to=2026-03-31&interval=total&groupBy=institution');
    expect(byInstitution.percentiles.method).toBe('histogram');
    for (const s of byInstitution.series) {
      const march = all.filter((v) => v.month === '2026-03-01');
      check(s.points[0], march.flatMap((v) => [...new Set(v.spec.requests.map((r) => r.serviceCode))].filter((code) => code.startsWith(`${s.key.institutionCode}-`)).map(() => v)));
    }

    // Days, weeks, hours and queues are read from the visits, exactly.
    const weekly = await ok('wait-times?from=2026-02-01&to=2026-03-31&interval=week');
    expect(weekly.percentiles).toEqual({ method: 'exact', maxRelativeError: 0 });
    // A filter the per-service rollup cannot apply exactly (one visit, two services of VSAA) is read from the visits too.
    expect((await ok('wait-times?from=2026-03-01&to=2026-03-31&interval=total&institution=VSAA')).percentiles.method).toBe('exact');
  });

  it('changes nothing when the same events are applied again, in any order', async () => {
    const before = await tables();
    const projector = t.app.get(ReportingProjector);
    const shuffled = [...events].sort((a, b) => (a.id < b.id ? -1 : 1));
    await t.app.get(EntityManager).fork().transactional((tx) => projector.apply(shuffled.slice(0, 200), tx));
    await t.app.get(EntityManager).fork().transactional((tx) => projector.apply(shuffled.slice(200), tx));
    await t.app.get(EntityManager).fork().transactional((tx) => projector.apply([...events].reverse(), tx));
    expect(await tables()).toEqual(before);
  });

  it('rebuilds from the outbox to the same rollups and reports', async () => {
    const before = { tables: await tables(), report: await ok('wait-times?from=2026-02-01&to=2026-03-31&interval=month&groupBy=region') };
    const res = await t.request('POST', '/api/v1/reporting/rebuild', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.rows.visit_time_month).toBeGreaterThan(0);
    expect({ tables: await tables(), report: await ok('wait-times?from=2026-02-01&to=2026-03-31&interval=month&groupBy=region') }).toEqual(before);
  });
});
