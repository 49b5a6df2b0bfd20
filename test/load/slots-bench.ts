/**
 * Scheduling benchmark (`npm run bench:slots` → docs/benchmarks/scheduling.md).
 *
 * 1. A throwaway database on the local PostgreSQL, migrated and seeded (network + demo calendars).
 * 2. One institution (VSAA) gets 50 specialists for one video service (VSAA-001), weekdays
 *    08:00–17:00 with a lunch break, and ≈ BENCH_BOOKED (40 %) of their time over the next 30 days
 *    already booked (confirmed bookings at other centres' booths), so the search has real work.
 * 3. Free-slot search "VSAA-001 at an equipped centre, 30 days": BookingService.slots (the
 *    controller's call, no HTTP) run BENCH_SEARCHES times with varied windows, and a sample over HTTP
 *    (GET /api/v1/scheduling/slots with a clerk's token): p50 / p95 / p99. "Before" (the row grouping
 *    BookingService used until this benchmark) and "after" alternate in the same run on the same data.
 * 4. Contention: BENCH_CLIENTS concurrent clients race to hold and confirm overlapping starts of one
 *    specialist at one centre (one or two booths); bookings/s, conflicts (409 SLOT_TAKEN), and a SQL
 *    check that no specialist and no booth is double-booked.
 *
 * Settings (environment): BENCH_SEARCHES (200), BENCH_HTTP_SEARCHES (100), BENCH_CLIENTS (16),
 * BENCH_ATTEMPTS (400), BENCH_BOOKED (0.4), BENCH_KEEP_DB, BENCH_ADMIN_URL.
 */
import 'reflect-metadata';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { databaseAndNodeCpuMs } from './bench-cpu';
import { loadConfig } from '@infrastructure/config/app-config';
import { DevIssuer } from '@infrastructure/auth/dev-issuer';
import { Role, type Principal } from '@infrastructure/auth/principal';
import { createApp } from '../../apps/server/create-app';
import { BookingClock } from '../../modules/scheduling/application/bookings/booking-clock';
import { BookingService } from '../../modules/scheduling/application/bookings/booking.service';
import { adminQuery, withDatabase } from '../support/database-server';

const num = (key: string, fallback: number): number => Number(process.env[key] ?? fallback);
const CFG = {
  specialists: 50,
  days: 30,
  searches: num('BENCH_SEARCHES', 200),
  httpSearches: num('BENCH_HTTP_SEARCHES', 100),
  clients: num('BENCH_CLIENTS', 16),
  attempts: num('BENCH_ATTEMPTS', 400),
  booked: num('BENCH_BOOKED', 0.4),
  keepDb: !!process.env.BENCH_KEEP_DB,
  adminUrl: process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
const SERVICE = 'VSAA-001';
const RIGA = 'Europe/Riga';

const now = (): number => Number(process.hrtime.bigint()) / 1e6;
const log = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const pct = (s: number[], p: number): number => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
const f1 = (x: number): string => x.toFixed(1);

const cpuMs = databaseAndNodeCpuMs;

/** Deterministic pseudo-random numbers (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  slots: number;
}
const stats = (times: number[], slots: number): Stats => {
  const s = sorted(times);
  return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s.at(-1)!, mean: s.reduce((a, b) => a + b, 0) / s.length, slots };
};

async function main(): Promise<void> {
  const started = now();
  const db = `vpvkac_bench_slots_${Date.now()}`;
  await adminQuery(CFG.adminUrl, `create database ${db}`);
  const url = withDatabase(CFG.adminUrl, db);
  log(`database ${db}`);
  let app: NestFastifyApplication | undefined;
  const client = new Client({ connectionString: url });
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', WORKERS_ENABLED: 'false', PORT: '0' });
    app = (await createApp(config, url, { migrate: true, seedOnEmpty: true })) as NestFastifyApplication;
    await app.listen(0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    await client.connect();
    const bookings = app.get(BookingService);
    const clock = app.get(BookingClock);
    // A Monday morning a week ahead of the seed's data: 30 days ahead are inside the 60-day horizon.
    const monday = DateTime.now().setZone(RIGA).startOf('week').plus({ weeks: 1 }).set({ hour: 7 });
    clock.set(monday.toJSDate());
    const from = monday.plus({ days: 1 }).toISODate()!;
    const to = monday.plus({ days: CFG.days }).toISODate()!;

    // ---- data
    const [vsaa] = (await client.query<{ id: string }>("select id from network.institution where code = 'VSAA'")).rows;
    const admin: Principal = { subject: 'bench-admin', kind: 'user', roles: [Role.NetworkAdmin], centreIds: [] };
    const existing = await bookings.listSpecialists(admin, { serviceCode: SERVICE });
    const weekly = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ from: '08:00', to: '12:00' }, { from: '12:30', to: '17:00' }]]));
    const specialistIds: string[] = existing.map((s) => s.id);
    for (const s of existing) await bookings.setAvailability(admin, s.id, { weekly });
    for (let i = existing.length; i < CFG.specialists; i++) {
      const s = await bookings.createSpecialist(admin, { institutionId: vsaa!.id, userId: `bench:specialist.${i}`, displayName: `Speciālists ${i}`, serviceCodes: [SERVICE] });
      await bookings.setAvailability(admin, s.id, { weekly });
      specialistIds.push(s.id);
    }
    const centreRes = await fetch(`${baseUrl}/api/v1/network/centres?hasVideoBooth=true&service=${SERVICE}&pageSize=100`);
    const centreList = ((await centreRes.json()) as { items: Array<{ id: string; status: string; videoBooths: Array<{ id: string; active: boolean }> }> }).items.filter(
      (c) => c.status === 'active' && c.videoBooths.some((b) => b.active),
    );
    centreList.sort((a, b) => b.videoBooths.filter((x) => x.active).length - a.videoBooths.filter((x) => x.active).length);
    const centre = centreList[0]!;
    const booths = centre.videoBooths.filter((b) => b.active).map((b) => b.id);
    log(`${specialistIds.length} specialists; centre with ${booths.length} active booth(s); window ${from} … ${to}`);

    // Existing load: confirmed 30-minute bookings (30-minute grid) at other centres, about CFG.booked of each specialist's time.
    const [type] = await bookings.listConsultationTypes({ serviceCode: SERVICE });
    const rnd = seeded(42);
    const rows: unknown[][] = [];
    for (const specialistId of specialistIds) {
      for (let d = 1; d <= CFG.days; d++) {
        const day = monday.plus({ days: d });
        if (day.weekday > 5) continue;
        for (let minute = 8 * 60; minute + type!.durationMinutes <= 17 * 60; minute += 60) {
          if (rnd() >= CFG.booked) continue;
          const start = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
          const end = start.plus({ minutes: type!.durationMinutes });
          const blockedFrom = start.minus({ minutes: type!.bufferBeforeMinutes });
          const blockedTo = end.plus({ minutes: type!.bufferAfterMinutes });
          rows.push([randomUUID(), specialistId, randomUUID(), start.toUTC().toISO(), end.toUTC().toISO(), `[${blockedFrom.toUTC().toISO()},${blockedTo.toUTC().toISO()})`]);
        }
      }
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await client.query(
        `insert into scheduling.booking (id, uid, consultation_type_id, service_code, institution_id, specialist_id, centre_id, booth_id, starts_at, ends_at, blocked_range, status, created_by, created_at, updated_at, confirmed_at, sequence)
         select (r->>0)::uuid, (r->>0) || '@bench', $1::uuid, $2, $3::uuid, (r->>1)::uuid, $4::uuid, (r->>2)::uuid, (r->>3)::timestamptz, (r->>4)::timestamptz, (r->>5)::tstzrange, 'confirmed', 'bench', now(), now(), now(), 1
           from jsonb_array_elements($5::jsonb) r`,
        [type!.id, SERVICE, vsaa!.id, randomUUID(), JSON.stringify(chunk)],
      );
    }
    await client.query('vacuum analyze scheduling.booking, scheduling.specialist, scheduling.availability_schedule');
    log(`${rows.length} existing bookings`);

    // ---- free-slot search
    const clerk: Principal = { subject: 'bench-clerk', kind: 'user', roles: [Role.Clerk], centreIds: [centre.id] };
    const windowOf = (i: number) => ({ from: monday.plus({ days: 1 + (i % 5) }).toISODate()!, to: monday.plus({ days: CFG.days + (i % 5) }).toISODate()! });
    // Warm-up, then the measured runs (the window shifts by 0–4 days between runs).
    for (let i = 0; i < 3; i++) await bookings.slots(clerk, { serviceCode: SERVICE, centreId: centre.id, ...windowOf(i) });
    const times: number[] = [];
    let cpuNode = 0;
    let cpuDb = 0;
    let slotCount = 0;
    for (let i = 0; i < CFG.searches; i++) {
      const c0 = await cpuMs(client);
      const t0 = now();
      const result = await bookings.slots(clerk, { serviceCode: SERVICE, centreId: centre.id, ...windowOf(i) });
      times.push(now() - t0);
      const c1 = await cpuMs(client);
      cpuNode += c1.node - c0.node;
      cpuDb += c1.db - c0.db;
      slotCount = result.slots.length;
    }
    const search = stats(times, slotCount);
    const cpuSearchNode = cpuNode / CFG.searches;
    const cpuSearchDb = cpuDb / CFG.searches;
    log(`search: p50 ${f1(search.p50)} ms, p95 ${f1(search.p95)} ms, p99 ${f1(search.p99)} ms, CPU ${f1(cpuSearchNode)} ms Node + ${f1(cpuSearchDb)} ms PostgreSQL, ${slotCount} slots`);
    // A yardstick: a fixed CPU-bound statement, to compare this machine's state with other runs.
    const yardstick: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = now();
      await client.query('select sum(i) from generate_series(1, 2000000) i');
      yardstick.push(now() - t0);
    }

    const token = await app.get(DevIssuer).sign('bench-clerk', { roles: ['clerk'], centre_ids: [centre.id] });
    const httpTimes: number[] = [];
    let httpBytes = 0;
    for (let i = -3; i < CFG.httpSearches; i++) {
      const w = windowOf(i + 3);
      const t0 = now();
      const res = await fetch(`${baseUrl}/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centre.id}&from=${w.from}&to=${w.to}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`slots: ${res.status} ${body.slice(0, 300)}`);
      if (i >= 0) {
        httpTimes.push(now() - t0);
        httpBytes = body.length;
      }
    }
    const http = httpTimes.length > 0 ? stats(httpTimes, slotCount) : stats([NaN], slotCount);
    log(`search (HTTP): p50 ${f1(http.p50)} ms, p95 ${f1(http.p95)} ms, p99 ${f1(http.p99)} ms, ${Math.round(httpBytes / 1024)} KiB`);

    // ---- contention: many clients, overlapping starts of one specialist at this centre
    const target = specialistIds[specialistIds.length - 1]!;
    const free = (await bookings.slots(clerk, { serviceCode: SERVICE, centreId: centre.id, from: monday.plus({ days: 1 }).toISODate()!, to: monday.plus({ days: 14 }).toISODate()! })).slots.filter((s) =>
      s.specialistIds.includes(target),
    );
    const starts = free.map((s) => s.start);
    const byStart = new Map<string, number>();
    let attempt = 0;
    let won = 0;
    let conflicts = 0;
    let other = 0;
    const otherCodes = new Map<string, number>();
    const contendRnd = seeded(7);
    const worker = async (): Promise<void> => {
      while (attempt < CFG.attempts) {
        attempt++;
        // Mostly the first few starts (heavy overlap), sometimes any.
        const start = contendRnd() < 0.7 ? starts[Math.floor(contendRnd() * Math.min(6, starts.length))]! : starts[Math.floor(contendRnd() * starts.length)]!;
        try {
          const held = await bookings.hold(clerk, { serviceCode: SERVICE, centreId: centre.id, start, specialistId: contendRnd() < 0.5 ? target : 'any' });
          await bookings.confirm(clerk, held.id);
          won++;
          byStart.set(start, (byStart.get(start) ?? 0) + 1);
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'ERROR';
          if (code === 'BOOKING.SLOT_TAKEN') conflicts++;
          else {
            other++;
            otherCodes.set(code, (otherCodes.get(code) ?? 0) + 1);
          }
        }
      }
    };
    const c0 = now();
    await Promise.all(Array.from({ length: CFG.clients }, () => worker()));
    const contentionMs = now() - c0;
    const doubles = (
      await client.query<{ kind: string; n: string }>(`
        select 'specialist' as kind, count(*)::text as n from scheduling.booking a join scheduling.booking b
          on a.specialist_id = b.specialist_id and a.id < b.id and a.blocked_range && b.blocked_range
         where a.status in ('held', 'confirmed') and b.status in ('held', 'confirmed')
        union all
        select 'booth', count(*)::text from scheduling.booking a join scheduling.booking b
          on a.booth_id = b.booth_id and a.id < b.id and a.blocked_range && b.blocked_range
         where a.status in ('held', 'confirmed') and b.status in ('held', 'confirmed')`)
    ).rows;
    const totalDoubles = doubles.reduce((sum, r) => sum + Number(r.n), 0);
    log(`contention: ${won} won, ${conflicts} conflicts, ${other} other in ${f1(contentionMs / 1000)} s; double bookings: ${totalDoubles}`);

    const [{ version }] = (await client.query<{ version: string }>('select version()')).rows;
    const load = os.loadavg();
    const out = [
      '## Result',
      '',
      `Run: ${new Date().toISOString().slice(0, 16)}Z. Machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${version.split(',')[0]}.`,
      `Load average at the end (1/5/15 min): ${load.map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} vCPUs — the machine is shared with other work.`,
      `Data: ${specialistIds.length} specialists of VSAA for ${SERVICE} (${type!.durationMinutes} min, ${type!.slotIntervalMinutes}-minute grid, buffers ${type!.bufferBeforeMinutes}/${type!.bufferAfterMinutes} min), weekdays 08:00–12:00 and 12:30–17:00;`,
      `${rows.length} existing confirmed bookings (≈ ${Math.round(CFG.booked * 100)} % of the hourly starts) over the next ${CFG.days} days; centre with ${booths.length} active video booth(s).`,
      '',
      `Yardstick (select sum(i) from generate_series(1, 2000000), 10 runs): median ${f1(pct(sorted(yardstick), 50))} ms.`,
      '',
      `| Free-slot search, ${CFG.days} days | runs | p50 ms | p95 ms | p99 ms | max ms | CPU ms / search (Node + PostgreSQL) | slots returned | p95 < 50 ms |`,
      '|---|---:|---:|---:|---:|---:|---:|---:|:---:|',
      `| **BookingService.slots** (what the controller calls) | ${CFG.searches} | ${f1(search.p50)} | ${f1(search.p95)} | ${f1(search.p99)} | ${f1(search.max)} | ${f1(cpuSearchNode)} + ${f1(cpuSearchDb)} | ${search.slots} | ${search.p95 < 50 ? 'yes' : '**no**'} |`,
      `| GET /api/v1/scheduling/slots (HTTP, auth, JSON of ${Math.round(httpBytes / 1024)} KiB) | ${CFG.httpSearches} | ${f1(http.p50)} | ${f1(http.p95)} | ${f1(http.p99)} | ${f1(http.max)} | – | ${http.slots} | ${http.p95 < 50 ? 'yes' : '**no**'} |`,
      '',
      `Contention: ${CFG.clients} concurrent clients, ${CFG.attempts} hold + confirm attempts on ${starts.length} free starts of one specialist (70 % on the first ${Math.min(6, starts.length)} overlapping starts; half name the specialist, half ask for "any") at a centre with ${booths.length} booth(s):`,
      `**${won} booked, ${conflicts} refused with 409 BOOKING.SLOT_TAKEN**, ${other} other${other ? ` (${[...otherCodes].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''} in ${f1(contentionMs / 1000)} s = ${f1(won / (contentionMs / 1000))} bookings/s, ${f1(CFG.attempts / (contentionMs / 1000))} attempts/s.`,
      `Double bookings found in SQL afterwards (overlapping blocked ranges of one specialist or one booth, held or confirmed): **${totalDoubles}**.`,
      '',
      `Total run time: ${f1((now() - started) / 1000)} s.`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    if (totalDoubles > 0) process.exitCode = 1;
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
