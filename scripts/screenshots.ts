// `npm run screenshots`: starts the app on a fresh test database (the e2e tests' seeded template),
// puts a little life into the Cēsis queue, and saves a Latvian screenshot of each console page to
// docs/screenshots/ (laptop 1366×768, TV 1920×1080, kiosk and tracker phone-sized).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import globalSetup from '../test/support/global-setup';
import globalTeardown from '../test/support/global-teardown';
import { startTestApp } from '../test/support/test-app';
import { launchBrowser, signIn } from '../test/browser/support/browser';

const OUT = join(__dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await globalSetup();
  const t = await startTestApp();
  const browser = await launchBrowser();
  const shot = async (page: Page, name: string): Promise<void> => {
    await page.emulateMedia({ reducedMotion: 'reduce' }); // no flashing mid-animation
    await page.evaluate('document.fonts.ready');
    await new Promise((r) => setTimeout(r, 400)); // let transitions settle
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };
  try {
    const centreId: string = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    const clerk = await t.token('clerk.cesis');
    const clerk2 = await t.token('clerk.cesis2');
    const state = (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body;
    const settings = await t.request('PUT', `/api/v1/queue/centres/${centreId}/settings`, { token: clerk, body: { recallDelaySeconds: 30, maxCalls: 3, undoWindowSeconds: 30, notifyAtPosition: 3, message: 'Laipni lūdzam! Lūdzu, sagatavojiet personu apliecinošu dokumentu.' } });
    if (settings.status !== 200) throw new Error(`settings: ${settings.status} ${settings.text}`);
    const display = (await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'display', name: 'Zāle' } })).body.token;
    const kiosk = (await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'kiosk', name: 'Ieeja' } })).body.token;
    const issue = (queueIndex: number, priority = 0) =>
      t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerk, body: { queueId: state.queues[queueIndex % state.queues.length].id, priority } });
    for (const [q, p] of [[0, 0], [1, 0], [0, 1], [2, 0], [1, 0], [0, 0], [2, 0], [0, 2]] as const) await issue(q, p);
    // The second clerk serves someone at desk 2, so the board and the lists show a call.
    const desk2 = state.desks[1];
    await t.request('POST', `/api/v1/queue/desks/${desk2.id}/open`, { token: clerk2, body: {} });
    const called = (await t.request('POST', `/api/v1/queue/desks/${desk2.id}/call-next`, { token: clerk2 })).body;
    await t.request('POST', `/api/v1/queue/tickets/${called.id}/start`, { token: clerk2 });

    const login = await browser.page();
    await login.goto(`${t.baseUrl}/login`);
    await login.locator('input[name="user"]').first().waitFor({ timeout: 30_000 });
    await shot(login, 'login');

    const console1 = await browser.page();
    await signIn(console1, t.baseUrl, 'clerk.cesis');
    await console1.getByRole('button', { name: 'Atvērt galdu' }).click();
    await console1.getByRole('button', { name: /Izsaukt nākamo/ }).click();
    await console1.getByRole('button', { name: /Sākt apkalpošanu/ }).click();
    await console1.locator('.visit-panel[data-status="serving"]').waitFor();
    await console1.locator('.visit-timeline summary').click();
    await console1.locator('.timeline-table').waitFor();
    await shot(console1, 'clerk-console');

    const board = await browser.page({ width: 1920, height: 1080 });
    await board.goto(`${t.baseUrl}/display#token=${display}`);
    await board.locator('.call-latest').waitFor();
    await issue(1);
    await t.request('POST', `/api/v1/queue/tickets/${called.id}/finish`, { token: clerk2, body: { outcome: 'served' } });
    await t.request('POST', `/api/v1/queue/desks/${desk2.id}/call-next`, { token: clerk2 });
    await board.locator('.call-latest.highlight').waitFor();
    await shot(board, 'display-board');

    // The counter display above desk 2 (a display registered with that desk).
    const counterToken = (await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerk, body: { kind: 'display', name: 'Galds 2', deskId: desk2.id } })).body.token;
    const counter = await browser.page({ width: 1280, height: 720 });
    await counter.goto(`${t.baseUrl}/display#token=${counterToken}`);
    await counter.locator('.counter-ticket').waitFor();
    await shot(counter, 'counter-display');

    const phone = { width: 412, height: 915 };
    const kioskPage = await browser.page(phone);
    await kioskPage.goto(`${t.baseUrl}/kiosk/${centreId}#token=${kiosk}`);
    await kioskPage.locator('.kiosk-service').first().waitFor();
    await shot(kioskPage, 'kiosk');
    // The ticket of a visitor who chose priority service (level 1): the ticket shows it.
    await kioskPage.getByRole('radio', { name: 'Prioritāte', exact: true }).check();
    await kioskPage.locator('.kiosk-service').first().click();
    await kioskPage.locator('.ticket-qr').waitFor();
    await shot(kioskPage, 'kiosk-ticket');

    const number = await kioskPage.locator('.ticket-number-big').textContent();
    const [{ tracking_token: token }] = await t.sql<{ tracking_token: string }>('select tracking_token from scheduling.ticket where number = $1 and centre_id = $2', [number, centreId]);
    const tracker = await browser.page({ width: 390, height: 844 });
    await tracker.goto(`${t.baseUrl}/track/${token}`);
    await tracker.locator('.track-card').waitFor();
    await shot(tracker, 'tracker');

    // Part B's pages, when present (each on its own: one failing page does not stop the rest).
    for (const [user, path, name, ready] of [
      ['clerk.cesis', '/intake', 'intake', 'h1'],
      ['clerk.cesis', '/booth', 'video-booth', 'h1'],
      ['clerk.cesis', '/bookings', 'bookings', 'h1'],
      ['specialist.vsaa', '/specialist', 'specialist-console', 'h1'],
      ['admin', '/admin', 'admin-dashboard', 'h1'],
    ] as const) {
      try {
        const page = await browser.page();
        await signIn(page, t.baseUrl, user, path);
        await page.locator(ready).first().waitFor();
        await new Promise((r) => setTimeout(r, 1500));
        await shot(page, name);
        await page.close();
      } catch (e) {
        console.warn(`${name}: no screenshot (${String(e).split('\n')[0]})`);
      }
    }
  } finally {
    await browser.close();
    await t.close();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
