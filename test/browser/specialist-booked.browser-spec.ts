import type { Page } from 'playwright-core';
import { BookingClock } from '../../modules/scheduling/application/bookings/booking-clock';
import { RemoteClock } from '../../modules/remote-official/application/remote-clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { startJanus, type JanusTestServer } from '../support/janus-server';
import { launchBrowser, see, signIn, type BrowserSession } from './support/browser';
import { mainA11yViolations } from './main-a11y';

/**
 * The specialist console's "booked sessions today": a booking confirmed by a clerk shows up with its
 * time and session state; "join" stays disabled with the window's opening time until the join
 * window opens, then opens the session on a real Janus; after the call the row shows it ended.
 * The server's booking/remote clocks and the browser's clock are pinned to the same Monday.
 */
const SERVICE = 'VSAA-001';
const BASE = '/api/v1/remote-official';
const MINUTE = 60_000;

describe('Specialist console: booked sessions today (browser)', () => {
  let janus: JanusTestServer;
  let t: TestApp;
  let browser: BrowserSession;
  let page: Page;
  let specialist: string;
  let bookingClock: BookingClock;
  let remoteClock: RemoteClock;
  let booking: { id: string; start: string; end: string };

  beforeAll(async () => {
    janus = await startJanus({ iceEnforceList: '127.0.0.2' });
    t = await startTestApp({ JANUS_SERVERS: JSON.stringify([janus.gatewayConfig('janus-a')]) });
    bookingClock = t.app.get(BookingClock);
    remoteClock = t.app.get(RemoteClock);
    bookingClock.set(new Date('2026-11-15T12:00:00Z'));
    remoteClock.set(new Date('2026-11-15T12:00:00Z'));
    specialist = await t.token('specialist.vsaa');
    const admin = await t.token('admin');
    const centres = (await t.request('GET', `/api/v1/network/centres?hasVideoBooth=true&service=${SERVICE}&pageSize=50`)).body.items as Array<{ id: string; status: string; videoBooths: Array<{ active: boolean }> }>;
    const centreId = centres.find((c) => c.status === 'active' && c.videoBooths.some((b) => b.active))!.id;
    const clerk = await t.tokenFor('test:clerk.booked-ui', { roles: ['clerk'], centre_ids: [centreId], name: 'Booth Clerk' });
    const evijaId = (await t.request('GET', `/api/v1/scheduling/specialists?serviceCode=${SERVICE}`, { token: admin })).body.find((s: { userId: string }) => s.userId === 'demo:specialist.vsaa').id;
    const slots = await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=2026-11-16&to=2026-11-16`, { token: clerk });
    const slot = (slots.body.slots as Array<{ start: string; specialistIds: string[] }>).find((s) => s.specialistIds.includes(evijaId))!;
    const held = await t.request('POST', '/api/v1/scheduling/holds', { token: clerk, body: { serviceCode: SERVICE, centreId, start: slot.start, specialistId: evijaId } });
    expect(held.status).toBe(201);
    booking = (await t.request('POST', `/api/v1/scheduling/bookings/${held.body.id}/confirm`, { token: clerk })).body;
    expect(booking).toMatchObject({ status: 'confirmed' });
    await t.drainEvents();
    browser = await launchBrowser();
    page = await browser.page();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await janus?.dispose();
  });

  it("lists today's booked session, opens it when its join window opens, and shows it ended after the call", async () => {
    const start = new Date(booking.start).getTime();
    // 20 minutes before the start on the booking's day: the window (10 minutes before) is closed.
    const early = new Date(start - 20 * MINUTE);
    bookingClock.set(early);
    remoteClock.set(early);
    await page.clock.setFixedTime(early);
    await signIn(page, t.baseUrl, 'specialist.vsaa');
    await page.waitForURL((url) => url.pathname === '/specialist');
    await page.getByRole('heading', { level: 2, name: 'Šodienas rezervētās konsultācijas' }).waitFor({ timeout: 15_000 });
    const row = page.getByTestId('booked-today').locator(`li[data-booking-id="${booking.id}"]`);
    const time = `${fmt(booking.start)}–${fmt(booking.end)}`;
    await see.text(row, new RegExp(`${time} ${SERVICE} · Ieplānota`), 15_000);
    const join = row.getByRole('button', { name: `Pievienoties: ${SERVICE} ${time}` });
    await see.attr(join, 'disabled', '');
    await see.text(row, new RegExp(`Pievienoties varēs no ${fmt(new Date(start - 10 * MINUTE))}`));
    expect(await mainA11yViolations(page)).toEqual([]);

    // Five minutes before the start: the window is open on both clocks; join opens the session.
    const inWindow = new Date(start - 5 * MINUTE);
    bookingClock.set(inWindow);
    remoteClock.set(inWindow);
    await page.clock.setFixedTime(inWindow);
    await see.enabled(join);
    expect(await row.textContent()).not.toContain('Pievienoties varēs no');
    await join.click();
    await page.getByRole('heading', { name: `Konsultācija: ${SERVICE}` }).waitFor({ timeout: 15_000 });
    await page.locator('.video-call[data-call-state="waiting-other"], .video-call[data-call-state="connected"]').waitFor({ timeout: 20_000 });
    const [session] = (await t.request('GET', `${BASE}/booked-sessions?from=${encodeURIComponent(booking.start)}&to=${encodeURIComponent(booking.end)}`, { token: specialist })).body as Array<{
      id: string;
      bookingId: string;
      status: string;
    }>;
    expect(session).toMatchObject({ bookingId: booking.id, status: 'room_ready' });
    const [tokens] = await t.sql<{ spec: boolean }>('select specialist_token is not null as spec from remote_official.remote_session where id = $1', [session!.id]);
    expect(tokens).toEqual({ spec: true });
    expect(await mainA11yViolations(page)).toEqual([]);

    // End the call; back on the console the row shows the session ended, without a join button.
    await page.getByRole('button', { name: 'Beigt zvanu' }).click();
    await page.getByText('Konsultācija beigusies: Jautājums atrisināts.').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Aizvērt' }).click();
    await see.text(row, new RegExp(`${time} ${SERVICE} · Beigusies`), 15_000);
    await see.count(row.getByRole('button'), 0);
    expect((await t.request('GET', `${BASE}/sessions/${session!.id}`, { token: specialist })).body.status).toBe('ended');
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 180_000);
});

/** Wall-clock time in Riga as the console shows it (lv-LV, 24 h). */
function fmt(iso: string | Date): string {
  return new Intl.DateTimeFormat('lv-LV', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Riga' }).format(new Date(iso));
}
