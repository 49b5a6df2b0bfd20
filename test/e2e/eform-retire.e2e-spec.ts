import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/test-app';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`modules/intake/infrastructure/seed/samples/${name}.sample.json`, 'utf8')) as Record<string, unknown>;
const CONSENT = 'Piekrītu, ka mani dati tiek nodoti iestādei pakalpojuma sniegšanai.';

describe('e-form version retire (e2e)', () => {
  let t: TestApp;
  let clerk: string;
  let centreId: string;

  beforeAll(async () => {
    t = await startTestApp();
    clerk = await t.token('clerk.cesis');
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  const start = () =>
    t.request('POST', '/api/v1/intake/applications', {
      token: clerk,
      body: { formCode: 'VSAA-PIEDZIMSANA', centreId, applicant: { personalCode: '161175-19997', name: 'Jānis Bērziņš', contact: { phone: '29123456' } }, data: sample('vsaa-piedzimsana') },
    });
  const retire = (token: string, v: number | string, form = 'VSAA-PIEDZIMSANA') => t.request('POST', `/api/v1/intake/forms/${form}/versions/${v}/retire`, { token });

  it('checks who is calling: the owning institution or an administrator only', async () => {
    expect((await retire(await t.token('specialist.vid'), 1)).status).toBe(403);
    expect((await retire(await t.token('specialist.vid'), 1)).body.code).toBe('INTAKE.INSTITUTION_ACCESS_DENIED');
    expect((await retire(clerk, 1)).status).toBe(403);
    expect((await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/1/retire')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/intake/forms/VSAA-PIEDZIMSANA', { token: clerk })).body.versions[0].status).toBe('published');
  });

  it('answers a draft with 409 problem+json, unknown versions with 404 and bad input with 422', async () => {
    const vsaa = await t.token('specialist.vsaa');
    expect((await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions', { token: vsaa, body: {} })).body).toMatchObject({ version: 2, status: 'draft' });
    const draft = await retire(vsaa, 2);
    expect(draft.status).toBe(409);
    expect(draft.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(draft.body).toMatchObject({ code: 'INTAKE.VERSION_NOT_PUBLISHED', status: 409 });
    expect((await t.request('GET', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/2', { token: vsaa })).body.status).toBe('draft');
    expect((await retire(vsaa, 99)).body.code).toBe('INTAKE.FORM_VERSION_NOT_FOUND');
    expect((await retire(vsaa, 1, 'NO-SUCH-FORM')).status).toBe(404);
    expect((await retire(vsaa, 'x')).status).toBe(422);
  });

  it('retires a published version: new applications cannot use it, existing ones keep it; idempotent', async () => {
    const existing = await start();
    expect(existing.status).toBe(201);
    expect(existing.body.formVersion).toBe(1);

    const admin = await t.token('admin');
    const retired = await retire(admin, 1);
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ version: 1, status: 'retired' });
    expect(typeof retired.body.retiredAt).toBe('string');

    // Not offered for new applications.
    const fresh = await start();
    expect(fresh.status).toBe(404);
    expect(fresh.body.code).toBe('INTAKE.FORM_NOT_PUBLISHED');
    const form = await t.request('GET', '/api/v1/intake/forms/VSAA-PIEDZIMSANA', { token: clerk });
    expect(form.body.versions.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['1:retired', '2:draft']);

    // The existing application keeps its version and can still be submitted.
    const submitted = await t.request('POST', `/api/v1/intake/applications/${existing.body.id}/submit`, { token: clerk, body: { consentTextLv: CONSENT } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ formVersion: 1, status: 'queued' });

    // Idempotent: the same answer, the first retire time kept.
    const again = await retire(await t.token('specialist.vsaa'), 1);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, status: 'retired', retiredAt: retired.body.retiredAt });
  });
});
