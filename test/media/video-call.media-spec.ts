import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { JanusHttpParticipant, janusAdminVideoRoom, startJanus, type JanusTestServer } from '../support/janus-server';
import { assertInsideMediaNamespace, CHROMIUM_ARGS, NAMESPACE_IP } from './support/media-browser';

/**
 * The end-to-end video call: a real Janus, the app, and two headless Chromium pages (the clerk's
 * booth and the specialist's console) that join the session with the tokens and pin our API issued.
 * The booth's fake camera must reach the specialist's page as decoded video frames (and back).
 *
 * Runs only inside the private network namespace set up by `bash scripts/test-media.sh`: Janus
 * 1.1.2 never offers ICE candidates on loopback, so media flows over a veth with 127.0.0.2.
 */

const BASE = '/api/v1/remote-official';
const UNAUTHORIZED = { code: 403, reason: 'Unauthorized request (wrong or missing secret/token)' };
const FIXTURES = join(__dirname, 'fixtures');
const FILES: Record<string, { path: string; type: string }> = {
  '/': { path: join(FIXTURES, 'call.html'), type: 'text/html; charset=utf-8' },
  '/call.js': { path: join(FIXTURES, 'call.js'), type: 'text/javascript; charset=utf-8' },
  '/janus.js': { path: '/usr/share/javascript/janus-gateway/janus.js', type: 'text/javascript; charset=utf-8' },
  '/adapter.js': { path: '/usr/share/javascript/webrtc-adapter/adapter.js', type: 'text/javascript; charset=utf-8' },
};

interface JoinAnswer {
  janusUrl: string;
  token: string;
  room: number;
  pin: string;
}
interface InboundVideo {
  framesDecoded: number;
  packetsReceived: number;
  frameWidth: number;
  remoteAddress: string | null;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls window.call[method](arg) in the page (test/media/fixtures/call.js). */
const inPage = <T>(page: Page, method: string, arg?: unknown): Promise<T> =>
  page.evaluate(([m, a]) => (globalThis as any).call[m as string](a), [method, arg] as const) as Promise<T>;

/** Polls the page's inbound video until frames were decoded (or the time is up); the last stats. */
async function decodedVideo(page: Page, timeoutMs = 20_000): Promise<InboundVideo | null> {
  const deadline = Date.now() + timeoutMs;
  let stats: InboundVideo | null = null;
  while (Date.now() < deadline) {
    stats = await inPage<InboundVideo | null>(page, 'inboundVideo');
    if (stats && stats.framesDecoded > 0) return stats;
    await sleep(250);
  }
  return stats;
}

/** The tiny static server for the call page, janus.js and adapter.js (a secure context: 127.0.0.1). */
async function serveCallPage(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = FILES[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(readFileSync(file.path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` };
}

describe('Video call through Janus — real media between two Chromium pages', () => {
  let janus: JanusTestServer;
  let t: TestApp;
  let web: { server: Server; url: string };
  let profile: string;
  let browser: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    assertInsideMediaNamespace();
    janus = await startJanus({ interface: NAMESPACE_IP, iceEnforceList: NAMESPACE_IP, rtpPortRange: '20000-20199' });
    t = await startTestApp({ JANUS_SERVERS: JSON.stringify([janus.gatewayConfig('janus-media')]) });
    web = await serveCallPage();
    profile = mkdtempSync(join(tmpdir(), 'vpvkac-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (web) await new Promise((resolve) => web.server.close(resolve));
    await t?.close();
    await janus?.dispose();
  });

  async function openCallPage(name: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${name}: ${message.text()}`);
    });
    await page.goto(web.url);
    return page;
  }

  /** The page's inbound video once frames were decoded; fails with what the page saw otherwise. */
  async function videoDecodedBy(page: Page, side: string): Promise<InboundVideo> {
    const stats = await decodedVideo(page);
    if (stats && stats.framesDecoded > 0) return stats;
    const events = await page.evaluate(() => (globalThis as any).call.events.join(', ') as string);
    throw new Error(`${side} decoded no video within 20 s. Inbound video: ${JSON.stringify(stats)}; VideoRoom events: ${events}; page errors: ${pageErrors.join(' | ') || 'none'}`);
  }

  it('booth and specialist join with the API-issued tokens; the specialist decodes the booth video; ending closes the room', async () => {
    const clerk = await t.token('clerk.cesis');
    const specialist = await t.token('specialist.vsaa');
    const centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id as string;

    // The clerk asks for a VSAA specialist now; the specialist takes the request; both join.
    const requested = await t.request('POST', `${BASE}/requests`, { token: clerk, body: { institutionCode: 'VSAA', serviceCode: 'VSAA-002', centreId, boothId: 'booth-1' } });
    expect(requested.status).toBe(201);
    const accepted = await t.request('POST', `${BASE}/requests/${requested.body.id}/accept`, { token: specialist });
    expect(accepted.status).toBe(201);
    const sessionId = accepted.body.id as string;
    const boothJoin = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk });
    const specialistJoin = await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: specialist });
    expect([boothJoin.status, specialistJoin.status]).toEqual([200, 200]);
    const booth = boothJoin.body as JoinAnswer;
    const specialistAccess = specialistJoin.body as JoinAnswer;
    expect(booth.janusUrl).toBe(janus.wsUrl);
    expect(specialistAccess.room).toBe(booth.room);

    // Each page joins with exactly what the API returned, publishes its fake camera and watches the other side.
    const [boothPage, specialistPage] = await Promise.all([openCallPage('booth'), openCallPage('specialist')]);
    try {
      await Promise.all([
        inPage(boothPage, 'join', { ...booth, display: 'booth', watch: 'specialist' }),
        inPage(specialistPage, 'join', { ...specialistAccess, display: 'specialist', watch: 'booth' }),
      ]);
    } catch (error) {
      throw new Error(`joining the call failed: ${(error as Error).message}\npage errors: ${pageErrors.join('\n')}\nJanus log:\n${janus.log().slice(-3000)}`);
    }

    // The specialist's page decodes the booth's video, which came from Janus on the namespace's veth.
    const atSpecialist = await videoDecodedBy(specialistPage, 'the specialist');
    expect(atSpecialist.framesDecoded).toBeGreaterThan(0);
    expect(atSpecialist.frameWidth).toBeGreaterThan(0);
    expect(atSpecialist.remoteAddress).toBe(NAMESPACE_IP);
    const atBooth = await videoDecodedBy(boothPage, 'the booth');
    expect(atBooth.framesDecoded).toBeGreaterThan(0);

    // Janus and our API both see two publishers sending media: the session is in the call.
    const inRoom = await janusAdminVideoRoom(janus, { request: 'listparticipants', room: booth.room });
    expect(inRoom.participants).toEqual(
      expect.arrayContaining([expect.objectContaining({ display: 'booth', publisher: true }), expect.objectContaining({ display: 'specialist', publisher: true })]),
    );
    const during = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: specialist });
    expect(during.status).toBe(200);
    expect(during.body.status).toBe('in_call');

    // Ending destroys the room (the pages are told) and revokes both tokens.
    const ended = await t.request('POST', `${BASE}/sessions/${sessionId}/end`, { token: specialist, body: { outcome: 'resolved' } });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'resolved', durationSeconds: expect.any(Number) });
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: booth.room })).toMatchObject({ exists: false });
    for (const page of [boothPage, specialistPage]) {
      await expect(page.waitForFunction(() => (globalThis as any).call.roomDestroyed === true, undefined, { timeout: 5000 })).resolves.toBeTruthy();
    }
    for (const token of [booth.token, specialistAccess.token]) {
      expect(await new JanusHttpParticipant(janus.httpUrl, token).createSession()).toMatchObject({ janus: 'error', error: UNAUTHORIZED });
    }
    expect((await t.request('POST', `${BASE}/sessions/${sessionId}/join`, { token: clerk })).status).toBe(409);
  }, 90_000);
});
