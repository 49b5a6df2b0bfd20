/**
 * Intake benchmark: submissions and webhook hand-over (`npm run bench:intake` → docs/benchmarks/intake.md).
 *
 * 1. A fresh database (the local PostgreSQL, else an embedded one), migrated and seeded by
 *    test/support/prepare-template.ts in a child process, as the e2e template is.
 * 2. The built server in a child process (`node dist/apps/server/main.js`, WEBHOOK_ALLOW_PRIVATE_TARGETS=true),
 *    a webhook receiver in a second child process (this file with `--receiver`: a real HTTP server that
 *    verifies Standard Webhooks signatures and processes each webhook-id once, like
 *    test/support/webhook-receiver.ts), and this process as the load generator (clerks over keep-alive HTTP).
 * 3. A webhook channel for VSAA is configured at the start. Then:
 *    - idle probe: submissions one at a time, each waiting for its webhook (unloaded submit → receiver latency);
 *    - sweep: N concurrent clerks (closed loop, no think time), each submission = create draft +
 *      3 attachments (PDF ~200 KB, PNG, JPEG; multipart) + submit; per-step and end-to-end latency,
 *      submissions/s, and submit → receiver latency under that load;
 *    - backlog: the channel is disabled, BENCH_BACKLOG applications are created and submitted, the channel
 *      is enabled again and the receiver is watched. If the backlog does not arrive (see the report),
 *      it is released through a second webhook channel (adding a channel hands over every application
 *      still waiting) and the drain rate is measured there.
 * 4. Integrity: every acknowledged submission reached the receiver exactly once by webhook-id, none lost;
 *    the database agrees.
 *
 * Settings (environment): BENCH_CONCURRENCY (1,4,8), BENCH_LEVEL_S, BENCH_LEVEL_WARMUP_S, BENCH_PROBES,
 * BENCH_BACKLOG, BENCH_BACKLOG_CONCURRENCY, BENCH_ENABLE_WAIT_S, BENCH_DRAIN_TIMEOUT_S, BENCH_PDF_KB,
 * BENCH_SKIP_BUILD, BENCH_KEEP_DB, BENCH_TEMPLATE_DB (clone an already seeded database instead of seeding),
 * BENCH_QUIET_WAIT_S (wait up to this long for a quiet machine first), BENCH_CPU_PROF=0 (the server runs
 * under `node --cpu-prof` by default; the report summarises where its CPU time went; BENCH_KEEP_PROFILE=1 keeps the .cpuprofile).
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { importJWK, SignJWT, type JWK } from 'jose';
import { Client, Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import { startEmbeddedPostgres } from '../../infrastructure/database/embedded-postgres';
import { adminQuery, findLocalPostgres, withDatabase } from '../support/database-server';

const num = (key: string, fallback: number): number => Number(process.env[key] ?? fallback);
const CFG = {
  levels: (process.env.BENCH_CONCURRENCY ?? '1,4,8').split(',').map(Number).filter((n) => n > 0),
  levelS: num('BENCH_LEVEL_S', 15),
  levelWarmupS: num('BENCH_LEVEL_WARMUP_S', 3),
  probes: num('BENCH_PROBES', 20),
  backlog: num('BENCH_BACKLOG', 1000),
  backlogConcurrency: num('BENCH_BACKLOG_CONCURRENCY', 8),
  enableWaitS: num('BENCH_ENABLE_WAIT_S', 15),
  drainTimeoutS: num('BENCH_DRAIN_TIMEOUT_S', 150),
  pdfKb: num('BENCH_PDF_KB', 200),
  cpuProf: process.env.BENCH_CPU_PROF !== '0',
};
const OTHER_LOAD_FLAG = 0.25; // cores used by other processes above which a phase is marked as disturbed
const FORM = 'VSAA-PIEDZIMSANA';
const CONSENT = 'Piekrītu, ka mani dati tiek nodoti iestādei pakalpojuma sniegšanai.';

// ---------------------------------------------------------------------------------------------- helpers
const now = (): number => Number(process.hrtime.bigint()) / 1e6; // monotonic ms, the same clock in every process
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile of an ascending array: exact, from every sample. */
const pct = (s: number[], p: number): number => (s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]! : NaN);
const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f0 = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
const clerks = (n: number): string => (n === 1 ? '1 clerk' : `${n} clerks`);
const log = (msg: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

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

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });

// CPU time (clock ticks) of a process, of all PostgreSQL processes, and of the whole machine.
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const procTicks = (pid: number | string): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
};
/** Ticks of every postgres process by PID (a process that ends between two snapshots loses its ticks). */
const postgresTicks = (): Map<number, number> => {
  const out = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') out.set(Number(pid), procTicks(pid));
    } catch {
      // gone
    }
  }
  return out;
};
const machineTicks = (): { busy: number; total: number } => {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - v[3]! - v[4]!, total };
};

// ---------------------------------------------------------------------------------------------- receiver (child process)
interface Arrival { id: string; app: string | null; path: string; t: number; sigOk: boolean; dup: boolean; bytes: number }

/** The institution's back office: verifies signatures, answers 204, processes each webhook-id once. */
function runReceiver(): void {
  const secrets: Webhook[] = [];
  const seen = new Set<string>();
  let pending: Arrival[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    process.send!({ kind: 'arrivals', items: pending });
    pending = [];
  };
  setInterval(flush, 10);
  process.on('message', (m: { kind: string; secret?: string }) => {
    if (m.kind === 'secret') secrets.push(new Webhook(m.secret!));
  });
  process.on('disconnect', () => process.exit(0));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const t = now();
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
      const sigOk = secrets.some((w) => {
        try {
          w.verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      if (!sigOk) {
        res.writeHead(401).end();
        pending.push({ id: headers['webhook-id'], app: null, path: req.url ?? '', t, sigOk, dup: false, bytes: body.length });
        return;
      }
      const dup = seen.has(headers['webhook-id']);
      seen.add(headers['webhook-id']);
      let app: string | null = null;
      try {
        app = (JSON.parse(body) as { data?: { applicationId?: string } }).data?.applicationId ?? null;
      } catch {
        // not JSON: counted as an unknown arrival
      }
      res.writeHead(204).end();
      pending.push({ id: headers['webhook-id'], app, path: req.url ?? '', t, sigOk, dup, bytes: body.length });
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => process.send!({ kind: 'ready', port: (server.address() as AddressInfo).port }));
}

// ---------------------------------------------------------------------------------------------- HTTP client
let PORT = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
interface Reply { status: number; body: any; t0: number; t1: number }
function request(method: string, path: string, token?: string, body?: unknown, raw?: { bytes: Buffer; contentType: string }): Promise<Reply> {
  return new Promise((resolve) => {
    const payload = raw ? raw.bytes : body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) {
      headers['content-type'] = raw ? raw.contentType : 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const t0 = now();
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, agent, headers }, (res) => {
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
        resolve({ status: res.statusCode ?? 0, body: parsed, t0, t1: now() });
      });
    });
    req.on('error', (err) => resolve({ status: 0, body: { error: String(err) }, t0, t1: now() }));
    req.end(payload);
  });
}

// ---------------------------------------------------------------------------------------------- documents (made once)
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer): number => {
  let c = 0xffffffff;
  for (const byte of b) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const pngChunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
/** A real PNG (noise, so it does not compress): what a phone photo of a page weighs, roughly. */
function makePng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}
/** A PDF 1.4 with one page and a binary stream filling it up to the size of a scanned page. */
function makePdf(bytes: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n', 'latin1');
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  const fill = Math.max(0, bytes - head.length - tail.length - 40);
  return Buffer.concat([head, Buffer.from(`4 0 obj\n<< /Length ${fill} >>\nstream\n`, 'latin1'), randomBytes(fill), tail]);
}
/** JFIF header (SOI, APP0), entropy-coded-looking bytes, EOI: the content type is read from the magic number. */
function makeJpeg(bytes: number): Buffer {
  const head = Buffer.from('ffd8ffe000104a46494600010101004800480000', 'hex');
  return Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length - 2)), Buffer.from('ffd9', 'hex')]);
}
interface Upload { name: string; kind: 'pdf' | 'png' | 'jpeg'; body: Buffer; contentType: string; size: number }
function multipart(name: string, kind: Upload['kind'], bytes: Buffer, type: string): Upload {
  const boundary = `----vpvkac-bench-${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { name, kind, body, contentType: `multipart/form-data; boundary=${boundary}`, size: bytes.length };
}

// ---------------------------------------------------------------------------------------------- model
type Step = 'create' | 'pdf' | 'png' | 'jpeg' | 'submit';
interface Submission {
  phase: string;
  clerk: number;
  t0: number;
  t1: number;
  steps: Partial<Record<Step, number>>;
  id?: string;
  submittedAt?: number; // end of the 200 to submit (the server had committed)
  ok: boolean;
  error?: string;
}
const submissions: Submission[] = [];
const arrivals: Arrival[] = [];
const byApp = new Map<string, Arrival[]>();
const waiters = new Map<string, () => void>();
let uploads: Upload[] = [];
let sample: Record<string, unknown> = {};
let centreId = '';
const errors = new Map<string, number>();
const countError = (k: string): void => void errors.set(k, (errors.get(k) ?? 0) + 1);

function onArrivals(items: Arrival[]): void {
  for (const a of items) {
    arrivals.push(a);
    if (!a.sigOk || a.dup || !a.app) continue;
    const list = byApp.get(a.app);
    if (list) list.push(a);
    else byApp.set(a.app, [a]);
    const wake = waiters.get(a.app);
    if (wake) {
      waiters.delete(a.app);
      wake();
    }
  }
}
const firstArrival = (appId: string): number | undefined => byApp.get(appId)?.[0]?.t;
const arrived = (appId: string): boolean => byApp.has(appId);
function waitArrival(appId: string, timeoutMs: number): Promise<boolean> {
  if (arrived(appId)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(appId);
      resolve(false);
    }, timeoutMs);
    waiters.set(appId, () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
async function waitAll(ids: string[], timeoutMs: number): Promise<boolean> {
  const deadline = now() + timeoutMs;
  while (!ids.every(arrived)) {
    if (now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** One citizen's application: draft, (attachments), submit. */
async function submitOne(phase: string, clerk: number, token: string, withAttachments: boolean): Promise<Submission> {
  const s: Submission = { phase, clerk, t0: now(), t1: 0, steps: {}, ok: false };
  submissions.push(s);
  const fail = (step: string, r: Reply): Submission => {
    s.t1 = now();
    s.error = `${step} ${r.status} ${r.body?.code ?? r.body?.error ?? ''}`.trim();
    countError(s.error);
    return s;
  };
  const created = await request('POST', '/api/v1/intake/applications', token, {
    formCode: FORM,
    centreId,
    applicant: { personalCode: '161175-19997', name: 'Jānis Bērziņš', contact: { phone: '29123456' } },
    data: sample,
  });
  if (created.status !== 201) return fail('create', created);
  s.steps.create = created.t1 - created.t0;
  s.id = created.body.id as string;
  if (withAttachments) {
    for (const u of uploads) {
      const r = await request('POST', `/api/v1/intake/applications/${s.id}/attachments`, token, undefined, { bytes: u.body, contentType: u.contentType });
      if (r.status !== 201) return fail(`attach ${u.kind}`, r);
      s.steps[u.kind] = r.t1 - r.t0;
    }
  }
  const submitted = await request('POST', `/api/v1/intake/applications/${s.id}/submit`, token, { consentTextLv: CONSENT });
  if (submitted.status !== 200 || submitted.body?.status !== 'queued') return fail('submit', submitted);
  s.steps.submit = submitted.t1 - submitted.t0;
  s.submittedAt = submitted.t1;
  s.t1 = submitted.t1;
  s.ok = true;
  return s;
}

// ---------------------------------------------------------------------------------------------- database, server, receiver
interface Database { adminUrl: string; url: string; name: string; stop?: () => Promise<void>; seededMs: number; cloned?: string }

async function createDatabase(): Promise<Database> {
  const local = await findLocalPostgres();
  let adminUrl: string;
  let stop: (() => Promise<void>) | undefined;
  if (local) adminUrl = local;
  else {
    log('no local PostgreSQL on 127.0.0.1:5432: starting an embedded one');
    const embedded = await startEmbeddedPostgres(mkdtempSync(join(os.tmpdir(), 'vpvkac-bench-pg-')), 54342, 'postgres');
    adminUrl = embedded.url;
    stop = () => embedded.stop();
  }
  const name = `vpvkac_intake_bench_${process.pid}`;
  const t0 = now();
  const template = process.env.BENCH_TEMPLATE_DB;
  if (template) {
    await adminQuery(adminUrl, `create database ${name} template ${template}`);
    log(`database ${name}: cloned from ${template}`);
    return { adminUrl, url: withDatabase(adminUrl, name), name, stop, seededMs: now() - t0, cloned: template };
  }
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  log(`database ${name}: migrating and seeding (test/support/prepare-template.ts in a child process)`);
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'test/support/prepare-template.ts', url], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' } });
  return { adminUrl, url, name, stop, seededMs: now() - t0 };
}

async function startServer(databaseUrl: string, logFile: string, profDir?: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_ON_EMPTY: 'false',
    NODE_ENV: 'development',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  };
  for (const k of ['PUBLIC_BASE_URL', 'OIDC_ISSUER_URL', 'OIDC_JWKS_URL', 'WEBHOOK_RETRY_SCHEDULE', 'WEBHOOK_TIMEOUT_MS', 'WORKERS_ENABLED']) delete env[k];
  const fd = openSync(logFile, 'w');
  const args = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, 'dist/apps/server/main.js'] : ['dist/apps/server/main.js'];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', fd, fd] });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${logFile}`);
    if ((await request('GET', '/health/ready')).status === 200) return child;
    await sleep(250);
  }
  throw new Error(`server did not become ready; see ${logFile}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function startReceiver(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(__filename, ['--receiver'], { env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`receiver exited (${code})`)));
    child.on('message', (m: { kind: string; port?: number; items?: Arrival[] }) => {
      if (m.kind === 'ready') resolve({ child, port: m.port! });
      else if (m.kind === 'arrivals') onArrivals(m.items!);
    });
  });
}

/** Clerk tokens of the demo issuer, signed here with the key the server keeps in platform.signing_key. */
async function clerkTokens(sql: Pool, n: number): Promise<string[]> {
  const { rows } = await sql.query<{ private_jwk: JWK }>('select private_jwk from platform.signing_key order by created_at, kid limit 1');
  const jwk = rows[0]!.private_jwk;
  const key = await importJWK(jwk, 'ES256');
  return Promise.all(
    Array.from({ length: n }, (_, k) =>
      new SignJWT({ roles: ['clerk'], centre_ids: [centreId], name: `Bench clerk ${k + 1}` })
        .setProtectedHeader({ alg: 'ES256', kid: jwk.kid!, typ: 'JWT' })
        .setIssuer(`http://localhost:${PORT}/auth`).setAudience('vpvkac-is').setSubject(`bench:clerk-${k + 1}`).setIssuedAt().setExpirationTime('2h')
        .sign(key),
    ),
  );
}

// ---------------------------------------------------------------------------------------------- measurement helpers
interface Snapshot { at: number; server: number; receiver: number; postgres: Map<number, number>; ours: Set<number>; self: NodeJS.CpuUsage; machine: { busy: number; total: number }; xacts: number }
/** Cores used between two snapshots. `pgOurs`: backends connected to the benchmark database; `pgRest`: other postgres processes (other databases, WAL writer, checkpointer…). */
interface Cpu { server: number; receiver: number; bench: number; pgOurs: number; pgRest: number; other: number; machinePct: number; xactsPerS: number }
let serverPid = 0;
let receiverPid = 0;
async function snapshot(sql: Pool): Promise<Snapshot> {
  const { rows } = await sql.query<{ n: string; pids: number[] }>(
    'select (select xact_commit + xact_rollback from pg_stat_database where datname = current_database()) as n, array(select pid from pg_stat_activity where datname = current_database()) as pids',
  );
  return { at: now(), server: procTicks(serverPid), receiver: procTicks(receiverPid), postgres: postgresTicks(), ours: new Set(rows[0]!.pids), self: process.cpuUsage(), machine: machineTicks(), xacts: Number(rows[0]!.n) };
}
function cpuBetween(a: Snapshot, b: Snapshot): Cpu {
  const seconds = (b.at - a.at) / 1000;
  const cores = (ticks: number): number => ticks / CLK_TCK / seconds;
  const server = cores(b.server - a.server);
  const receiver = cores(b.receiver - a.receiver);
  let ours = 0;
  let rest = 0;
  for (const [pid, ticks] of b.postgres) {
    const delta = ticks - (a.postgres.get(pid) ?? 0);
    if (a.ours.has(pid) || b.ours.has(pid)) ours += delta;
    else rest += delta;
  }
  const bench = (b.self.user + b.self.system - a.self.user - a.self.system) / 1e6 / seconds;
  const busyShare = (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total);
  const machineCores = busyShare * os.cpus().length;
  const pgOurs = cores(ours);
  const pgRest = cores(rest);
  return { server, receiver, bench, pgOurs, pgRest, other: Math.max(0, machineCores - server - receiver - pgOurs - pgRest - bench), machinePct: 100 * busyShare, xactsPerS: (b.xacts - a.xacts) / seconds };
}

/** Waits (up to `maxS`) for 3 quiet seconds: the machine busy with fewer than `cores` cores. */
async function waitForQuiet(maxS: number, cores: number): Promise<{ waitedS: number; busyCores: number }> {
  const start = now();
  for (;;) {
    const a = machineTicks();
    await sleep(3000);
    const b = machineTicks();
    const busy = ((b.busy - a.busy) / (b.total - a.total)) * os.cpus().length;
    if (busy < cores || (now() - start) / 1000 >= maxS) return { waitedS: (now() - start) / 1000, busyCores: busy };
  }
}

/** pg_stat_activity every 250 ms: what the benchmark database's sessions are doing. */
interface Activity { samples: number; waits: Map<string, number>; inflight: number[] }
function sampleActivity(sql: Client): { stop: () => Promise<Activity> } {
  const waits = new Map<string, number>();
  const inflight: number[] = [];
  let samples = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const { rows } = await sql.query<{ k: string; n: number }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'on CPU') as k, count(*)::int as n
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and state = 'active' group by 1`,
      );
      for (const r of rows) waits.set(r.k, (waits.get(r.k) ?? 0) + r.n);
      // Webhook attempts in flight: deliveries claimed (leased) and not yet recorded.
      inflight.push((await sql.query<{ n: number }>("select count(*)::int as n from intake.delivery where status = 'pending' and leased_until > now()")).rows[0]!.n);
      samples++;
      await sleep(250);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { samples, waits, inflight };
    },
  };
}
const fmtWaits = (w: Activity): string =>
  [...w.waits].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, n]) => `${k} ${(n / Math.max(1, w.samples)).toFixed(2)}`).join('; ') || 'none';

const metric = (text: string, name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
async function eventLoopLag(): Promise<{ p50: number; p99: number }> {
  const text = (await request('GET', '/metrics')).body as string;
  return { p50: metric(String(text), 'nodejs_eventloop_lag_p50_seconds') * 1000, p99: metric(String(text), 'nodejs_eventloop_lag_p99_seconds') * 1000 };
}

/** Deliveries/s: overall (first to last arrival) and the median of whole one-second bins. */
function rate(times: number[], from: number): { overall: number; medianBin: number; bins: number[]; first: number; last: number } {
  const t = sorted(times);
  if (t.length === 0) return { overall: NaN, medianBin: NaN, bins: [], first: NaN, last: NaN };
  const first = t[0]!;
  const last = t[t.length - 1]!;
  const bins = new Map<number, number>();
  for (const x of t) bins.set(Math.floor((x - first) / 1000), (bins.get(Math.floor((x - first) / 1000)) ?? 0) + 1);
  const whole = [...bins].filter(([k]) => k < Math.floor((last - first) / 1000)).map(([, n]) => n); // drop the last, partial second
  return { overall: t.length > 1 ? ((t.length - 1) * 1000) / (last - first) : NaN, medianBin: pct(sorted(whole), 50), bins: [...bins.values()], first: first - from, last: last - from };
}


// ---------------------------------------------------------------------------------------------- server CPU profile
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }
interface ProfileSummary { busyMs: number; wallMs: number; byPackage: Array<[string, number]>; byFunction: Array<[string, number]> }
const loadProfile = (dir: string): Profile | undefined => {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return file ? (JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile) : undefined;
};
/**
 * Main-thread self time of the server's `--cpu-prof` profile within `windows` (ms on this process's
 * monotonic clock, which is V8's profile clock too), by package and by function. Node internals and
 * native code are charged to the nearest package (node_modules/…) or folder of ours (dist/…) on the stack.
 */
function summariseProfile(prof: Profile, windows: Array<[number, number]>): ProfileSummary {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerCache = new Map<number, string>();
  const owner = (id: number): string => {
    const cached = ownerCache.get(id);
    if (cached) return cached;
    const self = byId.get(id)!.callFrame;
    let result = self.functionName.startsWith('(') && !self.url ? self.functionName : '';
    for (let x: number | undefined = id; !result && x !== undefined; x = parent.get(x)) {
      const url = byId.get(x)!.callFrame.url;
      const nm = url.lastIndexOf('node_modules/');
      if (nm >= 0) {
        const parts = url.slice(nm + 'node_modules/'.length).split('/');
        result = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
      } else {
        const dist = /\/dist\/([^/]+\/[^/]+)/.exec(url);
        if (dist) result = `ours: ${dist[1]}`;
      }
    }
    result ||= '(node internals, no package on the stack)';
    ownerCache.set(id, result);
    return result;
  };
  const fnName = (id: number): string => {
    const c = byId.get(id)!.callFrame;
    const where = c.url ? ` ${c.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '').replace(/^file:\/\//, '')}:${c.lineNumber + 1}` : '';
    return `${c.functionName || '(anonymous)'}${where}`;
  };
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let t = prof.startTime / 1000;
  let wallMs = 0;
  let busyMs = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000; // the interval after sample i is charged to it
    t += (prof.timeDeltas[i] ?? 0) / 1000;
    if (!windows.some(([from, to]) => t >= from && t < to)) continue;
    wallMs += dt;
    const id = prof.samples[i]!;
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    busyMs += dt;
    const o = owner(id);
    byPackage.set(o, (byPackage.get(o) ?? 0) + dt);
    const f = o.startsWith('(') && o === byId.get(id)!.callFrame.functionName ? o : `${fnName(id)} [${o}]`;
    byFunction.set(f, (byFunction.get(f) ?? 0) + dt);
  }
  const top = (m: Map<string, number>, n: number): Array<[string, number]> => [...m].sort((x, y) => y[1] - x[1]).slice(0, n);
  return { busyMs, wallMs, byPackage: top(byPackage, 12), byFunction: top(byFunction, 12) };
}

// ---------------------------------------------------------------------------------------------- main
interface Level {
  c: number;
  from: number;
  to: number;
  subs: Submission[];
  windowS: number;
  completedInWindow: number;
  deliveredInWindow: number;
  cpu: Cpu;
  waits: string;
  advisory: number;
  lag: { p50: number; p99: number };
  drainMs: number;
  drained: boolean;
}

async function main(): Promise<void> {
  const began = Date.now();
  const loadAtStart = os.loadavg();
  const git = (...args: string[]): string => {
    try {
      return execFileSync('git', args, { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  const dirty = git('status', '--porcelain', '--untracked-files=no').split('\n').filter(Boolean).length;
  const gitInfo = `commit ${git('rev-parse', '--short', 'HEAD') || '?'} (${git('log', '-1', '--format=%s').slice(0, 90)})${dirty ? `, plus uncommitted changes in ${dirty} tracked files` : ''}; the server is built from the working tree`;
  if (!process.env.BENCH_SKIP_BUILD) {
    log('npm run build');
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const db = await createDatabase();
  const sql = new Pool({ connectionString: db.url, max: 4 });
  PORT = await freePort();
  const serverLog = join(os.tmpdir(), `vpvkac-intake-bench-server-${process.pid}.log`);
  sample = JSON.parse(readFileSync('modules/intake/infrastructure/seed/samples/vsaa-piedzimsana.sample.json', 'utf8')) as Record<string, unknown>;
  const pdf = makePdf(CFG.pdfKb * 1024);
  const png = makePng(160, 120);
  const jpeg = makeJpeg(80 * 1024);
  uploads = [multipart('iesniegums.pdf', 'pdf', pdf, 'application/pdf'), multipart('pase.png', 'png', png, 'image/png'), multipart('dzimsanas-aplieciba.jpg', 'jpeg', jpeg, 'image/jpeg')];
  let receiver: ChildProcess | undefined;
  try {
    const rcv = await startReceiver();
    receiver = receiverChild = rcv.child;
    receiverPid = rcv.child.pid!;
    const hookUrl = `http://127.0.0.1:${rcv.port}/hook`;
    const profDir = CFG.cpuProf ? mkdtempSync(join(os.tmpdir(), 'vpvkac-intake-bench-prof-')) : undefined;
    const server = (serverChild = await startServer(db.url, serverLog, profDir));
    serverPid = server.pid!;
    log(`server pid ${server.pid} on port ${PORT}, receiver pid ${receiverPid} on port ${rcv.port}`);

    // ------------------------------------------------------------------ set-up through the API
    const demoToken = async (username: string): Promise<string> => {
      const r = await request('POST', '/api/v1/auth/demo-token', undefined, { username });
      if (r.status !== 200) throw new Error(`demo token ${username}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.access_token as string;
    };
    const admin = await demoToken('admin');
    const demoClerk = await demoToken('clerk.cesis');
    centreId = (await request('GET', `/api/v1/network/centres?q=${encodeURIComponent('Cēsu VPVKAC')}`)).body.items[0].id as string;
    const vsaaId = (await request('GET', '/api/v1/network/institutions/VSAA')).body.id as string;
    const maxC = Math.max(...CFG.levels, CFG.backlogConcurrency);
    const tokens = [demoClerk, ...(await clerkTokens(sql, maxC - 1))];
    const channel = await request('POST', `/api/v1/intake/institutions/${vsaaId}/channels`, admin, { kind: 'webhook', url: hookUrl });
    if (channel.status !== 201) throw new Error(`add channel: ${channel.status} ${JSON.stringify(channel.body)}`);
    receiver.send({ kind: 'secret', secret: channel.body.secret });
    const channelId = channel.body.id as string;
    log(`VSAA webhook channel ${channelId} → ${hookUrl}; ${tokens.length} clerk tokens for Cēsu VPVKAC`);

    // ------------------------------------------------------------------ warm-up and idle probe
    const quiet = await waitForQuiet(num('BENCH_QUIET_WAIT_S', 15), 0.4);
    log(`machine busy before the run: ${quiet.busyCores.toFixed(2)} cores (waited ${f0(quiet.waitedS)} s for < 0.4)`);
    for (let i = 0; i < 5; i++) {
      const s = await submitOne('warmup', 0, tokens[0]!, true);
      if (!s.ok) throw new Error(`warm-up submission failed: ${s.error}`);
      await waitArrival(s.id!, 30_000);
    }
    log(`idle probe: ${CFG.probes} submissions one at a time, each waiting for its webhook`);
    const probeLat: number[] = [];
    for (let i = 0; i < CFG.probes; i++) {
      const s = await submitOne('probe', 0, tokens[0]!, true);
      if (!s.ok) continue;
      if (await waitArrival(s.id!, 30_000)) probeLat.push(firstArrival(s.id!)! - s.submittedAt!);
      await sleep(200);
    }

    // ------------------------------------------------------------------ concurrency sweep
    const levels: Level[] = [];
    for (const c of CFG.levels) {
      const phase = `c${c}`;
      log(`sweep: ${clerks(c)} at once, ${CFG.levelWarmupS} s warm-up + ${CFG.levelS} s measured`);
      const start = now();
      const warmEnd = start + CFG.levelWarmupS * 1000;
      const end = warmEnd + CFG.levelS * 1000;
      const loops = Array.from({ length: c }, async (_, k) => {
        while (now() < end) await submitOne(phase, k, tokens[k]!, true);
      });
      await sleep(warmEnd - now());
      await request('GET', '/metrics'); // resets the server's event-loop-lag histogram
      const monitor = new Client({ connectionString: db.url });
      await monitor.connect();
      const activity = sampleActivity(monitor);
      const before = await snapshot(sql);
      await sleep(end - now());
      const after = await snapshot(sql);
      const lag = await eventLoopLag();
      const waits = await activity.stop();
      await monitor.end();
      await Promise.all(loops);
      const subs = submissions.filter((s) => s.phase === phase);
      const measured = subs.filter((s) => s.t0 >= warmEnd);
      const completedInWindow = subs.filter((s) => s.ok && s.t1 >= warmEnd && s.t1 <= end).length;
      const deliveredInWindow = arrivals.filter((a) => a.sigOk && !a.dup && a.t >= warmEnd && a.t <= end).length;
      const ids = subs.filter((s) => s.ok).map((s) => s.id!);
      const drained = await waitAll(ids, 90_000);
      const lastArrival = Math.max(...ids.map((id) => firstArrival(id) ?? NaN).filter(Number.isFinite));
      levels.push({
        c,
        from: warmEnd,
        to: end,
        subs: measured,
        windowS: CFG.levelS,
        completedInWindow,
        deliveredInWindow,
        cpu: cpuBetween(before, after),
        waits: fmtWaits(waits),
        advisory: (waits.waits.get('Lock:advisory') ?? 0) / Math.max(1, waits.samples),
        lag,
        drainMs: lastArrival - end,
        drained,
      });
      const l = levels[levels.length - 1]!;
      log(`  ${f1(completedInWindow / CFG.levelS)} submissions/s, e2e p50 ${f0(pct(sorted(measured.filter((s) => s.ok).map((s) => s.t1 - s.t0)), 50))} ms; webhooks received in window ${f1(deliveredInWindow / CFG.levelS)}/s; CPU server ${l.cpu.server.toFixed(2)} pg ${l.cpu.pgOurs.toFixed(2)} (+${l.cpu.pgRest.toFixed(2)}) gen ${l.cpu.bench.toFixed(2)} rcv ${l.cpu.receiver.toFixed(2)} other ${l.cpu.other.toFixed(2)}`);
    }

    // ------------------------------------------------------------------ backlog
    log(`backlog: disable the channel, create and submit ${CFG.backlog} applications (no attachments, ${CFG.backlogConcurrency} clerks)`);
    const disabled = await request('POST', `/api/v1/intake/institutions/${vsaaId}/channels/${channelId}/disable`, admin, {});
    if (disabled.status !== 200) throw new Error(`disable: ${disabled.status} ${JSON.stringify(disabled.body)}`);
    const bStart = now();
    const bBefore = await snapshot(sql);
    const backlogSubs = await mapLimit(Array.from({ length: CFG.backlog }, (_, i) => i), CFG.backlogConcurrency, (_, i) => submitOne('backlog', i % CFG.backlogConcurrency, tokens[i % CFG.backlogConcurrency]!, false));
    const bAfter = await snapshot(sql);
    const backlogCreateS = (now() - bStart) / 1000;
    const backlogIds = backlogSubs.filter((s) => s.ok).map((s) => s.id!);
    // Let the ApplicationSubmitted events reach their consumers before the release.
    const settleStart = now();
    for (;;) {
      const { rows } = await sql.query<{ outbox: number; jobs: number }>(
        `select (select count(*)::int from platform.outbox where dispatched_at is null) as outbox,
                (select count(*)::int from pgboss.job where name = 'integration-events' and state in ('created', 'retry', 'active')) as jobs`,
      );
      if (rows[0]!.outbox === 0 && rows[0]!.jobs === 0) break;
      if (now() - settleStart > 60_000) throw new Error(`integration events did not settle: ${JSON.stringify(rows[0])}`);
      await sleep(200);
    }
    const settleMs = now() - settleStart;
    const beforeEnable = (await sql.query<{ rows: number; queued: number }>(
      `select (select count(*)::int from intake.delivery where application_id = any($1::uuid[])) as rows,
              (select count(*)::int from intake.application where id = any($1::uuid[]) and status = 'queued') as queued`,
      [backlogIds],
    )).rows[0]!;
    const receivedWhileDisabled = backlogIds.filter(arrived).length;
    log(`  ${backlogIds.length} submitted in ${f1(backlogCreateS)} s; delivery rows for them before enabling: ${beforeEnable.rows}; enabling the channel`);
    const enableReply = await request('POST', `/api/v1/intake/institutions/${vsaaId}/channels/${channelId}/enable`, admin, {});
    if (enableReply.status !== 200) throw new Error(`enable: ${enableReply.status} ${JSON.stringify(enableReply.body)}`);
    const enableMonitor = new Client({ connectionString: db.url });
    await enableMonitor.connect();
    const enableActivity = sampleActivity(enableMonitor);
    const eBefore = await snapshot(sql);
    const enableDrained = await waitAll(backlogIds, CFG.enableWaitS * 1000);
    let eAfter = await snapshot(sql);
    const afterEnableArrived = backlogIds.filter(arrived).length;
    let release: { via: 'enable' | 'new channel'; startedAt: number; requestMs: number; drained: boolean; cpu: Cpu; waits: string; inflight: number[]; times: number[] };
    if (enableDrained || afterEnableArrived > 0) {
      const drained = enableDrained || (await waitAll(backlogIds, CFG.drainTimeoutS * 1000));
      eAfter = await snapshot(sql);
      const act = await enableActivity.stop();
      release = { via: 'enable', startedAt: enableReply.t0, requestMs: enableReply.t1 - enableReply.t0, drained, cpu: cpuBetween(eBefore, eAfter), waits: fmtWaits(act), inflight: act.inflight, times: backlogIds.map((id) => firstArrival(id)).filter((t): t is number => t !== undefined) };
    } else {
      await enableActivity.stop();
      log(`  nothing of the backlog arrived ${CFG.enableWaitS} s after enabling; releasing it through a second webhook channel`);
      const a = await snapshot(sql);
      const monitor2 = new Client({ connectionString: db.url });
      await monitor2.connect();
      const act2 = sampleActivity(monitor2);
      const second = await request('POST', `/api/v1/intake/institutions/${vsaaId}/channels`, admin, { kind: 'webhook', url: `${hookUrl}-backlog` });
      if (second.status !== 201) throw new Error(`second channel: ${second.status} ${JSON.stringify(second.body)}`);
      receiver.send({ kind: 'secret', secret: second.body.secret });
      const drained = await waitAll(backlogIds, CFG.drainTimeoutS * 1000);
      const b = await snapshot(sql);
      const act = await act2.stop();
      release = { via: 'new channel', startedAt: second.t0, requestMs: second.t1 - second.t0, drained, cpu: cpuBetween(a, b), waits: fmtWaits(act), inflight: act.inflight, times: backlogIds.map((id) => firstArrival(id)).filter((t): t is number => t !== undefined) };
      await monitor2.end();
    }
    await enableMonitor.end();
    const backlogRate = rate(release.times, release.startedAt);
    log(`  released via ${release.via}: ${release.times.length}/${backlogIds.length} arrived, ${f1(backlogRate.overall)} deliveries/s (median second ${f1(backlogRate.medianBin)}), last ${f1(backlogRate.last / 1000)} s after the release`);

    // ------------------------------------------------------------------ integrity
    await sleep(2000); // late duplicates, if any, would show now
    const acked = submissions.filter((s) => s.ok);
    const ackedIds = acked.map((s) => s.id!);
    const distinctIdsPerApp = ackedIds.map((id) => new Set((byApp.get(id) ?? []).map((a) => a.id)).size);
    const lost = ackedIds.filter((id) => !arrived(id));
    const moreThanOnce = distinctIdsPerApp.filter((n) => n > 1).length;
    const duplicates = arrivals.filter((a) => a.dup).length;
    const badSignatures = arrivals.filter((a) => !a.sigOk).length;
    const known = new Set(ackedIds);
    const unknown = arrivals.filter((a) => a.sigOk && !a.dup && (!a.app || !known.has(a.app))).length;
    const dbStatus = (await sql.query<{ status: string; n: number }>('select status, count(*)::int as n from intake.application where id = any($1::uuid[]) group by 1 order by 1', [ackedIds])).rows;
    const dbDeliveries = (await sql.query<{ status: string; n: number; retried: number }>("select status, count(*)::int as n, count(*) filter (where attempts > 1)::int as retried from intake.delivery where kind = 'webhook' group by 1 order by 1")).rows;
    const drafts = (await sql.query<{ n: number }>("select count(*)::int as n from intake.application where status = 'draft'")).rows[0]!.n;
    const failedSubs = submissions.filter((s) => !s.ok).length;
    const jobs = (await sql.query<{ name: string; state: string; n: number; retries: number }>(
      "select name, state::text as state, count(*)::int as n, coalesce(sum(retry_count), 0)::int as retries from pgboss.job where name in ('intake-webhook', 'integration-events') group by 1, 2 order by 1, 2",
    )).rows;
    // Where the time between submit and delivery goes (server timestamps): event consumer, then webhook job.
    const stages = async (ids: string[]): Promise<{ toRow: number[]; toDelivered: number[] }> => {
      const { rows } = await sql.query<{ to_row: number; to_delivered: number }>(
        `select extract(epoch from d.created_at - a.submitted_at) * 1000 as to_row, extract(epoch from d.delivered_at - d.created_at) * 1000 as to_delivered
           from intake.application a join intake.delivery d on d.application_id = a.id where a.id = any($1::uuid[]) and d.delivered_at is not null`,
        [ids],
      );
      return { toRow: sorted(rows.map((r) => Number(r.to_row))), toDelivered: sorted(rows.map((r) => Number(r.to_delivered))) };
    };
    const probeIds = submissions.filter((s) => s.phase === 'probe' && s.ok).map((s) => s.id!);
    const stageRows: Array<[string, { toRow: number[]; toDelivered: number[] }]> = [['idle probe', await stages(probeIds)]];
    for (const l of levels) stageRows.push([clerks(l.c), await stages(l.subs.filter((s) => s.ok).map((s) => s.id!))]);
    const backlogStages = await stages(backlogIds);
    stageRows.push([`backlog (released via ${release.via})`, { toRow: [], toDelivered: backlogStages.toDelivered }]); // its rows are made at the release
    const logText = readFileSync(serverLog, 'utf8');
    const logCount = (re: RegExp): number => logText.split('\n').filter((l) => re.test(l)).length;
    const notVisible = logCount(/not visible yet/);
    const jobFailed = logCount(/job failed; will retry/);
    // Deliveries whose webhook job pg-boss had to retry: their hand-over latency against the others'.
    const retriedApps = new Set((await sql.query<{ app: string }>(
      `select distinct d.application_id::text as app from intake.delivery d
         join pgboss.job j on j.name = 'intake-webhook' and j.data->>'deliveryId' = d.id::text where j.retry_count > 0`,
    )).rows.map((r) => r.app));
    const webhookDeliveries = dbDeliveries.reduce((n, r) => n + r.n, 0);
    await stopChild(server); // graceful: the profile, if any, is written on exit
    const prof = profDir ? loadProfile(profDir) : undefined;
    const profSweep = prof ? summariseProfile(prof, levels.map((l) => [l.from, l.to])) : undefined;
    const profRelease = prof ? summariseProfile(prof, [[release.startedAt, release.startedAt + backlogRate.last]]) : undefined;
    if (profDir && !process.env.BENCH_KEEP_PROFILE) rmSync(profDir, { recursive: true, force: true });
    const pgVersion = (await sql.query('select version() as v')).rows[0].v as string;
    const setting = async (n: string): Promise<string> => (await sql.query(`select current_setting('${n}') as v`)).rows[0].v;
    const pgInfo = `${pgVersion.split(' on ')[0]} (shared_buffers ${await setting('shared_buffers')}, synchronous_commit ${await setting('synchronous_commit')}, fsync ${await setting('fsync')}, max_connections ${await setting('max_connections')})`;
    const checks: Array<[string, boolean, string]> = [
      ['Every acknowledged submission (200 from submit) reached the receiver', lost.length === 0, `${ackedIds.length} acknowledged, ${ackedIds.length - lost.length} received, ${lost.length} lost`],
      ['Each application received under exactly one webhook-id', moreThanOnce === 0, `${moreThanOnce} applications under more than one webhook-id`],
      ['No webhook-id processed twice by the receiver (duplicates after a 2xx)', duplicates === 0, `${duplicates} duplicates`],
      ['Every request carried a valid Standard Webhooks signature', badSignatures === 0, `${badSignatures} bad signatures of ${arrivals.length} requests`],
      ['Nothing unexpected arrived', unknown === 0, `${unknown} messages for applications this run did not submit`],
      ['Database: every acknowledged application is delivered', dbStatus.length === 1 && dbStatus[0]!.status === 'delivered', dbStatus.map((r) => `${r.status} ${r.n}`).join(', ')],
      ['Database: no webhook delivery pending, dead or disabled', dbDeliveries.every((r) => r.status === 'delivered'), dbDeliveries.map((r) => `${r.status} ${r.n} (${r.retried} with >1 attempt)`).join(', ')],
      ['No failed client requests', failedSubs === 0, [...errors].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'],
    ];
    const integrityOk = checks.every((c) => c[1]);

    // ------------------------------------------------------------------ report
    const allE2e = (l: Level): number[] => sorted(l.subs.filter((s) => s.ok).map((s) => s.t1 - s.t0));
    const stepS = (l: Level, k: Step): number[] => sorted(l.subs.filter((s) => s.ok).map((s) => s.steps[k]!).filter((x) => x !== undefined));
    const delivery = (subs: Submission[]): number[] => sorted(subs.filter((s) => s.ok && arrived(s.id!)).map((s) => firstArrival(s.id!)! - s.submittedAt!));
    const probeS = sorted(probeLat);
    const perS = (l: Level): number => l.completedInWindow / l.windowS;
    const l1 = levels.find((l) => l.c === 1) ?? levels[0]!;
    const best = levels.reduce((a, b) => (perS(b) > perS(a) ? b : a));
    const row5 = (name: string, s: number[]): string => `| ${name} | ${s.length} | ${f1(pct(s, 50))} | ${f1(pct(s, 95))} | ${f1(pct(s, 99))} | ${f1(s[s.length - 1] ?? NaN)} |`;
    const cpuRow = (name: string, c: Cpu): string => `| ${name} | ${c.server.toFixed(2)} | ${c.pgOurs.toFixed(2)} | ${c.pgRest.toFixed(2)} | ${c.bench.toFixed(2)} | ${c.receiver.toFixed(2)} | ${c.other.toFixed(2)} | ${f0(c.machinePct)} % | ${f0(c.xactsPerS)} |`;
    const backlogCreateCpu = cpuBetween(bBefore, bAfter);
    const mb = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
    const firstWebhookBytes = arrivals.find((a) => a.sigOk)?.bytes ?? NaN;
    const elapsed = Math.round((Date.now() - began) / 1000);
    const disturbed = (c: Cpu): string => (c.other > OTHER_LOAD_FLAG ? ' ⚠' : '');
    const lastL = levels[levels.length - 1]!;
    const loaded = [...submissions.filter((x) => x.phase === 'probe'), ...levels.flatMap((l) => l.subs)].filter((x) => x.ok && arrived(x.id!));
    const handover = (xs: Submission[]): number[] => sorted(xs.map((x) => firstArrival(x.id!)! - x.submittedAt!));
    const withRetry = handover(loaded.filter((x) => retriedApps.has(x.id!)));
    const retriedLoaded = loaded.filter((x) => retriedApps.has(x.id!)).length;
    const retriedBacklog = backlogIds.filter((id) => retriedApps.has(id)).length;
    const withoutRetry = handover(loaded.filter((x) => !retriedApps.has(x.id!)));
    const serverMsPerSub = (l: Level): number => (l.cpu.server * 1000) / perS(l);
    const xactsPerDelivery = release.cpu.xactsPerS / backlogRate.overall;
    const growth = (k: Step): number => pct(stepS(lastL, k), 50) / pct(stepS(l1, k), 50);

    const findings: string[] = [];
    const webhookJobs = jobs.filter((j) => j.name === 'intake-webhook').reduce((n, j) => n + j.n, 0);
    const webhookJobsLeft = jobs.filter((j) => j.name === 'intake-webhook' && ['created', 'retry'].includes(j.state)).reduce((n, j) => n + j.n, 0);
    if (backlogIds.length > 0 && beforeEnable.rows === 0 && afterEnableArrived === 0) {
      findings.push(`**Bug — applications submitted while a webhook channel is disabled are never handed over through it after it is enabled again.** ${backlogIds.length} applications were submitted while the VSAA channel was disabled; when it was enabled none of them had a delivery row, and ${afterEnableArrived} arrived within ${CFG.enableWaitS} s. They stay \`queued\` for good, and GET /dead-letters does not list them, because there is no delivery row to list. The cause is in \`DeliveryService\`: \`scheduleDeliveries\` (the \`ApplicationSubmitted\` consumer) creates deliveries only for channels with \`enabled: true\`; \`setChannelEnabled(…, true)\` only resumes rows already in status \`disabled\`; and the sweeper only re-sends \`pending\` rows. Nothing creates the missing rows, so when this is the institution's only channel the hand-over is lost without any error. The e2e test covers only the 410 path, where the rows existed before the channel was disabled. Adding a channel *does* hand over the institution's \`queued\` applications (the backfill in \`addChannel\`), so this run released the backlog through a second channel and measured that. A possible fix: make enabling do the same backfill as \`addChannel\` (queued applications of the institution that have no delivery on this channel), or create the row as \`disabled\` at scheduling time when the channel is paused.`);
    } else if (release.via === 'enable') {
      findings.push(`**Enabling the channel released the backlog:** ${release.times.length} of ${backlogIds.length} arrived, ${afterEnableArrived} of them within ${CFG.enableWaitS} s. There were ${beforeEnable.rows} delivery rows for them before enabling, so the enable request created them; it took ${f0(release.requestMs)} ms to answer, because it inserts the rows and enqueues their jobs before it replies.${release.requestMs > 5000 ? ` That is long for an HTTP request: a proxy or client with a shorter timeout would cut it off, and the administrator would not know whether it worked. Enqueueing in one bulk insert (pg-boss \`insert\`) or after replying would fix that.` : ''}`);
    }
    const inflight = mean(release.inflight);
    findings.push(`**Webhook hand-over: ${f1(backlogRate.overall)} deliveries/s while the backlog drained, with ${f1(inflight)} attempts in flight on average (at most ${Math.max(0, ...release.inflight)}).** By Little's law one attempt took about ${f0((1000 * inflight) / backlogRate.overall)} ms from claim to record. Each pg-boss worker that \`DeliveryService.startWorkers\` registers for \`intake-webhook\` runs its fetched batch one job after another (\`JobQueue.work\`), so the number of workers bounds the attempts in flight. Each delivery cost ${f1(xactsPerDelivery)} database transactions: the claim, the look-ups of delivery, channel, application, form and version, the markDelivered transaction with its outbox row, and pg-boss fetch and complete${webhookJobs > 1.2 * webhookDeliveries ? ', plus the handling of the sweeper\'s duplicate jobs (below)' : ''}. During the drain the server used ${release.cpu.server.toFixed(2)} cores and the database's backends ${release.cpu.pgOurs.toFixed(2)}; the top database waits were ${release.waits}. ${backlogRate.overall < perS(best) ? `That is below the best submission rate (${f1(perS(best))}/s with attachments), so a sustained peak would build a backlog.` : `That is ${(backlogRate.overall / perS(best)).toFixed(1)}× the best full-submission rate here (${f1(perS(best))}/s), and ${(backlogRate.overall / (backlogIds.length / backlogCreateS)).toFixed(2)}× the rate at which submissions without attachments were accepted (${f1(backlogIds.length / backlogCreateS)}/s).`} A backlog of ${backlogIds.length} took ${f1(backlogRate.last / 1000)} s to clear.`);
    if (notVisible > 0) {
      findings.push(`**A webhook job ran before the delivery row it names was committed** ${notVisible} times in this run (the server logs each as "job failed; will retry … not visible yet"). Deliveries whose job pg-boss retried: ${retriedLoaded} of ${loaded.length} in the probe and sweep (the row created by the \`ApplicationSubmitted\` consumer), ${retriedBacklog} of ${backlogIds.length} in the backlog release${release.via === 'new channel' ? ` (rows created by \`addChannel\` in one transaction that took ${f0(release.requestMs)} ms)` : ''}. The job became visible to the workers (pg-boss's own connection) before the transaction that inserts the row committed; \`attempt\` then throws and pg-boss retries it after \`retryDelay: 1\` s, with backoff. ${withRetry.length ? `Hand-over latency (probe and sweep) of deliveries whose job was retried: p50 ${f0(pct(withRetry, 50))} ms (n ${withRetry.length}); of the others: p50 ${f0(pct(withoutRetry, 50))} ms, p95 ${f0(pct(withoutRetry, 95))} ms (n ${withoutRetry.length}).` : ''} A possible fix: send the job in the same transaction (\`send(…, { db })\`, as \`OutboxDispatcher\` does with \`insert\`), or after the commit.`);
    } else {
      findings.push(`No webhook job ran before its delivery row was committed: the server log has no "not visible yet" and pg-boss retried ${jobs.filter((j) => j.name === 'intake-webhook').reduce((n, j) => n + j.retries, 0)} \`intake-webhook\` jobs.`);
    }
    const idleStage = stageRows[0]![1];
    const idleWake = pct(idleStage.toDelivered, 50);
    findings.push(idleWake > 200
      ? `**Waiting for a poll adds latency to every hand-over.** With no load, submit → receiver took p50 ${f0(pct(probeS, 50))} ms. The delivery row existed after p50 ${f0(pct(idleStage.toRow, 50))} ms (outbox, nudged), and the step from row to delivered took p50 ${f0(idleWake)} ms, which fits a worker that notices new jobs on its 0.5 s poll, not when they are sent. At ${clerks(lastL.c)} the hand-over p50 was ${f0(pct(delivery(lastL.subs), 50))} ms, ${(pct(delivery(lastL.subs), 50) / pct(probeS, 50)).toFixed(1)}× the idle p50.`
      : `**Hand-over latency.** With no load, submit → receiver took p50 ${f0(pct(probeS, 50))} ms: delivery row after p50 ${f0(pct(idleStage.toRow, 50))} ms (outbox, nudged), then row → delivered p50 ${f0(idleWake)} ms, well under the workers' 0.5 s poll, so the webhook workers are woken when an attempt is enqueued. At ${clerks(lastL.c)} the hand-over p50 was ${f0(pct(delivery(lastL.subs), 50))} ms, ${(pct(delivery(lastL.subs), 50) / pct(probeS, 50)).toFixed(1)}× the idle p50. Both stages grow with load, as the table above shows.`);
    findings.push(`**Submission rate, and the audit chain lock that serialises part of it.** The best level was ${clerks(best.c)} at ${f1(perS(best))} submissions/s (${(perS(best) / perS(l1)).toFixed(2)}× one clerk). At that level the server process used ${best.cpu.server.toFixed(2)} cores, about ${f0(serverMsPerSub(best))} ms of server CPU per submission of ${mb(uploads.reduce((n, u) => n + u.size, 0))}; its event-loop delay p99 was ${f1(best.lag.p99)} ms. ${best.cpu.other > OTHER_LOAD_FLAG ? `Other processes took ${best.cpu.other.toFixed(2)} of the ${os.cpus().length} cores in that window, so the server got less CPU than it could have used.` : `Its JavaScript runs on one thread, so about one core is the ceiling of one server process.`} From 1 to ${clerks(lastL.c)} throughput grew ${(perS(lastL) / perS(l1)).toFixed(2)}× and the end-to-end p50 ${(pct(allE2e(lastL), 50) / pct(allE2e(l1), 50)).toFixed(1)}×. Every create and submit appends to the audit log under a global advisory lock (\`AuditTrail.record\`: \`pg_advisory_xact_lock\`, held until commit), so those transactions queue one behind another across all centres. At ${clerks(lastL.c)}, on average ${lastL.advisory.toFixed(2)} database sessions were waiting on Lock:advisory. From 1 to ${clerks(lastL.c)} the create p50 grew ${growth('create').toFixed(1)}× and the submit p50 ${growth('submit').toFixed(1)}×, while the PDF upload (no audit entry) grew ${growth('pdf').toFixed(1)}×. The lock is held while the busy server gets round to the next statement, so CPU saturation lengthens the serialised section.`);
    if (profSweep && profRelease) {
      const sweepServerCpuS = levels.reduce((n, l) => n + l.cpu.server * l.windowS, 0);
      const share = (p: ProfileSummary, ms: number): string => `${f0((100 * ms) / p.busyMs)} %`;
      findings.push(`**Where the server's CPU went** (\`--cpu-prof\`, main thread; see "Server CPU profile"). During the sweep windows it was busy ${f0((100 * profSweep.busyMs) / profSweep.wallMs)} % of the time: ${profSweep.byPackage.slice(0, 6).map(([k, ms]) => `${k} ${share(profSweep, ms)}`).join(', ')}; the largest single function was \`${profSweep.byFunction[0]?.[0] ?? 'n/a'}\` (${share(profSweep, profSweep.byFunction[0]?.[1] ?? NaN)}). A native function is charged to the package in brackets: \`writeBuffer [pg]\` is the socket write of a statement to PostgreSQL, one system call per statement. The profiler counts wall-clock time on the main thread, so this includes the moments when the kernel gives the core to the PostgreSQL backend the write has just woken. The main thread was "busy" (not idle in the event loop) for ${f1(profSweep.busyMs / 1000)} s of the sweep windows, but /proc shows the whole server process used only ${f1(sweepServerCpuS)} s of CPU in them. For the difference the thread was ready to run and waiting for a core. Fewer round trips per request would save CPU as well as latency. ${profRelease.busyMs / profRelease.wallMs < 0.6 ? `During the backlog release it was busy only ${f0((100 * profRelease.busyMs) / profRelease.wallMs)} % of the time, so delivery waited on round trips and was not CPU-bound.` : `During the backlog release it was busy ${f0((100 * profRelease.busyMs) / profRelease.wallMs)} % of the time: with ${f1(mean(release.inflight))} attempts in flight the release keeps the server's main thread about as busy as the submissions did.`}`);
    }
    const behind = levels.filter((l) => l.deliveredInWindow / l.windowS < 0.8 * perS(l));
    if (behind.length) {
      findings.push(`**Under submission load the webhook hand-over falls behind.** ${behind.map((l) => `At ${clerks(l.c)} the receiver got ${f1(l.deliveredInWindow / l.windowS)} webhooks/s while ${f1(perS(l))} submissions/s were accepted (server event-loop delay p99 ${f1(l.lag.p99)} ms)`).join('; ')}. The webhook worker makes its ~${f0(xactsPerDelivery)} round trips per delivery one after another, on the same event loop as the HTTP requests, so every wait for the loop is paid about ${f0(xactsPerDelivery)} times per delivery.`);
    }
    if (webhookJobs > 1.2 * webhookDeliveries) {
      findings.push(`**During a backlog the delivery sweeper floods the webhook queue with duplicate jobs.** pg-boss held ${webhookJobs} \`intake-webhook\` jobs for ${webhookDeliveries} deliveries, and ${webhookJobsLeft} were still queued after every delivery had arrived. \`DeliveryService.sweep\` runs every 10 s (and from cron every minute). It re-sends a job for every \`pending\` delivery whose \`next_attempt_at\` is more than 10 s old and that is not leased, up to 500 at a time. A delivery that is only waiting its turn in the queue matches that test, so a backlog that takes longer than 10 s to drain gets a duplicate job per delivery each sweep. The slower the drain, the more duplicates, which slow the drain further. The claim (\`update … where status = 'pending' and lease expired\`) keeps deliveries exactly-once (the integrity checks agree), but each duplicate still costs a webhook worker a claim and a look-up while real deliveries wait, and the duplicates keep the workers busy after the backlog is gone. A possible fix: sweep only deliveries without a live job (e.g. a \`singletonKey\` per delivery id, or compare with the lease and the job's state).`);
    }
    const disturbedPhases = [...levels.map((l) => [clerks(l.c), l.cpu] as const), ['backlog creation', backlogCreateCpu] as const, ['backlog release', release.cpu] as const].filter(([, c]) => c.other > OTHER_LOAD_FLAG);
    findings.push(disturbedPhases.length
      ? `**Other processes took CPU during this run.** ${disturbedPhases.map(([n, c]) => `${n}: ${c.other.toFixed(2)} cores`).join('; ')} (marked ⚠). The load average at the start was ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')}. Throughputs from those phases understate what this code does on an idle machine. Compare levels within a run, and repeat on a quiet machine before quoting absolute numbers.`
      : `Other processes used at most ${OTHER_LOAD_FLAG} cores in every phase, so the machine was effectively ours.`);

    const md = `# Intake benchmark: submissions and webhook hand-over

Generated by \`npm run bench:intake\` (test/load/intake-bench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole run took ${elapsed} s (of which ${f0(db.seededMs / 1000)} s ${db.cloned ? `cloning ${db.cloned}` : 'migrating and seeding the database'}).

## Machine

| | |
|---|---|
| CPUs (nproc) | ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'} |
| Memory | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |
| Node.js | ${process.version} |
| PostgreSQL | ${pgInfo} — ${db.stop ? 'embedded' : 'local server'} |
| Code | ${gitInfo} |
| Load average at start (1/5/15 min) | ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')}; machine busy just before the measurements: ${quiet.busyCores.toFixed(2)} cores (after waiting ${f0(quiet.waitedS)} s, at most ${num('BENCH_QUIET_WAIT_S', 15)} s, for less than 0.4) |

**Everything shares these ${os.cpus().length} cores**: one server process (\`node dist/apps/server/main.js\`: HTTP, outbox dispatcher, pg-boss workers, webhook sender), PostgreSQL, the load generator (this script: the clerks), and the receiver (a child process of this script: the institution's back office verifying signatures). The CPU tables below split the time between them; "other" is whatever else ran on the machine (other sessions' tests and servers, when there were any: see the load average), so absolute rates are a floor for a server with its own cores, and comparable only within one run.

## Scenario

| Parameter | Value |
|---|---|
| Form | ${FORM} (published version, sample answers from modules/intake/infrastructure/seed/samples/vsaa-piedzimsana.sample.json), applicant 161175-19997, Cēsu VPVKAC |
| One submission | POST /applications (draft) → 3 × POST /applications/{id}/attachments (multipart, one file each, sequential) → POST /applications/{id}/submit |
| Attachments | PDF ${mb(uploads[0]!.size)} (\`%PDF-1.4\`, one page, binary stream), PNG ${mb(uploads[1]!.size)} (real 160×120 RGB noise), JPEG ${mb(uploads[2]!.size)} (JFIF magic); made once, the same bytes every time |
| Clerks | closed loop, no think time; ${CFG.levels.join(', ')} concurrent (each its own token of the demo issuer, all in Cēsu VPVKAC); per level ${CFG.levelWarmupS} s warm-up + ${CFG.levelS} s measured, then the level's webhooks are awaited before the next level |
| Idle probe | ${CFG.probes} submissions one at a time, each waiting for its webhook (after 5 warm-up submissions) |
| Webhook channel | VSAA, \`kind: webhook\`, configured at the start (server: WEBHOOK_ALLOW_PRIVATE_TARGETS=true, default retry schedule and 15 s timeout); the receiver answers 204 to every correctly signed request |
| Backlog | channel disabled (POST …/channels/{id}/disable), ${CFG.backlog} applications created and submitted by ${CFG.backlogConcurrency} clerks (no attachments: the webhook carries only attachment metadata), events settled, channel enabled (POST …/enable), receiver watched ${CFG.enableWaitS} s${release.via === 'new channel' ? '; then released through a second webhook channel (see Findings)' : ', then until the whole backlog arrived'} |
| HTTP client | \`node:http\` keep-alive agent; latency = \`process.hrtime\` from request start to the end of the response; percentiles by nearest rank over every sample |
| Delivery latency | from the end of the 200 to submit (the server had committed) to the receiver having the whole signed request (the same monotonic clock in both processes) |

## Results

### Submissions (create + 3 attachments + submit)

| Concurrent clerks | Submissions/s | vs. 1 clerk | End-to-end p50 / p95 / p99 (ms) | Failed |
|---|---|---|---|---|
${levels.map((l) => { const e = allE2e(l); return `| ${l.c}${disturbed(l.cpu)} | **${f1(perS(l))}** (${l.completedInWindow} in ${l.windowS} s) | ${(perS(l) / perS(l1)).toFixed(2)}× | ${f0(pct(e, 50))} / ${f0(pct(e, 95))} / ${f0(pct(e, 99))} | ${l.subs.filter((s) => !s.ok).length} |`; }).join('\n')}

Per step (ms; n, p50, p95, p99, max):

${levels.map((l) => `**${clerks(l.c)}**

| Step | n | p50 | p95 | p99 | max |
|---|---|---|---|---|---|
${row5('create draft', stepS(l, 'create'))}
${row5(`attach PDF (${mb(uploads[0]!.size)})`, stepS(l, 'pdf'))}
${row5(`attach PNG (${mb(uploads[1]!.size)})`, stepS(l, 'png'))}
${row5(`attach JPEG (${mb(uploads[2]!.size)})`, stepS(l, 'jpeg'))}
${row5('submit', stepS(l, 'submit'))}
${row5('end to end', allE2e(l))}
`).join('\n')}
Backlog creation (create + submit, no attachments, ${CFG.backlogConcurrency} clerks, channel disabled): ${backlogIds.length} in ${f1(backlogCreateS)} s = **${f1(backlogIds.length / backlogCreateS)} applications/s**; create p50 ${f1(pct(sorted(backlogSubs.filter((s) => s.ok).map((s) => s.steps.create!)), 50))} ms, submit p50 ${f1(pct(sorted(backlogSubs.filter((s) => s.ok).map((s) => s.steps.submit!)), 50))} ms.

### Hand-over: submit → receiver has the webhook

| Load | n | p50 | p95 | p99 | max | Webhooks received/s during the window | Level's last webhook after the window ended |
|---|---|---|---|---|---|---|---|
| idle (one at a time) | ${probeS.length} | ${f0(pct(probeS, 50))} | ${f0(pct(probeS, 95))} | ${f0(pct(probeS, 99))} | ${f0(probeS[probeS.length - 1] ?? NaN)} | | |
${levels.map((l) => { const d = delivery(l.subs); return `| ${clerks(l.c)} | ${d.length} | ${f0(pct(d, 50))} | ${f0(pct(d, 95))} | ${f0(pct(d, 99))} | ${f0(d[d.length - 1] ?? NaN)} | ${f1(l.deliveredInWindow / l.windowS)} (submissions ${f1(perS(l))}/s) | ${l.drained ? `${f0(l.drainMs)} ms` : '**not all arrived within 90 s**'} |`; }).join('\n')}

Where that time goes (server timestamps from the database, ms, p50 / p95): submitted → delivery row created (outbox → pg-boss \`integration-events\` → consumer \`intake.schedule-deliveries\`), then row created → delivered (pg-boss \`intake-webhook\` job → attempt → HTTP → markDelivered).

| | n | submitted → delivery row | delivery row → delivered |
|---|---|---|---|
${stageRows.map(([name, s]) => `| ${name} | ${s.toDelivered.length} | ${s.toRow.length ? `${f0(pct(s.toRow, 50))} / ${f0(pct(s.toRow, 95))}` : '— (rows made at the release)'} | ${f0(pct(s.toDelivered, 50))} / ${f0(pct(s.toDelivered, 95))} |`).join('\n')}

### Backlog release (${backlogIds.length} submitted applications)

| | |
|---|---|
| Received while the channel was disabled | ${receivedWhileDisabled} |
| Delivery rows for the backlog when the channel was enabled (events settled after ${f0(settleMs)} ms) | ${beforeEnable.rows} (applications in status queued: ${beforeEnable.queued}) |
| Received within ${CFG.enableWaitS} s of POST …/enable | **${afterEnableArrived} of ${backlogIds.length}** |
| Released via | ${release.via === 'enable' ? 'enabling the channel (POST …/enable)' : 'a second webhook channel (POST /institutions/{id}/channels, url …/hook-backlog)'}: the request took ${f0(release.requestMs)} ms |
| Webhook attempts in flight (claimed deliveries, sampled every ~250 ms), mean / max | ${f1(mean(release.inflight))} / ${Math.max(0, ...release.inflight)} |
| Received | ${release.times.length} of ${backlogIds.length}${release.drained ? '' : ` (**not all within ${CFG.drainTimeoutS} s**)`} |
| First / last arrival after the release request started | ${f1(backlogRate.first / 1000)} s / ${f1(backlogRate.last / 1000)} s |
| Sustained deliveries/s (first → last arrival) | **${f1(backlogRate.overall)}** |
| Median deliveries in a whole second | ${f1(backlogRate.medianBin)} (slowest ${Math.min(...backlogRate.bins.slice(0, -1))}, fastest ${Math.max(...backlogRate.bins)}) |
| Per-second arrivals | ${backlogRate.bins.join(' ')} |

### Ratios (same run)

| | |
|---|---|
| Submissions/s, best level (${clerks(best.c)}) ÷ 1 clerk | ${(perS(best) / perS(l1)).toFixed(2)} |
| Backlog drain (deliveries/s) ÷ best submission rate (full submissions/s) | ${(backlogRate.overall / perS(best)).toFixed(2)} |
| Backlog drain ÷ backlog creation rate (create + submit, no attachments) | ${(backlogRate.overall / (backlogIds.length / backlogCreateS)).toFixed(2)} |
| Hand-over p50 at ${clerks(lastL.c)} ÷ idle p50 | ${(pct(delivery(levels[levels.length - 1]!.subs), 50) / pct(probeS, 50)).toFixed(2)} |
| Submit p50 at ${clerks(lastL.c)} ÷ 1 clerk | ${(pct(stepS(levels[levels.length - 1]!, 'submit'), 50) / pct(stepS(l1, 'submit'), 50)).toFixed(2)} |

### Where the CPU goes (cores; ${os.cpus().length} available)

| Phase | Server | PostgreSQL, this database's backends | PostgreSQL, other processes | Load generator | Receiver | Other | Machine busy | DB transactions/s |
|---|---|---|---|---|---|---|---|---|
${levels.map((l) => cpuRow(`${clerks(l.c)}, measured window${disturbed(l.cpu)}`, l.cpu)).join('\n')}
${cpuRow(`backlog creation${disturbed(backlogCreateCpu)}`, backlogCreateCpu)}
${cpuRow(`backlog release (${release.via})${disturbed(release.cpu)}`, release.cpu)}

Server CPU per full submission (all of the server's work in the window ÷ submissions, so its webhook delivery and background work included): ${levels.map((l) => `${clerks(l.c)} ${f0(serverMsPerSub(l))} ms`).join(', ')}. Database transactions per webhook delivery during the backlog release: ${f1(xactsPerDelivery)}. PostgreSQL's "other processes" are other databases' backends (other sessions on this machine) and the shared WAL writer, checkpointer and background writer (partly ours); "Other" is the rest of the machine's busy time (processes not ours); ⚠ marks phases where other processes used more than ${OTHER_LOAD_FLAG} cores.

| Phase | Server event-loop delay p50 / p99 (ms) | Active DB sessions, average by wait (non-idle) |
|---|---|---|
${levels.map((l) => `| ${clerks(l.c)} | ${f1(l.lag.p50)} / ${f1(l.lag.p99)} | ${l.waits} |`).join('\n')}
| backlog release | | ${release.waits} |

Webhook body size: ${mb(firstWebhookBytes)} (the payload carries the form version's JSON Schema). pg-boss jobs at the end: ${jobs.map((j) => `${j.name} ${j.state} ${j.n} (retries ${j.retries})`).join('; ')}. Server log (LOG_LEVEL=warn): ${jobFailed} × "job failed; will retry", of them ${notVisible} × "delivery … not visible yet".

${profSweep && profRelease ? `### Server CPU profile

\`node --cpu-prof\` (main thread, sampled; libuv's thread pool and PostgreSQL are not in it; it costs the server a few per cent). Self time, with Node internals and native code charged to the nearest package or folder of ours on the stack. Sweep: the ${levels.length} measured windows (submissions; busy ${f1(profSweep.busyMs / 1000)} s of ${f1(profSweep.wallMs / 1000)} s). Release: the backlog release (deliveries; busy ${f1(profRelease.busyMs / 1000)} s of ${f1(profRelease.wallMs / 1000)} s).

| Package / folder | Sweep: share of busy | Release: share of busy |
|---|---|---|
${[...new Set([...profSweep.byPackage.map(([k]) => k), ...profRelease.byPackage.slice(0, 6).map(([k]) => k)])].map((k) => { const cell = (p: ProfileSummary): string => { const ms = p.byPackage.find(([x]) => x === k)?.[1]; return ms === undefined ? '(not in its top 12)' : `${f1((100 * ms) / p.busyMs)} %`; }; return `| ${k} | ${cell(profSweep)} | ${cell(profRelease)} |`; }).join('\n')}

| Function, sweep windows (self time) | Share of busy |
|---|---|
${profSweep.byFunction.map(([k, ms]) => `| \`${k.replace(/\|/g, '\\|')}\` | ${f1((100 * ms) / profSweep.busyMs)} % |`).join('\n')}

| Function, backlog release (self time) | Share of busy |
|---|---|
${profRelease.byFunction.slice(0, 8).map(([k, ms]) => `| \`${k.replace(/\|/g, '\\|')}\` | ${f1((100 * ms) / profRelease.busyMs)} % |`).join('\n')}
` : 'BENCH_CPU_PROF=0: no CPU profile of the server in this run.'}

## Integrity (at the end)

| Check | | Detail |
|---|---|---|
${checks.map(([name, pass, detail]) => `| ${name} | ${pass ? '✅' : '❌'} | ${detail} |`).join('\n')}

Drafts left in the database: ${drafts} (failed submissions leave their draft).

## Findings

${findings.map((f) => `- ${f}`).join('\n')}

## Reproduce

\`\`\`sh
npm ci && npm run bench:intake        # builds, needs PostgreSQL on 127.0.0.1:5432 (else starts an embedded one)
BENCH_CONCURRENCY=1,2,4,8 BENCH_LEVEL_S=30 BENCH_BACKLOG=2000 npm run bench:intake   # settings: see the top of test/load/intake-bench.ts
BENCH_SKIP_BUILD=1 BENCH_TEMPLATE_DB=<a seeded database> npm run bench:intake      # faster iterations
\`\`\`

The server's log of the run: ${serverLog}.
`;
    mkdirSync('docs/benchmarks', { recursive: true });
    writeFileSync('docs/benchmarks/intake.md', md);
    writeFileSync(join(os.tmpdir(), `vpvkac-intake-bench-${process.pid}.json`), JSON.stringify({ levels: levels.map((l) => ({ ...l, subs: undefined })), probe: probeS, backlogRate, release: { ...release, times: undefined }, checks, jobs, stages: stageRows }, null, 1));
    log(`${levels.map((l) => `${l.c}: ${f1(perS(l))}/s`).join(', ')}; hand-over idle p50 ${f0(pct(probeS, 50))} ms; backlog via ${release.via} ${f1(backlogRate.overall)}/s; integrity ${integrityOk ? 'ok' : 'FAILED'} → docs/benchmarks/intake.md`);
  } finally {
    if (serverChild) await stopChild(serverChild);
    if (receiver) await stopChild(receiver);
    await sql.end().catch(() => undefined);
    if (!process.env.BENCH_KEEP_DB) await adminQuery(db.adminUrl, `drop database if exists ${db.name} with (force)`).catch(() => undefined);
    else log(`kept database ${db.url}`);
    await db.stop?.();
    agent.destroy();
  }
}

let serverChild: ChildProcess | undefined;
let receiverChild: ChildProcess | undefined;

if (process.argv[2] === '--receiver') {
  runReceiver();
} else {
  // Ctrl-C: the children go too (by their PIDs).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of [serverChild, receiverChild]) if (child?.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
      process.exit(130);
    });
  }
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
