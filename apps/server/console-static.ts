import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the server itself answers: never the console's index.html (unknown ones stay 404 problem+json). */
const SERVER_PATHS = /^\/(api|docs|health|metrics|socket\.io)(\/|$)/;

/**
 * Security headers for the console's pages: same-origin scripts and connections only (the REST API
 * and socket.io), inline styles for React's style attributes, data: images (QR codes), camera and
 * microphone streams for video calls.
 */
const CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * dist/console next to the compiled server (dist/apps/server) or from the sources (tests, start:dev);
 * CONSOLE_DIR points elsewhere (a separately built console, or a private build while developing).
 */
export function consoleDir(): string | null {
  const override = process.env.CONSOLE_DIR;
  if (override) return existsSync(join(override, 'index.html')) ? override : null;
  for (const dir of [join(__dirname, '..', '..', 'console'), join(__dirname, '..', '..', 'dist', 'console')]) {
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/**
 * Serves the web consoles (apps/console, built into dist/console) at `/`: hashed assets under
 * /assets/ with long caching, and index.html for every other GET that is not a server path (the
 * console routes on the client). Plain Fastify routes, outside Nest's AuthGuard: static files are
 * public; the data behind them is not.
 */
export async function mountConsole(app: NestFastifyApplication): Promise<boolean> {
  const root = consoleDir();
  if (!root) return false;
  await app.register(fastifyStatic as never, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    setHeaders: (reply: FastifyReply) => reply.header('x-content-type-options', 'nosniff'),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (request: FastifyRequest, reply: FastifyReply): unknown => {
    const path = request.url.split('?')[0] ?? '/';
    if (SERVER_PATHS.test(path) || path.startsWith('/assets/')) return reply.callNotFound();
    return reply.headers({ ...CONSOLE_HEADERS, 'cache-control': 'no-cache' }).sendFile('index.html', root, { maxAge: 0, immutable: false });
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
