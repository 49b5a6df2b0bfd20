import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { launchBrowser, signIn, type BrowserSession } from './support/browser';
import { mainA11yViolations } from './main-a11y';

/**
 * Intake in the browser: the clerk picks a service, the e-form (RJSF from the published version)
 * refuses invalid answers with the server's own wording before anything is sent, then a valid
 * application is saved, submitted with the citizen's consent, and its timeline shown.
 */
describe('Intake console (browser)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let page: Page;
  let clerk: string;

  const applicationCount = async (): Promise<number> => Number((await t.sql<{ n: string }>('select count(*) as n from intake.application'))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
    page = await browser.page();
    clerk = await t.token('clerk.cesis');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows validation errors in Latvian, then creates and submits the application', async () => {
    const before = await applicationCount();
    await signIn(page, t.baseUrl, 'clerk.cesis', '/intake');
    await page.getByRole('heading', { level: 1, name: 'Iesniegumi iestādēm' }).waitFor();
    await page.getByLabel('Pakalpojums').selectOption('PMLP-DZIVESVIETA|PMLP-001');
    await page.getByRole('heading', { name: 'Dzīvesvietas deklarācija' }).waitFor();

    // Invalid answers: a personal code with a wrong checksum, a postcode without "LV-", nothing else.
    await page.locator('#f_applicant_personalCode').fill('010190-10011');
    await page.locator('#f_newAddress_postcode').fill('4101');
    await page.getByRole('button', { name: 'Saglabāt un turpināt' }).click();
    const alert = page.locator('#intake-errors');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Veidlapā ir kļūdas');
    await expect(page.locator('.intake-form').textContent()).resolves.toContain('Nederīgs personas kods');
    await expect(page.locator('.intake-form').textContent()).resolves.toContain('Nederīgs pasta indekss (formāts LV-1234)');
    await expect(page.locator('.intake-form').textContent()).resolves.toContain('Lauks ir obligāts');
    expect(await mainA11yViolations(page)).toEqual([]);
    // Nothing reached the server.
    expect(await applicationCount()).toBe(before);

    // Now valid answers.
    await page.locator('#f_applicant_personalCode').fill('010190-10010');
    await page.locator('#f_applicant_firstName').fill('Ilze');
    await page.locator('#f_applicant_lastName').fill('Kalniņa');
    await page.locator('#f_applicant_phone').fill('26543210');
    await page.locator('#f_newAddress_street').fill('Rīgas iela 3');
    await page.locator('#f_newAddress_city').fill('Cēsis');
    await page.locator('#f_newAddress_municipality').fill('Cēsu novads');
    await page.locator('#f_newAddress_postcode').fill('LV-4101');
    await page.locator('#f_residenceFrom').fill('2026-11-01');
    await page.getByLabel('Tiesiskais pamats dzīvesvietas lietošanai').selectOption({ label: 'Īpašuma tiesības' });
    // A required yes/no: ticked and unticked means "no".
    await page.locator('#f_arrivedFromAbroad').check();
    await page.locator('#f_arrivedFromAbroad').uncheck();
    await page.locator('#f_confirmTruthful').check();
    await page.getByRole('button', { name: 'Saglabāt un turpināt' }).click();

    const reference = page.getByTestId('application-reference');
    await reference.waitFor({ timeout: 15_000 });
    const ref = (await reference.textContent())!.trim();
    expect(ref).toMatch(/^[A-Z0-9-]{6,}$/);
    expect(await applicationCount()).toBe(before + 1);
    const [row] = await t.sql<{ id: string; status: string }>('select id, status from intake.application where reference = $1', [ref]);
    expect(row!.status).toBe('draft');
    const draft = await t.request('GET', `/api/v1/intake/applications/${row!.id}`, { token: clerk });
    expect(draft.status).toBe(200);
    expect(draft.body.data.applicant.personalCode).toBe('010190-10010');
    expect(draft.body.data.newAddress.postcode).toBe('LV-4101');
    expect(draft.body.data.arrivedFromAbroad).toBe(false);
    expect(draft.body.data).not.toHaveProperty('previousAddress');

    // An attachment with upload progress, then consent and submit.
    await page.locator('#attachment-file').setInputFiles({ name: 'pase.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await page.getByTestId('attachments').getByText('pase.pdf').waitFor({ timeout: 15_000 });
    expect(await mainA11yViolations(page)).toEqual([]);
    const submit = page.getByRole('button', { name: 'Iesniegt iestādei' });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel('Iedzīvotājs ir izlasījis un piekrīt').check();
    await submit.click();
    await page.getByTestId('timeline').waitFor({ timeout: 15_000 });

    const after = await t.request('GET', `/api/v1/intake/applications/${row!.id}`, { token: clerk });
    expect(after.body.status).not.toBe('draft');
    expect(after.body.consent.textLv).toContain('Apliecinu, ka sniegtās ziņas ir patiesas');
    expect(after.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['pase.pdf']);
    const items = await page.getByTestId('timeline').locator('li').count();
    expect(items).toBeGreaterThanOrEqual(after.body.history.length > 0 ? 1 : 0);
    await expect(page.getByTestId('timeline').textContent()).resolves.toContain('Iesniegts');
    const status = await t.request('GET', `/api/v1/intake/status/${ref}`);
    expect(status.status).toBe(200);
    expect(status.body.reference).toBe(ref);
    expect(await mainA11yViolations(page)).toEqual([]);
  }, 120_000);
});
