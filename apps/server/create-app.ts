import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { Logger } from 'nestjs-pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@infrastructure/config/app-config';
import { ProblemDetailsFilter } from '@infrastructure/http/problem-details.filter';
import { createValidationPipe } from '@infrastructure/http/validation.pipe';
import { requestIdOf } from '@infrastructure/logging/logger.module';
import { MetricsService } from '@infrastructure/observability/metrics.service';
import { mountOpenApi } from '@infrastructure/openapi/openapi';
import { PostgresIoAdapter } from '@infrastructure/realtime/postgres-io.adapter';
import multipart from '@fastify/multipart';
import { AppModule } from './app.module';
import { DemoDataSeeder } from './demo/demo-data.seeder';
import { mountConsole } from './console-static';
import { mountVendorScripts } from './vendor-scripts';

export interface CreateAppOptions {
  /** Run pending migrations before serving (default: config.RUN_MIGRATIONS). */
  migrate?: boolean;
  /** Load demo data into an empty database (default: config.SEED_ON_EMPTY). */
  seedOnEmpty?: boolean;
}

/** Builds the whole application (used by main.ts, the seed command and the e2e tests). */
export async function createApp(config: AppConfig, databaseUrl: string, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, trustProxy: true, routerOptions: { maxParamLength: 200 }, genReqId: requestIdOf });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, databaseUrl), adapter, {
    bufferLogs: true,
    rawBody: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new PostgresIoAdapter(app, databaseUrl));

  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // Attachments: multipart with size and count limits (the type is checked from the content later).
  await app.register(multipart as never, { limits: { fileSize: config.ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  // CSV uploads (service catalogue import) arrive as text; JSON stays the default.
  fastify.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  mountOpenApi(app);
  // janus.js and adapter.js for the video consoles, from Debian's packages when installed.
  mountVendorScripts(app);
  // The web consoles at `/` (when built): after the API routes, which always win.
  await mountConsole(app);

  if (options.migrate ?? config.RUN_MIGRATIONS) await app.get(MikroORM).getMigrator().up();
  await app.init();
  if (options.seedOnEmpty ?? config.SEED_ON_EMPTY) await app.get(DemoDataSeeder).seedIfEmpty();
  return app;
}
