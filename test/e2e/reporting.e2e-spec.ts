import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { Outbox } from '@infrastructure/messaging/outbox';
import type { IntegrationEvent } from '@modules/shared-kernel';
import { ReportingProjector } from '../../modules/reporting/application/projection/reporting-projector';
import { percentileCont, seededRandom, visitEndedEvent, type VisitOutcome, type VisitSpec } from '../../modules/reporting/testing/visit-ended.fixture';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Reporting over a generated month (March 2026, with the spring DST day) for three centres, plus
 * hand-computed days at Grobiņa: numbers, time zones, idempotency, access, small cells, exports
 * and a rebuild from the outbox that must give the same answers.
 */
describe('reporting (e2e)', () => {
  const RIGA = 'Europe/Riga';
  const CONSUMER = 'reporting.projections';
  let t: TestApp;
  let admin: string;
  const centres: Record<'cesis' | 'ligatne' | 'aizpute' | 'grobina', string> = { cesis: '', ligatne: '', aizpute: '', grobina: '' };
  const queueOf = new Map<string, string>();

  // ---- the generated month and what it should give, computed here without the module's code ----
  const SERVICE_CODES = ['VSAA-001', 'VSAA-002', 'VID-001', 'VID-002', 'VZD-001', 'PMLP-001', 'NVA-001'];
  const CHANNEL_OF: Record<string, string> = { in_person: 'in_person', phone: 'consultation_only', assisted_eservice: 'in_person' };
  interface Generated {
    spec: VisitSpec;
    day: string;
    wait: number | null;
    walk: number | null;
    service: number | null;
    hold: number | null;
  }
  const generated: Generated[] = [];

  function generateMonth(): void {
    const rand = seededRandom(20260301);
    const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
    for (let d = 1; d <= 31; d++) {
      const date = DateTime.fromObject({ year: 2026, month: 3, day: d }, { zone: RIGA });
      // Weekdays, and Sunday 29 March (the day clocks go forward) as an open day.
      if (date.weekday >= 6 && d !== 29) continue;
      for (const centre of [centres.cesis, centres.ligatne, centres.aizpute]) {
        const n = 5 + Math.floor(rand() * 8);
        for (let i = 0; i < n; i++) {
          const minute = 8 * 60 + Math.floor(rand() * 540);
          const issuedAt = date.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toUTC().toISO()!;
          const r = rand();
          const outcome: VisitOutcome = r < 0.75 ? 'served' : r < 0.82 ? 'not_served' : r < 0.92 ? 'left_before_service' : 'no_show';
          const waitS = 30 + Math.floor(rand() * 1800);
          const walkS = 10 + Math.floor(rand() * 90);
          const serviceS = 120 + Math.floor(rand() * 1500);
          const holdS = rand() < 0.1 ? 60 + Math.floor(rand() * 600) : undefined;
          const flag = rand();
          const inaccurate = flag < 0.05 ? (['waiting'] as const) : flag < 0.08 ? (['serving'] as const) : [];
          const requests = Array.from({ length: rand() < 0.25 ? 2 : 1 }, () => {
            const c = rand();
            return { serviceCode: pick(SERVICE_CODES), channel: c < 0.85 ? 'in_person' : c < 0.95 ? 'phone' : 'assisted_eservice', quantity: rand() < 0.1 ? 2 : 1 };
          });
          const spec: VisitSpec = { centreId: centre, queueId: queueOf.get(centre)!, number: `A${String(i + 1).padStart(3, '0')}`, issuedAt, outcome, waitS, walkS, serviceS, holdS, inaccurate: [...inaccurate], requests };
          const atDesk = outcome === 'served' || outcome === 'not_served';
          generated.push({
            spec,
            day: date.toISODate()!,
            wait: outcome !== 'left_before_service' && !spec.inaccurate!.includes('waiting') ? waitS : null,
            walk: atDesk ? walkS : null,
            service: atDesk && !spec.inaccurate!.includes('serving') ? serviceS : null,
            hold: atDesk && holdS ? holdS : null,
          });
        }
      }
    }
  }

  const publish = async (events: IntegrationEvent[]): Promise<void> => {
    const outbox = t.app.get(Outbox);
    await t.app
      .get(EntityManager)
      .fork()
      .transactional(async (tx) => {
        outbox.stage(tx, ...events);
      });
    outbox.nudge();
    await t.drainEvents(120_000);
  };

  /** Into the outbox (the log a rebuild replays) as already dispatched: the test delivers them itself. */
  const logOnly = async (events: IntegrationEvent[]): Promise<void> => {
    await t.app
      .get(EntityManager)
      .fork()
      .transactional(async (tx) => {
        t.app.get(Outbox).stage(tx, ...events);
        await tx.flush();
        // In the same transaction, so the dispatcher never sees them pending.
        await tx.execute(`update platform.outbox set dispatched_at = now() where id in (${events.map(() => '?').join(', ')})`, events.map((e) => e.id));
      });
  };

  const get = (path: string, token: string = admin) => t.request('GET', `/api/v1/reporting/${path}`, { token });
  const ok = async (path: string, token: string = admin) => {
    const res = await get(path, token);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const near = (actual: number | null, expected: number | null) => {
    if (expected === null) expect(actual).toBeNull();
    else expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(0.051);
  };
  const stats = (values: Array<number | null>) => {
    const v = values.filter((x): x is number => x !== null);
    return { n: v.length, avg: v.length ? v.reduce((a, b) => a + b, 0) / v.length : null, median: percentileCont(v, 0.5), p90: percentileCont(v, 0.9) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin');
    const centresPage = (await t.request('GET', '/api/v1/network/centres?pageSize=500')).body.items as Array<{ id: string; shortName: string }>;
    const idOf = (name: string) => centresPage.find((c) => c.shortName === name)!.id;
    centres.cesis = idOf('Cēsu VPVKAC');
    centres.ligatne = idOf('Līgatnes VPVKAC');
    centres.aizpute = idOf('Aizputes VPVKAC');
    centres.grobina = idOf('Grobiņas pilsētas VPVKAC');
    for (const id of Object.values(centres)) queueOf.set(id, randomUUID());
    generateMonth();
    await publish(generated.map((g) => visitEndedEvent(g.spec)));
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  describe('a generated month', () => {
    it('counts services provided by day × centre × service × channel, as the visits say', async () => {
      const expected = new Map<string, number>();
      for (const g of generated.filter((x) => x.spec.outcome === 'served')) {
        for (const r of g.spec.requests) {
          const key = [g.day, g.spec.centreId, r.serviceCode, CHANNEL_OF[r.channel!]].join('|');
          expected.set(key, (expected.get(key) ?? 0) + (r.quantity ?? 1));
        }
      }
      const ids = [centres.cesis, centres.ligatne, centres.aizpute].join(',');
      const report = await ok(`services?from=2026-03-01&to=2026-03-31&groupBy=centre,service,channel&centreId=${ids}`);
      expect(report.periods).toHaveLength(31);
      const seen = new Set<string>();
      for (const s of report.series) {
        expect(s.data).toHaveLength(31);
        report.periods.forEach((day: string, i: number) => {
          const key = [day, s.key.centreId, s.key.serviceCode, s.key.channel].join('|');
          expect([key, s.data[i]]).toEqual([key, expected.get(key) ?? 0]);
          if (expected.has(key)) seen.add(key);
        });
      }
      expect(seen.size).toBe(expected.size);
      const total = [...expected.values()].reduce((a, b) => a + b, 0);
      expect(report.totals.services).toBe(total);
      // The whole month by month comes from the monthly rollup, and must agree with the days.
      const monthly = await ok(`services?from=2026-03-01&to=2026-03-31&interval=month&groupBy=centre,service,channel&centreId=${ids}`);
      const totalsOf = (r: { series: Array<{ key: Record<string, string>; total: number }> }) =>
        Object.fromEntries(r.series.map((x) => [`${x.key.centreId}|${x.key.serviceCode}|${x.key.channel}`, x.total]));
      expect(totalsOf(monthly)).toEqual(totalsOf(report));
      expect(monthly.totals.services).toBe(total);
      // Without services, the per-centre rollup answers; it must agree too.
      const byCentre = await ok(`services?from=2026-03-01&to=2026-03-31&interval=total&groupBy=centre,channel&centreId=${ids}`);
      const expectedByCentre: Record<string, number> = {};
      for (const [key, n] of expected) {
        const [, centre, , channel] = key.split('|');
        expectedByCentre[`${centre}|${channel}`] = (expectedByCentre[`${centre}|${channel}`] ?? 0) + n;
      }
      expect(Object.fromEntries(byCentre.series.map((x: { key: Record<string, string>; total: number }) => [`${x.key.centreId}|${x.key.channel}`, x.total]))).toEqual(expectedByCentre);
      const cesis = report.series.find((s: { key: { centreId: string } }) => s.key.centreId === centres.cesis);
      expect(cesis.key.centreName).toBe('Cēsu VPVKAC');
      expect(cesis.label).toContain('Cēsu VPVKAC');
    });

    it('gives average, median and p90 of wait, walk, service and hold per centre, and the left and no-show rates', async () => {
      const ids = [centres.cesis, centres.ligatne, centres.aizpute].join(',');
      const report = await ok(`wait-times?from=2026-03-01&to=2026-03-31&groupBy=centre&interval=total&centreId=${ids}`);
      expect(report.series).toHaveLength(3);
      for (const s of report.series) {
        const mine = generated.filter((g) => g.spec.centreId === s.key.centreId);
        const [p] = s.points;
        expect(p.visits).toBe(mine.length);
        expect(p.served).toBe(mine.filter((g) => g.spec.outcome === 'served').length);
        expect(p.leftBeforeService).toBe(mine.filter((g) => g.spec.outcome === 'left_before_service').length);
        expect(p.noShow).toBe(mine.filter((g) => g.spec.outcome === 'no_show').length);
        near(p.leftBeforeServiceRate, Math.round((p.leftBeforeService / mine.length) * 10_000) / 10_000);
        for (const m of ['wait', 'walk', 'service', 'hold'] as const) {
          const e = stats(mine.map((g) => g[m]));
          expect([m, p[m].n]).toEqual([m, e.n]);
          near(p[m].avgSeconds, e.avg);
          near(p[m].medianSeconds, e.median);
          near(p[m].p90Seconds, e.p90);
        }
      }
    });

    it('rolls the month up by institution and week', async () => {
      const ids = [centres.cesis, centres.ligatne, centres.aizpute].join(',');
      const report = await ok(`services?from=2026-03-01&to=2026-03-31&groupBy=institution&interval=week&centreId=${ids}`);
      expect(report.periods[0]).toBe('2026-02-23'); // the ISO week holding 1 March
      const byInstitution = new Map<string, number>();
      for (const g of generated.filter((x) => x.spec.outcome === 'served')) {
        for (const r of g.spec.requests) byInstitution.set(r.serviceCode.split('-')[0]!, (byInstitution.get(r.serviceCode.split('-')[0]!) ?? 0) + (r.quantity ?? 1));
      }
      expect(Object.fromEntries(report.series.map((s: { key: { institutionCode: string }; total: number }) => [s.key.institutionCode, s.total]))).toEqual(Object.fromEntries(byInstitution));
      expect(report.series.find((s: { key: { institutionCode: string } }) => s.key.institutionCode === 'VSAA').key.institutionName).toMatch(/Valsts sociālās apdrošināšanas/);
    });
  });

  describe('hand-computed days at Grobiņa', () => {
    const at = (iso: string) => new Date(iso).toISOString();
    const v = (issuedAt: string, over: Partial<VisitSpec> = {}): VisitSpec => ({
      centreId: centres.grobina,
      queueId: queueOf.get(centres.grobina)!,
      number: `B${String(Math.floor(Math.random() * 900) + 100)}`,
      issuedAt: at(issuedAt),
      outcome: 'served',
      waitS: 60,
      requests: [{ serviceCode: 'VSAA-001' }],
      ...over,
    });

    beforeAll(async () => {
      await publish(
        [
          // Tuesday 10 March: six visits, times in seconds.
          v('2026-03-10T07:00:00Z', { number: 'A001', waitS: 60, walkS: 30, serviceS: 600 }),
          v('2026-03-10T07:10:00Z', { number: 'A002', waitS: 120, walkS: 20, serviceS: 300, holdS: 120 }),
          v('2026-03-10T07:20:00Z', { number: 'A003', waitS: 900, walkS: 40, serviceS: 900, requests: [{ serviceCode: 'VID-001', channel: 'phone' }] }),
          v('2026-03-10T07:30:00Z', { number: 'A004', waitS: 5000, walkS: 10, serviceS: 200, inaccurate: ['waiting'] }),
          v('2026-03-10T07:40:00Z', { number: 'A005', waitS: 1200, outcome: 'left_before_service' }),
          v('2026-03-10T07:50:00Z', { number: 'A006', waitS: 300, walkS: 180, outcome: 'no_show' }),
          // Around the spring DST change: 29 March runs 22:00 UTC (28th) to 21:00 UTC (29th), 23 hours.
          v('2026-03-28T21:59:00Z', { number: 'C001' }), // 23:59 on the 28th
          v('2026-03-28T22:01:00Z', { number: 'C002' }), // 00:01 on the 29th
          v('2026-03-29T01:30:00Z', { number: 'C003' }), // 04:30 (03:00–04:00 does not exist)
          v('2026-03-29T20:59:00Z', { number: 'C004' }), // 23:59 on the 29th (UTC+3)
          v('2026-03-29T21:00:00Z', { number: 'C005' }), // 00:00 on the 30th
          // Around the autumn change: 25 October runs 21:00 UTC (24th) to 22:00 UTC (25th), 25 hours.
          v('2026-10-24T20:59:00Z', { number: 'D001' }), // 23:59 on the 24th
          v('2026-10-25T00:30:00Z', { number: 'D002' }), // 03:30 summer time
          v('2026-10-25T01:30:00Z', { number: 'D003' }), // 03:30 again, winter time
          v('2026-10-25T21:30:00Z', { number: 'D004' }), // 23:30 on the 25th (UTC+2)
          v('2026-10-25T22:00:00Z', { number: 'D005' }), // 00:00 on the 26th
        ].map(visitEndedEvent),
      );
    });

    it('computes a day’s wait, walk, service and hold exactly, leaving out inaccurate periods and unknown waits', async () => {
      const report = await ok(`wait-times?from=2026-03-10&to=2026-03-10&centreId=${centres.grobina}`);
      const [p] = report.series[0].points;
      // wait: 60, 120, 900, 300 (A004 inaccurate, A005 left while waiting)
      expect(p).toMatchObject({ visits: 6, served: 4, leftBeforeService: 1, noShow: 1, leftBeforeServiceRate: 0.1667, noShowRate: 0.1667 });
      expect(p.wait).toEqual({ n: 4, avgSeconds: 345, medianSeconds: 210, p90Seconds: 720 });
      // walk: 30, 20, 40, 10 (the no-show never reached the desk)
      expect(p.walk).toEqual({ n: 4, avgSeconds: 25, medianSeconds: 25, p90Seconds: 37 });
      // service: 600, 300 (150 + 150 around the hold), 900, 200
      expect(p.service).toEqual({ n: 4, avgSeconds: 500, medianSeconds: 450, p90Seconds: 810 });
      expect(p.hold).toEqual({ n: 1, avgSeconds: 120, medianSeconds: 120, p90Seconds: 120 });
      const services = await ok(`services?from=2026-03-10&to=2026-03-10&groupBy=service,channel&centreId=${centres.grobina}`);
      expect(services.series.map((s: { label: string; total: number; key: { channel: string } }) => [s.key.channel, s.total])).toEqual(
        expect.arrayContaining([
          ['in_person', 3],
          ['consultation_only', 1],
        ]),
      );
    });

    it('puts visits on Riga’s local day and hour across the spring DST change (23-hour day)', async () => {
      const report = await ok(`services?from=2026-03-28&to=2026-03-30&centreId=${centres.grobina}`);
      expect(report.periods).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
      expect(report.series[0].data).toEqual([1, 3, 1]);
      const hours = await ok(`wait-times?from=2026-03-29&to=2026-03-29&groupBy=hour&interval=total&centreId=${centres.grobina}`);
      expect(hours.series.map((s: { key: { hour: number }; points: Array<{ visits: number }> }) => [s.key.hour, s.points[0]!.visits])).toEqual([
        [0, 1],
        [4, 1],
        [23, 1],
      ]);
    });

    it('puts visits on Riga’s local day and hour across the autumn DST change (25-hour day, 03:xx twice)', async () => {
      const report = await ok(`services?from=2026-10-24&to=2026-10-26&centreId=${centres.grobina}`);
      expect(report.series[0].data).toEqual([1, 3, 1]);
      const hours = await ok(`wait-times?from=2026-10-25&to=2026-10-25&groupBy=hour&interval=total&centreId=${centres.grobina}`);
      expect(hours.series.map((s: { key: { hour: number }; points: Array<{ visits: number }> }) => [s.key.hour, s.points[0]!.visits])).toEqual([
        [3, 2],
        [23, 1],
      ]);
    });
  });

  describe('idempotency', () => {
    const grobinaDay = async (day: string) => (await ok(`services?from=${day}&to=${day}&interval=total&centreId=${centres.grobina}`)).totals.services as number;
    const spec = (): VisitSpec => ({ centreId: centres.grobina, queueId: queueOf.get(centres.grobina)!, number: 'E001', issuedAt: '2026-03-16T08:00:00.000Z', outcome: 'served', waitS: 100, requests: [{ serviceCode: 'VZD-001' }] });

    it('counts an event delivered twice once', async () => {
      const event = visitEndedEvent({ ...spec(), number: 'E001' });
      await publish([event]);
      expect(await grobinaDay('2026-03-16')).toBe(1);
      // Delivered again (a retried job): the bus has recorded it for this consumer.
      const bus = t.app.get(IntegrationEventBus);
      expect(await bus.deliver(CONSUMER, event)).toBe(false);
      expect(await grobinaDay('2026-03-16')).toBe(1);
      // Applied again through the projection itself (the live consumer catching up with a rebuild): nothing changes.
      const projector = t.app.get(ReportingProjector);
      await t.app.get(EntityManager).fork().transactional((tx) => projector.apply([event, event], tx));
      expect(await grobinaDay('2026-03-16')).toBe(1);
    });

    it('applies a batch of events in one delivery, each once, leaving out those already applied', async () => {
      const bus = t.app.get(IntegrationEventBus);
      expect(bus.takesBatches(CONSUMER)).toBe(true);
      const day = '2026-03-19';
      const batch = ['E010', 'E011', 'E012'].map((number, i) => visitEndedEvent({ ...spec(), number, issuedAt: `${day}T${String(8 + i).padStart(2, '0')}:00:00.000Z` }));
      await logOnly(batch);
      expect(await bus.deliverMany(CONSUMER, [batch[0]!])).toBe(1);
      expect(await grobinaDay(day)).toBe(1);
      // The first is already applied: only the other two count, and a repeated id in the batch counts once.
      expect(await bus.deliverMany(CONSUMER, [...batch, batch[2]!])).toBe(2);
      expect(await grobinaDay(day)).toBe(3);
      expect(await bus.deliverMany(CONSUMER, batch)).toBe(0);
      expect(await grobinaDay(day)).toBe(3);
    });

    it('applies nothing of a batch that fails (the dispatcher then delivers one by one)', async () => {
      const bus = t.app.get(IntegrationEventBus);
      const day = '2026-03-20';
      const good = visitEndedEvent({ ...spec(), number: 'E020', issuedAt: `${day}T08:00:00.000Z` });
      const bad = { ...visitEndedEvent({ ...spec(), number: 'E021', issuedAt: `${day}T09:00:00.000Z` }), payload: null } as unknown as IntegrationEvent;
      await logOnly([good]);
      await expect(bus.deliverMany(CONSUMER, [good, bad])).rejects.toThrow();
      expect(await grobinaDay(day)).toBe(0);
      expect(await bus.deliver(CONSUMER, good)).toBe(true);
      expect(await grobinaDay(day)).toBe(1);
    });

    it('replaces a visit announced again (a period marked inaccurate after closing), and ignores an older announcement arriving late', async () => {
      const ticketId = randomUUID();
      const waitsOn16 = async () => (await ok(`wait-times?from=2026-03-16&to=2026-03-16&centreId=${centres.grobina}`)).series[0].points[0];
      await publish([visitEndedEvent({ ...spec(), ticketId, number: 'E002', waitS: 400, occurredAt: '2026-03-16T09:00:00.000Z' })]);
      expect(await waitsOn16()).toMatchObject({ visits: 2, wait: { n: 2, medianSeconds: 250 } });
      await publish([visitEndedEvent({ ...spec(), ticketId, number: 'E002', waitS: 400, inaccurate: ['waiting'], occurredAt: '2026-03-16T12:00:00.000Z' })]);
      expect(await waitsOn16()).toMatchObject({ visits: 2, wait: { n: 1, medianSeconds: 100 } });
      await publish([visitEndedEvent({ ...spec(), ticketId, number: 'E002', waitS: 9999, occurredAt: '2026-03-16T10:00:00.000Z' })]);
      expect(await waitsOn16()).toMatchObject({ visits: 2, wait: { n: 1, medianSeconds: 100 } });
      expect(await grobinaDay('2026-03-16')).toBe(2);
    });

    it('keeps the monthly rollup equal to the visits when an announcement corrects a visit’s services', async () => {
      const ticketId = randomUUID();
      await publish([visitEndedEvent({ ...spec(), ticketId, number: 'E003', occurredAt: '2026-03-16T09:00:00.000Z', requests: [{ serviceCode: 'VZD-001' }] })]);
      await publish([
        visitEndedEvent({ ...spec(), ticketId, number: 'E003', occurredAt: '2026-03-16T11:00:00.000Z', requests: [{ serviceCode: 'VID-002', quantity: 2 }, { serviceCode: 'VID-002', channel: 'phone' }] }),
      ]);
      const range = `from=2026-03-01&to=2026-03-31&groupBy=service,channel&centreId=${centres.grobina}`;
      const byLines = await ok(`services?${range}&interval=week`);
      const byRollup = await ok(`services?${range}&interval=month`);
      const cells = (r: { series: Array<{ key: Record<string, string>; total: number }> }) => Object.fromEntries(r.series.map((x) => [`${x.key.serviceCode}|${x.key.channel}`, x.total]));
      expect(cells(byRollup)).toEqual(cells(byLines));
      expect(cells(byRollup)).toMatchObject({ 'VID-002|in_person': 2, 'VID-002|consultation_only': 1 });
      const [{ visits }] = await t.sql<{ visits: number }>(
        "select sum(visits)::int as visits from reporting.service_month where centre_id = $1 and month = '2026-03-01' and service_code = 'VID-002' and channel = 'in_person'",
        [centres.grobina],
      );
      expect(visits).toBe(1);
    });
  });

  describe('access', () => {
    const range = 'from=2026-03-01&to=2026-03-31&interval=total';
    const centresIn = async (token: string) =>
      ((await ok(`services?${range}&groupBy=centre`, token)).series as Array<{ key: { centreId: string } }>).map((s) => s.key.centreId).sort();

    it('lets administrators and auditors see everything, and nobody without a token', async () => {
      const all = [centres.cesis, centres.ligatne, centres.aizpute, centres.grobina].sort();
      expect(await centresIn(admin)).toEqual(all);
      expect(await centresIn(await t.token('auditor'))).toEqual(all);
      expect((await t.request('GET', `/api/v1/reporting/services?${range}`)).status).toBe(401);
      expect((await t.request('GET', `/api/v1/reporting/wait-times?${range}`)).status).toBe(401);
      expect((await t.request('GET', '/api/v1/reporting/kpis')).status).toBe(401);
    });

    it('keeps a coordinator to their municipality’s centres and a clerk to their own', async () => {
      const coordinator = await t.token('coordinator.cesis');
      expect(await centresIn(coordinator)).toEqual([centres.cesis, centres.ligatne].sort());
      expect(await centresIn(await t.token('coordinator.dienvidkurzeme'))).toEqual([centres.aizpute, centres.grobina].sort());
      const clerk = await t.token('clerk.cesis');
      expect(await centresIn(clerk)).toEqual([centres.cesis]);
      const wait = await ok(`wait-times?${range}&groupBy=centre`, clerk);
      expect(wait.series.map((s: { key: { centreId: string } }) => s.key.centreId)).toEqual([centres.cesis]);
      expect((await ok(`services?${range}&groupBy=centre`, await t.token('clerk.aizpute-grobina'))).series).toHaveLength(2);
      // Asking for someone else's centre is refused, not answered with nothing.
      for (const [token, path] of [
        [clerk, `services?${range}&centreId=${centres.aizpute}`],
        [coordinator, `wait-times?${range}&centreId=${centres.grobina}`],
        [coordinator, `services?${range}&municipality=0027000`],
      ] as const) {
        const res = await get(path, token);
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'REPORTING.SCOPE_DENIED']);
      }
      expect((await get('kpis', clerk)).status).toBe(403);
    });

    it('shows an institution’s specialist only its services, in every centre', async () => {
      const specialist = await t.token('specialist.vsaa');
      const byInstitution = await ok(`services?${range}&groupBy=institution`, specialist);
      expect(byInstitution.series.map((s: { key: { institutionCode: string } }) => s.key.institutionCode)).toEqual(['VSAA']);
      const vsaaVisits = generated.filter((g) => g.spec.requests.some((r) => r.serviceCode.startsWith('VSAA-')));
      const waits = await ok(`wait-times?${range}&groupBy=centre&centreId=${[centres.cesis, centres.ligatne, centres.aizpute].join(',')}`, specialist);
      const visits = waits.series.reduce((sum: number, s: { points: Array<{ visits: number }> }) => sum + s.points[0]!.visits, 0);
      expect(visits).toBe(vsaaVisits.length);
    });
  });

  describe('indicators', () => {
    it('counts the roll-out from Network’s events, beside Network’s own figures and targets', async () => {
      const today = DateTime.now().setZone(RIGA);
      const kpis = await ok(`kpis?from=${today.minus({ months: 5 }).startOf('month').toISODate()}&to=${today.toISODate()}`);
      expect(kpis.centres).toMatchObject({ registered: 315, active: 216, baseline: 216, target: 315, progress: 1 });
      expect(kpis.newContactPoints).toMatchObject({ registered: 99, active: 0, target: 99 });
      expect(kpis.network).toEqual({ registered: 315, active: 216, contactPoints: 99 });
      const [{ n }] = await t.sql<{ n: string }>("select count(distinct payload->'payload'->>'formId') as n from platform.outbox where type = 'intake.EFormPublished'");
      expect(kpis.reusableEforms).toMatchObject({ configured: Number(n), baseline: 0, target: 5 });
      expect(kpis.series.periods).toHaveLength(6);
      expect(kpis.series.registered.at(-1)).toBe(315);
      const coordinator = await ok('kpis', await t.token('coordinator.cesis'));
      expect(coordinator.scope.municipalityAtvk).toBe('0026000');
      expect(coordinator.centres).toMatchObject({ registered: 16, active: 12, target: null });
      expect(coordinator.newContactPoints.registered).toBe(4);
      expect(coordinator.network).toEqual({ registered: 16, active: 12, contactPoints: 4 });
    });
  });

  describe('open data', () => {
    it('publishes services per month with small cells suppressed, in a schema-valid, stable shape, without login', async () => {
      const schema = (await t.request('GET', '/api/v1/reporting/open-data/services/schema')).body;
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      const centreLevel = await t.request('GET', '/api/v1/reporting/open-data/services?from=2026-03&to=2026-03&level=centre');
      expect(centreLevel.status).toBe(200);
      expect(validate(centreLevel.body)).toBe(true);
      const k = centreLevel.body.smallCellThreshold;
      expect(k).toBe(5);
      const rows = centreLevel.body.rows as Array<Record<string, any>>;
      expect(rows.length).toBeGreaterThan(10);
      // Truth from the generated month (Cēsis municipality holds only generated centres).
      const truth = new Map<string, Set<string>>();
      for (const g of generated.filter((x) => x.spec.outcome === 'served')) {
        for (const r of g.spec.requests) {
          const key = [g.spec.centreId, r.serviceCode, CHANNEL_OF[r.channel!]].join('|');
          truth.set(key, (truth.get(key) ?? new Set()).add(`${g.day}/${g.spec.number}`));
        }
      }
      const codeOf: Record<string, string> = {};
      const page = (await t.request('GET', '/api/v1/network/centres?pageSize=500')).body.items as Array<{ id: string; code: string }>;
      for (const c of page) codeOf[c.code] = c.id;
      let suppressed = 0;
      for (const row of rows) {
        expect(row.suppressed).toBe(row.services === null && row.visits === null);
        if (!row.suppressed) expect(row.visits).toBeGreaterThanOrEqual(k);
        const centreId = codeOf[row.centreCode];
        const visits = truth.get([centreId, row.serviceCode, row.channel].join('|'))?.size;
        if (visits === undefined) continue;
        if (visits < k) expect(row.suppressed).toBe(true);
        if (!row.suppressed) expect(row.visits).toBe(visits);
        if (row.suppressed) suppressed++;
      }
      expect(suppressed).toBeGreaterThan(0);
      // No municipality group with a published total has exactly one suppressed centre cell.
      const municipality = await t.request('GET', '/api/v1/reporting/open-data/services?from=2026-03&to=2026-03&level=municipality');
      expect(validate(municipality.body)).toBe(true);
      const parentVisits = new Map<string, number>();
      for (const c of [centres.cesis, centres.ligatne]) {
        for (const [key, set] of truth) if (key.startsWith(c)) parentVisits.set(key.slice(c.length), (parentVisits.get(key.slice(c.length)) ?? 0) + set.size);
      }
      const groups = new Map<string, number>();
      for (const row of rows.filter((r) => r.municipalityAtvk === '0026000')) {
        const key = `|${row.serviceCode}|${row.channel}`;
        groups.set(key, (groups.get(key) ?? 0) + (row.suppressed ? 1 : 0));
      }
      for (const [key, count] of groups) if ((parentVisits.get(key) ?? 0) >= k) expect([key, count === 1]).toEqual([key, false]);
      // No personal data and no clerk or ticket in the public shape.
      expect(JSON.stringify(rows)).not.toMatch(/ticket|clerk|desk/i);
      const csv = await t.request('GET', '/api/v1/reporting/open-data/services?from=2026-03&to=2026-03&level=centre&format=csv');
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const parsed = parse(csv.text, { columns: true, bom: true }) as Array<Record<string, string>>;
      expect(parsed).toHaveLength(rows.length);
      expect(Object.keys(parsed[0]!)).toEqual(Object.keys(rows[0]!));
      expect((await t.request('GET', '/api/v1/reporting/open-data/services?from=2026-03&to=2028-03')).status).toBe(422);
    });
  });

  describe('exports', () => {
    const path = 'services?from=2026-03-01&to=2026-03-31&groupBy=centre,service&interval=month';

    it('exports the same numbers as CSV and XLSX', async () => {
      const json = await ok(path);
      const expected = json.series
        .map((s: { key: Record<string, string>; data: number[] }) => [s.key.centreId, s.key.serviceCode, s.data[0]])
        .sort((a: string[], b: string[]) => (a.join() < b.join() ? -1 : 1));
      const csv = await get(`${path}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="services-2026-03-01-2026-03-31.csv"');
      const rows = parse(csv.text, { columns: true, bom: true }) as Array<Record<string, string>>;
      expect(Object.keys(rows[0]!)).toEqual(['period', 'centreId', 'centreCode', 'centreName', 'serviceCode', 'serviceName', 'services']);
      expect(rows.map((r) => [r.centreId, r.serviceCode, Number(r.services)]).sort((a, b) => (a.join() < b.join() ? -1 : 1))).toEqual(expected);
      expect(rows.some((r) => r.centreName === 'Cēsu VPVKAC')).toBe(true);

      const xlsx = await fetch(`${t.baseUrl}/api/v1/reporting/${path}&format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(['period', 'centreId', 'centreCode', 'centreName', 'serviceCode', 'serviceName', 'services']);
      const fromXlsx: Array<[string, string, number]> = [];
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const values = row.values as unknown[];
        fromXlsx.push([values[2] as string, values[5] as string, values[7] as number]);
      });
      expect(fromXlsx.sort((a, b) => (a.join() < b.join() ? -1 : 1))).toEqual(expected);
    });

    it('exports wait times with one row per series and period', async () => {
      const csv = await get(`wait-times?from=2026-03-01&to=2026-03-31&groupBy=centre&interval=total&format=csv`);
      const rows = parse(csv.text, { columns: true, bom: true }) as Array<Record<string, string>>;
      const json = await ok(`wait-times?from=2026-03-01&to=2026-03-31&groupBy=centre&interval=total`);
      expect(rows).toHaveLength(json.series.length);
      const cesis = rows.find((r) => r.centreId === centres.cesis)!;
      const expected = json.series.find((s: { key: { centreId: string } }) => s.key.centreId === centres.cesis).points[0];
      expect(Number(cesis.wait_median_s)).toBe(expected.wait.medianSeconds);
      expect(Number(cesis.visits)).toBe(expected.visits);
    });

    it('refuses unknown formats and groupings', async () => {
      expect((await get('services?from=2026-03-01&to=2026-03-31&format=pdf')).status).toBe(422);
      expect((await get('services?from=2026-03-01&to=2026-03-31&groupBy=clerk')).status).toBe(422);
      expect((await get('services?from=2026-03-31&to=2026-03-01')).status).toBe(422);
      expect((await get('services?from=2025-01-01&to=2026-03-01&interval=day')).status).toBe(422);
      expect((await get('feedback?from=2026-03-01&to=2026-03-31&groupBy=hour')).status).toBe(422);
    });
  });

  describe('rebuild', () => {
    const snapshot = async () => ({
      services: await ok('services?from=2026-03-01&to=2026-10-31&groupBy=centre,service,channel&interval=month'),
      waits: await ok('wait-times?from=2026-03-01&to=2026-10-31&groupBy=centre,hour&interval=total'),
      byQueue: await ok('wait-times?from=2026-03-01&to=2026-03-31&groupBy=queue,weekday&interval=week'),
      openData: (await t.request('GET', '/api/v1/reporting/open-data/services?from=2026-03&to=2026-10&level=centre')).body.rows,
      kpis: { ...(await ok('kpis?from=2026-01-01&to=2026-11-30')), asOf: null },
      tables: await t.sql(`
        select (select md5(string_agg((v.ticket_id, v.event_at, v.service_day, v.issue_hour, v.outcome, v.wait_ms, v.walk_ms, v.service_ms, v.hold_ms, v.line_codes, v.line_quantities)::text, ',' order by ticket_id))
                  from reporting.visit_fact v) as visits,
               (select md5(string_agg(m::text, ',' order by month, centre_id, service_code, channel)) from reporting.service_month m where services <> 0 or visits <> 0) as services,
               (select md5(string_agg(m::text, ',' order by month, centre_id, channel)) from reporting.centre_month m where services <> 0 or visits <> 0) as centre_months,
               (select md5(string_agg(m::text, ',' order by day, centre_id, service_code, channel)) from reporting.service_day m where services <> 0 or visits <> 0) as service_days,
               (select md5(string_agg(m::text, ',' order by month, centre_id)) from reporting.visit_time_month m where visits <> 0) as visit_times,
               (select md5(string_agg(m::text, ',' order by month, service_code)) from reporting.service_time_month m where visits <> 0) as service_times,
               (select md5(string_agg(c::text, ',' order by centre_id)) from reporting.centre_dim c) as centres`),
    });

    it('empties the read models and replays the outbox to exactly the same numbers', async () => {
      const before = await snapshot();
      const [{ n: projectable }] = await t.sql<{ n: string }>(
        `select count(*) as n from platform.outbox where type in ('network.CentreRegistered', 'network.CentreStatusChanged', 'network.ServiceCatalogueChanged', 'scheduling.VisitEnded',
          'intake.EFormPublished', 'intake.ApplicationSubmitted', 'intake.ApplicationDelivered', 'intake.ApplicationStatusChanged', 'intake.ApplicationClosed',
          'remote-official.RemoteSessionRequested', 'remote-official.RemoteSessionAccepted', 'remote-official.RemoteSessionStarted', 'remote-official.RemoteSessionEnded',
          'remote-official.RemoteSessionFailed', 'remote-official.RemoteSessionAbandoned',
          'scheduling.BookingConfirmed', 'scheduling.BookingRescheduled', 'scheduling.BookingCancelled', 'scheduling.BookingNoShow')`,
      );
      expect((await t.request('POST', '/api/v1/reporting/rebuild', { token: await t.token('auditor') })).status).toBe(403);
      const res = await t.request('POST', '/api/v1/reporting/rebuild', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.events).toBe(Number(projectable));
      expect(res.body.rows.visit_fact).toBeGreaterThan(generated.length);
      const after = await snapshot();
      expect(after).toEqual(before);
    });

    it('keeps projecting live events after a rebuild, still once each', async () => {
      const event = visitEndedEvent({ centreId: centres.grobina, queueId: queueOf.get(centres.grobina)!, number: 'F001', issuedAt: '2026-03-17T08:00:00.000Z', outcome: 'served', waitS: 10, requests: [{ serviceCode: 'VSAA-003' }] });
      await publish([event]);
      expect(await t.app.get(IntegrationEventBus).deliver(CONSUMER, event)).toBe(false);
      expect((await ok(`services?from=2026-03-17&to=2026-03-17&centreId=${centres.grobina}`)).totals.services).toBe(1);
      const res = await t.request('POST', '/api/v1/reporting/rebuild', { token: admin });
      expect(res.status).toBe(200);
      expect((await ok(`services?from=2026-03-17&to=2026-03-17&centreId=${centres.grobina}`)).totals.services).toBe(1);
    });
  });
});
