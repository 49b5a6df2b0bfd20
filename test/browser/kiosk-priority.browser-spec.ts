import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { launchBrowser, see, seriousA11yViolations, type BrowserSession } from './support/browser';

/**
 * The kiosk's priority levels in Debian's Chromium against the real app and PostgreSQL: a visitor
 * picks "high priority" (level 2) on the touch screen, the ticket says so, the queue holds it at
 * level 2, and a desk's call-next takes it before an earlier normal ticket.
 */
jest.setTimeout(120_000);

describe('kiosk priority levels (browser)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let centreId: string;
  let clerkToken: string;
  let kioskToken: string;
  let queueA: { id: string; serviceCodes: string[] };
  let serviceA: { code: string; nameLv: string; nameEn: string };

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    clerkToken = await t.token('clerk.cesis');
    const state = await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerkToken });
    queueA = state.body.queues.find((q: { prefix: string }) => q.prefix === 'A');
    kioskToken = (await t.request('POST', `/api/v1/queue/centres/${centreId}/devices`, { token: clerkToken, body: { kind: 'kiosk', name: 'Ieeja' } })).body.token;
    serviceA = (await t.request('GET', `/api/v1/network/services/${queueA.serviceCodes[0]}`)).body;
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

  it('issues a high-priority ticket from the kiosk that is called before an earlier normal one', async () => {
    // Someone took a normal ticket at the desk earlier.
    const earlier = await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerkToken, body: { serviceCode: serviceA.code } });
    expect(earlier.status).toBe(201);
    expect(earlier.body.ticket.priority).toBe(0);

    const kiosk = await browser.page({ width: 412, height: 915 });
    await kiosk.goto(`${t.baseUrl}/kiosk/${centreId}#token=${kioskToken}`);
    await see.visible(kiosk.getByRole('button', { name: serviceA.nameLv, exact: true }));
    const group = kiosk.getByRole('group', { name: 'Vai jums nepieciešama prioritāra apkalpošana?' });
    const normal = group.getByRole('radio', { name: 'Parastā rinda', exact: true });
    const priority = group.getByRole('radio', { name: 'Prioritāte', exact: true });
    const high = group.getByRole('radio', { name: 'Augsta prioritāte', exact: true });
    await see.checked(normal); // normal by default
    expect(await high.isChecked()).toBe(false);
    // Large touch targets: each whole card selects its level.
    for (const level of [0, 1, 2]) {
      const box = await kiosk.locator(`.kiosk-priority-option[data-level="${level}"]`).boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(64);
    }
    await kiosk.locator('.kiosk-priority-option[data-level="1"] .kiosk-priority-help').click();
    await see.checked(priority);
    await a11y(kiosk, 'kiosk with priority levels');

    // Level 2, then the service: the ticket shows its priority.
    await kiosk.getByText('Cilvēkiem ar invaliditāti').click();
    await see.checked(high);
    expect(await normal.isChecked()).toBe(false);
    await kiosk.getByRole('button', { name: serviceA.nameLv, exact: true }).click();
    const ticket = kiosk.locator('section.ticket');
    await see.visible(kiosk.locator('.ticket-number-big'));
    const number = (await kiosk.locator('.ticket-number-big').textContent())!.trim();
    expect(number).not.toBe(earlier.body.ticket.number);
    await see.attr(ticket, 'data-priority', '2');
    await see.text(ticket.locator('.ticket-priority'), 'Augsta prioritāte');
    await see.text(kiosk.locator('.ticket-ahead'), 'Jūs esat nākamais!'); // ahead of the earlier normal ticket
    await a11y(kiosk, 'kiosk ticket with priority');

    // The queue holds it at level 2, issued by the kiosk.
    const state = (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerkToken })).body as { desks: Array<{ id: string }>; tickets: Array<{ number: string; priority: number; status: string }> };
    expect(state.tickets.find((x) => x.number === number)).toMatchObject({ priority: 2, status: 'waiting' });
    const [row] = await t.sql<{ issued_by: string }>('select issued_by from scheduling.ticket where number = $1 and centre_id = $2 order by issued_at desc limit 1', [number, centreId]);
    expect(row!.issued_by).toMatch(/^kiosk:/);

    // Back to the start: the next visitor starts from "normal" again.
    await kiosk.getByRole('button', { name: 'Gatavs' }).click();
    await see.checked(kiosk.getByRole('radio', { name: 'Parastā rinda', exact: true }));
    expect(await kiosk.getByRole('radio', { name: 'Augsta prioritāte', exact: true }).isChecked()).toBe(false);

    // The same choice in English.
    await kiosk.getByRole('button', { name: 'English' }).click();
    await see.visible(kiosk.getByRole('group', { name: 'Do you need priority service?' }).getByRole('radio', { name: 'High priority', exact: true }));
    await a11y(kiosk, 'kiosk (English)');

    // A desk opens and calls next: the kiosk's level-2 ticket comes first, then the earlier normal one.
    const desk = state.desks[0]!.id;
    expect((await t.request('POST', `/api/v1/queue/desks/${desk}/open`, { token: clerkToken, body: {} })).status).toBe(200);
    const first = await t.request('POST', `/api/v1/queue/desks/${desk}/call-next`, { token: clerkToken });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ number, priority: 2, status: 'called' });
    const waiting = (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerkToken })).body.tickets.find((x: { number: string }) => x.number === earlier.body.ticket.number);
    expect(waiting).toMatchObject({ status: 'waiting', priority: 0 });
    await kiosk.close();
  });

  it('asks who the visitor is only for a service that needs it, lets them skip it, and shows it nowhere public', async () => {
    const pension = (await t.request('GET', '/api/v1/network/services/VSAA-009')).body as { code: string; nameLv: string; citizenIdentity: boolean };
    expect(pension.citizenIdentity).toBe(true);
    const kiosk = await browser.page({ width: 412, height: 915 });
    await kiosk.goto(`${t.baseUrl}/kiosk/${centreId}#token=${kioskToken}`);
    const latvian = kiosk.getByRole('button', { name: 'Latviešu' }); // the last test left it in English
    await see.visible(kiosk.locator('.kiosk-service'));
    if (await latvian.count()) await latvian.click();
    // A service without it: one touch, a ticket, no questions.
    await kiosk.getByRole('button', { name: serviceA.nameLv, exact: true }).click();
    await see.visible(kiosk.locator('.ticket-number-big'));
    await kiosk.getByRole('button', { name: 'Gatavs' }).click();

    await kiosk.getByRole('button', { name: pension.nameLv, exact: true }).click();
    const form = kiosk.getByRole('form', { name: 'Vai vēlaties, lai darbinieks sagatavojas?' });
    await see.visible(form);
    await a11y(kiosk, 'kiosk: identity step');
    // A mistyped code is refused with the server's message; nothing is issued.
    const [{ n: before }] = await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket');
    await form.getByLabel('Vārds, uzvārds').fill('Anna Ozola');
    await form.getByLabel('Personas kods').fill('161175-19990');
    await form.getByRole('button', { name: 'Saņemt talonu' }).click();
    await see.visible(kiosk.locator('.notice'));
    expect((await t.sql<{ n: string }>('select count(*) as n from scheduling.ticket'))[0]!.n).toBe(before);
    await form.getByLabel('Personas kods').fill('161175-19997');
    await form.getByRole('button', { name: 'Saņemt talonu' }).click();
    const number = kiosk.locator('.ticket-number-big');
    await see.visible(number);
    const ticketNumber = (await number.textContent())!.trim();
    expect(await kiosk.locator('.ticket').textContent()).not.toMatch(/Anna|161175/);
    const [row] = await t.sql<{ citizen: { name: string; personalCodeMasked: string } }>('select citizen from scheduling.ticket where number = $1 and centre_id = $2 order by issued_at desc limit 1', [ticketNumber, centreId]);
    expect(row!.citizen).toEqual({ name: 'Anna Ozola', personalCodeMasked: '161175-*****' });
    await kiosk.getByRole('button', { name: 'Gatavs' }).click();

    // Or without: the ticket carries no personal data.
    await kiosk.getByRole('button', { name: pension.nameLv, exact: true }).click();
    await kiosk.getByRole('button', { name: 'Turpināt bez datiem' }).click();
    await see.visible(number);
    const [plain] = await t.sql<{ citizen: unknown }>('select citizen from scheduling.ticket where number = $1 and centre_id = $2 order by issued_at desc limit 1', [(await number.textContent())!.trim(), centreId]);
    expect(plain!.citizen).toBeNull();
    await kiosk.close();
  });
});
