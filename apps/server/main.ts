import 'reflect-metadata';
import { ConfigError, loadConfig } from '@infrastructure/config/app-config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@infrastructure/database/embedded-postgres';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
    databaseUrl = embedded.url;
  }
  const app = await createApp(config, databaseUrl);
  const stopEmbedded = async (): Promise<void> => {
    await embedded?.stop().catch(() => undefined);
  };
  // embedded-postgres stops its server on SIGINT/SIGTERM by itself, racing our shutdown; we take
  // over those signals: finish requests, close pools, then stop the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => {
      void app
        .close()
        .catch(() => undefined)
        .then(stopEmbedded)
        .then(() => process.exit(0));
    });
  }
  await app.listen({ port: config.PORT, host: config.HOST, backlog: config.LISTEN_BACKLOG });
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  process.stdout.write(
    `\nVPVKAC IS is running at ${url}\n  API docs: ${url}/docs\n  Database: ${embedded ? `embedded PostgreSQL in ${config.DATA_DIR}` : 'DATABASE_URL'}\n` +
      (config.demoMode ? `  Demo mode: get a token with  curl -s -X POST ${url}/api/v1/auth/demo-token -H 'content-type: application/json' -d '{"username":"admin"}'\n` : '') +
      '\n',
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
