import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../infrastructure/database/embedded-postgres';
import { adminQuery, findLocalPostgres, withDatabase } from './database-server';

export const TEMPLATE_DB = 'vpvkac_test_template';

/**
 * Runs once before the e2e suites: picks a real PostgreSQL (the local one, or an embedded one),
 * and builds a migrated, seeded template database each suite clones in milliseconds.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = await findLocalPostgres();
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'vpvkac-test-pg-'));
    const embedded = await startEmbeddedPostgres(dir, 54331, 'postgres');
    adminUrl = embedded.url;
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = embedded;
  }
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_TEMPLATE_DB = TEMPLATE_DB;
  await adminQuery(adminUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname like 'vpvkac_test_%' and pid <> pg_backend_pid()`);
  const stale = await adminQuery(adminUrl, `select datname from pg_database where datname like 'vpvkac_test_%'`);
  for (const row of stale) await adminQuery(adminUrl, `drop database if exists "${row.datname as string}"`);
  await adminQuery(adminUrl, `create database ${TEMPLATE_DB}`);
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'test/support/prepare-template.ts', withDatabase(adminUrl, TEMPLATE_DB)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' },
  });
}
