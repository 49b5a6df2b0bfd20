import 'reflect-metadata';
import { loadConfig } from '@infrastructure/config/app-config';
import { startEmbeddedPostgres } from '@infrastructure/database/embedded-postgres';
import { createApp } from './create-app';
import { DemoDataSeeder } from './demo/demo-data.seeder';

/** `npm run seed`: migrate and load the demo data into an empty database (idempotent). */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { WORKERS_ENABLED: 'false' });
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
  const app = await createApp(config, config.DATABASE_URL ?? embedded!.url, { migrate: true, seedOnEmpty: false });
  const seeded = await app.get(DemoDataSeeder).seedIfEmpty();
  process.stdout.write(seeded ? 'Demo data loaded.\n' : 'The database already has data; nothing loaded.\n');
  await app.close();
  await embedded?.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
