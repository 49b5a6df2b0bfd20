/**
 * `npm run reporting:rebuild` (or `node dist/apps/server/reporting-rebuild.js` after `npm run build`):
 * empties Reporting's read models and replays every relevant event from platform.outbox (feedback is
 * kept). Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR. Safe while the server runs:
 * live projection waits for the rebuild's commit, then re-applies what it held, which changes nothing.
 */
import 'reflect-metadata';
import { CommandBus } from '@nestjs/cqrs';
import { loadConfig } from '@infrastructure/config/app-config';
import { startEmbeddedPostgres } from '@infrastructure/database/embedded-postgres';
import { RebuildReportingCommand } from '@modules/reporting';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { WORKERS_ENABLED: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
  const app = await createApp(config, config.DATABASE_URL ?? embedded!.url, { migrate: true, seedOnEmpty: false });
  try {
    const result = await app.get(CommandBus).execute(new RebuildReportingCommand());
    const rows = Object.entries(result.rows)
      .map(([table, n]) => `  reporting.${table}: ${n}`)
      .join('\n');
    process.stdout.write(`Reporting rebuilt from the outbox: ${result.events} events in ${result.durationMs} ms\n${rows}\n`);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
