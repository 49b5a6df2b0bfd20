import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { startJanus, type JanusTestServer } from '../support/janus-server';
import { launchBrowser, signIn, type BrowserSession } from './support/browser';
import { mainA11yViolations } from './main-a11y';

/**
 * A clerk's video booth asks VSAA for a specialist now; the specialist console sees the call
 * arrive live, takes and answers it; both browsers join the session's room on a real Janus; the
 * specialist ends it with an outcome. No media flows here (Janus gathers no ICE candidates in this
 * namespace: see ../shared/docs/janus.md) — media is covered by the namespace test; this checks
 * the consoles and the session state through the API.
 */
const BASE = '/api/v1/remote-official';

async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Specialist console and video booth (browser)', () => {
  let janus: JanusTestServer;
  let t: TestApp;
  let browser: BrowserSession;
  let clerkPage: Page;
  let specialistPage: Page;
  let specialist: string;

  beforeAll(async () => {
    // No interface matches: Janus offers no ICE candidates, so no media leaves this machine.
    janus = await startJanus({ iceEnforceList: '127.0.0.2' });
    t = await startTestApp({ JANUS_SERVERS: JSON.stringify([janus.gatewayConfig('janus-a')]), REMOTE_RING_TIMEOUT_SECONDS: '60' });
    browser = await launchBrowser();
    specialistPage = await browser.page();
    clerkPage = await browser.page();
    specialist = await t.token('specialist.vsaa');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await janus?.dispose();
  });

  it('a specialist answers an on-demand call requested from the booth and ends it with an outcome', async () => {
    // The specialist lands on the console; the line is empty and the socket is online.
    await signIn(specialistPage, t.baseUrl, 'specialist.vsaa');
    await specialistPage.waitForURL((url) => url.pathname === '/specialist');
    await specialistPage.getByRole('heading', { level: 1, name: 'Speciālista konsole' }).waitFor();
    await specialistPage.locator('.conn[data-status="online"]').waitFor({ timeout: 15_000 });
    await specialistPage.getByText('Rindā neviena nav.').waitFor();
    // The weekly calendar of the demo specialist (weekdays 09:00–16:00).
    await specialistPage.getByRole('heading', { name: /Mana pieejamība/ }).waitFor({ timeout: 15_000 });
    expect(await specialistPage.getByLabel('Pirmdiena No').first().inputValue()).toBe('09:00');
    expect(await mainA11yViolations(specialistPage)).toEqual([]);

    // The clerk asks for a VSAA specialist from the booth view.
    await signIn(clerkPage, t.baseUrl, 'clerk.cesis', '/booth');
    await clerkPage.getByRole('heading', { level: 1, name: 'Video kabīne' }).waitFor();
    await clerkPage.getByLabel('Iestāde').selectOption('VSAA');
    await clerkPage.locator('#booth-service option[value="VSAA-002"]').waitFor({ state: 'attached' });
    await clerkPage.getByLabel('Pakalpojums').selectOption('VSAA-002');
    await clerkPage.getByLabel('Piezīme speciālistam (bez personas datiem)').fill('Jautājums par bērna kopšanas pabalstu');
    expect(await mainA11yViolations(clerkPage)).toEqual([]);
    await clerkPage.getByRole('button', { name: 'Pieprasīt speciālistu tagad' }).click();
    await clerkPage.getByRole('heading', { name: 'Gaidām speciālistu' }).waitFor();
    await clerkPage.getByText('Vieta rindā: 1').waitFor({ timeout: 10_000 });

    // The call arrives in the specialist's line live (socket push, no reload).
    const line = specialistPage.getByTestId('remote-line');
    await line.getByText('VSAA-002').waitFor({ timeout: 10_000 });
    await line.getByText('Jautājums par bērna kopšanas pabalstu').waitFor();
    const [request] = (await t.request('GET', `${BASE}/requests`, { token: specialist })).body as Array<{ id: string; status: string }>;
    expect(request!.status).toBe('waiting');

    // Take the next call: it rings; answer it.
    await specialistPage.getByRole('button', { name: 'Pieņemt nākamo zvanu' }).click();
    const ringing = specialistPage.locator('.ringing');
    await ringing.getByText('Zvana: VSAA-002').waitFor();
    await ringing.getByRole('button', { name: 'Atbildēt' }).click();
    await specialistPage.getByRole('heading', { name: 'Konsultācija: VSAA-002' }).waitFor({ timeout: 15_000 });

    // The booth follows the request to its session and joins the room too.
    await clerkPage.getByRole('heading', { name: 'Konsultācija: VSAA-002' }).waitFor({ timeout: 15_000 });
    const accepted = await t.request('GET', `${BASE}/requests/${request!.id}`, { token: specialist });
    expect(accepted.body.status).toBe('accepted');
    const sessionId = accepted.body.sessionId as string;
    // Both sides hold a Janus token: the session has started (in_call once media is up).
    await until(async () => ['participants_joined', 'in_call'].includes((await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: specialist })).body.status));
    const [tokens] = await t.sql<{ booth: boolean; spec: boolean; started: boolean }>(
      'select booth_token is not null as booth, specialist_token is not null as spec, started_at is not null as started from remote_official.remote_session where id = $1',
      [sessionId],
    );
    expect(tokens).toEqual({ booth: true, spec: true, started: true });
    // janus.js loaded from /vendor and reached the room: both pages show the call UI.
    await specialistPage.locator('.video-call').waitFor();
    await clerkPage.locator('.video-call').waitFor();
    // janus.js (served at /vendor/janus.js) joined the VideoRoom with the session's token and PIN on both sides.
    await specialistPage.locator('.video-call[data-call-state="waiting-other"], .video-call[data-call-state="connected"]').waitFor({ timeout: 20_000 });
    await clerkPage.locator('.video-call[data-call-state="waiting-other"], .video-call[data-call-state="connected"]').waitFor({ timeout: 20_000 });
    const inRoom = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: specialist });
    expect(inRoom.body.participants.length).toBe(2);
    await specialistPage.getByRole('button', { name: 'Izslēgt mikrofonu' }).waitFor();
    expect(await mainA11yViolations(specialistPage)).toEqual([]);
    expect(await mainA11yViolations(clerkPage)).toEqual([]);

    // The specialist ends the call with an outcome and notes.
    await specialistPage.getByLabel('Rezultāts', { exact: true }).selectOption('follow_up');
    await specialistPage.getByLabel('Piezīmes (redz tikai iestāde)').fill('Nosūtīt iesnieguma veidlapu');
    await specialistPage.getByRole('button', { name: 'Beigt zvanu' }).click();
    await specialistPage.getByText('Konsultācija beigusies: Nepieciešama turpmāka rīcība.').waitFor({ timeout: 15_000 });
    const ended = await t.request('GET', `${BASE}/sessions/${sessionId}`, { token: specialist });
    expect(ended.body).toMatchObject({ status: 'ended', outcome: 'follow_up', notes: 'Nosūtīt iesnieguma veidlapu' });
    // The booth sees the end as well.
    await clerkPage.getByTestId('session-status').getByText('Beigusies').waitFor({ timeout: 15_000 });
  }, 180_000);
});
