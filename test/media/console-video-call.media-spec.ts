import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { signIn } from '../browser/support/browser';
import { mainA11yViolations } from '../browser/main-a11y';
import { startTestApp, type TestApp } from '../support/test-app';
import { janusAdminVideoRoom, startJanus, type JanusTestServer } from '../support/janus-server';
import { assertInsideMediaNamespace, CHROMIUM_ARGS, NAMESPACE_IP, pageMedia, recordPeerConnections, type PageMedia } from './support/media-browser';

/**
 * The video call through the consoles themselves, with real media: the clerk of Cēsu VPVKAC (a
 * centre with a video booth) asks VSAA for a specialist now from the booth page (/booth), the
 * specialist answers in the specialist console (/specialist), both pages join the session's
 * VideoRoom on a real Janus with the console's own janus.js code, the fake cameras' video is
 * decoded on both sides, and the specialist ends the call with an outcome.
 *
 * The console is the built one the app serves (dist/console, or CONSOLE_DIR; scripts/test-media.sh
 * builds one when neither exists). WebRTC statistics are read from every RTCPeerConnection the
 * pages create (test/media/support/media-browser.ts: recorded by an init script, no hook in the app).
 *
 * Runs only inside the private network namespace set up by `bash scripts/test-media.sh`: Janus
 * 1.1.2 never offers ICE candidates on loopback, so media flows over a veth with 127.0.0.2.
 */

const BASE = '/api/v1/remote-official';
const SERVICE = 'VSAA-002';
const NOTES = 'Iesniegums pieņemts video konsultācijā';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Video call through the consoles — booth page and specialist console with real media', () => {
  let janus: JanusTestServer;
  let t: TestApp;
  let profile: string;
  let browser: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    assertInsideMediaNamespace();
    janus = await startJanus({ interface: NAMESPACE_IP, iceEnforceList: NAMESPACE_IP, rtpPortRange: '20200-20399' });
    t = await startTestApp({ JANUS_SERVERS: JSON.stringify([janus.gatewayConfig('janus-media')]), REMOTE_RING_TIMEOUT_SECONDS: '60' });
    const index = await fetch(`${t.baseUrl}/login`);
    if (index.status !== 200 || !(index.headers.get('content-type') ?? '').startsWith('text/html')) {
      throw new Error(
        `The app serves no console (GET /login: ${index.status}). Build one: \`npm run build\` (dist/console) or ` +
          '`npx vite build apps/console --outDir <dir> --emptyOutDir` and CONSOLE_DIR=<dir>; scripts/test-media.sh builds one when neither exists.',
      );
    }
    profile = mkdtempSync(join(tmpdir(), 'vpvkac-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      // The remote <video> is not muted: let it play without a click.
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
      locale: 'lv-LV',
      timezoneId: 'Europe/Riga',
      viewport: { width: 1366, height: 768 },
    });
    browser.setDefaultTimeout(10_000);
    await recordPeerConnections(browser);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t?.close();
    await janus?.dispose();
  });

  async function openPage(name: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${name}: ${message.text()}`);
    });
    return page;
  }

  /** What went wrong so far, for failure messages. */
  const diagnostics = (): string => `page errors: ${pageErrors.join(' | ') || 'none'}\nJanus log (end):\n${janus.log().slice(-2000)}`;

  /** Polls the page's WebRTC statistics until `check` passes; fails with the last statistics seen. */
  async function mediaUntil(page: Page, side: string, what: string, check: (m: PageMedia) => boolean, timeoutMs = 20_000): Promise<PageMedia> {
    const deadline = Date.now() + timeoutMs;
    let media = await pageMedia(page);
    while (!check(media)) {
      if (Date.now() > deadline) throw new Error(`${side}: ${what} not seen within ${timeoutMs} ms. Media: ${JSON.stringify(media)}\n${diagnostics()}`);
      await sleep(250);
      media = await pageMedia(page);
    }
    return media;
  }

  /** Media keeps flowing both ways on this page: a second sample shows more of everything than the first. */
  async function expectMediaFlowing(page: Page, side: string): Promise<void> {
    const before = await mediaUntil(page, side, 'decoded video', (m) => m.inboundVideo.frames > 0);
    await sleep(1500);
    const after = await pageMedia(page);
    const moved = {
      framesDecoded: after.inboundVideo.frames - before.inboundVideo.frames,
      videoBytesReceived: after.inboundVideo.bytes - before.inboundVideo.bytes,
      audioBytesReceived: after.inboundAudio.bytes - before.inboundAudio.bytes,
      videoFramesEncoded: after.outboundVideo.frames - before.outboundVideo.frames,
      videoBytesSent: after.outboundVideo.bytes - before.outboundVideo.bytes,
      audioBytesSent: after.outboundAudio.bytes - before.outboundAudio.bytes,
    };
    const stalled = Object.entries(moved)
      .filter(([, n]) => !(n > 0))
      .map(([k]) => k);
    if (stalled.length > 0) throw new Error(`${side}: no progress in ${stalled.join(', ')} over 1.5 s. Before: ${JSON.stringify(before)}; after: ${JSON.stringify(after)}\n${diagnostics()}`);
    // A publisher and a subscriber connection, both to Janus's candidate on the namespace's veth.
    expect(after.open).toBeGreaterThanOrEqual(2);
    expect(after.inboundVideo.width).toBeGreaterThan(0);
    expect(after.remoteAddresses).toEqual([NAMESPACE_IP]);
    // The console's own remote <video> element plays the other side's picture.
    const remoteVideo = page.getByLabel('Otras puses video');
    const size = await remoteVideo.evaluate((v: any) => ({ width: v.videoWidth as number, time: v.currentTime as number }));
    expect(size.width).toBeGreaterThan(0);
    await expect(remoteVideo.evaluate((v: any, time: number) => new Promise((resolve) => setTimeout(() => resolve(v.currentTime > time), 500)), size.time)).resolves.toBe(true);
  }

  it('the booth requests a specialist, the specialist answers, both decode each other’s video, and the specialist ends the call with an outcome', async () => {
    const specialistToken = await t.token('specialist.vsaa');
    const clerkToken = await t.token('clerk.cesis');
    const centre = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0] as { id: string };
    const booths = (await t.request('GET', `/api/v1/network/centres/${centre.id}`, { token: clerkToken })).body.videoBooths as Array<{ id: string; active: boolean }>;
    const booth = booths.find((b) => b.active);
    expect(booth).toBeDefined();

    // The specialist's console is online with an empty line.
    const specialistPage = await openPage('specialist');
    await signIn(specialistPage, t.baseUrl, 'specialist.vsaa');
    await specialistPage.waitForURL((url) => url.pathname === '/specialist');
    await specialistPage.getByRole('heading', { level: 1, name: 'Speciālista konsole' }).waitFor();
    await specialistPage.locator('.conn[data-status="online"]').waitFor({ timeout: 15_000 });
    await specialistPage.getByText('Rindā neviena nav.').waitFor();

    // The clerk asks for a VSAA specialist from the centre's video booth.
    const clerkPage = await openPage('booth');
    await signIn(clerkPage, t.baseUrl, 'clerk.cesis', '/booth');
    await clerkPage.getByRole('heading', { level: 1, name: 'Video kabīne' }).waitFor();
    await clerkPage.locator(`#booth-booth option[value="${booth!.id}"]`).waitFor({ state: 'attached' });
    await clerkPage.getByLabel('Kabīne', { exact: true }).selectOption(booth!.id);
    await clerkPage.getByLabel('Iestāde').selectOption('VSAA');
    await clerkPage.locator(`#booth-service option[value="${SERVICE}"]`).waitFor({ state: 'attached' });
    await clerkPage.getByLabel('Pakalpojums').selectOption(SERVICE);
    await clerkPage.getByRole('button', { name: 'Pieprasīt speciālistu tagad' }).click();
    await clerkPage.getByRole('heading', { name: 'Gaidām speciālistu' }).waitFor();

    // The call arrives in the specialist's line live; take it and answer.
    await specialistPage.getByTestId('remote-line').getByText(SERVICE).waitFor({ timeout: 10_000 });
    const [request] = (await t.request('GET', `${BASE}/requests`, { token: specialistToken })).body as Array<{ id: string; status: string }>;
    expect(request).toMatchObject({ status: 'waiting', boothId: booth!.id });
    await specialistPage.getByRole('button', { name: 'Pieņemt nākamo zvanu' }).click();
    await specialistPage.locator('.ringing').getByRole('button', { name: 'Atbildēt' }).click();
    await specialistPage.getByRole('heading', { name: `Konsultācija: ${SERVICE}` }).waitFor({ timeout: 15_000 });
    await clerkPage.getByRole('heading', { name: `Konsultācija: ${SERVICE}` }).waitFor({ timeout: 15_000 });
    const accepted = await t.request('GET', `${BASE}/requests/${request!.id}`, { token: specialistToken });
    expect(accepted.body).toMatchObject({ status: 'accepted', boothId: booth!.id });
    const sessionId = accepted.body.sessionId as string;

    // Both consoles are connected to each other's feed and show the session in the call.
    for (const [page, side] of [
      [specialistPage, 'the specialist console'],
      [clerkPage, 'the booth page'],
    ] as const) {
      try {
        await page.locator('.video-call[data-call-state="connected"]').waitFor({ timeout: 20_000 });
        await page.locator('.session-panel[data-session-status="in_call"]').getByTestId('session-status').getByText('Sarunā').waitFor({ timeout: 15_000 });
      } catch (error) {
        const state = await page.locator('.session-panel').getAttribute('data-session-status').catch(() => '?');
        const call = await page.locator('.video-call').getAttribute('data-call-state').catch(() => '?');
        throw new Error(`${side} did not reach the call (session ${state}, call ${call}): ${(error as Error).message}\n${diagnostics()}`);
      }
    }

    // Real media both ways on both pages, from Janus on the namespace's veth.
    await expectMediaFlowing(specialistPage, 'the specialist console');
    await expectMediaFlowing(clerkPage, 'the booth page');

    // Janus and the API agree: two publishers in the room, the session in the call.
    const during = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: specialistToken });
    expect(during.body).toMatchObject({ status: 'in_call' });
    const room = (await t.sql<{ room: string }>('select room from remote_official.remote_session where id = $1', [sessionId]))[0]!.room;
    const inRoom = await janusAdminVideoRoom(janus, { request: 'listparticipants', room: Number(room) });
    expect((inRoom.participants as Array<{ publisher: boolean }>).filter((p) => p.publisher)).toHaveLength(2);
    expect(await mainA11yViolations(specialistPage)).toEqual([]);
    expect(await mainA11yViolations(clerkPage)).toEqual([]);

    // The specialist records the outcome and ends the call.
    await specialistPage.getByLabel('Rezultāts', { exact: true }).selectOption('resolved');
    await specialistPage.getByLabel('Piezīmes (redz tikai iestāde)').fill(NOTES);
    await specialistPage.getByRole('button', { name: 'Beigt zvanu' }).click();
    await specialistPage.getByText('Konsultācija beigusies: Jautājums atrisināts.').waitFor({ timeout: 15_000 });
    await clerkPage.getByTestId('session-status').getByText('Beigusies').waitFor({ timeout: 15_000 });

    // Ended in the API with the outcome; the room is gone; both pages closed their connections.
    const ended = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: specialistToken });
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'resolved', notes: NOTES });
    expect(await janusAdminVideoRoom(janus, { request: 'exists', room: Number(room) })).toMatchObject({ exists: false });
    for (const [page, side] of [
      [specialistPage, 'the specialist console'],
      [clerkPage, 'the booth page'],
    ] as const) {
      const after = await mediaUntil(page, side, 'every peer connection closed', (m) => m.open === 0, 10_000);
      expect(after.peerConnections).toBeGreaterThanOrEqual(2);
      // The console's Content-Security-Policy let janus.js reach Janus and play the media.
      expect(after.cspViolations).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
