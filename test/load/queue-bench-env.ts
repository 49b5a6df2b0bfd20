/** The benchmark's surroundings: its database, the server child process, pgbench, and what /proc says about CPU. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { startEmbeddedPostgres } from '../../infrastructure/database/embedded-postgres';
import { adminQuery, findLocalPostgres, withDatabase } from '../support/database-server';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
export const log = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

// ---------------------------------------------------------------------------------------------- database
export interface Database { adminUrl: string; url: string; name: string; stop?: () => Promise<void> }

/** A fresh database on the local PostgreSQL (else an embedded one), migrated and seeded like the e2e template. */
export async function createDatabase(): Promise<Database> {
  const local = await findLocalPostgres();
  let adminUrl: string;
  let stop: (() => Promise<void>) | undefined;
  if (local) adminUrl = local;
  else {
    log('no local PostgreSQL on 127.0.0.1:5432: starting an embedded one');
    const embedded = await startEmbeddedPostgres(mkdtempSync(join(os.tmpdir(), 'vpvkac-bench-pg-')), 54341, 'postgres');
    adminUrl = embedded.url;
    stop = () => embedded.stop();
  }
  const name = `vpvkac_bench_${process.pid}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  log(`database ${name}: migrating and seeding (315 centres), delivering the seed events`);
  try {
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'test/support/prepare-template.ts', url], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' } });
  } catch (err) {
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    await stop?.();
    throw err;
  }
  return { adminUrl, url, name, stop };
}

/** `node dist/apps/server/main.js` in a child process; resolves once /health/ready answers. */
export async function startServer(port: number, databaseUrl: string, logFile: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn', SEED_ON_EMPTY: 'false', NODE_ENV: 'development' };
  for (const k of ['PUBLIC_BASE_URL', 'OIDC_ISSUER_URL', 'OIDC_JWKS_URL']) delete env[k];
  const fd = openSync(logFile, 'w');
  // As `npm start` runs it (package.json), plus BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof, --max-semi-space-size=64).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(process.env.BENCH_SERVER_DIR ?? 'dist', 'apps/server/main.js')], { env, stdio: ['ignore', fd, fd] });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${logFile}`);
    if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)) return child;
    await sleep(250);
  }
  throw new Error(`server did not become ready; see ${logFile}`);
}

/** SIGTERM by PID (the server closes gracefully), SIGKILL after 10 s. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && child.exitCode === null && child.signalCode === null && process.kill(child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------- /proc
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });

// CPU time (clock ticks) of a process, of the benchmark database's backends, and of the whole machine.
export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
export const procTicks = (pid: number | string): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
};
/** A thread's time on a CPU and waiting in the run queue for one (ns): shows whether it was starved. */
export const schedstat = (pid: number): { onCpu: number; waiting: number } => {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { onCpu: onCpu!, waiting: waiting! };
  } catch {
    return { onCpu: NaN, waiting: NaN };
  }
};
/** The PostgreSQL backends serving the benchmark's database (their process titles name it). */
export const backendsOf = (database: string): number[] =>
  readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return title.startsWith('postgres:') && title.includes(` ${database} `) ? [Number(pid)] : [];
    } catch {
      return []; // exited meanwhile
    }
  });
/**
 * CPU ticks of one database's PostgreSQL backends, summed across connections that come and go.
 * Every 250 ms each live backend adds its ticks since it was last seen (one first seen after the
 * start: all of them, it started since). A sum over the backends alive at two moments — what this
 * replaced — counted a backend's whole life when it had started before the first moment and took
 * it off again when it ended before the second: the app's pools close idle connections, so the
 * figure swung between runs of the same code (0.12–0.46 cores). A backend that ends loses at most
 * its last 250 ms here.
 */
export class BackendCpu {
  private readonly seen = new Map<number, number>();
  private total = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly database: string) {
    this.scan(false);
    this.timer = setInterval(() => this.scan(true), 250);
    this.timer.unref();
  }

  /** Ticks so far (since the tracker started). */
  ticks(): number {
    this.scan(true);
    return this.total;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private scan(count: boolean): void {
    const live = new Map<number, number>();
    for (const pid of backendsOf(this.database)) live.set(pid, procTicks(pid));
    for (const [pid, ticks] of live) if (count) this.total += ticks - (this.seen.get(pid) ?? 0);
    this.seen.clear();
    for (const [pid, ticks] of live) this.seen.set(pid, ticks);
  }
}
/**
 * The machine's CPU ticks (/proc/stat): busy (everything but idle and iowait — including `steal`,
 * time the hypervisor gave to other guests while this VM wanted to run, and interrupt handling,
 * which no process's own ticks include).
 */
export const machineTicks = (): { busy: number; total: number; steal: number; interrupts: number } => {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - v[3]! - v[4]!, total, steal: v[7]!, interrupts: v[5]! + v[6]! };
};

/** A value from the server's Prometheus text. */
export const metric = (text: string, name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);

// ---------------------------------------------------------------------------------------------- pgbench
/** test/load/call-next.pgbench.sql against the benchmark's database: the opened desks, K active tickets per centre. */
export async function pgbench(sql: Pool, url: string, ticketsPerCentre: number, clients: number, seconds: number): Promise<{ tps: number; latencyMs: number; failed: string; desks: number; perCentre: number }> {
  await sql.query('create schema bench');
  // Each centre belongs to one pgbench client (k), as the server runs one centre's commands one after another.
  await sql.query(
    `create table bench.pick as
     select row_number() over (order by d.centre_id, d.number)::int as n, d.id as desk_id, d.number as desk_number, d.centre_id,
            ((dense_rank() over (order by d.centre_id)) % $1::int)::int as k
       from scheduling.desk d where d.clerk_id is not null`,
    [clients],
  );
  await sql.query('alter table bench.pick add primary key (n)');
  await sql.query('create index on bench.pick (k)');
  // K active tickets per centre (K = the run's average), copies of real finished tickets' rows.
  await sql.query(
    `insert into scheduling.ticket (id, centre_id, queue_id, service_day, prefix, seq, number, priority, status, queue_entered_at, issued_at, issued_by, called_count, tracking_token, requests, periods, version)
     select gen_random_uuid(), q.centre_id, q.id, date '2000-01-01', q.prefix, g, q.prefix || g, 0, 'waiting', now() - g * interval '1 second', now(), 'pgbench', 0,
            md5(random()::text || clock_timestamp()::text), '[]', (select periods from scheduling.ticket where status = 'finished' limit 1), 1
       from scheduling.service_queue q cross join generate_series(1, $1::int) g where q.sort_order = 1`,
    [ticketsPerCentre],
  );
  await sql.query('vacuum analyze scheduling.ticket');
  const desks = Number((await sql.query('select count(*) as n from bench.pick')).rows[0].n);
  const out = execFileSync('pgbench', ['-n', '-M', 'simple', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', 'test/load/call-next.pgbench.sql', url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const grab = (re: RegExp): string => re.exec(out)?.[1] ?? 'n/a';
  return { tps: Number(grab(/tps = ([0-9.]+) \(without initial/)), latencyMs: Number(grab(/latency average = ([0-9.]+) ms/)), failed: grab(/number of failed transactions: (.*)/), desks, perCentre: ticketsPerCentre };
}

