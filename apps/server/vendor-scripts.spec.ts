import Fastify from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mountVendorScripts } from './vendor-scripts';

describe('mountVendorScripts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vendor-scripts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the scripts that exist (first candidate found) and nothing for the missing ones', async () => {
    const janus = join(dir, 'janus.js');
    writeFileSync(janus, 'var Janus = {};');
    const fastify = Fastify();
    const app = { getHttpAdapter: () => ({ getInstance: () => fastify }) } as unknown as NestFastifyApplication;

    const served = mountVendorScripts(app, {
      '/vendor/janus.js': [join(dir, 'absent.js'), janus],
      '/vendor/adapter.js': [join(dir, 'adapter.js')],
    });

    expect(served).toEqual(['/vendor/janus.js']);
    const ok = await fastify.inject({ method: 'GET', url: '/vendor/janus.js' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.body).toBe('var Janus = {};');
    expect((await fastify.inject({ method: 'GET', url: '/vendor/adapter.js' })).statusCode).toBe(404);
    await fastify.close();
  });
});
