import { adminQuery } from './database-server';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  const prefix = process.env.TEST_DB_PREFIX;
  if (adminUrl && prefix) {
    await adminQuery(adminUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname like '${prefix}%' and pid <> pg_backend_pid()`);
    const dbs = await adminQuery(adminUrl, `select datname from pg_database where datname like '${prefix}%'`);
    for (const row of dbs) await adminQuery(adminUrl, `drop database if exists "${row.datname as string}"`);
  }
  const embedded = (globalThis as Record<string, unknown>).__EMBEDDED_PG__ as { stop(): Promise<void> } | undefined;
  await embedded?.stop();
}
