/**
 * Reporting benchmark, "a year of national activity" (`npm run bench:reporting` → docs/benchmarks/reporting.md).
 *
 * 1. A throwaway database on the local PostgreSQL (postgres://postgres@127.0.0.1:5432), migrated
 *    and seeded (315 centres); the read models are rebuilt from the seed's outbox.
 * 2. ≈ 500,000 synthetic VisitEnded events for 2026 (weekdays, centres weighted by kind, both DST
 *    days inside the year), generated day by day and applied through ReportingProjector in batches,
 *    each batch in one transaction, as a rebuild does. Throughput counts projection time only.
 * 3. The main report queries through the QueryBus (SQL + shaping, no HTTP), each run many times
 *    with varied parameters: median, p95 and max latency.
 * 4. Optionally a rebuild from the outbox of a sample of the year (BENCH_REBUILD_EVENTS).
 *
 * 2b. A year of applications (Intake: submitted, delivered, answered, decided, closed) and remote
 *    consultations (on demand and booked), projected the same way (BENCH_APPLICATIONS,
 *    BENCH_REMOTE_SESSIONS; 0 skips).
 *
 * Settings (environment): BENCH_VISITS (500000), BENCH_BATCH (2000), BENCH_QUERY_RUNS (30),
 * BENCH_REBUILD_EVENTS (100000; 0 skips), BENCH_APPLICATIONS (50000), BENCH_REMOTE_SESSIONS (20000),
 * BENCH_KEEP_DB, BENCH_ADMIN_URL.
 */
import 'reflect-metadata';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { databaseAndNodeCpuMs } from './bench-cpu';
import { loadConfig } from '@infrastructure/config/app-config';
import { Role, type Principal } from '@infrastructure/auth/principal';
import { integrationEvent, type IntegrationEvent } from '@modules/shared-kernel';
import { INTAKE_MODULE, IntakeEvents } from '@modules/intake';
import { REMOTE_OFFICIAL_MODULE, RemoteEvents } from '@modules/remote-official';
import { BookingEvents, SCHEDULING_MODULE } from '@modules/scheduling';
import { createApp } from '../../apps/server/create-app';
import { RebuildReportingCommand } from '../../modules/reporting/application/commands/rebuild-reporting.command';
import { ReportingProjector } from '../../modules/reporting/application/projection/reporting-projector';
import {
  GetApplicationStatsQuery,
  GetFeedbackResultsQuery,
  GetKpisQuery,
  GetOpenDataServicesQuery,
  GetRemoteSessionStatsQuery,
  GetServiceCountsQuery,
  GetWaitTimesQuery,
} from '../../modules/reporting/application/queries/reporting-queries';
import { seededRandom, visitEndedEvent, type VisitOutcome, type VisitSpec } from '../../modules/reporting/testing/visit-ended.fixture';
import { adminQuery, withDatabase } from '../support/database-server';

const num = (key: string, fallback: number): number => Number(process.env[key] ?? fallback);
const CFG = {
  visits: num('BENCH_VISITS', 500_000),
  batch: num('BENCH_BATCH', 2000),
  queryRuns: num('BENCH_QUERY_RUNS', 30),
  rebuildEvents: num('BENCH_REBUILD_EVENTS', 100_000),
  applications: num('BENCH_APPLICATIONS', 50_000),
  remoteSessions: num('BENCH_REMOTE_SESSIONS', 20_000),
  keepDb: !!process.env.BENCH_KEEP_DB,
  adminUrl: process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
const YEAR = 2026;
const RIGA = 'Europe/Riga';
const KIND_WEIGHT: Record<string, number> = { regional: 4, county: 2.5, local: 1 };

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const log = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile of an ascending array. */
const pct = (s: number[], p: number): number => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
const f1 = (x: number): string => x.toFixed(1);

/** Database backends' and this process's CPU time so far, in ms. */
const cpuMs = async (client: Client): Promise<number> => {
  const c = await databaseAndNodeCpuMs(client);
  return c.db + c.node;
};

interface Centre {
  id: string;
  kind: string;
  atvk: string;
  codes: string[];
  queues: string[];
}

/** Weekdays of the year with their UTC offset at midday (DST changes happen at night, outside opening hours). */
function workingDays(): Array<{ date: string; offsetMinutes: number }> {
  const days = [];
  for (let d = DateTime.fromObject({ year: YEAR, month: 1, day: 1 }, { zone: RIGA }); d.year === YEAR; d = d.plus({ days: 1 })) {
    if (d.weekday <= 5) days.push({ date: d.toISODate()!, offsetMinutes: d.set({ hour: 12 }).offset });
  }
  return days;
}

/** The year's visits, day by day, in batches. */
function* visitBatches(centres: Centre[], total: number, batchSize: number): Generator<IntegrationEvent[]> {
  const rand = seededRandom(2026);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const weights = centres.map((c) => KIND_WEIGHT[c.kind] ?? 1);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const cumulative = weights.map((w) => (sum += w / totalWeight));
  const centreAt = (r: number): Centre => centres[Math.min(centres.length - 1, cumulative.findIndex((c) => r <= c))]!;
  const days = workingDays();
  const perDay = total / days.length;
  let batch: IntegrationEvent[] = [];
  let emitted = 0;
  for (const [i, day] of days.entries()) {
    const target = Math.round(perDay * (i + 1));
    const midnightUtc = Date.parse(`${day.date}T00:00:00Z`) - day.offsetMinutes * 60_000;
    while (emitted < target) {
      const centre = centreAt(rand());
      // Opening hours 08:00–18:00 with a late-morning peak.
      const minute = 8 * 60 + Math.floor(((rand() + rand() + rand()) / 3) * 600);
      const r = rand();
      const outcome: VisitOutcome = r < 0.78 ? 'served' : r < 0.84 ? 'not_served' : r < 0.93 ? 'left_before_service' : 'no_show';
      const flag = rand();
      const spec: VisitSpec = {
        centreId: centre.id,
        queueId: pick(centre.queues),
        number: `A${String(1 + Math.floor(rand() * 120)).padStart(3, '0')}`,
        issuedAt: new Date(midnightUtc + minute * 60_000 + Math.floor(rand() * 60_000)).toISOString(),
        outcome,
        waitS: Math.floor(30 + 1500 * rand() * rand()),
        walkS: Math.floor(10 + 80 * rand()),
        serviceS: Math.floor(120 + 1500 * rand() * rand()),
        holdS: rand() < 0.08 ? Math.floor(60 + 600 * rand()) : undefined,
        inaccurate: flag < 0.02 ? ['waiting'] : flag < 0.03 ? ['serving'] : [],
        requests: Array.from({ length: rand() < 0.25 ? 2 : 1 }, () => {
          const c = rand();
          return { serviceCode: pick(centre.codes), channel: c < 0.85 ? 'in_person' : c < 0.95 ? 'phone' : 'assisted_eservice', quantity: rand() < 0.08 ? 2 : 1 };
        }),
      };
      batch.push(visitEndedEvent(spec));
      emitted++;
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

/**
 * A year of applications and remote consultations, day by day, as the events Intake, RemoteOfficial
 * and Scheduling publish (each entity's events in order, entities interleaved by day).
 */
function* intakeAndRemoteBatches(centres: Centre[], institutionIds: Map<string, string>, applications: number, sessions: number, batchSize: number): Generator<IntegrationEvent[]> {
  const rand = seededRandom(2027);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const days = workingDays();
  const iso = (ms: number) => new Date(ms).toISOString();
  let batch: IntegrationEvent[] = [];
  const emit = function* (list: IntegrationEvent[]): Generator<IntegrationEvent[]> {
    batch.push(...list);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  };
  let apps = 0;
  let remote = 0;
  for (const [i, day] of days.entries()) {
    const midnightUtc = Date.parse(`${day.date}T00:00:00Z`) - day.offsetMinutes * 60_000;
    const at = () => midnightUtc + (8 * 60 + Math.floor(rand() * 540)) * 60_000;
    for (; apps < Math.round((applications * (i + 1)) / days.length); apps++) {
      const centre = rand() < 0.7 ? pick(centres) : null;
      const serviceCode = pick(centre?.codes ?? pick(centres).codes);
      const institutionCode = serviceCode.split('-')[0]!;
      const ref = { applicationId: randomUUID(), reference: 'VPV', serviceCode, institutionId: institutionIds.get(institutionCode) ?? '', institutionCode, centreId: centre?.id ?? null, formCode: `${institutionCode}-F`, formVersion: 1 };
      const submitted = at();
      const list: IntegrationEvent[] = [integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationSubmitted, { ...ref, submittedAt: iso(submitted), attachments: 0, visitTicketId: rand() < 0.2 ? randomUUID() : null }, ref.applicationId, new Date(submitted))];
      if (rand() < 0.95) {
        const delivered = submitted + Math.floor(5_000 + rand() * 600_000);
        list.push(integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationDelivered, { ...ref, channel: 'webhook', deliveredAt: iso(delivered), attempts: 1, latencyMs: delivered - submitted }, ref.applicationId, new Date(delivered)));
        let t = delivered;
        let from = 'delivered';
        for (const to of ['accepted', 'decided', 'closed']) {
          if (rand() > 0.8) break;
          t += Math.floor(rand() * 3 * 86_400_000);
          list.push(integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationStatusChanged, { ...ref, from, to, outcome: to === 'accepted' ? null : 'granted', at: iso(t), workingMsSinceDelivery: null }, ref.applicationId, new Date(t)));
          if (to === 'closed') list.push(integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationClosed, { ...ref, outcome: 'granted', closedAt: iso(t) }, ref.applicationId, new Date(t)));
          from = to;
        }
      }
      yield* emit(list);
    }
    for (; remote < Math.round((sessions * (i + 1)) / days.length); remote++) {
      const centre = pick(centres);
      const serviceCode = pick(centre.codes);
      const institutionCode = serviceCode.split('-')[0]!;
      const requested = at();
      const list: IntegrationEvent[] = [];
      const r = rand();
      if (rand() < 0.7) {
        const requestId = randomUUID();
        const sessionId = randomUUID();
        const ref = { requestId, centreId: centre.id, serviceCode, institutionCode };
        const session = { ...ref, sessionId, origin: 'on_demand', bookingId: null };
        list.push(integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionRequested, { ...ref, requestedAt: iso(requested) }, requestId, new Date(requested)));
        if (r < 0.1) {
          list.push(integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionAbandoned, { ...session, sessionId: null, abandonedAt: iso(requested + 300_000), reason: 'request_withdrawn', waitSeconds: 300 }, requestId));
        } else {
          const wait = Math.floor(10 + rand() * 600);
          const accepted = requested + wait * 1000;
          list.push(integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionAccepted, { ...session, requestedAt: iso(requested), acceptedAt: iso(accepted), waitSeconds: wait }, sessionId, new Date(accepted)));
          const started = accepted + 30_000;
          list.push(integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionStarted, { ...session, startedAt: iso(started), delaySeconds: null }, sessionId, new Date(started)));
          const call = Math.floor(120 + rand() * 1500);
          if (r < 0.15) list.push(integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionFailed, { ...session, failedAt: iso(started + call * 1000), reason: 'media_failure', startedAt: iso(started), interruptions: 1 }, sessionId));
          else
            list.push(
              integrationEvent(
                REMOTE_OFFICIAL_MODULE,
                RemoteEvents.RemoteSessionEnded,
                { ...session, acceptedAt: iso(accepted), startedAt: iso(started), endedAt: iso(started + call * 1000), durationSeconds: call + 30, callSeconds: call, outcome: 'resolved', interruptions: 0 },
                sessionId,
              ),
            );
        }
      } else {
        const bookingId = randomUUID();
        const bref = { bookingId, institutionId: institutionIds.get(institutionCode) ?? '', serviceCode, centreId: centre.id, boothId: randomUUID(), specialistId: randomUUID(), start: iso(requested), end: iso(requested + 1_800_000), durationMinutes: 30 };
        list.push(integrationEvent(SCHEDULING_MODULE, BookingEvents.BookingConfirmed, { ...bref, confirmedAt: iso(requested - 86_400_000), leadMinutes: 1440, rescheduledFromId: null }, bookingId));
        if (r < 0.1) list.push(integrationEvent(SCHEDULING_MODULE, BookingEvents.BookingCancelled, { ...bref, cancelledAt: iso(requested - 3_600_000), reason: 'citizen_request', previousStatus: 'confirmed' }, bookingId));
        else if (r < 0.15) list.push(integrationEvent(SCHEDULING_MODULE, BookingEvents.BookingNoShow, { ...bref, markedAt: iso(requested + 900_000) }, bookingId));
        else {
          const session = { requestId: null, centreId: centre.id, serviceCode, institutionCode, sessionId: randomUUID(), origin: 'booking', bookingId };
          const call = Math.floor(300 + rand() * 1500);
          list.push(integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionStarted, { ...session, startedAt: iso(requested), delaySeconds: 0 }, session.sessionId));
          list.push(
            integrationEvent(
              REMOTE_OFFICIAL_MODULE,
              RemoteEvents.RemoteSessionEnded,
              { ...session, acceptedAt: iso(requested - 60_000), startedAt: iso(requested), endedAt: iso(requested + call * 1000), durationSeconds: call + 60, callSeconds: call, outcome: 'resolved', interruptions: 0 },
              session.sessionId,
            ),
          );
        }
      }
      yield* emit(list);
    }
  }
  if (batch.length) yield batch;
}

async function machine(client: Client): Promise<Record<string, string>> {
  const [{ version }] = (await client.query<{ version: string }>('select version()')).rows;
  const settings = (await client.query<{ name: string; setting: string; unit: string | null }>(
    "select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'synchronous_commit')",
  )).rows;
  return {
    cpu: `${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres: version.split(',')[0]!,
    pgSettings: settings.map((s) => `${s.name}=${s.setting}${s.unit ?? ''}`).join(', '),
  };
}

interface QueryCase {
  name: string;
  run: (i: number) => Promise<unknown>;
}

/**
 * Runs the cases round-robin (so a busy moment on a shared machine hits them all alike), after
 * 3 warm-up rounds; each round also times a fixed CPU-bound SQL statement as a yardstick.
 */
async function measure(
  cases: QueryCase[],
  runs: number,
  client: Client,
): Promise<{ latencies: Array<{ name: string; median: number; p95: number; max: number; cpu: number }>; yardstick: number[] }> {
  const times = cases.map(() => [] as number[]);
  const cpu = cases.map(() => 0);
  const yardstick: number[] = [];
  for (let round = -3; round < runs; round++) {
    for (const [i, c] of cases.entries()) {
      const c0 = await cpuMs(client);
      const t0 = now();
      await c.run(round + 3);
      const dt = now() - t0;
      const dc = (await cpuMs(client)) - c0;
      if (round >= 0) {
        times[i]!.push(dt);
        cpu[i]! += dc;
      }
    }
    const t0 = now();
    await client.query('select sum(i) from generate_series(1, 2000000) i');
    if (round >= 0) yardstick.push(now() - t0);
  }
  const latencies = cases.map((c, i) => {
    const s = sorted(times[i]!);
    log(`${c.name}: median ${f1(pct(s, 50))} ms, p95 ${f1(pct(s, 95))} ms, CPU ${f1(cpu[i]! / runs)} ms`);
    return { name: c.name, median: pct(s, 50), p95: pct(s, 95), max: s.at(-1)!, cpu: cpu[i]! / runs };
  });
  return { latencies, yardstick: sorted(yardstick) };
}

async function main(): Promise<void> {
  const started = now();
  const db = `vpvkac_bench_reporting_${Date.now()}`;
  await adminQuery(CFG.adminUrl, `create database ${db}`);
  // Parallel workers off, so every query's CPU time is in the backends measured below.
  await adminQuery(CFG.adminUrl, `alter database ${db} set max_parallel_workers_per_gather = 0`);
  const url = withDatabase(CFG.adminUrl, db);
  log(`database ${db}`);
  let app: INestApplicationContext | undefined;
  const client = new Client({ connectionString: url });
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', WORKERS_ENABLED: 'false' });
    app = await createApp(config, url, { migrate: true, seedOnEmpty: true });
    await client.connect();
    const commands = app.get(CommandBus);
    const queries = app.get(QueryBus);
    const seedRebuild = await commands.execute(new RebuildReportingCommand());
    log(`seed projected by rebuild: ${seedRebuild.events} events in ${seedRebuild.durationMs} ms`);

    // Workers are off, so queues are not provisioned: each centre gets three made-up queue ids.
    const centres: Centre[] = (
      await client.query<Omit<Centre, 'queues'>>(`
        select c.id, c.kind, c.municipality_atvk as atvk, c.service_codes as codes
          from network.centre c where c.status = 'active' and cardinality(c.service_codes) > 0 order by c.code`)
    ).rows.map((c) => ({ ...c, queues: [randomUUID(), randomUUID(), randomUUID()] }));
    if (centres.length === 0) throw new Error('no active centres');
    log(`${centres.length} active centres`);

    // ---- projection throughput
    const projector = app.get(ReportingProjector);
    const em = app.get(EntityManager);
    let projected = 0;
    let projectMs = 0;
    const projectCpu0 = await cpuMs(client);
    const batchMs: number[] = [];
    for (const batch of visitBatches(centres, CFG.visits, CFG.batch)) {
      const t0 = now();
      projected += await em.fork().transactional((tx) => projector.apply(batch, tx));
      const dt = now() - t0;
      projectMs += dt;
      batchMs.push(dt);
      if (projected % 50_000 < CFG.batch) log(`projected ${projected} (${Math.round(projected / (projectMs / 1000))} events/s)`);
    }
    const throughput = projected / (projectMs / 1000);
    const projectCpu = (await cpuMs(client)) - projectCpu0;
    const batches = sorted(batchMs);
    const projectLoad = os.loadavg()[0]!;
    log(`projection: ${projected} VisitEnded in ${f1(projectMs / 1000)} s = ${Math.round(throughput)} events/s (load ${projectLoad.toFixed(1)})`);
    // ---- applications and remote consultations
    let sideEvents = 0;
    let sideMs = 0;
    let sideCpu = 0;
    if (CFG.applications + CFG.remoteSessions > 0) {
      const sideCpu0 = await cpuMs(client);
      const institutionIds = new Map((await client.query<{ code: string; id: string }>('select code, id from network.institution')).rows.map((r) => [r.code, r.id]));
      for (const batch of intakeAndRemoteBatches(centres, institutionIds, CFG.applications, CFG.remoteSessions, CFG.batch)) {
        const t0 = now();
        sideEvents += await em.fork().transactional((tx) => projector.apply(batch, tx));
        sideMs += now() - t0;
      }
      sideCpu = (await cpuMs(client)) - sideCpu0;
      log(`projection: ${sideEvents} application and remote events in ${f1(sideMs / 1000)} s = ${Math.round(sideEvents / (sideMs / 1000))} events/s, ${Math.round(sideEvents / (sideCpu / 1000))} events per CPU-second`);
    }
    await client.query('vacuum analyze reporting.visit_fact, reporting.service_month, reporting.service_day, reporting.visit_time_month, reporting.service_time_month, reporting.centre_dim, reporting.service_dim, reporting.application_fact, reporting.remote_fact');
    const sizes = (
      await client.query<{ table: string; rows: string; size: string }>(`
        select relname as table, n_live_tup::text as rows, pg_size_pretty(pg_total_relation_size(relid)) as size
          from pg_stat_user_tables where schemaname = 'reporting' and relname in ('visit_fact', 'service_month', 'service_day', 'visit_time_month', 'service_time_month', 'application_fact', 'remote_fact') order by relname`)
    ).rows;

    // ---- query latency
    const admin: Principal = { subject: 'bench-admin', kind: 'user', roles: [Role.NetworkAdmin], centreIds: [] };
    const [busiest] = (await client.query<{ atvk: string; n: string }>("select municipality_atvk as atvk, count(*) as n from network.centre where status = 'active' group by 1 order by 2 desc limit 1")).rows;
    const coordinator: Principal = { subject: 'bench-coordinator', kind: 'user', roles: [Role.MunicipalityCoordinator], centreIds: [], municipalityAtvk: busiest!.atvk };
    const regional = centres.find((c) => c.kind === 'regional')!;
    const clerk: Principal = { subject: 'bench-clerk', kind: 'user', roles: [Role.Clerk], centreIds: [regional.id] };
    const [vsaa] = (await client.query<{ id: string }>("select id from network.institution where code = 'VSAA'")).rows;
    const specialist: Principal = { subject: 'bench-specialist', kind: 'user', roles: [Role.InstitutionSpecialist], centreIds: [], institutionId: vsaa!.id };
    const month = (i: number) => {
      const m = DateTime.fromObject({ year: YEAR, month: 1 + (i % 12), day: 1 });
      return { from: m.toISODate()!, to: m.endOf('month').toISODate()!, ym: m.toFormat('yyyy-MM') };
    };
    const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const req = (over: Record<string, unknown>) => ({ ...year, interval: 'month' as const, groupBy: [], ...over });
    const cases: QueryCase[] = [
      { name: 'services: year × month, national total', run: () => queries.execute(new GetServiceCountsQuery(admin, req({}))) },
      { name: 'services: year × month × planning region', run: () => queries.execute(new GetServiceCountsQuery(admin, req({ groupBy: ['region'] }))) },
      { name: 'services: year × month × institution × channel', run: () => queries.execute(new GetServiceCountsQuery(admin, req({ groupBy: ['institution', 'channel'] }))) },
      { name: 'services: one month × day × centre (216 series)', run: (i) => queries.execute(new GetServiceCountsQuery(admin, { ...month(i), interval: 'day', groupBy: ['centre'] })) },
      { name: 'services: one month × day × centre × service (export size, ~6,000 series)', run: (i) => queries.execute(new GetServiceCountsQuery(admin, { ...month(i), interval: 'day', groupBy: ['centre', 'service'] })) },
      { name: 'services: coordinator, year × month × centre × service', run: () => queries.execute(new GetServiceCountsQuery(coordinator, req({ groupBy: ['centre', 'service'] }))) },
      { name: 'services: specialist (VSAA), year × month × service', run: () => queries.execute(new GetServiceCountsQuery(specialist, req({ groupBy: ['service'] }))) },
      { name: 'wait times: year × month, national (percentiles over all visits)', run: () => queries.execute(new GetWaitTimesQuery(admin, req({}))) },
      { name: 'wait times: one month × day, national', run: (i) => queries.execute(new GetWaitTimesQuery(admin, { ...month(i), interval: 'day', groupBy: [] })) },
      { name: 'wait times: year, per centre (all centres)', run: () => queries.execute(new GetWaitTimesQuery(admin, req({ interval: 'total', groupBy: ['centre'] }))) },
      { name: 'wait times: coordinator, quarter × day × centre', run: (i) => queries.execute(new GetWaitTimesQuery(coordinator, { from: month(i % 4 * 3).from, to: month((i % 4) * 3 + 2).to, interval: 'day', groupBy: ['centre'] })) },
      { name: 'wait times: clerk, one month × hour of day', run: (i) => queries.execute(new GetWaitTimesQuery(clerk, { ...month(i), interval: 'total', groupBy: ['hour'] })) },
      { name: 'wait times: year × month × institution', run: () => queries.execute(new GetWaitTimesQuery(admin, req({ groupBy: ['institution'] }))) },
      { name: 'open data: one month, municipality level (suppression)', run: (i) => queries.execute(new GetOpenDataServicesQuery(month(i).ym, month(i).ym, 'municipality')) },
      { name: 'open data: one month, centre level (suppression)', run: (i) => queries.execute(new GetOpenDataServicesQuery(month(i).ym, month(i).ym, 'centre')) },
      { name: 'KPIs: roll-out indicators, 12 months', run: () => queries.execute(new GetKpisQuery(admin, year.from, year.to)) },
      { name: 'feedback: year per centre', run: () => queries.execute(new GetFeedbackResultsQuery(admin, req({ interval: 'total', groupBy: ['centre'] }))) },
    ];
    if (CFG.applications > 0) {
      cases.push(
        { name: 'applications: year × month × institution (working-hour percentiles)', run: () => queries.execute(new GetApplicationStatsQuery(admin, req({ groupBy: ['institution'] }))) },
        { name: 'applications: specialist (VSAA), year × month × service', run: () => queries.execute(new GetApplicationStatsQuery(specialist, req({ groupBy: ['service'] }))) },
        { name: 'applications: clerk, one month × day', run: (i) => queries.execute(new GetApplicationStatsQuery(clerk, { ...month(i), interval: 'day', groupBy: [] })) },
      );
    }
    if (CFG.remoteSessions > 0) {
      cases.push(
        { name: 'remote sessions: year × month × institution', run: () => queries.execute(new GetRemoteSessionStatsQuery(admin, req({ groupBy: ['institution'] }))) },
        { name: 'remote sessions: coordinator, year × month × centre', run: () => queries.execute(new GetRemoteSessionStatsQuery(coordinator, req({ groupBy: ['centre'] }))) },
      );
    }
    const loadBefore = os.loadavg()[0]!;
    const { latencies, yardstick } = await measure(cases, CFG.queryRuns, client);
    const loadAfter = os.loadavg()[0]!;

    // ---- rebuild from the outbox (a sample of the year)
    let rebuild: { events: number; ms: number } | undefined;
    if (CFG.rebuildEvents > 0) {
      log(`staging ${CFG.rebuildEvents} events in the outbox for a rebuild`);
      let staged = 0;
      for (const batch of visitBatches(centres, CFG.rebuildEvents, 5000)) {
        await client.query(
          `insert into platform.outbox (id, type, source_module, aggregate_id, payload, occurred_at, dispatched_at)
           select (e->>'id')::uuid, e->>'type', e->>'sourceModule', e->>'aggregateId', e, (e->>'occurredAt')::timestamptz, now()
             from jsonb_array_elements($1::jsonb) as e`,
          [JSON.stringify(batch.map((e) => ({ ...e, id: randomUUID() })))],
        );
        staged += batch.length;
      }
      const result = await commands.execute(new RebuildReportingCommand());
      rebuild = { events: result.events, ms: result.durationMs };
      log(`rebuild: ${result.events} events in ${result.durationMs} ms = ${Math.round(result.events / (result.durationMs / 1000))} events/s (${staged} staged)`);
    }

    const info = await machine(client);
    const out = [
      '## Result',
      '',
      `Machine: ${info.cpu}, ${info.memory}; Node ${info.node}; ${info.postgres} (${info.pgSettings}).`,
      `Parameters: ${CFG.visits} visits in ${YEAR} (${centres.length} active centres, weekdays), batches of ${CFG.batch}, ${CFG.queryRuns} runs per query after 3 warm-ups.`,
      '',
      `Projection: ${projected} VisitEnded events in ${f1(projectMs / 1000)} s = **${Math.round(throughput)} events/s** ` +
        `(batch of ${CFG.batch}: median ${f1(pct(batches, 50))} ms, p95 ${f1(pct(batches, 95))} ms; load average at the end ${projectLoad.toFixed(1)}). ` +
        `CPU: ${f1(projectCpu / 1000)} s (PostgreSQL backends + Node, including generating the events) = ${Math.round(projected / (projectCpu / 1000))} events per CPU-second. Target ≥ 5,000 events/s.`,
      CFG.applications + CFG.remoteSessions > 0
        ? `Applications and remote consultations (${CFG.applications} applications, ${CFG.remoteSessions} consultations): ${sideEvents} events in ${f1(sideMs / 1000)} s = **${Math.round(sideEvents / (sideMs / 1000))} events/s**; CPU ${f1(sideCpu / 1000)} s (PostgreSQL backends + Node, including generating the events) = ${Math.round(sideEvents / (sideCpu / 1000))} events per CPU-second.`
        : '',
      `Read models: ${sizes.map((s) => `${s.table} ${s.rows} rows, ${s.size}`).join('; ')}.`,
      rebuild ? `Rebuild from the outbox: ${rebuild.events} events (seed + sample) in ${f1(rebuild.ms / 1000)} s = ${Math.round(rebuild.events / (rebuild.ms / 1000))} events/s.` : '',
      '',
      `Machine load while querying: 1-minute load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${os.cpus().length} vCPUs (other work shares the machine). ` +
        `Yardstick (select sum(i) from generate_series(1, 2000000)): median ${f1(pct(yardstick, 50))} ms, p95 ${f1(pct(yardstick, 95))} ms.`,
      '',
      '| Query (data: the whole year) | median ms | p95 ms | max ms | CPU ms / run | p95 < 200 ms |',
      '|---|---:|---:|---:|---:|:---:|',
      ...latencies.map((l) => `| ${l.name} | ${f1(l.median)} | ${f1(l.p95)} | ${f1(l.max)} | ${f1(l.cpu)} | ${l.p95 < 200 ? 'yes' : '**no**'} |`),
      '',
      `Total run time: ${f1((now() - started) / 1000)} s.`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await client.end().catch(() => undefined);
    await app?.close();
    if (!CFG.keepDb) await adminQuery(CFG.adminUrl, `drop database if exists ${db}`);
    else log(`kept database ${db}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
