import type { Page } from 'playwright-core';
import { BookingClock } from '../../modules/scheduling/application/bookings/booking-clock';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually, launchBrowser, see, signIn, type BrowserSession } from './support/browser';
import { mainA11yViolations } from './main-a11y';

/**
 * The clerk's video-consultation booking page (/bookings): a demo clerk of Cēsu VPVKAC (one video
 * booth) finds free VSAA-001 slots for the next 7 days, books one with a chosen specialist and sees
 * the confirmation (checked through the API); a time taken meanwhile by someone else gets
 * 409 BOOKING.SLOT_TAKEN and the page offers the next free times, one of which is then booked; a
 * booking is cancelled with a reason. The server's booking clock and the browser's clock are
 * pinned to the same Sunday, so "the next 7 days" is deterministic.
 */
const SERVICE = 'VSAA-001';
const NOW = new Date('2026-11-15T12:00:00Z'); // Sunday, 14:00 in Riga

interface Slot {
  start: string;
  end: string;
  specialistIds: string[];
  boothIds: string[];
}

describe('Clerk console: booking a video consultation (browser)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let page: Page;
  let clerk: string;
  let centreId: string;
  let boothName: string;
  let evijaId: string;

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(BookingClock).set(NOW);
    clerk = await t.token('clerk.cesis');
    const me = (await t.request('GET', '/api/v1/auth/me', { token: clerk })).body as { centreIds: string[] };
    centreId = me.centreIds[0]!;
    const centre = (await t.request('GET', `/api/v1/network/centres/${centreId}`)).body as { videoBooths: Array<{ name: string; active: boolean }> };
    const booths = centre.videoBooths.filter((b) => b.active);
    expect(booths).toHaveLength(1); // one booth: two bookings at one time cannot both fit
    boothName = booths[0]!.name;
    const specialists = (await t.request('GET', `/api/v1/scheduling/specialists?serviceCode=${SERVICE}`, { token: clerk })).body as Array<{ id: string; userId: string }>;
    evijaId = specialists.find((s) => s.userId === 'demo:specialist.vsaa')!.id;
    browser = await launchBrowser();
    page = await browser.page();
    await page.clock.setFixedTime(NOW);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const focusedId = (): Promise<string> => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');

  it('finds free slots, books one with a chosen specialist and shows a printable confirmation', async () => {
    await signIn(page, t.baseUrl, 'clerk.cesis', '/bookings');
    await page.waitForURL((url) => url.pathname === '/bookings');
    await see.visible(page.getByRole('navigation').getByRole('link', { name: 'Video pieraksts' }));
    await page.getByRole('heading', { level: 1, name: 'Video konsultāciju pieraksts' }).waitFor();
    // Default period: today and the next 6 days (Riga).
    await see.attr(page.getByLabel('No datuma'), 'value', '2026-11-15');
    expect(await page.getByLabel('Līdz datumam (ieskaitot)').inputValue()).toBe('2026-11-21');
    await page.getByLabel('Pakalpojums').selectOption(SERVICE);
    expect(await mainA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Meklēt brīvos laikus' }).click();
    await page.getByRole('heading', { level: 2, name: 'Brīvie laiki' }).waitFor();
    await eventually('focus on the result', focusedId, (id) => id === 'bk-slots-title');
    const api = (await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=2026-11-15&to=2026-11-21`, { token: clerk })).body as { slots: Slot[] };
    expect(api.slots.length).toBeGreaterThan(1);
    await see.text(page.getByRole('status').filter({ hasText: 'Atrasti brīvie laiki' }), `Atrasti brīvie laiki: ${api.slots.length}`);
    await see.count(page.locator('.slot-btn'), api.slots.length);
    // Grouped by day: Monday's heading, and the first slot's button says how many specialists are free.
    await see.visible(page.getByRole('heading', { level: 3, name: /pirmdiena, 16\. novembris/i }));
    const slot = api.slots.find((s) => s.specialistIds.includes(evijaId))!;
    const button = page.locator(`.slot-btn[data-start="${slot.start}"]`);
    const free = slot.specialistIds.length === 1 ? '1 speciālists brīvs' : `${slot.specialistIds.length} speciālisti brīvi`;
    // The day (visually hidden), the time and the free specialists make the button's accessible name.
    expect(await page.getByRole('button', { name: new RegExp(`^${day(slot.start)}\\s*${fmt(slot.start)}\\s*,\\s*${free}$`) }).count()).toBe(1);
    await see.text(button, new RegExp(`${fmt(slot.start)}.*${free}`));
    expect(await mainA11yViolations(page)).toEqual([]);

    await button.click();
    await page.getByRole('heading', { level: 2, name: /^Pieraksts uz / }).waitFor();
    await eventually('focus on the form', focusedId, (id) => id === 'bk-form-title');
    await page.getByLabel('Speciālists').selectOption({ label: 'Evija Speciāliste' });
    await page.getByLabel('Apmeklētāja vārds, uzvārds (nav obligāts)').fill('Jānis Bērziņš');
    // A full personal code is refused by the server, shown at the field.
    await page.getByLabel('Personas kods, maskēts (nav obligāts)').fill('010190-12345');
    await page.getByRole('button', { name: 'Rezervēt' }).click();
    await see.visible(page.locator('#bk-code-error'));
    expect(await page.getByLabel('Personas kods, maskēts (nav obligāts)').getAttribute('aria-invalid')).toBe('true');
    expect(await mainA11yViolations(page)).toEqual([]);
    await page.getByLabel('Personas kods, maskēts (nav obligāts)').fill('010190-*****');
    await page.getByRole('button', { name: 'Rezervēt' }).click();

    const summary = page.locator('.booking-summary');
    await page.getByRole('heading', { level: 2, name: 'Pieraksts apstiprināts' }).waitFor();
    await eventually('focus on the confirmation', focusedId, (id) => id === 'bk-confirmed-title');
    const text = (await summary.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`${day(slot.start)} ${fmt(slot.start)}–${fmt(slot.end)}`);
    expect(text).toContain('Evija Speciāliste');
    expect(text).toContain(boothName);
    expect(text).toContain('Jānis Bērziņš, 010190-*****');
    expect(text).toContain('Apstiprināts');
    expect(await mainA11yViolations(page)).toEqual([]);

    // The print stylesheet keeps only the summary.
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.shell-header').evaluate(visibility)).toBe('hidden');
      expect(await summary.evaluate(visibility)).toBe('visible');
      expect(await page.getByRole('button', { name: 'Drukāt' }).isVisible()).toBe(false);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    await see.visible(page.getByRole('button', { name: 'Drukāt' }));

    const bookingId = (await summary.getAttribute('data-booking-id'))!;
    const booking = await t.request('GET', `/api/v1/scheduling/bookings/${bookingId}`, { token: clerk });
    expect(booking.body).toMatchObject({ status: 'confirmed', centreId, serviceCode: SERVICE, specialistId: evijaId, start: slot.start, citizen: { name: 'Jānis Bērziņš', maskedCode: '010190-*****' } });

    // The centre's upcoming bookings for the service list it.
    await see.visible(page.getByTestId('upcoming-bookings').locator(`li[data-booking-id="${bookingId}"]`), 10_000);
  }, 120_000);

  it('offers the next free times when the picked time was taken meanwhile (409), and books one of them', async () => {
    await page.getByRole('button', { name: 'Jauns pieraksts' }).click();
    await page.getByRole('heading', { level: 2, name: 'Brīvie laiki' }).waitFor();
    const api = (await t.request('GET', `/api/v1/scheduling/slots?serviceCode=${SERVICE}&centreId=${centreId}&from=2026-11-15&to=2026-11-21`, { token: clerk })).body as { slots: Slot[] };
    await see.count(page.locator('.slot-btn'), api.slots.length);
    const slot = api.slots[0]!;
    // Someone else books that time (the centre's only booth) after the page listed it.
    const held = await t.request('POST', '/api/v1/scheduling/holds', { token: clerk, body: { serviceCode: SERVICE, centreId, start: slot.start, specialistId: 'any' } });
    expect(held.status).toBe(201);
    expect((await t.request('POST', `/api/v1/scheduling/bookings/${held.body.id}/confirm`, { token: clerk })).body).toMatchObject({ status: 'confirmed' });

    await page.locator(`.slot-btn[data-start="${slot.start}"]`).click();
    await page.getByRole('heading', { level: 2, name: /^Pieraksts uz / }).waitFor();
    await page.getByRole('button', { name: 'Rezervēt' }).click();
    await page.getByRole('heading', { level: 2, name: 'Laiks aizņemts' }).waitFor();
    await eventually('focus on the clash', () => page.evaluate<boolean>('!!document.activeElement && document.activeElement.classList.contains("taken")'), (v) => v);
    await see.text(page.locator('.taken [role=alert]'), 'Šis laiks jau ir aizņemts. Izvēlieties kādu no nākamajiem brīvajiem laikiem.');
    // The same next free times the API gives for this clash.
    const again = await t.request('POST', '/api/v1/scheduling/holds', { token: clerk, body: { serviceCode: SERVICE, centreId, start: slot.start, specialistId: 'any' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('BOOKING.SLOT_TAKEN');
    const next = again.body.nextFreeSlots as Slot[];
    expect(next.length).toBeGreaterThan(0);
    const offered = await page.locator('.taken .slot-btn').evaluateAll((els) => els.map((e) => e.getAttribute('data-start')));
    expect(offered).toEqual(next.map((s) => s.start));
    expect(offered).not.toContain(slot.start);
    expect(await mainA11yViolations(page)).toEqual([]);

    await page.locator(`.taken .slot-btn[data-start="${next[0]!.start}"]`).click();
    await page.getByRole('button', { name: 'Rezervēt' }).click();
    await page.getByRole('heading', { level: 2, name: 'Pieraksts apstiprināts' }).waitFor();
    const bookingId = (await page.locator('.booking-summary').getAttribute('data-booking-id'))!;
    expect((await t.request('GET', `/api/v1/scheduling/bookings/${bookingId}`, { token: clerk })).body).toMatchObject({ status: 'confirmed', centreId, start: next[0]!.start });

    // Cancel it with a reason.
    await page.locator('.booking-summary').getByRole('button', { name: /^Atcelt pierakstu/ }).click();
    await page.getByLabel('Atcelšanas iemesls').fill('Apmeklētājs pārdomāja');
    expect(await mainA11yViolations(page)).toEqual([]);
    await page.locator('.booking-summary').getByRole('button', { name: 'Apstiprināt atcelšanu' }).click();
    await page.getByRole('heading', { level: 2, name: 'Atcelts' }).waitFor();
    await eventually('focus on the cancelled booking', focusedId, (id) => id === 'bk-confirmed-title');
    expect((await t.request('GET', `/api/v1/scheduling/bookings/${bookingId}`, { token: clerk })).body).toMatchObject({ status: 'cancelled', cancelReason: 'Apmeklētājs pārdomāja' });
    expect(await mainA11yViolations(page)).toEqual([]);

    // The upcoming list: the cancelled one is gone; the first booking is cancelled from the list.
    const upcoming = page.getByTestId('upcoming-bookings');
    await see.count(upcoming.locator(`li[data-booking-id="${bookingId}"]`), 0);
    await see.count(upcoming.locator('li'), 2); // the first test's booking and the one made through the API
    const first = upcoming.locator('li').first();
    const firstId = (await first.getAttribute('data-booking-id'))!;
    await first.getByRole('button', { name: /^Atcelt pierakstu: / }).click();
    await first.getByLabel('Atcelšanas iemesls').fill('Speciālists slims');
    await first.getByLabel('Iemesla veids').selectOption('specialist_unavailable');
    await first.getByRole('button', { name: 'Apstiprināt atcelšanu' }).click();
    await see.count(upcoming.locator('li'), 1);
    await eventually('focus on the upcoming list', focusedId, (id) => id === 'bk-upcoming-title');
    expect((await t.request('GET', `/api/v1/scheduling/bookings/${firstId}`, { token: clerk })).body).toMatchObject({ status: 'cancelled', cancelReason: 'Speciālists slims' });
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('speaks English on request', async () => {
    await page.goto(`${t.baseUrl}/bookings?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Video consultation bookings' }).waitFor();
    await see.visible(page.getByRole('navigation').getByRole('link', { name: 'Video bookings' }));
    await page.getByLabel('Service').selectOption(SERVICE);
    await page.getByRole('button', { name: 'Find free times' }).click();
    await page.getByRole('heading', { level: 2, name: 'Free times', exact: true }).waitFor();
    await see.visible(page.getByRole('heading', { level: 3, name: /Monday(,)? 16 November/ }));
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 60_000);
});

/** The computed visibility of an element (serialized into the browser; the test project has no DOM types). */
const visibility = (el: unknown): string => (globalThis as unknown as { getComputedStyle(e: unknown): { visibility: string } }).getComputedStyle(el).visibility;

/** Wall-clock time in Riga as the console shows it (lv-LV, 24 h). */
function fmt(iso: string): string {
  return new Intl.DateTimeFormat('lv-LV', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Riga' }).format(new Date(iso));
}
function day(iso: string): string {
  return new Intl.DateTimeFormat('lv-LV', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Riga' }).format(new Date(iso));
}
