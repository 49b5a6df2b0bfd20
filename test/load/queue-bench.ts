/**
 * Walk-in queue benchmark, "national peak" (`npm run bench:queue` → docs/benchmarks/queue.md).
 *
 * 1. A fresh database (the local PostgreSQL, else an embedded one), migrated and seeded like the
 *    e2e template, so every centre has its queues and desks.
 * 2. The built server in a child process; this process is the load generator: one clerk console
 *    per clerk on '/queue' (joined to its centre), one display board per centre on '/display',
 *    commands over keep-alive HTTP.
 * 3. Open-loop ticket arrivals (Poisson) and a closed loop per desk: call-next → start → finish.
 *    Warm-up, a measured window, then a drain (no new tickets) and checks in the database.
 * 4. pgbench runs our call-next transaction (test/load/call-next.pgbench.sql) on the same database.
 *
 * Settings (environment): BENCH_RATE, BENCH_CLERKS, BENCH_WARMUP_S, BENCH_MEASURE_S,
 * BENCH_UTILISATION, BENCH_TRACK_SHARE, BENCH_PGBENCH_S, BENCH_IDEMPOTENCY, BENCH_SKIP_BUILD, BENCH_KEEP_DB, DATABASE_POOL_MAX,
 * BENCH_SERVER_DIR (a build other than dist/, e.g. to compare a candidate fix), BENCH_SERVER_NODE_ARGS (e.g. --cpu-prof),
 * BENCH_SERVER_LOG_LEVEL (the server's LOG_LEVEL, default warn; info logs every request with its time),
 * BENCH_DEBUG=1 (prints every command slower than 5 s or answered other than 2xx / NOBODY_WAITING, with its
 * connection's trace — new or reused, connected, written, answered — and late turns of the generator's loop).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { importJWK, SignJWT, type JWK } from 'jose';
import { Client, Pool } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { QueueChange } from '@modules/scheduling';
import { AppConfig } from '../../infrastructure/config/app-config';
import { adminQuery } from '../support/database-server';
import { BackendCpu, CLK_TCK, createDatabase, freePort, log, machineTicks, metric, pgbench, procTicks, schedstat, sleep, startServer, stopServer, type Database } from './queue-bench-env';
import { f1, pct, renderReport, sorted, type BenchResults } from './queue-bench-report';

const num = (key: string, fallback: number): number => Number(process.env[key] ?? fallback);
const CFG = {
  rate: num('BENCH_RATE', 600), // target queue commands/s; a ticket's life is 4 commands
  clerks: num('BENCH_CLERKS', 1000),
  warmupS: num('BENCH_WARMUP_S', 45),
  measureS: num('BENCH_MEASURE_S', 60),
  utilisation: num('BENCH_UTILISATION', 0.8), // share of a desk's time spent walking + serving
  trackShare: num('BENCH_TRACK_SHARE', 0.25), // tickets whose estimate is read right after issue
  pgbenchS: num('BENCH_PGBENCH_S', 20),
  // The capacity probe after the window: this many commands/s offered (0: none), to measure the
  // most the system sustains here — the throughput the pgbench ratio is about.
  probeRate: num('BENCH_PROBE_RATE', 2 * num('BENCH_RATE', 600)),
  probeS: num('BENCH_PROBE_S', 30),
  idempotency: process.env.BENCH_IDEMPOTENCY !== '0', // 0: commands without Idempotency-Key (no receipts; to measure what they cost)
  // A directory with PostgreSQL's Unix socket (e.g. /var/run/postgresql): the server and pgbench
  // then connect through it instead of TCP on 127.0.0.1, as an app next to its database would.
  dbSocket: process.env.BENCH_DB_SOCKET ?? '',
  poolMax: num('DATABASE_POOL_MAX', new AppConfig().DATABASE_POOL_MAX), // the server's MikroORM pool
};
const WALK_MS: [number, number] = [200, 800];
/** From a ticket appearing on an idle clerk's console to the press of "call next". */
const REACTION_MS: [number, number] = [300, 1500];
/** An idle clerk with an empty queue looks again this often even without a new ticket. */
const IDLE_LOOK_MS = 3000;
const REQUEST_TIMEOUT_MS = 30_000; // an answer slower than this counts as a failure (status 0)
const ACTIVE = "('waiting', 'called', 'serving', 'parked')";

// ---------------------------------------------------------------------------------------------- helpers
const now = (): number => Number(process.hrtime.bigint()) / 1e6; // monotonic milliseconds
const uniform = (a: number, b: number): number => a + Math.random() * (b - a);
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

// ---------------------------------------------------------------------------------------------- HTTP
let PORT = 0;
// Each clerk's console is a browser on the clerk's own PC, and each centre's kiosk a device of its
// own: each keeps its own keep-alive connection, opened during setup. (Until 2026-11-28 one shared
// pool without a limit sent every command: whenever answers slowed down it opened hundreds of new
// connections at once — a burst no real network of consoles makes. Node 20's libuv accepts one
// connection per event-loop turn, so on a busy server they waited seconds in the accept queue, or
// overflowed it and waited 1, 3, 7, 15 s for the kernel's retry; that showed up as command latency.)
const consoleAgent = (): http.Agent => new http.Agent({ keepAlive: true, maxSockets: 1 }); // a clerk does one thing at a time
const kioskAgent = (): http.Agent => new http.Agent({ keepAlive: true, maxSockets: 2 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 }); // setup, metrics and the citizens' trackers
interface Reply { status: number; body: any; t0: number; t1: number; trace?: string }
function request(method: string, path: string, token?: string, body?: unknown, idempotencyKey?: string, via: http.Agent = agent): Promise<Reply> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (payload) headers['content-type'] = 'application/json';
    const t0 = now();
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, agent: via, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, t0, t1: now(), trace: trace.join(' ') });
      });
    });
    const trace: string[] = [];
    if (process.env.BENCH_DEBUG) {
      req.on('socket', (sock) => {
        trace.push(`socket+${Math.round(now() - t0)}${(sock as any).connecting ? ' new' : ''}`);
        sock.once('connect', () => trace.push(`connect+${Math.round(now() - t0)}`));
      });
      req.on('finish', () => trace.push(`written+${Math.round(now() - t0)}`));
      req.on('response', () => trace.push(`headers+${Math.round(now() - t0)}`));
    }
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, body: { code: err.message === 'timeout' ? 'CLIENT.TIMEOUT' : 'CLIENT.ERROR', error: String(err) }, t0, t1: now() }));
    req.end(payload);
  });
}

// ---------------------------------------------------------------------------------------------- model
interface Centre { idx: number; id: string; name: string; queueIds: string[]; clerks: Clerk[]; displayToken?: string; waiting: Set<string>; issuing: number; kiosk: http.Agent }
interface Clerk { centre: Centre; subject: string; token: string; deskId: string; agent: http.Agent; socket?: Socket; lastSeq: number; wake?: () => void; doing?: string }
type Kind = 'issue' | 'call' | 'start' | 'finish';
type Phase = 'setup' | 'calibrate' | 'warmup' | 'measure' | 'after' | 'probe-ramp' | 'probe' | 'drain';
interface Cmd { kind: Kind; phase: Phase; centre: Centre; t0: number; t1: number; status: number; code?: string; key?: string; number?: string }

let phase: Phase = 'setup';
let arrivalsOn = false;
let issuesSettled = false;
let stopDesks = false;
let strandedDesks = 0;
const cmds: Cmd[] = [];
const arrivals = new Map<string, { n: number; last: number }>(); // `${ticketId}:${status}` on consoles
const displayCalls = new Map<string, { n: number; last: number }>(); // `${centreIdx}:${number}` on boards
const issuedAt = new Map<string, number>(); // ticket id → server issue time (epoch ms)
const calledBy = new Map<string, number>(); // ticket id → number of call-next answers naming it
const waits = new Map<string, number>(); // ticket id → real wait, issue → called (server clock, ms)
const estimates = new Map<string, { minMinutes: number; maxMinutes: number | null }>();
const trackMs: number[] = [];
const anomalies = { seqGaps: 0, seqRepeats: 0 };
let inflightIssues = 0;
let probeSkipped = 0; // arrivals in the capacity probe not sent: that centre's last issue was still unanswered
let displayStates = 0;
const notifies = new Map<string, number>(); // NOTIFYs of the socket.io adapter in the window, by channel

/** Non-2xx answers of the window other than NOBODY_WAITING, by command, status and code. */
function windowErrors(win: Cmd[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of win) {
    if ((c.status >= 200 && c.status < 300) || c.code === 'QUEUE.NOBODY_WAITING') continue;
    const key = `${c.kind} ${c.status} ${c.code ?? ''}`.trim();
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

async function command(kind: Kind, clerk: Clerk, path: string, body?: unknown, via: http.Agent = clerk.agent, key: string = randomUUID()): Promise<{ reply: Reply; cmd: Cmd }> {
  const at = phase;
  // Like the clerk console (apps/console/src/lib/api.ts `command`): every command carries an
  // Idempotency-Key, so the server stores its answer as a receipt in the same transaction.
  const reply = await request('POST', path, clerk.token, body, CFG.idempotency ? key : undefined, via);
  const cmd: Cmd = { kind, phase: at, centre: clerk.centre, t0: reply.t0, t1: reply.t1, status: reply.status, code: reply.status >= 300 ? reply.body?.code : undefined };
  cmds.push(cmd);
  if (process.env.BENCH_DEBUG && ((reply.status >= 300 && reply.body?.code !== 'QUEUE.NOBODY_WAITING') || reply.t1 - reply.t0 > 5000)) log(`DEBUG ${at}->${phase} ${kind} ${path} desk=${clerk.deskId} status=${reply.status} t0=${new Date(Date.now() - (now() - reply.t0)).toISOString()} ms=${Math.round(reply.t1 - reply.t0)} [${reply.trace}] ${JSON.stringify(reply.body).slice(0, 200)}`);
  if (kind === 'issue' && reply.status === 201) {
    cmd.key = `${reply.body.ticket.id}:waiting`;
    issuedAt.set(reply.body.ticket.id, Date.parse(reply.body.ticket.issuedAt));
  }
  return { reply, cmd };
}

async function issueOne(clerk: Clerk): Promise<void> {
  // The kiosk prints the ticket (with a clerk's token: the benchmark has no kiosk devices).
  const { reply, cmd } = await command('issue', clerk, `/api/v1/queue/centres/${clerk.centre.id}/tickets`, { queueId: pick(clerk.centre.queueIds) }, clerk.centre.kiosk);
  if (reply.status !== 201) return;
  const ticket = reply.body.ticket as { id: string };
  if (cmd.phase === 'measure' && Math.random() < CFG.trackShare) {
    const track = await request('GET', `/api/v1/queue/track/${reply.body.trackingToken}`);
    trackMs.push(track.t1 - track.t0);
    if (track.status === 200 && track.body.estimate) estimates.set(ticket.id, track.body.estimate);
  }
}

/** The same database through a Unix socket directory (libpq and node-pg both read `?host=/dir`). */
function viaSocket(url: string, dir: string): string {
  const u = new URL(url);
  return `postgresql://${u.username}@localhost/${u.pathname.slice(1)}?host=${encodeURIComponent(dir)}`;
}

/** Tickets/s the arrivals aim at, and the desks' mean service time: both rise for the capacity probe. */
let ticketsPerSecondNow = 0;
let serviceMsNow = 0;
const serviceMsFor = (commandsPerS: number): number => Math.max(500, (CFG.utilisation * allClerks.length * 1000) / (commandsPerS / 4) - (WALK_MS[0] + WALK_MS[1]) / 2);

async function arrivalLoop(): Promise<void> {
  let next = now();
  while (arrivalsOn) {
    next += (-Math.log(1 - Math.random()) * 1000) / ticketsPerSecondNow; // absolute schedule: no coordinated omission
    await sleep(next - now());
    const clerk = pick(allClerks);
    // The probe offers more than the system can take: like a kiosk that prints one ticket at a
    // time, a centre issues its next ticket only once the last one is answered, so the overload
    // shows as throughput, not as an ever longer line of requests in flight.
    if ((phase === 'probe' || phase === 'probe-ramp') && clerk.centre.issuing > 0) {
      probeSkipped++;
      continue;
    }
    inflightIssues++;
    clerk.centre.issuing++;
    void issueOne(clerk).finally(() => {
      inflightIssues--;
      clerk.centre.issuing--;
    });
  }
}

/** Idle clerk: waits until its console shows a new ticket (or a few seconds pass). */
const waitForWork = (clerk: Clerk, ms: number): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      clerk.wake = undefined;
      resolve();
    };
    const timer = setTimeout(done, ms);
    clerk.wake = done;
  });

/** A clerk presses again after an error (up to 3 times, as the same command: same Idempotency-Key); a command that never succeeds strands the desk. */
async function persist(kind: Kind, clerk: Clerk, path: string, body?: unknown): Promise<{ reply: Reply; cmd: Cmd }> {
  const key = randomUUID(); // a retry is the same command: the console sends it with the same Idempotency-Key
  for (let attempt = 1; ; attempt++) {
    const r = await command(kind, clerk, path, body, clerk.agent, key);
    if ((r.reply.status >= 200 && r.reply.status < 300) || attempt === 3 || stopDesks) return r;
    await sleep(1000);
  }
}

/**
 * A clerk's day. The console shows the centre's queue live (`centre.waiting`, kept from the
 * consoles' `queue:changes` events): an idle clerk presses "call next" when a ticket appears, after
 * a human reaction time, and only if the console still shows someone waiting (a colleague may have
 * called the ticket meanwhile). Two clerks who press at the same moment still race, and the loser
 * gets 409 NOBODY_WAITING, as in a real centre.
 */
async function deskLoop(clerk: Clerk): Promise<void> {
  while (!stopDesks) {
    if (clerk.centre.waiting.size === 0) {
      if (issuesSettled) return void (clerk.doing = undefined); // drained: nobody waiting and nobody will come
      clerk.doing = 'idle';
      await waitForWork(clerk, IDLE_LOOK_MS);
      if (clerk.centre.waiting.size === 0) continue;
      await sleep(uniform(...REACTION_MS));
      if (clerk.centre.waiting.size === 0) continue; // a colleague was quicker
    }
    clerk.doing = 'call-next';
    const call = await command('call', clerk, `/api/v1/queue/desks/${clerk.deskId}/call-next`);
    if (call.reply.status === 409 && call.reply.body?.code === 'QUEUE.NOBODY_WAITING') {
      if (issuesSettled) return void (clerk.doing = undefined);
      clerk.doing = 'idle';
      await sleep(uniform(...REACTION_MS)); // lost the race; looks at the console again
      continue;
    }
    if (call.reply.status !== 200) {
      if (call.reply.body?.code === 'QUEUE.DESK_BUSY') return void strandedDesks++;
      await sleep(1000);
      continue;
    }
    const t = call.reply.body as { id: string; number: string; lastCalledAt: string };
    call.cmd.key = `${t.id}:called`;
    call.cmd.number = t.number;
    calledBy.set(t.id, (calledBy.get(t.id) ?? 0) + 1);
    const issued = issuedAt.get(t.id);
    if (issued !== undefined) waits.set(t.id, Date.parse(t.lastCalledAt) - issued);
    clerk.doing = 'walk';
    await sleep(uniform(...WALK_MS));
    clerk.doing = 'start';
    const start = await persist('start', clerk, `/api/v1/queue/tickets/${t.id}/start`);
    if (start.reply.status !== 200) return void strandedDesks++;
    start.cmd.key = `${t.id}:serving`;
    clerk.doing = 'serve';
    await sleep(serviceMsNow * uniform(0.5, 1.5) * (phase === 'drain' ? 0.1 : 1)); // closing time: the drain only checks, quickly
    clerk.doing = 'finish';
    const finish = await persist('finish', clerk, `/api/v1/queue/tickets/${t.id}/finish`, { outcome: 'served' });
    if (finish.reply.status !== 200) return void strandedDesks++;
    finish.cmd.key = `${t.id}:finished`;
  }
}

function connect(ns: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`http://127.0.0.1:${PORT}${ns}`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

async function openConsole(clerk: Clerk): Promise<void> {
  const socket = await connect('/queue', clerk.token);
  clerk.socket = socket;
  const onChange = (change: QueueChange, t: number): void => {
    if (change.seq > clerk.lastSeq + 1) anomalies.seqGaps++;
    else if (change.seq <= clerk.lastSeq) anomalies.seqRepeats++;
    clerk.lastSeq = Math.max(clerk.lastSeq, change.seq);
    if (change.ticket) {
      const key = `${change.ticket.id}:${change.ticket.status}`;
      const seen = arrivals.get(key);
      if (seen) {
        seen.n++;
        seen.last = t;
      } else arrivals.set(key, { n: 1, last: t });
    }
    if (change.ticket) {
      if (change.ticket.status === 'waiting') clerk.centre.waiting.add(change.ticket.id);
      else clerk.centre.waiting.delete(change.ticket.id);
    }
    if (change.type === 'ticket.issued') clerk.wake?.();
  };
  socket.on('queue:changes', (changes: QueueChange[]) => {
    const t = now();
    for (const change of changes) onChange(change, t);
  });
  const snapshot = await new Promise<{ seq?: number; error?: string }>((resolve) => socket.emit('queue:join', { centreId: clerk.centre.id }, resolve));
  if (snapshot.error !== undefined || snapshot.seq === undefined) throw new Error(`queue:join refused: ${snapshot.error}`);
  clerk.lastSeq = Math.max(clerk.lastSeq, snapshot.seq);
}

const allClerks: Clerk[] = [];
let desksAdded = 0;
let serverChild: ChildProcess | undefined;
let benchDb: Database | undefined;
const sockets: Socket[] = [];

// ---------------------------------------------------------------------------------------------- database and server
/** Tokens of the demo issuer, signed here with the key the server loads from platform.signing_key. */
async function tokenSigner(sql: Pool): Promise<(subject: string, centreId: string) => Promise<string>> {
  const { rows } = await sql.query<{ private_jwk: JWK }>('select private_jwk from platform.signing_key order by created_at, kid limit 1');
  const jwk = rows[0]!.private_jwk;
  const key = await importJWK(jwk, 'ES256');
  const issuer = `http://localhost:${PORT}/auth`;
  return (subject, centreId) =>
    new SignJWT({ roles: ['clerk'], centre_ids: [centreId] })
      .setProtectedHeader({ alg: 'ES256', kid: jwk.kid!, typ: 'JWT' })
      .setIssuer(issuer).setAudience('vpvkac-is').setSubject(subject).setIssuedAt().setExpirationTime('2h')
      .sign(key);
}

/** Clerks per centre in proportion to its seeded desks (largest remainder), at least one; missing desks are added. */
async function setUpCentres(sql: Pool): Promise<Centre[]> {
  const sign = await tokenSigner(sql);
  const { rows } = await sql.query<{ id: string; name: string; desks: number; queue_ids: string[] }>(
    `select c.id, c.short_name as name, (select count(*)::int from scheduling.desk d where d.centre_id = c.id) as desks,
            array(select q.id::text from scheduling.service_queue q where q.centre_id = c.id and q.active order by q.sort_order) as queue_ids
       from network.centre c order by c.code`,
  );
  const totalDesks = rows.reduce((s, r) => s + r.desks, 0);
  const quota = rows.map((r) => (CFG.clerks * r.desks) / totalDesks);
  const counts = quota.map((q) => Math.max(1, Math.floor(q)));
  if (CFG.clerks < rows.length) throw new Error(`BENCH_CLERKS must be at least the number of centres (${rows.length})`);
  const byRemainder = quota.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < CFG.clerks; k++) counts[byRemainder[k % rows.length]![1]]!++;
  while (counts.reduce((a, b) => a + b, 0) > CFG.clerks) counts[counts.indexOf(Math.max(...counts))]!--;
  const centres: Centre[] = rows.map((r, idx) => ({ idx, id: r.id, name: r.name, queueIds: r.queue_ids, clerks: [], waiting: new Set<string>(), issuing: 0, kiosk: kioskAgent() }));
  await mapLimit(centres, 16, async (c, i) => {
    const tokens = await Promise.all(Array.from({ length: counts[i]! }, (_, k) => sign(`bench:clerk-${i}-${k}`, c.id)));
    for (let n = rows[i]!.desks; n < tokens.length; n++) {
      const r = await request('POST', `/api/v1/queue/centres/${c.id}/desks`, tokens[0], { number: String(101 + n) });
      if (r.status !== 201) throw new Error(`desk for ${c.name}: ${r.status} ${JSON.stringify(r.body)}`);
      desksAdded++;
    }
    const desks = (await sql.query<{ id: string }>('select id from scheduling.desk where centre_id = $1 order by number', [c.id])).rows;
    c.clerks = tokens.map((token, k) => ({ centre: c, subject: `bench:clerk-${i}-${k}`, token, deskId: desks[k]!.id, agent: consoleAgent(), lastSeq: 0 }));
    for (const clerk of c.clerks) {
      const r = await request('POST', `/api/v1/queue/desks/${clerk.deskId}/open`, clerk.token, {}, undefined, clerk.agent); // opens the console's connection
      if (r.status !== 200) throw new Error(`open desk: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const kiosk = await Promise.all([0, 1].map(() => request('GET', '/health/live', undefined, undefined, undefined, c.kiosk))); // the kiosk's connections
    if (kiosk.some((r) => r.status !== 200)) throw new Error(`kiosk: ${kiosk.map((r) => r.status).join(', ')}`);
    const device = await request('POST', `/api/v1/queue/centres/${c.id}/devices`, tokens[0], { kind: 'display', name: 'Zāle' });
    if (device.status !== 201) throw new Error(`display for ${c.name}: ${device.status} ${JSON.stringify(device.body)}`);
    c.displayToken = device.body.token;
  });
  return centres;
}

async function openBoard(centre: Centre): Promise<Socket> {
  const socket = await connect('/display', centre.displayToken!);
  socket.on('display:state', () => void (phase === 'measure' && displayStates++));
  socket.on('display:called', (called: { number: string }) => {
    const key = `${centre.idx}:${called.number}`;
    const seen = displayCalls.get(key);
    if (seen) {
      seen.n++;
      seen.last = now();
    } else displayCalls.set(key, { n: 1, last: now() });
  });
  return socket;
}

// ---------------------------------------------------------------------------------------------- measurement window
interface Snapshot { at: number; server: number; serverSched: { onCpu: number; waiting: number }; benchSched: { onCpu: number; waiting: number }; postgres: number; self: NodeJS.CpuUsage; machine: ReturnType<typeof machineTicks>; xacts: number; jobs: number; committed: number }
async function snapshot(sql: Pool, serverPid: number, backends: BackendCpu): Promise<Snapshot> {
  const at = now();
  const taken = { at, server: procTicks(serverPid), serverSched: schedstat(serverPid), benchSched: schedstat(process.pid), postgres: backends.ticks(), self: process.cpuUsage(), machine: machineTicks() };
  const { rows } = await sql.query<{ n: string; jobs: string; committed: string }>(
    `select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()) as n,
            (select count(*) from pgboss.job where name = 'integration-events') as jobs,
            -- commands the server committed: issue + call + start + finish (in this benchmark's flow)
            (select count(*) + coalesce(sum(called_count), 0) + count(*) filter (where status in ('serving', 'finished')) + count(*) filter (where status = 'finished') from scheduling.ticket) as committed`,
  );
  return { ...taken, xacts: Number(rows[0]!.n), jobs: Number(rows[0]!.jobs), committed: Number(rows[0]!.committed) };
}

/** One desk, one command at a time: what a command costs the server when nothing else runs. */
async function calibrate(sql: Pool, clerk: Clerk, serverPid: number, backends: BackendCpu, cycles: number): Promise<BenchResults['calibration']> {
  const cycle = async (): Promise<void> => {
    await command('issue', clerk, `/api/v1/queue/centres/${clerk.centre.id}/tickets`, { queueId: clerk.centre.queueIds[0] });
    const call = await command('call', clerk, `/api/v1/queue/desks/${clerk.deskId}/call-next`);
    await command('start', clerk, `/api/v1/queue/tickets/${call.reply.body.id}/start`);
    await command('finish', clerk, `/api/v1/queue/tickets/${call.reply.body.id}/finish`, { outcome: 'served' });
  };
  for (let i = 0; i < 10; i++) await cycle(); // JIT warm-up
  const from = cmds.length;
  const a = await snapshot(sql, serverPid, backends);
  for (let i = 0; i < cycles; i++) await cycle();
  const b = await snapshot(sql, serverPid, backends);
  const mine = cmds.slice(from);
  const n = mine.length;
  return {
    commands: n,
    failed: mine.filter((c) => c.status < 200 || c.status >= 300).length,
    cpuMsPerCommand: ((b.server - a.server) * 1000) / CLK_TCK / n,
    postgresCpuMsPerCommand: ((b.postgres - a.postgres) * 1000) / CLK_TCK / n,
    latency: sorted(mine.map((c) => c.t1 - c.t0)),
    xactsPerCommand: (b.xacts - a.xacts) / n,
    busyCores: (b.machine.busy - a.machine.busy) / CLK_TCK / ((b.at - a.at) / 1000),
  };
}

/** pg_stat_activity every 500 ms: what the database's sessions are doing on average. */
function sampleActivity(sql: Client, until: () => boolean): { done: Promise<void>; waits: Map<string, number>; samples: () => number; activeTickets: number[] } {
  const waitsBy = new Map<string, number>();
  const activeTickets: number[] = [];
  let samples = 0;
  const done = (async () => {
    while (!until()) {
      const { rows } = await sql.query<{ k: string; n: number }>(
        `select state || coalesce(' / ' || wait_event_type || ':' || wait_event, ' / on CPU') as k, count(*)::int as n
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and state <> 'idle' group by 1`,
      );
      for (const r of rows) waitsBy.set(r.k, (waitsBy.get(r.k) ?? 0) + r.n);
      if (samples % 10 === 0) activeTickets.push(Number((await sql.query(`select count(*) as n from scheduling.ticket where status in ${ACTIVE}`)).rows[0].n));
      samples++;
      await sleep(500);
    }
  })();
  return { done, waits: waitsBy, samples: () => samples, activeTickets };
}

// ---------------------------------------------------------------------------------------------- integrity
async function integrity(sql: Pool): Promise<Array<[string, boolean, string]>> {
  const q = async (text: string, params: unknown[] = []): Promise<any[]> => (await sql.query(text, params)).rows;
  const issuedByClient = [...issuedAt.keys()];
  const issueTimeouts = cmds.filter((c) => c.kind === 'issue' && c.status === 0).length; // may have committed anyway
  const [t] = await q(`select count(*)::int as tickets, count(*) filter (where id = any($1::uuid[]))::int as found, count(*) filter (where called_count > 1)::int as multi,
      count(*) filter (where status <> 'finished' or called_count <> 1)::int as unfinished, coalesce(sum(called_count), 0)::int as calls,
      count(*) filter (where status in ('serving', 'finished'))::int as started, count(*) filter (where status = 'finished')::int as finished from scheduling.ticket`, [issuedByClient]);
  const byStatus = await q('select status, count(*)::int as n from scheduling.ticket group by 1 order by 1');
  const gaps = await q(`select t.centre_id from scheduling.ticket t join scheduling.ticket_counter k using (centre_id, service_day, prefix)
     group by t.centre_id, t.service_day, t.prefix, k.last_seq
    having min(t.seq) <> 1 or max(t.seq) <> count(*) or count(distinct t.seq) <> count(*) or k.last_seq <> max(t.seq)`);
  const outbox = new Map<string, number>((await q(`select type, count(*)::int as n from platform.outbox where type like 'scheduling.%' group by 1`)).map((r) => [r.type.replace('scheduling.', ''), r.n]));
  const expected: Array<[string, number]> = [['TicketIssued', t.tickets], ['TicketCalled', t.calls], ['ServiceStarted', t.started], ['ServiceFinished', t.finished], ['VisitEnded', t.finished]];
  const twiceByClient = [...calledBy.values()].filter((n) => n > 1).length;
  const seqs = new Map<string, number>((await q('select centre_id, seq from scheduling.centre_queue_settings')).map((r) => [r.centre_id, Number(r.seq)]));
  const behind = allClerks.filter((c) => c.lastSeq !== seqs.get(c.centre.id)).length;
  const extra = t.tickets - issuedByClient.length;
  return [
    [
      'Every ticket the client got a 201 for is in the database; any other ticket is explained by an "issue" that timed out on the client',
      t.found === issuedByClient.length && extra >= 0 && extra <= issueTimeouts,
      `${issuedByClient.length} answered 201, ${t.found} of them found; ${t.tickets} in the table; ${issueTimeouts} issue requests timed out`,
    ],
    ['No ticket called twice (DB called_count, and no ticket handed to two desks)', t.multi === 0 && twiceByClient === 0, `called_count > 1: ${t.multi}; named by two call-next answers: ${twiceByClient}`],
    ['Every ticket accounted for after the drain: called once, served, finished', t.unfinished === 0, byStatus.map((r) => `${r.status} ${r.n}`).join(', ')],
    ['Ticket numbers gapless per centre/day/prefix, counter = max(seq)', gaps.length === 0, `${gaps.length} series with a gap`],
    ['Integration events in the outbox match the tickets\' states (transactional outbox)', expected.every(([type, n]) => outbox.get(type) === n), expected.map(([type, n]) => `${type} ${outbox.get(type) ?? 0}/${n}`).join(', ')],
    ['Every console received every change in order (no seq gap or repeat) and ends at the centre\'s seq', anomalies.seqGaps === 0 && anomalies.seqRepeats === 0 && behind === 0, `gaps ${anomalies.seqGaps}, repeats/out-of-order ${anomalies.seqRepeats}, consoles behind ${behind}`],
  ];
}

// ---------------------------------------------------------------------------------------------- main
async function main(): Promise<void> {
  const began = Date.now();
  if (process.env.BENCH_DEBUG) {
    let last = Date.now();
    setInterval(() => {
      const lag = Date.now() - last - 100;
      if (lag > 300) log(`DEBUG-LAG generator loop late by ${lag} ms in ${phase}`);
      last = Date.now();
    }, 100).unref();
  }
  const idle0 = machineTicks();
  await sleep(3000);
  const idle1 = machineTicks();
  const backgroundCores = (idle1.busy - idle0.busy) / CLK_TCK / 3;
  if (backgroundCores > 0.3) log(`warning: the machine is already ${backgroundCores.toFixed(2)} cores busy before the benchmark starts`);
  if (!process.env.BENCH_SKIP_BUILD) execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('bash', ['scripts/install-bench-deps.sh'], { stdio: 'inherit' });
  const db = (benchDb = await createDatabase());
  const sql = new Pool({ connectionString: db.url, max: 4 });
  let backends: BackendCpu | undefined;
  PORT = await freePort();
  const serverLog = join(os.tmpdir(), `vpvkac-bench-server-${process.pid}.log`);
  try {
    const appDbUrl = CFG.dbSocket ? viaSocket(db.url, CFG.dbSocket) : db.url;
    const server = (serverChild = await startServer(PORT, appDbUrl, serverLog));
    log(`server pid ${server.pid} on port ${PORT}`);
    backends = new BackendCpu(db.name);
    const centres = await setUpCentres(sql);
    allClerks.push(...centres.flatMap((c) => c.clerks));
    log(`${centres.length} centres, ${allClerks.length} clerks at open desks, ${centres.length} display boards; connecting sockets`);
    await mapLimit(allClerks, 20, async (c) => {
      await openConsole(c);
      sockets.push(c.socket!);
    });
    sockets.push(...(await mapLimit(centres, 50, openBoard)));
    log('calibration: one desk, one command at a time');
    phase = 'calibrate';
    const biggest = centres.reduce((a, b) => (b.clerks.length > a.clerks.length ? b : a));
    const calibration = await calibrate(sql, biggest.clerks[0]!, serverChild.pid!, backends, 50);

    const ticketsPerSecond = CFG.rate / 4;
    const serviceMs = serviceMsFor(CFG.rate);
    ticketsPerSecondNow = ticketsPerSecond;
    serviceMsNow = serviceMs;
    const drainCapS = 60;
    log(`warm-up ${CFG.warmupS} s: ${ticketsPerSecond} tickets/s, mean service ${(serviceMs / 1000).toFixed(1)} s`);
    const loopLag = monitorEventLoopDelay({ resolution: 10 });
    phase = 'warmup';
    arrivalsOn = true;
    const desks = allClerks.map((c) => deskLoop(c));
    const arrivalsDone = arrivalLoop();
    await sleep(CFG.warmupS * 1000);

    log(`measuring ${CFG.measureS} s`);
    const metricsBefore = await request('GET', '/metrics'); // also resets the server's event-loop-lag histogram
    const metricsBeforeText = typeof metricsBefore.body === 'string' ? metricsBefore.body : '';
    const monitor = new Client({ connectionString: db.url });
    await monitor.connect();
    const listener = new Client({ connectionString: db.url }); // counts the adapter's NOTIFYs
    await listener.connect();
    listener.on('notification', (m) => void notifies.set(m.channel, (notifies.get(m.channel) ?? 0) + 1));
    for (const ns of ['/', '/queue', '/display', '/track']) await listener.query(`LISTEN "socket.io#${ns}"`);
    const before = await snapshot(sql, server.pid!, backends);
    loopLag.enable();
    phase = 'measure';
    let measuring = true;
    const activity = sampleActivity(monitor, () => !measuring);
    await sleep(CFG.measureS * 1000);
    phase = 'after';
    const after = await snapshot(sql, server.pid!, backends);
    const metricsReply = await request('GET', '/metrics');
    const metricsText = typeof metricsReply.body === 'string' ? metricsReply.body : '';
    await listener.end();
    const [{ n: outboxBacklog }] = (await sql.query('select count(*)::int as n from platform.outbox where dispatched_at is null')).rows;
    measuring = false;
    loopLag.disable();
    await activity.done;
    await monitor.end();

    // ------------------------------------------------------------------ capacity probe
    let probe: BenchResults['probe'] = null;
    if (CFG.probeRate > 0) {
      const rampS = 10;
      log(`capacity probe: ${CFG.probeRate} commands/s offered, ${rampS} s ramp + ${CFG.probeS} s`);
      phase = 'probe-ramp';
      ticketsPerSecondNow = CFG.probeRate / 4;
      serviceMsNow = serviceMsFor(CFG.probeRate);
      await sleep(rampS * 1000);
      const p0 = now();
      const skipped0 = probeSkipped;
      const s0 = await snapshot(sql, server.pid!, backends);
      phase = 'probe';
      await sleep(CFG.probeS * 1000);
      const p1 = now();
      const s1 = await snapshot(sql, server.pid!, backends);
      phase = 'after';
      ticketsPerSecondNow = ticketsPerSecond;
      serviceMsNow = serviceMs;
      const probeCmds = cmds.filter((c) => c.phase === 'probe');
      const answered = cmds.filter((c) => c.status >= 200 && c.status < 300 && c.t1 >= p0 && c.t1 <= p1).length;
      probe = {
        rate: CFG.probeRate,
        rampS,
        seconds: (p1 - p0) / 1000,
        sustained: answered / ((p1 - p0) / 1000),
        committedPerS: (s1.committed - s0.committed) / ((p1 - p0) / 1000),
        machineCores: (s1.machine.busy - s0.machine.busy) / CLK_TCK / ((s1.at - s0.at) / 1000),
        serverCores: (s1.server - s0.server) / CLK_TCK / ((s1.at - s0.at) / 1000),
        latency: sorted(probeCmds.filter((c) => c.status !== 0).map((c) => c.t1 - c.t0)),
        errors: [...windowErrors(probeCmds)],
        skippedPerS: (probeSkipped - skipped0) / ((p1 - p0) / 1000),
      };
    }

    log('drain: no new tickets; desks serve who is left');
    phase = 'drain';
    arrivalsOn = false;
    const drainStart = Date.now();
    await arrivalsDone;
    while (inflightIssues > 0 && Date.now() - drainStart < drainCapS * 1000) await sleep(50);
    issuesSettled = true;
    for (const c of allClerks) c.wake?.();
    const drained = await Promise.race([Promise.all(desks).then(() => inflightIssues === 0), sleep(drainCapS * 1000 - (Date.now() - drainStart)).then(() => false)]);
    const drainS = (Date.now() - drainStart) / 1000;
    const busy = new Map<string, number>();
    for (const c of allClerks) if (c.doing) busy.set(c.doing, (busy.get(c.doing) ?? 0) + 1);
    stopDesks = true; // a desk still busy after the cap stops; its ticket shows up in the checks
    await sleep(2000); // last realtime deliveries
    const integrityChecks = await integrity(sql);

    // ------------------------------------------------------------------ results of the window
    const seconds = (after.at - before.at) / 1000;
    const win = cmds.filter((c) => c.phase === 'measure');
    const ok = win.filter((c) => c.status >= 200 && c.status < 300);
    const completed = cmds.filter((c) => c.status >= 200 && c.status < 300 && c.t1 >= before.at && c.t1 <= after.at).length;
    const latencyOf = (kind?: Kind): number[] => sorted(win.filter((c) => !kind || c.kind === kind).map((c) => c.t1 - c.t0));
    const perSecond = new Map<number, number>();
    for (const c of cmds) {
      if (c.status < 200 || c.status >= 300 || c.t1 < before.at) continue;
      const second = Math.floor((c.t1 - before.at) / 1000);
      if (second < CFG.measureS) perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    const fanout: number[] = [];
    let lostDeliveries = 0;
    let duplicateDeliveries = 0;
    for (const c of ok) {
      const seen = c.key ? arrivals.get(c.key) : undefined;
      const expected = c.centre.clerks.length;
      if (!c.key) continue;
      if (!seen || seen.n < expected) lostDeliveries += expected - (seen?.n ?? 0);
      else {
        duplicateDeliveries += seen.n - expected;
        fanout.push(seen.last - c.t0);
      }
    }
    const calls = ok.filter((c) => c.kind === 'call' && c.number);
    const board = calls.flatMap((c) => {
      const seen = displayCalls.get(`${c.centre.idx}:${c.number}`);
      return seen ? [seen.last - c.t0] : [];
    });
    const cores = (ticks: number): number => ticks / CLK_TCK / seconds;
    const cpu = {
      server: cores(after.server - before.server),
      postgres: cores(after.postgres - before.postgres),
      bench: (after.self.user + after.self.system - before.self.user - before.self.system) / 1e6 / seconds,
      machine: cores(after.machine.busy - before.machine.busy),
      other: 0,
      steal: cores(after.machine.steal - before.machine.steal),
      interrupts: cores(after.machine.interrupts - before.machine.interrupts),
    };
    cpu.other = Math.max(0, cpu.machine - cpu.server - cpu.postgres - cpu.bench);
    const share = (a: { onCpu: number; waiting: number }, b: { onCpu: number; waiting: number }): [number, number] => [(b.onCpu - a.onCpu) / 1e9 / seconds, (b.waiting - a.waiting) / 1e9 / seconds];
    const activeTickets = activity.activeTickets.length ? activity.activeTickets.reduce((a, b) => a + b, 0) / activity.activeTickets.length : centres.length;
    const serverLogText = readFileSync(serverLog, 'utf8');

    for (const s of sockets) s.close();
    await stopServer(server);
    log('pgbench: the call-next transaction on the same database');
    const pgb = await pgbench(sql, appDbUrl, Math.max(1, Math.round(activeTickets / centres.length)), CFG.poolMax, CFG.pgbenchS);
    const setting = async (n: string): Promise<string> => (await sql.query(`select current_setting('${n}') as v`)).rows[0].v;
    const pgVersion = ((await sql.query('select version() as v')).rows[0].v as string).split(' on ')[0];

    const results: BenchResults = {
      date: new Date(),
      durationS: (Date.now() - began) / 1000,
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? '?',
        memGiB: os.totalmem() / 2 ** 30,
        node: process.version,
        postgres: `${pgVersion} (shared_buffers ${await setting('shared_buffers')}, synchronous_commit ${await setting('synchronous_commit')}, max_connections ${await setting('max_connections')})`,
        embedded: !!db.stop,
        transport: CFG.dbSocket ? `Unix socket (${CFG.dbSocket}), for the server and pgbench alike` : "TCP on 127.0.0.1, for the server and pgbench alike",
        poolMax: CFG.poolMax,
        backgroundCores,
      },
      scenario: {
        centres: centres.length,
        clerks: allClerks.length,
        perCentre: [Math.min(...centres.map((c) => c.clerks.length)), Math.max(...centres.map((c) => c.clerks.length))],
        desksAdded,
        rate: CFG.rate,
        walkMs: WALK_MS,
        reactionMs: REACTION_MS,
        serviceMs,
        warmupS: CFG.warmupS,
        measureS: CFG.measureS,
        trackShare: CFG.trackShare,
        idempotency: CFG.idempotency,
        drainCapS,
      },
      window: {
        seconds,
        ok: ok.length,
        completed,
        committed: after.committed - before.committed,
        all: win.length,
        answered: win.filter((c) => c.status !== 0).length,
        nobodyWaiting: win.filter((c) => c.code === 'QUEUE.NOBODY_WAITING').length,
        perSecond: sorted([...Array(CFG.measureS).keys()].map((i) => perSecond.get(i) ?? 0)),
        errors: [...windowErrors(win)],
        latency: { issue: latencyOf('issue'), call: latencyOf('call'), start: latencyOf('start'), finish: latencyOf('finish'), all: latencyOf(), track: sorted(trackMs), fanout: sorted(fanout), board: sorted(board) },
        lostDeliveries,
        duplicateDeliveries,
        boardsMissing: calls.length - board.length,
        seqGaps: anomalies.seqGaps,
        seqRepeats: anomalies.seqRepeats,
      },
      load: {
        cpu,
        mainThreads: { server: share(before.serverSched, after.serverSched), bench: share(before.benchSched, after.benchSched) },
        serverLagMs: [metric(metricsText, 'nodejs_eventloop_lag_p50_seconds') * 1000, metric(metricsText, 'nodejs_eventloop_lag_p99_seconds') * 1000],
        benchLagMs: [loopLag.percentile(50) / 1e6, loopLag.percentile(99) / 1e6],
        commitBatches: {
          transactions: metric(metricsText, 'queue_commit_batch_size_count') - metric(metricsBeforeText, 'queue_commit_batch_size_count'),
          waitedS: metric(metricsText, 'queue_commit_wait_seconds_sum') - metric(metricsBeforeText, 'queue_commit_wait_seconds_sum'),
          roundTripS: metric(metricsText, 'queue_commit_transaction_seconds_sum') - metric(metricsBeforeText, 'queue_commit_transaction_seconds_sum'),
          commits: metric(metricsText, 'queue_commit_batch_size_sum') - metric(metricsBeforeText, 'queue_commit_batch_size_sum'),
        },
        xactsPerS: (after.xacts - before.xacts) / seconds,
        eventJobsPerS: (after.jobs - before.jobs) / seconds,
        sessions: [...activity.waits].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => [k, n / Math.max(1, activity.samples())]),
        notifiesPerS: [...notifies].sort((a, b) => b[1] - a[1]).map(([c, n]) => [c.replace('socket.io#', ''), n / seconds]),
        displayStatesPerS: displayStates / seconds,
        outboxBacklog,
        activeTickets,
        serverLog: { path: serverLog, poolTimeouts: (serverLogText.match(/Timeout acquiring a connection/g) ?? []).length, errors: (serverLogText.match(/"level":50/g) ?? []).length },
      },
      calibration,
      estimates: [...estimates].flatMap(([id, e]) => (waits.has(id) ? [{ waitS: waits.get(id)! / 1000, ...e }] : [])),
      drain: { seconds: drainS, complete: drained, strandedDesks, busy: [...busy] },
      integrity: integrityChecks,
      probe,
      pgbench: { ...pgb, clients: CFG.poolMax, seconds: CFG.pgbenchS },
    };
    mkdirSync('docs/benchmarks', { recursive: true });
    writeFileSync('docs/benchmarks/queue.md', renderReport(results));
    const lat = results.window.latency.all;
    log(`${f1(completed / seconds)} commands/s, p50/p95/p99 ${f1(pct(lat, 50))}/${f1(pct(lat, 95))}/${f1(pct(lat, 99))} ms, fan-out p99 ${f1(pct(results.window.latency.fanout, 99))} ms, pgbench ${f1(pgb.tps)} tps → docs/benchmarks/queue.md`);
  } finally {
    backends?.stop();
    for (const s of sockets) s.close();
    if (serverChild) await stopServer(serverChild);
    await sql.end().catch(() => undefined);
    if (!process.env.BENCH_KEEP_DB) await adminQuery(db.adminUrl, `drop database if exists ${db.name} with (force)`).catch(() => undefined);
    else log(`kept database ${db.url}`);
    await db.stop?.();
    agent.destroy();
    for (const c of allClerks) {
      c.agent.destroy();
      c.centre.kiosk.destroy();
    }
  }
}

// Ctrl-C: the server child goes too (by its PID), and the database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (serverChild?.pid && serverChild.exitCode === null && serverChild.signalCode === null) process.kill(serverChild.pid, 'SIGKILL');
    const drop = benchDb && !process.env.BENCH_KEEP_DB ? adminQuery(benchDb.adminUrl, `drop database if exists ${benchDb.name} with (force)`) : Promise.resolve();
    void Promise.race([drop, sleep(5000)]).finally(() => process.exit(130));
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
