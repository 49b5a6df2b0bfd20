/** Run by the Jest global setup in a child process: migrates and seeds the template database. */
import 'reflect-metadata';
import { loadConfig } from '@infrastructure/config/app-config';
import { createApp } from '../../apps/server/create-app';

async function main(): Promise<void> {
  const url = process.argv[2]!;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }, { WORKERS_ENABLED: 'false' });
  const app = await createApp(config, url, { migrate: true, seedOnEmpty: true });
  await app.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
