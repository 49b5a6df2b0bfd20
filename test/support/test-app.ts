import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadConfig, type AppConfig } from '@infrastructure/config/app-config';
import { OutboxDispatcher } from '@infrastructure/messaging/outbox-dispatcher';
import { DevIssuer } from '@infrastructure/auth/dev-issuer';
import { createApp } from '../../apps/server/create-app';
import { adminQuery, withDatabase } from './database-server';

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  databaseUrl: string;
  config: AppConfig;
  /** A bearer token of a demo user. */
  token(username: string): Promise<string>;
  /** A token with any claims, signed by the demo issuer (e.g. many clerks of one centre). */
  tokenFor(subject: string, claims: Record<string, unknown>): Promise<string>;
  /** fetch against the app with JSON in and out. */
  request(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string }): Promise<TestResponse>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Waits until every integration event has been delivered. */
  drainEvents(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A real app on a real PostgreSQL: a fresh clone of the seeded template, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    const db = `${process.env.TEST_DB_PREFIX}_${randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${db} template ${process.env.TEST_TEMPLATE_DB}`);
    databaseUrl = withDatabase(adminUrl, db);
  }
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PORT: '0', ...env });
  const app = await createApp(config, databaseUrl, { migrate: true, seedOnEmpty: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const tokens = new Map<string, string>();
  const sqlClient = new Client({ connectionString: databaseUrl });
  await sqlClient.connect();

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  return {
    app,
    baseUrl,
    databaseUrl,
    config,
    request,
    async token(username) {
      if (!tokens.has(username)) {
        const res = await request('POST', '/api/v1/auth/demo-token', { body: { username } });
        if (res.status !== 200) throw new Error(`demo token for ${username}: ${res.status} ${res.text}`);
        tokens.set(username, res.body.access_token);
      }
      return tokens.get(username)!;
    },
    async tokenFor(subject, claims) {
      return app.get(DevIssuer).sign(subject, claims);
    },
    async sql(text, params = []) {
      return (await sqlClient.query(text, params)).rows;
    },
    async drainEvents(timeoutMs = 15_000) {
      const dispatcher = app.get(OutboxDispatcher);
      const deadline = Date.now() + timeoutMs;
      while ((await dispatcher.backlog()) > 0) {
        if (Date.now() > deadline) {
          const jobs = await sqlClient.query("select state, count(*) as n, max(output::text) as output from pgboss.job where name = 'integration-events' group by state");
          const pending = await sqlClient.query('select count(*) as n from platform.outbox where dispatched_at is null');
          throw new Error(`integration events were not delivered in time: jobs ${JSON.stringify(jobs.rows)}, undispatched ${pending.rows[0].n}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await sqlClient.end();
      await app.close();
      // pg-boss's stop() resolves before its workers' stop loops end (they re-check every second,
      // in timers of their own); were Jest to tear the suite's environment down meanwhile, such a
      // loop fails in the next suite of the same worker ("require after teardown"). Let them end.
      await new Promise((r) => setTimeout(r, 1_100));
    },
  };
}
