import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../infrastructure/database/embedded-postgres';
import { adminQuery, findLocalPostgres, withDatabase } from './database-server';

// One run's databases share a prefix, so runs (a developer's and CI's) never drop each other's.
const RUN = `vpvkac_test_${process.pid}`;

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
  const TEMPLATE_DB = `${RUN}_template`;
  process.env.TEST_TEMPLATE_DB = TEMPLATE_DB;
  process.env.TEST_DB_PREFIX = RUN;
  await adminQuery(adminUrl, `create database ${TEMPLATE_DB}`);
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'test/support/prepare-template.ts', withDatabase(adminUrl, TEMPLATE_DB)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json' },
  });
}
