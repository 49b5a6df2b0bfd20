import { startTestApp, type TestApp } from '../support/test-app';

/** The web consoles are served at `/` without getting in the way of the API, docs, health and metrics. */
describe('console static files (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves index.html for console routes, publicly, with a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/login', '/clerk', '/display', '/track/abcdefghijklmnopqrstuvwxyz']) {
      const res = await t.request('GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves the hashed assets the page refers to, and 404 problem+json for missing ones', async () => {
    const html = (await t.request('GET', '/')).text;
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const res = await t.request('GET', script);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    const missing = await t.request('GET', '/assets/no-such-chunk.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('leaves the API, docs, health and metrics alone: unknown API paths stay 404 problem+json', async () => {
    const api = await t.request('GET', '/api/v1/no-such-endpoint');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(api.text).not.toContain('<div id="root">');
    expect((await t.request('GET', '/api/v1/network/centres?pageSize=1')).status).toBe(200);
    expect((await t.request('GET', '/health/live')).status).toBe(200);
    expect((await t.request('GET', '/docs')).text).not.toContain('<div id="root">');
    expect((await t.request('GET', '/metrics')).text).toContain('# HELP');
    // The guard still protects the data behind the pages.
    expect((await t.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });
});
