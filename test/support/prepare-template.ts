/** Run by the Jest global setup in a child process: migrates and seeds the template database. */
import 'reflect-metadata';
import { loadConfig } from '@infrastructure/config/app-config';
import { OutboxDispatcher } from '@infrastructure/messaging/outbox-dispatcher';
import { createApp } from '../../apps/server/create-app';

async function main(): Promise<void> {
  const url = process.argv[2]!;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const app = await createApp(config, url, { migrate: true, seedOnEmpty: true });
  // Let the seed's integration events reach their consumers (e.g. queues for every centre),
  // so every test app starts from a settled state.
  const dispatcher = app.get(OutboxDispatcher);
  const deadline = Date.now() + 120_000;
  while ((await dispatcher.backlog()) > 0) {
    if (Date.now() > deadline) throw new Error('seed events were not delivered');
    await new Promise((r) => setTimeout(r, 100));
  }
  await app.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
