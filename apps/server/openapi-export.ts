import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadConfig } from '@infrastructure/config/app-config';
import { startEmbeddedPostgres } from '@infrastructure/database/embedded-postgres';
import { buildOpenApiDocument } from '@infrastructure/openapi/openapi';
import { createApp } from './create-app';

/** `npm run openapi`: writes docs/api/openapi.json from the running code. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { WORKERS_ENABLED: 'false', SEED_ON_EMPTY: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
  const app = await createApp(config, config.DATABASE_URL ?? embedded!.url, { migrate: true, seedOnEmpty: false });
  const document = buildOpenApiDocument(app);
  mkdirSync('docs/api', { recursive: true });
  writeFileSync('docs/api/openapi.json', `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`docs/api/openapi.json: ${Object.keys(document.paths).length} paths\n`);
  await app.close();
  await embedded?.stop();
}

main().then(
  // The document is written and the app closed; do not wait for a library's lingering timer.
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
