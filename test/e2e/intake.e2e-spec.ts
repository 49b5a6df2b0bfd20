import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { RetentionJob } from '../../modules/intake/application/applications/retention.job';
import { startTestApp, type TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`modules/intake/infrastructure/seed/samples/${name}.sample.json`, 'utf8')) as Record<string, unknown>;
const CONSENT = 'Piekrītu, ka mani dati tiek nodoti iestādei pakalpojuma sniegšanai.';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('intake (e2e)', () => {
  let t: TestApp;
  let clerk: string;
  let centreId: string;
  let vsaaId: string;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    t = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3',
      WEBHOOK_TIMEOUT_MS: '1000',
      INBOX_LEASE_SECONDS: '5',
    });
    clerk = await t.token('clerk.cesis');
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    vsaaId = (await t.request('GET', '/api/v1/network/institutions/VSAA')).body.id;
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  const start = (formCode: string, data: Record<string, unknown>) =>
    t.request('POST', '/api/v1/intake/applications', {
      token: clerk,
      body: { formCode, centreId, applicant: { personalCode: '161175-19997', name: 'Jānis Bērziņš', contact: { phone: '29123456' } }, data },
    });
  const submit = (id: string) => t.request('POST', `/api/v1/intake/applications/${id}/submit`, { token: clerk, body: { consentTextLv: CONSENT } });
  const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  describe('e-forms', () => {
    it('has the five e-forms configured for re-use, published', async () => {
      const forms = await t.request('GET', '/api/v1/intake/forms', { token: clerk });
      expect(forms.body.map((f: { code: string }) => f.code).sort()).toEqual(['NVA-BEZDARBNIEKS', 'PMLP-DZIVESVIETA', 'VID-GID-PALIDZIBA', 'VSAA-PIEDZIMSANA', 'VZD-KADASTRS']);
      expect(forms.body.every((f: { published: unknown }) => f.published)).toBe(true);
    });

    it('lets the owning institution version a form; published versions never change', async () => {
      const vsaa = await t.token('specialist.vsaa');
      const draft = await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions', { token: vsaa, body: { changeNote: 'Precizēts palīdzības teksts' } });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
      expect((await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions', { token: await t.token('specialist.vid'), body: {} })).status).toBe(403);
      const preview = await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/2/validate', { token: vsaa, body: { data: sample('vsaa-piedzimsana') } });
      expect(preview.body.valid).toBe(true);
      const bad = await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/2/validate', { token: vsaa, body: { data: { ...sample('vsaa-piedzimsana'), unknownField: 1 } } });
      expect(bad.body.valid).toBe(false);
      const immutable = await t.request('PUT', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/1', { token: vsaa, body: { changeNote: 'x' } });
      expect(immutable.status).toBe(409);
      const published = await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/2/publish', { token: vsaa });
      expect(published.body.status).toBe('published');
      const form = await t.request('GET', '/api/v1/intake/forms/VSAA-PIEDZIMSANA', { token: clerk });
      expect(form.body.versions.map((v: { status: string }) => v.status)).toEqual(['retired', 'published']);
      // Wrong versions: unknown, or already published.
      expect((await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/99/validate', { token: vsaa, body: { data: {} } })).body.code).toBe('INTAKE.FORM_VERSION_NOT_FOUND');
      expect((await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/2/publish', { token: vsaa })).status).toBe(409);
      expect((await t.request('POST', '/api/v1/intake/forms/VSAA-PIEDZIMSANA/versions/x/publish', { token: vsaa })).status).toBe(422);
      // A broken schema is refused before it becomes a draft.
      const broken = await t.request('POST', '/api/v1/intake/forms', {
        token: vsaa,
        body: { code: 'VSAA-BROKEN', institutionCode: 'VSAA', serviceCodes: ['VSAA-006'], titleLv: 'Salauzta', titleEn: 'Broken', jsonSchema: { type: 'string' }, uiSchema: { order: [], fields: {} }, labels: { lv: {}, en: {} }, sensitiveFields: [] },
      });
      expect(broken.status).toBe(422);
      expect(broken.body.code).toBe('INTAKE.INVALID_FORM_SCHEMA');
      // An application keeps the version it was filled against.
      const app = await start('VSAA-PIEDZIMSANA', sample('vsaa-piedzimsana'));
      expect(app.body.formVersion).toBe(2);
    });
  });

  describe('applications', () => {
    it('validates against the exact form version, keeps personal data sealed, prints a PDF and audits reads', async () => {
      const draft = await start('PMLP-DZIVESVIETA', { ...sample('pmlp-dzivesvieta'), residenceFrom: 'not-a-date' });
      expect(draft.status).toBe(201);
      expect(draft.body.reference).toMatch(/^VPK-[2-9A-HJKMNP-Z]{9}$/);
      const invalid = await submit(draft.body.id);
      expect(invalid.status).toBe(422);
      expect(invalid.body.code).toBe('INTAKE.FORM_DATA_INVALID');
      expect(invalid.body.errors.map((e: { field: string }) => e.field)).toContain('residenceFrom');
      expect((await t.request('GET', `/api/v1/intake/applications/${draft.body.id}`, { token: clerk })).body.status).toBe('draft');
      await t.request('PATCH', `/api/v1/intake/applications/${draft.body.id}`, { token: clerk, body: { data: sample('pmlp-dzivesvieta') } });
      const ok = await submit(draft.body.id);
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('queued');
      const raw = JSON.stringify(await t.sql('select * from intake.application where id = $1', [draft.body.id]));
      expect(raw).not.toContain('161175-19997');
      expect(raw).not.toContain('Bērziņš');
      const pdf = await fetch(`${t.baseUrl}/api/v1/intake/applications/${draft.body.id}/pdf`, { headers: { authorization: `Bearer ${clerk}` } });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
      const audit = await t.sql<{ action: string }>('select action from platform.audit_log where resource_id = $1 order by seq', [draft.body.id]);
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['application.personal-data.write', 'application.submit', 'application.personal-data.read']));
      const status = await t.request('GET', `/api/v1/intake/status/${draft.body.reference}`);
      expect(status.body).toMatchObject({ reference: draft.body.reference, status: 'queued' });
      expect(JSON.stringify(status.body)).not.toContain('161175');
      expect((await t.request('GET', `/api/v1/intake/applications/${draft.body.id}`, { token: await t.token('clerk.grobina') })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/intake/applications/${draft.body.id}`, { token: await t.token('specialist.vsaa') })).status).toBe(403);
    });

    it('accepts real documents and refuses disguised, oversized or invalid input', async () => {
      const draft = await start('VZD-KADASTRS', sample('vzd-kadastrs'));
      const upload = (name: string, bytes: Buffer, type = 'application/octet-stream') => {
        const form = new FormData();
        form.append('file', new Blob([bytes], { type }), name);
        return fetch(`${t.baseUrl}/api/v1/intake/applications/${draft.body.id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${clerk}` }, body: form });
      };
      const png = await upload('skenejums.png', PNG, 'image/png');
      expect(png.status).toBe(201);
      const body = (await png.json()) as { attachments: Array<{ contentType: string; sha256: string }> };
      expect(body.attachments[0]).toMatchObject({ contentType: 'image/png' });
      expect(body.attachments[0]!.sha256).toHaveLength(64);
      const disguised = await upload('ligums.pdf', Buffer.from('MZ\x90\x00 this is an executable'), 'application/pdf');
      expect(disguised.status).toBe(422);
      expect(((await disguised.json()) as { code: string }).code).toBe('INTAKE.ATTACHMENT_TYPE_NOT_ALLOWED');
      const renamed = await upload('attels.pdf', PNG, 'application/pdf');
      expect(renamed.status).toBe(422);
      const huge = await upload('liels.png', Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]), 'image/png');
      expect([413, 422]).toContain(huge.status);
      const badCode = await t.request('POST', '/api/v1/intake/applications', {
        token: clerk,
        body: { formCode: 'VZD-KADASTRS', centreId, applicant: { personalCode: '161375-19997', name: 'X Y' }, data: {} },
      });
      expect(badCode.status).toBe(422);
      expect(badCode.body.errors[0].field).toBe('applicant.personalCode');
      const after = (await t.request('GET', `/api/v1/intake/applications/${draft.body.id}`, { token: clerk })).body;
      expect(after.attachments).toHaveLength(1);
    });
  });

  describe('hand-over to the institution', () => {
    it('pushes signed webhooks through failures until every application arrives, each webhook-id once', async () => {
      const admin = await t.token('admin');
      const url = await receiver.start();
      const channel = await t.request('POST', `/api/v1/intake/institutions/${vsaaId}/channels`, { token: admin, body: { kind: 'webhook', url } });
      expect(channel.status).toBe(201);
      receiver.secrets = [channel.body.secret];
      receiver.then('500', 'timeout', '429:1', 'reset', '503', 'ok');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const app = await start('VSAA-PIEDZIMSANA', sample('vsaa-piedzimsana'));
        expect((await submit(app.body.id)).status).toBe(200);
        ids.push(app.body.id);
      }
      await until(() => ids.every((id) => [...receiver.processed.values()].some((m) => m.data.applicationId === id)), 40_000);
      expect(receiver.attempts.every((a) => a.signatureOk)).toBe(true);
      expect(receiver.duplicates).toBe(0);
      await until(async () => (await t.request('GET', `/api/v1/intake/applications/${ids[0]}`, { token: clerk })).body.status === 'delivered');
      const message = [...receiver.processed.values()][0]!;
      expect(message.type).toBe('application.submitted');
      expect(message.data).toMatchObject({ form: { code: 'VSAA-PIEDZIMSANA' }, applicant: { personalCode: '161175-19997' } });
      // The receiver has answered all three; the server records each answer just after it, so the
      // last delivery may still read "sending" for a moment.
      const delivered = async () => {
        const list = await t.request('GET', `/api/v1/intake/deliveries?institutionId=${vsaaId}`, { token: admin });
        return (list.body as Array<{ status: string; attempts: number }>).filter((d) => d.status === 'delivered');
      };
      await until(async () => (await delivered()).length >= 3);
      const deliveries = await delivered();
      expect(deliveries).toHaveLength(3);
      expect(Math.max(...deliveries.map((d) => d.attempts))).toBeGreaterThan(1);
    });

    it('disables the endpoint on 410, lists the dead letter and redelivers after re-enabling', async () => {
      const admin = await t.token('admin');
      const channels = await t.request('GET', `/api/v1/intake/institutions/${vsaaId}/channels`, { token: admin });
      receiver.then('410');
      const app = await start('VSAA-PIEDZIMSANA', sample('vsaa-piedzimsana'));
      await submit(app.body.id);
      await until(async () => (await t.request('GET', `/api/v1/intake/institutions/${vsaaId}/channels`, { token: admin })).body[0].enabled === false);
      const dead = await t.request('GET', '/api/v1/intake/dead-letters', { token: admin });
      const letter = dead.body.find((d: { applicationId: string }) => d.applicationId === app.body.id);
      expect(letter).toMatchObject({ status: 'disabled', lastHttpStatus: 410 });
      await t.request('POST', `/api/v1/intake/institutions/${vsaaId}/channels/${channels.body[0].id}/enable`, { token: admin });
      await until(() => [...receiver.processed.values()].some((m) => m.data.applicationId === app.body.id));
      expect(receiver.processed.get(letter.id)).toBeDefined(); // same webhook-id as before
    });

    it('hands over applications submitted while the channel was paused, once it is enabled again', async () => {
      const admin = await t.token('admin');
      const channel = (await t.request('GET', `/api/v1/intake/institutions/${vsaaId}/channels`, { token: admin })).body[0];
      await t.request('POST', `/api/v1/intake/institutions/${vsaaId}/channels/${channel.id}/disable`, { token: admin });
      const app = await start('VSAA-PIEDZIMSANA', sample('vsaa-piedzimsana'));
      await submit(app.body.id);
      await t.drainEvents();
      await new Promise((r) => setTimeout(r, 500));
      expect([...receiver.processed.values()].some((m) => m.data.applicationId === app.body.id)).toBe(false);
      await t.request('POST', `/api/v1/intake/institutions/${vsaaId}/channels/${channel.id}/enable`, { token: admin });
      await until(() => [...receiver.processed.values()].some((m) => m.data.applicationId === app.body.id));
    });

    it('refuses webhook targets inside the network unless the configuration allows them', async () => {
      const strict = await startTestApp({}, { databaseUrl: t.databaseUrl });
      try {
        const res = await strict.request('POST', `/api/v1/intake/institutions/${vsaaId}/channels`, { token: await strict.token('admin'), body: { kind: 'webhook', url: 'http://127.0.0.1:9/hook' } });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('INTAKE.UNSAFE_WEBHOOK_URL');
      } finally {
        await strict.close();
      }
    });

    it('serves the pull inbox: leased items come back until acknowledged', async () => {
      const admin = await t.token('admin');
      const vzdId = (await t.request('GET', '/api/v1/network/institutions/VZD')).body.id;
      await t.request('POST', `/api/v1/intake/institutions/${vzdId}/channels`, { token: admin, body: { kind: 'inbox' } });
      const key = (await t.request('POST', '/api/v1/network/institutions/VZD/api-keys', { token: admin, body: { name: 'VZD sistēma' } })).body.key;
      const app = await start('VZD-KADASTRS', sample('vzd-kadastrs'));
      await submit(app.body.id);
      await t.drainEvents();
      const inbox = (headers: Record<string, string>) => t.request('GET', '/api/v1/intake/inbox?limit=10', { headers });
      const first = await inbox({ 'x-api-key': key });
      expect(first.body.items.map((i: { applicationId: string }) => i.applicationId)).toContain(app.body.id);
      expect((await inbox({ 'x-api-key': key })).body.items).toHaveLength(0); // leased
      await new Promise((r) => setTimeout(r, 5500));
      const again = await inbox({ 'x-api-key': key });
      expect(again.body.items.map((i: { applicationId: string }) => i.applicationId)).toContain(app.body.id);
      const vsaaKey = (await t.request('POST', '/api/v1/network/institutions/VSAA/api-keys', { token: admin, body: { name: 'VSAA' } })).body.key;
      expect((await t.request('POST', `/api/v1/intake/inbox/${app.body.id}/ack`, { headers: { 'x-api-key': vsaaKey } })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/intake/inbox/${app.body.id}/ack`, { headers: { 'x-api-key': key } })).body.status).toBe('delivered');
      await new Promise((r) => setTimeout(r, 5500));
      expect((await inbox({ 'x-api-key': key })).body.items.map((i: { applicationId: string }) => i.applicationId)).not.toContain(app.body.id);
      expect((await t.request('GET', `/api/v1/intake/applications/${app.body.id}`, { token: clerk })).body.status).toBe('delivered');
    });
  });

  describe('status from the institution', () => {
    it('takes signed, idempotent, out-of-order status events from the owning institution only', async () => {
      const admin = await t.token('admin');
      const key = (await t.request('POST', '/api/v1/network/institutions/VSAA/api-keys', { token: admin, body: { name: 'VSAA lietvedība' } })).body.key;
      const app = [...receiver.processed.values()][0]!.data.applicationId as string;
      const secret = receiver.secrets[0]!;
      const post = (body: Record<string, unknown>, opts: { secret?: string; key?: string } = {}) => {
        const raw = JSON.stringify(body);
        const id = `evt-${Math.random()}`;
        const now = new Date();
        const signature = new Webhook(opts.secret ?? secret).sign(id, now, raw);
        return t.request('POST', `/api/v1/intake/applications/${app}/status-events`, {
          rawBody: raw,
          headers: { 'content-type': 'application/json', 'x-api-key': opts.key ?? key, 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature },
        });
      };
      const forged = await post({ eventId: 'e1', status: 'accepted', occurredAt: '2026-12-01T08:00:00Z' }, { secret: 'whsec_' + Buffer.alloc(32, 7).toString('base64') });
      expect(forged.status).toBe(401);
      expect(forged.body.code).toBe('INTAKE.INVALID_SIGNATURE');
      const vidKey = (await t.request('POST', '/api/v1/network/institutions/VID/api-keys', { token: admin, body: { name: 'VID' } })).body.key;
      expect((await post({ eventId: 'e1', status: 'accepted', occurredAt: '2026-12-01T08:00:00Z' }, { key: vidKey })).status).toBe(403);
      expect((await post({ eventId: 'e2', status: 'decided', outcome: 'granted', messageLv: 'Pabalsts piešķirts', occurredAt: '2026-12-03T10:00:00Z' })).body).toMatchObject({ result: 'applied', status: 'decided' });
      expect((await post({ eventId: 'e1', status: 'accepted', occurredAt: '2026-12-01T08:00:00Z' })).body).toMatchObject({ result: 'ignored', status: 'decided' });
      expect((await post({ eventId: 'e2', status: 'decided', outcome: 'granted', occurredAt: '2026-12-03T10:00:00Z' })).body.result).toBe('duplicate');
      expect((await post({ eventId: 'e3', status: 'flying', occurredAt: '2026-12-03T10:00:00Z' })).status).toBe(422);
      expect((await post({ eventId: 'e4', status: 'closed', occurredAt: '2026-12-04T10:00:00Z' })).body.status).toBe('closed');
      const reference = (await t.request('GET', `/api/v1/intake/applications/${app}`, { token: admin })).body.reference;
      expect((await t.request('GET', `/api/v1/intake/status/${reference}`)).body.decision).toMatchObject({ outcome: 'granted', messageLv: 'Pabalsts piešķirts' });
    });

    it('purges personal data after the retention period, keeping an anonymised record', async () => {
      const app = [...receiver.processed.values()][0]!.data.applicationId as string;
      const result = await t.app.get(RetentionJob).run(new Date(Date.now() + 400 * 86400_000));
      expect(result.anonymised).toBeGreaterThan(0);
      const view = (await t.request('GET', `/api/v1/intake/applications/${app}`, { token: await t.token('admin') })).body;
      expect(view.status).toBe('closed');
      expect(JSON.stringify(view)).not.toContain('161175-19997');
      expect(view.serviceCode).toBe('VSAA-006');
    });
  });
});
