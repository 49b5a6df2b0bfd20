import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { adminQuery, withDatabase } from '../support/database-server';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

async function waitReady(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The README's first command, as a newcomer runs it: the built server with no DATABASE_URL starts an
 * embedded PostgreSQL, migrates, loads the demo data, survives a SIGKILL and a restart.
 */
describe('npm start on a fresh machine (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vpvkac-start-'));
  let child: ChildProcess | undefined;
  let url = '';
  let env: NodeJS.ProcessEnv = {};
  /** Everything the server wrote to stdout (its pino log), across restarts. */
  let logs = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' };
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (): ChildProcess => {
    const server = spawn(process.execPath, ['dist/apps/server/main.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    server.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    return server;
  };

  it('starts with an embedded database and the demo network', async () => {
    child = start();
    await waitReady(url, child);
    const kpis = (await (await fetch(`${url}/api/v1/network/kpis`)).json()) as { centres: { active: number; registered: number } };
    expect(kpis.centres).toMatchObject({ active: 216, registered: 315 });
    const token = await fetch(`${url}/api/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"admin"}' });
    expect(token.status).toBe(200);
  }, 120_000);

  it('listens with a backlog for a thousand consoles reconnecting at once (LISTEN_BACKLOG, capped by somaxconn)', () => {
    // For a listening socket `ss` shows the backlog in the Send-Q column. Node's default is 511.
    const port = new URL(url).port;
    const [, , backlog] = execFileSync('ss', ['-Hltn', `sport = :${port}`]).toString().trim().split(/\s+/);
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect(Number(backlog)).toBe(Math.min(4096, somaxconn));
  });

  it('logs structured JSON with the request id, and no personal codes, names or tokens', async () => {
    const admin = ((await (await fetch(`${url}/api/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"coordinator.cesis"}' })).json()) as { access_token: string }).access_token;
    const centre = ((await (await fetch(`${url}/api/v1/network/centres?q=Cēsu VPVKAC`)).json()) as { items: Array<{ id: string }> }).items[0]!;
    const search = await fetch(`${url}/api/v1/network/centres?q=161175-19997`, { headers: { 'x-request-id': 'audit-req-0001' } });
    expect(search.status).toBe(200);
    const staff = await fetch(`${url}/api/v1/network/centres/${centre.id}/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'x-request-id': 'audit-req-0002' },
      body: JSON.stringify({ userId: 'lv-federation:777', displayName: 'Zigfrīds Žagariņš', personalCode: '161175-19997', validFrom: '2026-12-01' }),
    });
    expect(staff.status).toBe(201);
    const refused = await fetch(`${url}/api/v1/network/centres/${centre.id}/staff`, { headers: { authorization: 'Bearer not-a-token-161175-19997' } });
    expect(refused.status).toBe(401);
    // A ticket tracker's token is a credential: its requests are logged without it.
    const trackerToken = 'Trk9kQ2mN4pL7rT1vW3yB5cD';
    expect((await fetch(`${url}/api/v1/queue/track/${trackerToken}`, { headers: { 'x-request-id': 'audit-req-0003' } })).status).toBe(404);
    await fetch(`${url}/track/${trackerToken}`);
    const deadline = Date.now() + 5_000;
    while (!(logs.includes('audit-req-0002') && logs.includes('audit-req-0003')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    // The log is JSON lines; the only other output is the banner printed for a human at start.
    const lines = logs.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(3);
    const entries = lines.map((l) => JSON.parse(l) as { level: number; msg?: string; req?: { id?: string; url?: string }; res?: { statusCode: number } });
    const search0001 = entries.find((e) => e.req?.id === 'audit-req-0001' && e.res);
    expect(search0001).toMatchObject({ req: { url: '/api/v1/network/centres' }, res: { statusCode: 200 } });
    expect(entries.find((e) => e.req?.id === 'audit-req-0002' && e.res)?.res?.statusCode).toBe(201);
    expect(entries.find((e) => e.req?.id === 'audit-req-0003' && e.res)).toMatchObject({ req: { url: '/api/v1/queue/track/[redacted]' }, res: { statusCode: 404 } });
    // Requests without an id get a generated one.
    expect(entries.filter((e) => e.res && e.req?.id && /^[0-9a-f-]{36}$/.test(e.req.id)).length).toBeGreaterThan(0);
    for (const secret of ['161175-19997', '19997', 'Žagariņš', 'Zigfrīds', admin, 'not-a-token', trackerToken]) expect(logs).not.toContain(secret);
  }, 60_000);

  it('`npm run seed` loads the demo data into an empty database once (node dist/apps/server/seed.js)', async () => {
    const adminUrl = process.env.TEST_PG_ADMIN_URL!;
    const db = `${process.env.TEST_DB_PREFIX}_seed_${randomBytes(3).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${db}`);
    const seedEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: withDatabase(adminUrl, db), LOG_LEVEL: 'warn' };
    const run = promisify(execFile);
    try {
      const first = await run(process.execPath, ['dist/apps/server/seed.js'], { env: seedEnv, timeout: 150_000 });
      expect(first.stdout).toContain('Demo data loaded.');
      const again = await run(process.execPath, ['dist/apps/server/seed.js'], { env: seedEnv, timeout: 150_000 });
      expect(again.stdout).toContain('nothing loaded');
      const client = new Client({ connectionString: withDatabase(adminUrl, db) });
      await client.connect();
      try {
        const { rows } = await client.query<{ centres: string; active: string; municipalities: string; institutions: string }>(
          `select (select count(*) from network.centre) as centres, (select count(*) from network.centre where status = 'active') as active,
                  (select count(*) from network.municipality) as municipalities, (select count(*) from network.institution) as institutions`,
        );
        expect(rows[0]).toEqual({ centres: '315', active: '216', municipalities: '42', institutions: '19' });
      } finally {
        await client.end();
      }
    } finally {
      await adminQuery(adminUrl, `drop database if exists ${db} with (force)`);
    }
  }, 330_000);

  it('recovers after the process is killed with SIGKILL, keeping its data', async () => {
    const admin = ((await (await fetch(`${url}/api/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"admin"}' })).json()) as { access_token: string }).access_token;
    const centre = ((await (await fetch(`${url}/api/v1/network/centres?q=Cēsu VPVKAC`)).json()) as { items: Array<{ id: string }> }).items[0]!;
    const moved = await fetch(`${url}/api/v1/network/centres/${centre.id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ status: 'suspended', effectiveOn: '2026-12-01' }),
    });
    expect(moved.status).toBe(200);

    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const pid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(pid)).toBe(true); // the orphaned PostgreSQL still holds the data folder

    child = start();
    await waitReady(url, child);
    const after = (await (await fetch(`${url}/api/v1/network/centres/${centre.id}`)).json()) as { status: string };
    expect(after.status).toBe('suspended');
    const kpis = (await (await fetch(`${url}/api/v1/network/kpis`)).json()) as { centres: { active: number; registered: number } };
    expect(kpis.centres.registered).toBe(315); // not seeded twice
  }, 150_000);

  it('stops cleanly on SIGTERM, taking the embedded PostgreSQL with it', async () => {
    const pid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    child!.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', r));
    expect(code).toBe(0);
    const deadline = Date.now() + 60_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
  }, 120_000);
});
