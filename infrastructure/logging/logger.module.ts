import { Module } from '@nestjs/common';
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

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          genReqId: (req: IncomingMessage) => {
            const given = req.headers['x-request-id'];
            return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
        },
      }),
    }),
  ],
})
export class AppLoggerModule {}
