import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually, launchBrowser, see, seriousA11yViolations, signIn, type BrowserSession } from './support/browser';

/**
 * The walk-in queue's web consoles in Debian's Chromium against the real app and PostgreSQL:
 * kiosk → display board → clerk console → tracker, two clerks live, reconnect, accessibility.
 */
jest.setTimeout(120_000);

describe('queue consoles (browser)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let centreId: string;
  let clerkToken: string;
  let queues: Array<{ id: string; prefix: string; serviceCodes: string[] }>;
  let displayToken: string;
  let kioskToken: string;
  let serviceA: { code: string; nameLv: string };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerkToken = await t.token('clerk.cesis');
    const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerkToken });
    queues = state.body.queues;
    await t.request('PUT', `/api/v1/queue/centres/${centreId}/settings`, { token: clerkToken, body: { recallDelaySeconds: 0, undoWindowSeconds: 60, message: 'Laipni lūdzam!' } });
    displayToken = (await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerkToken, body: { kind: 'display', name: 'Zāle' } })).body.token;
    kioskToken = (await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerkToken, body: { kind: 'kiosk', name: 'Ieeja' } })).body.token;
    const code = queues.find((q) => q.prefix === 'A')!.serviceCodes[0]!;
    serviceA = (await t.request('GET', `/api/v1/network/services/${code}`)).body;
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
  const ticketRow = (page: Page, number: string) => page.locator(`.ticket-row[data-ticket="${number}"]`);

  it('runs a clerk day: kiosk ticket → display board shows the call within 1 s → serve → transfer → finish; tracker follows', async () => {
    // Kiosk (phone-sized touch screen): one touch on a service gives a ticket with a QR code.
    const kiosk = await browser.page({ width: 412, height: 915 });
    await kiosk.goto(`${t.baseUrl}/kiosk/${centreId}#token=${kioskToken}`);
    await kiosk.getByRole('button', { name: serviceA.nameLv, exact: true }).click();
    await see.text(kiosk.locator('.ticket-number-big'), 'A001');
    await see.visible(kiosk.getByRole('img', { name: /QR kods/ }));
    expect(await kiosk.locator('.ticket-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const [{ tracking_token: trackingToken }] = await t.sql<{ tracking_token: string }>("select tracking_token from scheduling.ticket where number = 'A001' order by issued_at desc limit 1");

    // Tracker on a phone: waiting, nobody ahead.
    const tracker = await browser.page({ width: 390, height: 844 });
    await tracker.goto(`${t.baseUrl}/track/${trackingToken}`);
    await see.text(tracker.locator('.track-number'), 'A001');
    await see.attr(tracker.locator('.track-card'), 'data-status', 'waiting');

    // Display board (1920×1080).
    const display = await browser.page({ width: 1920, height: 1080 });
    await display.goto(`${t.baseUrl}/display#token=${displayToken}`);
    await see.text(display.locator('.display-waiting li[data-prefix="A"] .waiting-count'), '1');
    await see.text(display.locator('.display-message'), 'Laipni lūdzam!');

    // Clerk: sign in, open desk 1 with all queues, call next.
    const clerk = await browser.page();
    await signIn(clerk, t.baseUrl, 'clerk.cesis');
    await clerk.waitForURL(/\/clerk$/);
    await see.attr(clerk.locator('.conn'), 'data-status', 'online');
    await clerk.getByRole('button', { name: 'Atvērt galdu' }).click();
    const callNext = clerk.getByRole('button', { name: /Izsaukt nākamo/ });
    await see.enabled(callNext);
    await see.visible(ticketRow(clerk, 'A001'));
    const deskNumber = (await clerk.locator('#desk-title').textContent())!.match(/(\w+)\. galds/)![1]!;

    // The board notes (in the page, no polling) when the call appears; clocks are the same machine's.
    await display.evaluate(`window.__shownAt = new Promise((resolve) => {
      const seen = () => document.querySelector('.call-latest[data-called-number="A001"]') && resolve(Date.now());
      new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true });
    }); 0`);
    const clickedAt = Date.now();
    await callNext.click();
    const shownAt = await display.evaluate<number>('Promise.race([window.__shownAt, new Promise((r) => setTimeout(() => r(0), 5000))])');
    expect(shownAt).toBeGreaterThan(0);
    expect(shownAt - clickedAt).toBeLessThan(1000);
    await see.attr(display.locator('.call-latest'), 'data-desk', deskNumber);
    await see.cls(display.locator('.call-latest'), /highlight/);
    await see.text(tracker.locator('.track-call-msg'), `Lūdzam doties pie ${deskNumber}. galda!`);

    // Serve: start, then transfer to queue B (first in line).
    const visit = clerk.locator('.visit-panel');
    await see.attr(visit, 'data-ticket', 'A001');
    await see.attr(visit, 'data-status', 'called');
    await clerk.keyboard.press('Alt+KeyS'); // the keyboard shortcut for "start"
    await see.attr(visit, 'data-status', 'serving');
    await see.attr(tracker.locator('.track-card'), 'data-status', 'serving');
    const transferToB = async (): Promise<void> => {
      await clerk.getByRole('button', { name: /Pāradresēt/ }).click();
      const transfer = clerk.getByRole('form', { name: 'Pāradresēt' });
      await transfer.getByLabel('Kam').selectOption(queues.find((q) => q.prefix === 'B')!.id);
      await transfer.getByRole('button', { name: 'Pāradresēt', exact: true }).click();
      await see.count(visit, 0);
    };
    await transferToB();
    // A mistaken transfer is undone within the centre's window: the visit is back at the desk.
    await clerk.getByRole('button', { name: /Atsaukt/ }).click();
    await see.attr(visit, 'data-ticket', 'A001');
    await see.attr(visit, 'data-status', 'serving');
    await transferToB();
    const bCard = clerk.locator('.queue-card[data-queue="B"]');
    await see.cls(bCard.locator('.ticket-row[data-ticket="A001"]'), /status-waiting/);
    await see.text(display.locator('.display-waiting li[data-prefix="B"] .waiting-count'), '1');

    // Called again (from queue B, at the same desk), served, finished.
    await callNext.click();
    await see.attr(visit, 'data-ticket', 'A001');
    await clerk.getByRole('button', { name: /Sākt apkalpošanu/ }).click();
    await see.attr(visit, 'data-status', 'serving');
    await clerk.getByRole('button', { name: /^Pabeigt/ }).click();
    const finish = clerk.getByRole('form', { name: 'Pabeigt apmeklējumu' });
    await see.checked(finish.getByLabel('Apkalpots'));
    await finish.getByRole('button', { name: 'Pabeigt', exact: true }).click();
    await see.count(visit, 0);
    await see.count(ticketRow(clerk, 'A001'), 0);
    await see.attr(tracker.locator('.track-card'), 'data-status', 'finished');
    const [row] = await t.sql<{ status: string }>("select status from scheduling.ticket where number = 'A001' order by issued_at desc limit 1");
    expect(row!.status).toBe('finished');

    // The visit just closed stays at hand: the clerk marks its second service as inaccurate.
    const last = clerk.locator('.last-visit');
    await see.visible(last);
    await last.locator('summary').click();
    const servings = last.locator('tr[data-period="serving"]');
    await see.count(servings, 2);
    await see.attr(servings.nth(1), 'data-accurate', 'true');
    await a11y(clerk, 'clerk: previous visit timings');
    await servings.nth(1).getByRole('button', { name: /Atzīmēt kā neprecīzu/ }).click();
    await see.attr(servings.nth(1), 'data-accurate', 'false');
    await see.attr(servings.nth(0), 'data-accurate', 'true');
    const [marked] = await t.sql<{ flags: boolean[] }>("select array(select (p->>'accurate')::boolean from jsonb_array_elements(periods) p where p->>'state' = 'serving') as flags from scheduling.ticket where number = 'A001' order by issued_at desc limit 1");
    expect(marked!.flags).toEqual([true, false]);

    for (const p of [kiosk, tracker, display, clerk]) await p.close();
  });

  it('shows two clerks of one centre each other’s actions live', async () => {
    const first = await browser.page();
    const second = await browser.page();
    await signIn(first, t.baseUrl, 'clerk.cesis');
    await signIn(second, t.baseUrl, 'clerk.cesis2');
    // The first clerk's desk is still open from the clerk day; the second opens one.
    await see.visible(first.locator('.visit-panel, .btn-huge').first());
    await second.getByRole('button', { name: 'Atvērt galdu' }).click();
    await see.visible(second.getByRole('button', { name: /Izsaukt nākamo/ }));

    const issued = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode: serviceA.code } });
    const number: string = issued.body.ticket.number;
    await see.cls(ticketRow(first, number), /status-waiting/);
    await see.cls(ticketRow(second, number), /status-waiting/);

    // The second clerk calls it by name from the list: the first sees it called at the other desk.
    await second.getByRole('button', { name: `Izsaukt ${number}` }).click();
    await see.attr(second.locator('.visit-panel'), 'data-ticket', number);
    await see.cls(ticketRow(first, number), /status-called/);
    const desk2 = (await second.locator('#desk-title').textContent())!.match(/(\w+)\. galds/)![1]!;
    await see.text(ticketRow(first, number).locator('.ticket-desk'), `${desk2}. galds`);

    // The second parks it: the first sees it among the parked.
    await second.getByRole('button', { name: /Sākt apkalpošanu/ }).click();
    await second.getByRole('button', { name: /^Atlikt/ }).click();
    await second.getByRole('form', { name: 'Atlikt apmeklējumu' }).getByRole('button', { name: 'Atlikt', exact: true }).click();
    await see.cls(ticketRow(first, number), /status-parked/);

    // The first resumes it at their desk: the second sees it leave the parked list.
    await first.getByRole('button', { name: `Atsākt ${number}` }).click();
    await see.attr(first.locator('.visit-panel'), 'data-ticket', number);
    await see.cls(ticketRow(second, number), /status-serving/);
    await first.getByRole('button', { name: /^Pabeigt/ }).click();
    await first.getByRole('form', { name: 'Pabeigt apmeklējumu' }).getByRole('button', { name: 'Pabeigt', exact: true }).click();
    await see.count(ticketRow(second, number), 0);
    await first.close();
    await second.close();
  });

  it('lets a clerk issue a ticket from the console, with a priority, and sees it in the queue at once', async () => {
    const clerk = await browser.page();
    await signIn(clerk, t.baseUrl, 'clerk.cesis2');
    await see.attr(clerk.locator('.conn'), 'data-status', 'online');
    await clerk.locator('.issue-panel summary').click();
    const form = clerk.getByRole('form', { name: 'Izsniegt talonu' });
    const queueB = queues.find((q) => q.prefix === 'B')!;
    await form.getByLabel('Rinda').selectOption(queueB.id);
    await form.getByLabel('Prioritāte').selectOption('2');
    await form.getByRole('button', { name: 'Izsniegt', exact: true }).click();
    const shown = clerk.locator('.issued-number');
    await see.visible(shown);
    const number = (await shown.getAttribute('data-number'))!;
    expect(number).toMatch(/^B\d{3}$/);
    await see.cls(ticketRow(clerk, number), /status-waiting/);
    const [row] = await t.sql<{ priority: number; issued_by: string; queue_id: string }>('select priority, issued_by, queue_id from scheduling.ticket where number = $1 and centre_id = $2 and status = $3 order by issued_at desc limit 1', [number, centreId, 'waiting']);
    expect(row).toEqual({ priority: 2, issued_by: 'demo:clerk.cesis2', queue_id: queueB.id });
    await a11y(clerk, 'clerk: issue form');

    // A normal ticket after it waits behind it; the clerk raises its priority from the list, and
    // the list (in the server's call order) puts it first.
    await form.getByLabel('Rinda').selectOption(queueB.id);
    await form.getByRole('button', { name: 'Izsniegt', exact: true }).click();
    const later = (await eventually('the second ticket', () => shown.getAttribute('data-number'), (v) => !!v && v !== number))!;
    const bList = clerk.locator('.queue-card[data-queue="B"] ol.ticket-list > li');
    const order = async (): Promise<string[]> => (await bList.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket')!))).filter((n) => n === number || n === later);
    await see.count(ticketRow(clerk, later), 1);
    expect(await order()).toEqual([number, later]);
    await ticketRow(clerk, later).getByLabel(`Prioritāte: ${later}`).selectOption('2');
    await see.cls(ticketRow(clerk, later).getByLabel(`Prioritāte: ${later}`), /level-2/);
    // Same level, the later ticket entered the queue last: the earlier one still first.
    expect(await order()).toEqual([number, later]);
    await ticketRow(clerk, number).getByLabel(`Prioritāte: ${number}`).selectOption('0');
    await see.cls(ticketRow(clerk, number).getByLabel(`Prioritāte: ${number}`), /level-0/);
    expect(await order()).toEqual([later, number]);
    const levels = await t.sql<{ number: string; priority: number }>("select number, priority from scheduling.ticket where number = any($1) and centre_id = $2 and status = 'waiting' order by number", [[number, later], centreId]);
    expect(levels).toEqual([{ number, priority: 0 }, { number: later, priority: 2 }].sort((a, b) => a.number.localeCompare(b.number)));
    await a11y(clerk, 'clerk: priority in the queue list');
    await clerk.close();
  });

  it('recovers after the connection drops: offline badge, then a fresh snapshot with what happened meanwhile', async () => {
    const clerk = await browser.page();
    await signIn(clerk, t.baseUrl, 'clerk.cesis2');
    const badge = clerk.locator('.conn');
    await see.attr(badge, 'data-status', 'online');
    const seqBefore = Number(await clerk.locator('.seq').getAttribute('data-seq'));

    // Drop the network and the socket; act while this console is away.
    await browser.context.setOffline(true);
    await clerk.evaluate('for (const s of window.__vpvkacSockets) s.io.engine.close()');
    await see.attr(badge, 'data-status', 'offline');
    const issued = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode: serviceA.code } });
    const number: string = issued.body.ticket.number;
    await new Promise((r) => setTimeout(r, 1500));
    await see.count(ticketRow(clerk, number), 0); // really offline: nothing arrived

    await browser.context.setOffline(false);
    await see.attr(badge, 'data-status', 'online', 15_000);
    await see.cls(ticketRow(clerk, number), /status-waiting/);
    expect(Number(await clerk.locator('.seq').getAttribute('data-seq'))).toBeGreaterThan(seqBefore);

    // And live updates continue on the new connection.
    const next = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode: serviceA.code } });
    await see.cls(ticketRow(clerk, next.body.ticket.number), /status-waiting/);
    await clerk.close();
  });

  it('notices a gap in the sequence (a lost change) and catches up from a snapshot', async () => {
    const clerk = await browser.page();
    await signIn(clerk, t.baseUrl, 'clerk.cesis2');
    await see.attr(clerk.locator('.conn'), 'data-status', 'online');
    // Lose exactly the next command's changes (one frame) on this console's socket.
    await clerk.evaluate(`(() => {
      const socket = [...window.__vpvkacSockets].find((s) => s.nsp === '/queue');
      const [deliver] = socket.listeners('queue:changes');
      socket.off('queue:changes', deliver);
      let lost = false;
      socket.on('queue:changes', (changes) => { if (lost) deliver(changes); else lost = true; });
    })(); 0`);
    const issue = () => t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode: serviceA.code } });
    const first: string = (await issue()).body.ticket.number;
    await new Promise((r) => setTimeout(r, 1000));
    await see.count(ticketRow(clerk, first), 0); // its change was lost
    const second: string = (await issue()).body.ticket.number;
    // The next change shows the gap: a snapshot brings the lost ticket too.
    await see.cls(ticketRow(clerk, second), /status-waiting/);
    await see.cls(ticketRow(clerk, first), /status-waiting/);
    const [{ seq }] = await t.sql<{ seq: string }>('select seq from scheduling.centre_queue_settings where centre_id = $1', [centreId]);
    await see.attr(clerk.locator('.seq'), 'data-seq', String(seq));
    await clerk.close();
  });

  it('shows the ticket called to a desk on that desk’s counter display, and what the desk is doing otherwise', async () => {
    const desk = (await t.request('POST', `/api/v1/queue/centres/${centreId}/desks`, { token: clerkToken, body: { number: '12' } })).body as { id: string; number: string };
    const counterToken = (await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerkToken, body: { kind: 'display', name: 'Galds 12', deskId: desk.id } })).body.token as string;
    const clerk = await t.tokenFor('test:clerk.counter', { roles: ['clerk'], centre_ids: [centreId], name: 'Counter Clerk' });
    const act = (path: string, body?: unknown) => t.request('POST', `/api/v1/queue/${path}`, { token: clerk, body });

    const counter = await browser.page({ width: 1280, height: 720 });
    await counter.goto(`${t.baseUrl}/display#token=${counterToken}`);
    const view = counter.locator('.counter');
    await see.attr(view, 'data-desk', '12');
    await see.attr(view, 'data-state', 'closed');
    await see.text(counter.locator('.counter-idle'), 'Slēgts');
    await a11y(counter, 'counter display: closed desk');

    expect((await act(`desks/${desk.id}/open`, {})).status).toBe(200);
    await see.text(counter.locator('.counter-idle'), 'Brīvs');
    const issued = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerk, body: { serviceCode: serviceA.code } });
    const { id, number } = issued.body.ticket as { id: string; number: string };
    expect((await act(`desks/${desk.id}/call`, { ticketId: id })).status).toBe(200);
    const ticket = counter.locator('.counter-ticket');
    await see.attr(ticket, 'data-ticket', number);
    await see.attr(ticket, 'data-status', 'called');
    await see.cls(ticket, /highlight/);
    await see.text(counter.locator('.counter-status'), 'Lūdzam pie galda!');
    await a11y(counter, 'counter display: a ticket called');
    await act(`tickets/${id}/start`);
    await see.attr(ticket, 'data-status', 'serving');
    await act(`tickets/${id}/finish`, { outcome: 'served' });
    await see.count(ticket, 0);
    await see.text(counter.locator('.counter-idle'), 'Brīvs');
    await act(`desks/${desk.id}/state`, { state: 'break' });
    await see.text(counter.locator('.counter-idle'), 'Pārtraukums');
    await counter.close();
  });

  it('has no serious or critical accessibility violations on any page (axe-core)', async () => {
    const page = await browser.page();
    await page.goto(`${t.baseUrl}/login`);
    await see.visible(page.getByRole('heading', { name: 'Pieteikšanās' }));
    await a11y(page, 'login');

    await signIn(page, t.baseUrl, 'clerk.grobina');
    await see.visible(page.getByRole('button', { name: 'Atvērt galdu' }));
    await a11y(page, 'clerk: open a desk');
    await page.getByRole('button', { name: 'Atvērt galdu' }).click();
    const grobina = await t.token('clerk.grobina');
    const grobinaCentre: string = (await t.request('GET', '/api/v1/auth/me', { token: grobina })).body.centreIds[0];
    const grobinaQueue: string = (await t.request('GET', `/api/v1/queue/centres/${grobinaCentre}/state`, { token: grobina })).body.queues[0].id;
    await t.request('POST', `/api/v1/queue/centres/${grobinaCentre}/tickets`, { token: grobina, body: { priority: 1, queueId: grobinaQueue } });
    await see.visible(page.getByRole('button', { name: /Izsaukt nākamo/ }));
    await a11y(page, 'clerk: desk open');
    await page.getByRole('link', { name: 'Klientu apkalpošana' }).focus();
    await page.getByRole('button', { name: 'English' }).click();
    await see.text(page.getByRole('heading', { level: 1 }), /Customer service/);
    await a11y(page, 'clerk (English)');
    await page.getByRole('button', { name: 'Latviešu' }).click();
    await see.text(page.getByRole('heading', { level: 1 }), /Klientu apkalpošana/);

    // A visit with its dialog open (Cēsis clerk, a ticket of their own).
    const cesis = await browser.page();
    await signIn(cesis, t.baseUrl, 'clerk.cesis');
    await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode: serviceA.code, priority: 2 } });
    await cesis.getByRole('button', { name: /Izsaukt nākamo/ }).click();
    await cesis.getByRole('button', { name: /Sākt apkalpošanu/ }).click();
    await cesis.getByRole('button', { name: /Pāradresēt/ }).click();
    await see.visible(cesis.getByRole('form', { name: 'Pāradresēt' }));
    await a11y(cesis, 'clerk: visit with the transfer form');
    await cesis.close();

    const display = await browser.page({ width: 1920, height: 1080 });
    await display.goto(`${t.baseUrl}/display#token=${displayToken}`);
    await see.visible(display.locator('.call-latest'));
    await a11y(display, 'display board');
    // A call arriving live flashes on the board: every phase of the flash must stay readable.
    const boardDesk = (await t.request('POST', `/api/v1/queue/centres/${centreId}/desks`, { token: clerkToken, body: { number: '21' } })).body as { id: string };
    const boardClerk = await t.tokenFor('test:clerk.board', { roles: ['clerk'], centre_ids: [centreId], name: 'Board Clerk' });
    expect((await t.request('POST', `/api/v1/queue/desks/${boardDesk.id}/open`, { token: boardClerk, body: {} })).status).toBe(200);
    const live = (await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: boardClerk, body: { serviceCode: serviceA.code } })).body.ticket as { id: string; number: string };
    expect((await t.request('POST', `/api/v1/queue/desks/${boardDesk.id}/call`, { token: boardClerk, body: { ticketId: live.id } })).status).toBe(200);
    await see.attr(display.locator('.call-latest'), 'data-called-number', live.number);
    await see.cls(display.locator('.call-latest'), /highlight/);
    await a11y(display, 'display board: a call flashing');

    const kiosk = await browser.page({ width: 412, height: 915 });
    await kiosk.goto(`${t.baseUrl}/kiosk/${centreId}#token=${kioskToken}`);
    await see.visible(kiosk.getByRole('button', { name: serviceA.nameLv, exact: true }));
    await a11y(kiosk, 'kiosk');
    await kiosk.getByRole('radio', { name: 'Prioritāte', exact: true }).check();
    await kiosk.getByRole('button', { name: serviceA.nameLv, exact: true }).click();
    await see.visible(kiosk.locator('.ticket-number-big'));
    await a11y(kiosk, 'kiosk ticket');

    const number = await kiosk.locator('.ticket-number-big').textContent();
    const [{ tracking_token: token }] = await t.sql<{ tracking_token: string }>('select tracking_token from scheduling.ticket where number = $1 and centre_id = $2 order by issued_at desc limit 1', [number, centreId]);
    const tracker = await browser.page({ width: 390, height: 844 });
    await tracker.goto(`${t.baseUrl}/track/${token}`);
    await see.text(tracker.locator('.track-number'), number!);
    await a11y(tracker, 'tracker');

    await page.goto(`${t.baseUrl}/no-such-page`);
    await see.visible(page.getByRole('heading', { name: 'Lapa nav atrasta' }));
    await a11y(page, 'not found');
    for (const p of [page, display, kiosk, tracker]) await p.close();
  });
});
