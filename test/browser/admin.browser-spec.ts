import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { launchBrowser, see, signIn, type BrowserSession } from './support/browser';
import { mainA11yViolations } from './main-a11y';

/**
 * The administration dashboard: KPIs against the targets as the reporting API computes them, the
 * offline map of centres, report charts with exports, centre management, e-form versions (publish,
 * retire) and the deliveries to institutions; axe-core on every tab.
 */
describe('Administration dashboard (browser)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let page: Page;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    page = await browser.page();
    admin = await t.token('admin');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the network KPIs against their targets and the centres on the map', async () => {
    const kpis = (await t.request('GET', '/api/v1/reporting/kpis', { token: admin })).body;
    const geo = (await t.request('GET', '/api/v1/network/centres.geojson')).body as { features: Array<{ geometry: unknown }> };

    await signIn(page, t.baseUrl, 'admin');
    await page.waitForURL((url) => url.pathname === '/admin');
    await page.getByRole('heading', { level: 1, name: 'Tīkla pārvaldība' }).waitFor();
    const centres = page.locator('[data-kpi="centres"]');
    await centres.getByTestId('kpi-centres-value').waitFor({ timeout: 15_000 });
    expect((await centres.getByTestId('kpi-centres-value').textContent())!.replace(/\s/g, '')).toBe(String(kpis.centres.registered));
    await expect(centres.textContent()).resolves.toContain('/ 315');
    await expect(page.locator('[data-kpi="contact-points"]').textContent()).resolves.toContain('/ 99');
    expect(await page.getByTestId('kpi-eforms-value').textContent()).toBe(String(kpis.reusableEforms.configured));
    await expect(page.locator('[data-kpi="eforms"]').textContent()).resolves.toContain('/ 5');
    // The map: Latvia's outline and one marker per centre with coordinates.
    const map = page.getByRole('img', { name: 'Centri Latvijas kartē' });
    await map.waitFor({ timeout: 15_000 });
    const markers = await map.locator('circle, rect, path').count();
    expect(markers).toBe(geo.features.filter((f) => f.geometry).length + 1);
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('draws the report charts with filters and offers CSV/XLSX exports', async () => {
    await page.getByRole('tab', { name: 'Atskaites' }).click();
    await page.locator('[data-chart="services"] canvas').waitFor({ timeout: 15_000 });
    await page.locator('[data-chart="wait-times"] canvas').waitFor();
    await page.locator('[data-chart="feedback"] canvas').waitFor();
    await page.getByLabel('Iestāde').selectOption('VSAA');
    await page.getByRole('button', { name: 'Rādīt', exact: true }).click();
    await page.getByTestId('services-total').waitFor();
    const csv = page.getByRole('link', { name: 'Sniegtie pakalpojumi (CSV)' });
    const href = (await csv.getAttribute('href'))!;
    expect(href).toContain('institution=VSAA');
    expect(href).toContain('format=csv');
    const download = page.waitForEvent('download');
    await csv.click();
    expect((await download).suggestedFilename()).toMatch(/^services-.*\.csv$/);
    expect(await mainA11yViolations(page)).toEqual([]);

    // Times per clerk: staff data, fetched only when asked for, and that read is audited.
    const audited = async (): Promise<number> => Number((await t.sql<{ n: string }>("select count(*) as n from platform.audit_log where action = 'reporting.clerk-figures.read' and actor_id = 'demo:admin'"))[0]!.n);
    const before = await audited();
    const section = page.getByRole('region', { name: 'Laiki pa darbiniekiem' });
    await section.getByRole('button', { name: 'Rādīt laikus pa darbiniekiem' }).click();
    await section.locator('table, p:not(.hint)').first().waitFor();
    expect(await section.getByRole('button', { name: 'Rādīt laikus pa darbiniekiem' }).count()).toBe(0);
    expect(await audited()).toBe(before + 1);
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 60_000);

  it('manages a centre, lists e-form versions and shows delivery health', async () => {
    await page.getByRole('tab', { name: 'Centri' }).click();
    await page.getByLabel('Meklēt centru').fill('Cēsu VPVKAC');
    await page.getByRole('button', { name: 'Meklēt', exact: true }).click();
    await page.getByRole('button', { name: /^Pārvaldīt: Cēsu/ }).first().click();
    await page.getByRole('heading', { name: /^Centrs: Cēsu/ }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Kabīnes nosaukums').fill('Videokabīne pārlūka testam');
    await page.getByRole('button', { name: 'Pievienot kabīni' }).click();
    await page.getByText('Kabīne pievienota.').waitFor({ timeout: 15_000 });
    const centre = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0];
    expect(centre.videoBooths.map((b: { name: string }) => b.name)).toContain('Videokabīne pārlūka testam');
    expect(await mainA11yViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'E-veidlapas' }).click();
    await page.getByRole('rowheader', { name: 'PMLP-DZIVESVIETA' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Jauns melnraksts: PMLP-DZIVESVIETA' }).click();
    await page.getByText('Izveidots melnraksts v2.').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Publicēt v2' }).click();
    await page.getByText('Versija 2 publicēta; iepriekšējā izņemta no lietošanas.').waitFor({ timeout: 15_000 });
    const form = (await t.request('GET', '/api/v1/intake/forms/PMLP-DZIVESVIETA', { token: admin })).body;
    expect(form.versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['1:retired', '2:published']);
    expect(await mainA11yViolations(page)).toEqual([]);
    // Retire the published version: no longer offered for new applications.
    await page.getByRole('button', { name: 'Izņemt no lietošanas v2: PMLP-DZIVESVIETA' }).click();
    await page.getByText('Versija 2 izņemta no lietošanas; jauniem iesniegumiem tā vairs netiek piedāvāta.').waitFor({ timeout: 15_000 });
    const retired = (await t.request('GET', '/api/v1/intake/forms/PMLP-DZIVESVIETA', { token: admin })).body;
    expect(retired.versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['1:retired', '2:retired']);
    await page.getByRole('button', { name: 'Izņemt no lietošanas v2: PMLP-DZIVESVIETA' }).waitFor({ state: 'detached', timeout: 15_000 });
    expect(await mainA11yViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Piegādes iestādēm' }).click();
    await page.getByTestId('deliveries-dead').waitFor({ timeout: 15_000 });
    const dead = (await t.request('GET', '/api/v1/intake/dead-letters', { token: admin })).body as unknown[];
    expect(await page.getByTestId('deliveries-dead').textContent()).toBe(String(dead.length));
    const deliveries = (await t.request('GET', '/api/v1/intake/deliveries?limit=500', { token: admin })).body as Array<{ status: string }>;
    expect(await page.getByTestId('deliveries-cancelled').textContent()).toBe(String(deliveries.filter((d) => d.status === 'cancelled').length));
    // The dead and failing deliveries' states in Latvian, not the API's codes.
    const statusCells = page.locator('td[data-status]');
    const shown = await statusCells.evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-status'), c.textContent]));
    const latvian: Record<string, string> = { pending: 'Gaida (atkārto)', dead: 'Nepiegādāta', disabled: 'Kanāls atslēgts' };
    for (const [status, text] of shown) expect(text).toBe(latvian[status!]);
    expect(shown.length).toBe(dead.length + deliveries.filter((d) => d.status === 'pending' && (d as { attempts?: number }).attempts! > 0).length);
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('assigns a clerk to a centre (server field errors next to the field), lists them, and ends the assignment', async () => {
    const centre = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0] as { id: string };
    const staffOf = async () => (await t.request('GET', `/api/v1/network/centres/${centre.id}/staff`, { token: admin })).body as Array<{ id: string; userId: string; role: string; validFrom: string; validTo: string | null; personalCodeMasked: string | null }>;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());

    await page.getByRole('tab', { name: 'Centri' }).click();
    await page.getByLabel('Meklēt centru').fill('Cēsu VPVKAC');
    await page.getByRole('button', { name: 'Meklēt', exact: true }).click();
    await page.getByRole('button', { name: /^Pārvaldīt: Cēsu/ }).first().click();
    const staff = page.getByRole('region', { name: 'Darbinieki' });
    const form = page.getByRole('form', { name: 'Norīkot darbinieku' });
    await form.waitFor({ timeout: 15_000 });
    await form.getByLabel('Lietotāja ID').fill('lv-federation:browser-clerk');
    await form.getByLabel('Vārds, uzvārds').fill('Laura Liepiņa');
    await form.getByLabel('Loma').selectOption('clerk');
    await see.attr(form.getByLabel('Strādā no'), 'value', today);
    // A personal code with a wrong check digit: the server refuses it, the error shows at the field.
    const code = form.getByLabel('Personas kods');
    await code.fill('161375-19997');
    await form.getByRole('button', { name: 'Norīkot' }).click();
    await see.text(form.locator('#staff-personalCode-error'), 'Nederīgs personas kods', 15_000);
    await see.attr(code, 'aria-invalid', 'true');
    expect(await code.getAttribute('aria-describedby')).toContain('staff-personalCode-error');
    await see.text(staff.getByRole('alert'), 'Nederīgi dati. Izlabojiet iezīmētos laukus.');
    expect((await staffOf()).some((s) => s.userId === 'lv-federation:browser-clerk')).toBe(false);
    expect(await mainA11yViolations(page)).toEqual([]);

    await code.fill('161175-19997');
    await see.count(form.locator('#staff-personalCode-error'), 0);
    await form.getByRole('button', { name: 'Norīkot' }).click();
    await staff.getByText('Norīkojums izveidots: Laura Liepiņa.').waitFor({ timeout: 15_000 });
    const row = staff.getByRole('row', { name: /Laura Liepiņa/ });
    await see.text(row.locator('.staff-state'), 'Strādā');
    await see.text(row.locator('td.mono'), '161175-*****');
    await see.attr(form.getByLabel('Personas kods'), 'value', ''); // the personal code does not stay in the form
    const [assigned] = (await staffOf()).filter((s) => s.userId === 'lv-federation:browser-clerk');
    expect(assigned).toMatchObject({ role: 'clerk', validFrom: today, validTo: null, personalCodeMasked: '161175-*****' });
    expect(await mainA11yViolations(page)).toEqual([]);

    // End the assignment: it ends today, stays in the list, and can no longer be ended.
    await staff.getByRole('button', { name: 'Beigt norīkojumu: Laura Liepiņa' }).click();
    await staff.getByText('Norīkojums beigts: Laura Liepiņa.').waitFor({ timeout: 15_000 });
    await see.text(row.locator('.staff-state'), /^Pēdējā darba diena: /);
    await see.count(staff.getByRole('button', { name: 'Beigt norīkojumu: Laura Liepiņa' }), 0);
    expect((await staffOf()).find((s) => s.id === assigned!.id)?.validTo).toBe(today);
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('registers a display (its link shown once opens the board), lists it without its token, and revokes it: the board is cut off', async () => {
    const centre = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0] as { id: string; name: string };
    const devicesOf = async () => (await t.request('GET', `/api/v1/queue/centres/${centre.id}/devices`, { token: admin })).body as Array<{ id: string; name: string; kind: string; revokedAt: string | null }>;

    await page.getByRole('tab', { name: 'Centri' }).click();
    await page.getByLabel('Meklēt centru').fill('Cēsu VPVKAC');
    await page.getByRole('button', { name: 'Meklēt', exact: true }).click();
    await page.getByRole('button', { name: /^Pārvaldīt: Cēsu/ }).first().click();
    const section = page.getByRole('region', { name: 'Kioski un ekrāni' });
    const form = page.getByRole('form', { name: 'Reģistrēt ierīci' });
    await form.waitFor({ timeout: 15_000 });
    await form.getByLabel('Veids').selectOption('board');
    await see.count(form.getByLabel('Galds'), 0); // only a counter display stands at a desk
    await form.getByLabel('Nosaukums').fill('Zāle pie ieejas');
    await form.getByRole('button', { name: 'Reģistrēt' }).click();
    await section.getByText('Ierīce reģistrēta: Zāle pie ieejas.').waitFor({ timeout: 15_000 });
    const link = await section.locator('a.device-link').getAttribute('href');
    expect(link).toMatch(/\/display#token=dsp_[A-Za-z0-9_-]{20,}$/);
    const token = link!.split('#token=')[1]!;
    const [device] = (await devicesOf()).filter((d) => d.name === 'Zāle pie ieejas');
    expect(device).toMatchObject({ kind: 'display', revokedAt: null });
    const row = section.getByRole('row', { name: /Zāle pie ieejas/ });
    await see.text(row.locator('.device-state'), 'Darbojas');
    expect(await section.locator('table').innerText()).not.toContain(token.slice(4, 20)); // the list never shows a token: only the one-time notice has it
    expect(await mainA11yViolations(page)).toEqual([]);

    // The link works on the device: the board of the centre.
    const board = await browser.page();
    await board.goto(link!);
    await board.getByRole('heading', { level: 1, name: centre.name }).waitFor({ timeout: 15_000 });

    await section.getByRole('button', { name: 'Atsaukt ierīci: Zāle pie ieejas' }).click();
    await section.getByText('Ierīce atsaukta: Zāle pie ieejas.').waitFor({ timeout: 15_000 });
    await see.text(row.locator('.device-state'), /^Atsaukta: /);
    await see.count(section.getByRole('button', { name: 'Atsaukt ierīci: Zāle pie ieejas' }), 0);
    expect((await devicesOf()).find((d) => d.id === device!.id)?.revokedAt).not.toBeNull();
    // The board was disconnected and its token is refused when it tries again.
    await board.getByText('Ierīces atslēga nav derīga').waitFor({ timeout: 15_000 });
    await board.close();
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 120_000);
});
