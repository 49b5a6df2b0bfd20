import type { Page } from 'playwright-core';
import { FieldEncryption } from '@infrastructure/crypto/field-encryption';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually, launchBrowser, see, seriousA11yViolations, signIn, type BrowserSession } from './support/browser';

/**
 * The clerk console's visit notes (issue #7): typed in the current visit panel, saved on their
 * own, still there after a reload, kept and sent again across a network blink, handed over with
 * the visit to a colleague; axe stays clean.
 */
jest.setTimeout(120_000);

describe('visit notes in the clerk console (browser)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let centreId: string;
  let clerkToken: string;
  let serviceCode: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerkToken = await t.token('clerk.cesis');
    const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerkToken });
    serviceCode = state.body.queues.find((q: { prefix: string }) => q.prefix === 'A').serviceCodes[0];
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const a11y = async (page: Page, what: string): Promise<void> => {
    const violations = await seriousA11yViolations(page);
    if (violations.length > 0) console.error(what, JSON.stringify(violations, null, 2));
    expect({ page: what, violations }).toEqual({ page: what, violations: [] });
  };
  /** What the server stored (sealed at rest; opened with the notes' own key). */
  const notesOf = async (number: string): Promise<string | null> => {
    const sealed = (await t.sql<{ notes: string | null }>('select notes from scheduling.ticket where number = $1 and centre_id = $2 order by issued_at desc limit 1', [number, centreId]))[0]?.notes ?? null;
    return sealed === null ? null : new FieldEncryption(t.config.personalDataKey, 'vpvkac-is/queue-visit-notes').decrypt(sealed);
  };

  it('saves typed notes by itself, keeps them across a reload and a network blink, and hands them over with the visit', async () => {
    const clerk = await browser.page();
    await signIn(clerk, t.baseUrl, 'clerk.cesis');
    await clerk.waitForURL(/\/clerk$/);
    await see.attr(clerk.locator('.conn'), 'data-status', 'online');
    await clerk.getByRole('button', { name: 'Atvērt galdu' }).click();
    const number: string = (await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode } })).body.ticket.number;
    const callNext = clerk.getByRole('button', { name: /Izsaukt nākamo/ });
    await see.enabled(callNext);
    await callNext.click();
    const visit = clerk.locator('.visit-panel');
    await see.attr(visit, 'data-ticket', number);
    await clerk.getByRole('button', { name: /Sākt apkalpošanu/ }).click();
    await see.attr(visit, 'data-status', 'serving');

    // Type: nothing is sent per key; about a second after typing stops it is saved.
    const saves: string[] = [];
    clerk.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().endsWith('/notes')) saves.push(r.postData() ?? '');
    });
    const notes = visit.getByRole('textbox', { name: 'Piezīmes' });
    const state = visit.locator('.visit-notes-state');
    await notes.click();
    await notes.pressSequentially('Vēlas jaunu ID karti; ', { delay: 20 });
    await notes.pressSequentially('atnesa veco pasi.', { delay: 20 });
    await see.attr(state, 'data-state', 'saved', 5000);
    expect(saves.length).toBeGreaterThanOrEqual(1);
    expect(saves.length).toBeLessThanOrEqual(2); // debounced, not one request per key
    expect(JSON.parse(saves[saves.length - 1]!)).toEqual({ notes: 'Vēlas jaunu ID karti; atnesa veco pasi.' });
    await see.text(state, /Saglabāts \d\d:\d\d/);
    expect(await notesOf(number)).toBe('Vēlas jaunu ID karti; atnesa veco pasi.');
    await see.text(visit.locator('.visit-notes-meta'), /39 no 2000 rakstzīmēm/);
    await a11y(clerk, 'clerk: visit with saved notes');

    // Reload: the notes come back from the server.
    await clerk.reload();
    await see.attr(clerk.locator('.visit-panel'), 'data-ticket', number);
    await eventually('notes after reload', () => clerk.getByRole('textbox', { name: 'Piezīmes' }).inputValue(), (v) => v === 'Vēlas jaunu ID karti; atnesa veco pasi.');

    // The network blinks while typing: the text stays, the state says it is not saved, and it is sent when the connection is back.
    await browser.context.setOffline(true);
    await clerk.evaluate('for (const s of window.__vpvkacSockets) s.io.engine.close()');
    await see.attr(clerk.locator('.conn'), 'data-status', 'offline');
    const field = clerk.getByRole('textbox', { name: 'Piezīmes' });
    await field.click();
    await clerk.keyboard.press('End');
    await field.pressSequentially(' Fotoattēls der.', { delay: 20 });
    await clerk.getByRole('heading', { level: 1 }).click(); // leave the field: saves at once (and fails)
    await see.attr(clerk.locator('.visit-notes-state'), 'data-state', 'offline');
    await see.text(clerk.locator('.visit-notes-state'), /Nav saglabāts: nav savienojuma/);
    await a11y(clerk, 'clerk: notes waiting for the connection');
    expect(await field.inputValue()).toBe('Vēlas jaunu ID karti; atnesa veco pasi. Fotoattēls der.');
    expect(await notesOf(number)).toBe('Vēlas jaunu ID karti; atnesa veco pasi.');
    await browser.context.setOffline(false);
    await see.attr(clerk.locator('.conn'), 'data-status', 'online', 15_000);
    await see.attr(clerk.locator('.visit-notes-state'), 'data-state', 'saved', 10_000);
    expect(await notesOf(number)).toBe('Vēlas jaunu ID karti; atnesa veco pasi. Fotoattēls der.');

    // Parked, then resumed by a colleague at their desk: the notes come with the visit, and the colleague can change them.
    const colleague = await browser.page();
    await signIn(colleague, t.baseUrl, 'clerk.cesis2');
    await colleague.getByRole('button', { name: 'Atvērt galdu' }).click();
    await see.visible(colleague.getByRole('button', { name: /Izsaukt nākamo/ }));
    await clerk.getByRole('button', { name: /^Atlikt/ }).click();
    await clerk.getByRole('form', { name: 'Atlikt apmeklējumu' }).getByRole('button', { name: 'Atlikt', exact: true }).click();
    await see.count(clerk.locator('.visit-panel'), 0);
    await colleague.getByRole('button', { name: `Atsākt ${number}` }).click();
    const theirs = colleague.locator('.visit-panel').getByRole('textbox', { name: 'Piezīmes' });
    await eventually('notes at the colleague’s desk', () => theirs.inputValue(), (v) => v === 'Vēlas jaunu ID karti; atnesa veco pasi. Fotoattēls der.');
    await see.attr(colleague.locator('.visit-notes-state'), 'data-state', 'saved');
    await theirs.fill('Nodots kolēģei: jāpārbauda adrese.');
    await theirs.blur();
    await see.attr(colleague.locator('.visit-notes-state'), 'data-state', 'saved');
    expect(await notesOf(number)).toBe('Nodots kolēģei: jāpārbauda adrese.');

    // English texts.
    await colleague.getByRole('button', { name: 'English' }).click();
    await see.visible(colleague.getByRole('textbox', { name: 'Notes' }));
    await see.text(colleague.locator('.visit-notes-state'), /Saved at/);
    await a11y(colleague, 'clerk (English): visit with notes');
    await colleague.getByRole('button', { name: 'Latviešu' }).click();
    await clerk.close();
    await colleague.close();
  });

  it('shows the server’s refusal when the visit has ended elsewhere, keeping the text', async () => {
    const clerk = await browser.page();
    await signIn(clerk, t.baseUrl, 'clerk.cesis');
    await clerk.waitForURL(/\/clerk$/);
    const issued = (await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode } })).body.ticket as { id: string; number: string };
    const number = issued.number;
    await clerk.getByRole('button', { name: /Izsaukt nākamo/ }).click();
    const visit = clerk.locator('.visit-panel');
    await see.attr(visit, 'data-ticket', number);
    // Block the console's socket so it does not learn of the end before saving.
    await clerk.evaluate(`(() => {
      const socket = [...window.__vpvkacSockets].find((s) => s.nsp === '/queue');
      socket.off('queue:changes');
    })(); 0`);
    // By id: numbers restart each day in Riga, so near midnight an earlier test's ticket may have the same number.
    expect((await t.request('POST', `/api/v1/queue/tickets/${issued.id}/finish`, { token: clerkToken, body: { outcome: 'left_before_service' } })).status).toBe(200);
    const notes = visit.getByRole('textbox', { name: 'Piezīmes' });
    await notes.fill('Par vēlu');
    await notes.blur();
    await see.attr(visit.locator('.visit-notes-state'), 'data-state', 'error');
    await see.text(visit.locator('.visit-notes-state'), /Nav saglabāts: Talons jau ir noslēgts/);
    expect(await notes.getAttribute('aria-invalid')).toBe('true');
    expect(await notes.inputValue()).toBe('Par vēlu');
    await a11y(clerk, 'clerk: notes refused');
    await clerk.close();
  });
});
