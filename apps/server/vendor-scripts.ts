import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Browser scripts the video consoles load at run time from Debian's packages (janus-demos,
 * libjs-webrtc-adapter), served same-origin so the console's CSP stays `script-src 'self'`.
 * A file that is not installed is simply not served (404).
 */
export const VENDOR_SCRIPTS: Record<string, string[]> = {
  '/vendor/janus.js': ['/usr/share/javascript/janus-gateway/janus.js'],
  '/vendor/adapter.js': ['/usr/share/javascript/webrtc-adapter/adapter.js'],
};

/** Registers GET routes for the vendor scripts that exist on this machine; returns the paths served. */
export function mountVendorScripts(app: NestFastifyApplication, scripts: Record<string, string[]> = VENDOR_SCRIPTS): string[] {
  const fastify = app.getHttpAdapter().getInstance();
  const served: string[] = [];
  for (const [path, candidates] of Object.entries(scripts)) {
    const file = candidates.find((c) => existsSync(c));
    if (!file) continue;
    const body = readFileSync(file);
    fastify.get(path, (_request, reply: FastifyReply) =>
      reply
        .header('content-type', 'application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(body),
    );
    served.push(path);
  }
  return served;
}
