import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
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

  const start = (): ChildProcess => spawn(process.execPath, ['dist/apps/server/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

  it('starts with an embedded database and the demo network', async () => {
    child = start();
    await waitReady(url, child);
    const kpis = (await (await fetch(`${url}/api/v1/network/kpis`)).json()) as { centres: { active: number; registered: number } };
    expect(kpis.centres).toMatchObject({ active: 216, registered: 315 });
    const token = await fetch(`${url}/api/v1/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"admin"}' });
    expect(token.status).toBe(200);
  }, 120_000);

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
