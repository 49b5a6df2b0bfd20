import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';

/**
 * Paths pino blanks out wherever they appear in a log line. Request bodies are never logged, and
 * query strings are cut from URLs, so personal codes and names do not reach the logs that way either.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.personalCode',
  '*.personal_code',
  '*.name',
  '*.firstName',
  '*.lastName',
  '*.fullName',
  '*.applicantName',
  '*.email',
  '*.phone',
  '*.notes',
  'personalCode',
  'notes',
  'firstName',
  'lastName',
  'fullName',
];

/**
 * A request's path as it may be logged: without the query string, and with a public ticket
 * tracker's token (`/api/v1/queue/track/{token}`, the console's `/track/{token}`) blanked out —
 * whoever holds the token can follow the ticket, so it is a credential.
 */
export function loggablePath(url: string): string {
  return url.split('?')[0]!.replace(/\/track\/[^/]+/, '/track/[redacted]');
}

/**
 * The request id: the caller's `X-Request-Id` when it is a plain token, otherwise a new UUID. Fastify
 * assigns it (create-app.ts) and pino-http takes the id Fastify set, so both name a request alike.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // nestjs-pino's default route pattern matches nothing under Nest 12's Fastify adapter: without
        // this, no request was logged at all (test/e2e/server-start.e2e-spec.ts checks that they are).
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          genReqId: requestIdOf,
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggablePath(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
        },
      }),
    }),
  ],
})
export class AppLoggerModule {}
