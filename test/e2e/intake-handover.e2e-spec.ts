import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { RetentionJob } from '../../modules/intake/application/applications/retention.job';
import { startTestApp, type TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`modules/intake/infrastructure/seed/samples/${name}.sample.json`, 'utf8')) as Record<string, unknown>;
const CONSENT = 'Piekrītu, ka mani dati tiek nodoti iestādei pakalpojuma sniegšanai.';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/**
 * The parts of the hand-over intake.e2e-spec.ts leaves out: a receiver that refuses connections
 * and then comes up, Retry-After, signing-key rotation, dead letters and manual redelivery, the
 * inbox cursor and attachment downloads by the institution, withdrawal, the visit link, and
 * retention per institution.
 */
describe('intake hand-over: failures, administration and the institution side (e2e)', () => {
  let t: TestApp;
  let clerk: string;
  let admin: string;
  let centreId: string;
  let vidId: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      // Ten attempts, 0.5 s apart: a dead letter within ~5 s.
      WEBHOOK_RETRY_SCHEDULE: '0,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5',
      WEBHOOK_TIMEOUT_MS: '1000',
      INBOX_LEASE_SECONDS: '5',
      INTAKE_RETENTION_DAYS: 'VSAA.granted=60',
    });
    clerk = await t.token('clerk.cesis');
    admin = await t.token('admin');
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
    vidId = (await t.request('GET', '/api/v1/network/institutions/VID')).body.id;
  });
  afterAll(async () => {
    for (const r of receivers) await r.stop();
    await t.close();
  });

  const start = (formCode: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    t.request('POST', '/api/v1/intake/applications', {
      token: clerk,
      body: { formCode, centreId, applicant: { personalCode: '161175-19997', name: 'Jānis Bērziņš', contact: { phone: '29123456' } }, data, ...extra },
    });
  const submitted = async (formCode: string, data: Record<string, unknown>): Promise<string> => {
    const draft = await start(formCode, data);
    expect(draft.status).toBe(201);
    const res = await t.request('POST', `/api/v1/intake/applications/${draft.body.id}/submit`, { token: clerk, body: { consentTextLv: CONSENT } });
    expect(res.status).toBe(200);
    return draft.body.id as string;
  };
  const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const deliveryOf = async (applicationId: string) => (await t.request('GET', `/api/v1/intake/deliveries?applicationId=${applicationId}`, { token: admin })).body[0];
  const arrived = (r: WebhookReceiver, applicationId: string) => [...r.processed.entries()].find(([, m]) => m.data.applicationId === applicationId);

  describe('webhooks', () => {
    const receiver = new WebhookReceiver();
    let channelId = '';
    let url = '';
    receivers.push(receiver);

    it('keeps trying while the receiver refuses connections and delivers once it is up', async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}/hook`;
      const channel = await t.request('POST', `/api/v1/intake/institutions/${vidId}/channels`, { token: admin, body: { kind: 'webhook', url } });
      expect(channel.status).toBe(201);
      channelId = channel.body.id;
      receiver.secrets = [channel.body.secret];
      const app = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      await until(async () => {
        const d = await deliveryOf(app);
        return d?.attempts >= 2 && /ECONNREFUSED/.test(d.lastError ?? '');
      });
      expect((await deliveryOf(app)).status).toBe('pending');
      await receiver.start(port); // the institution's system is back
      await until(() => arrived(receiver, app) !== undefined);
      await until(async () => (await deliveryOf(app)).status === 'delivered');
      const delivery = await deliveryOf(app);
      expect(arrived(receiver, app)![0]).toBe(delivery.id); // webhook-id = the delivery, the same on every attempt
      // The Standard Webhooks body: type, timestamp, and the application with its form version and schema.
      expect(arrived(receiver, app)![1]).toMatchObject({
        type: 'application.submitted',
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        data: {
          applicationId: app,
          reference: expect.stringMatching(/^VPK-/),
          serviceCode: 'VID-001',
          form: { code: 'VID-GID-PALIDZIBA', version: 1, jsonSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema' } },
          data: sample('vid-gid-palidziba'),
          consent: { textLv: CONSENT },
          assistedBy: { centreId },
          statusCallbackUrl: expect.stringContaining(`/api/v1/intake/applications/${app}/status-events`),
        },
      });
      expect(receiver.duplicates).toBe(0);
    });

    it('waits as long as Retry-After asks, longer than its own schedule', async () => {
      receiver.then('429:3');
      const app = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      await until(() => arrived(receiver, app) !== undefined);
      const id = arrived(receiver, app)![0];
      const tries = receiver.attempts.filter((a) => a.id === id);
      expect(tries.map((a) => a.behaviour)).toEqual(['429:3', 'ok']);
      // The schedule alone would try again after 0.4–0.6 s.
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(2000);
      expect((await deliveryOf(app)).attempts).toBe(2);
    });

    it('signs with every active secret during a key rotation, and only with the new one after', async () => {
      const old = receiver.secrets[0]!;
      const rotated = await t.request('POST', `/api/v1/intake/institutions/${vidId}/channels/${channelId}/rotate-secret`, { token: admin, body: {} });
      expect(rotated.status).toBe(200);
      expect(rotated.body.activeSecrets).toBe(2);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      // A receiver that knows only the new secret accepts, one that knows only the old one too.
      receiver.secrets = [rotated.body.secret];
      const first = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      await until(() => arrived(receiver, first) !== undefined);
      receiver.secrets = [old];
      const second = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      await until(() => arrived(receiver, second) !== undefined);
      for (const app of [first, second]) {
        const tries = receiver.attempts.filter((a) => a.id === arrived(receiver, app)![0]);
        expect(tries.map((a) => [a.signatures, a.signatureOk])).toEqual([[2, true]]);
      }
      // Retire the old secret: its holder can no longer verify; the new one can.
      const retired = await t.request('POST', `/api/v1/intake/institutions/${vidId}/channels/${channelId}/rotate-secret`, { token: admin, body: { retireOld: true } });
      expect(retired.body.activeSecrets).toBe(1);
      const third = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      const deliveryId = await (async () => {
        await until(async () => (await deliveryOf(third)) !== undefined);
        return (await deliveryOf(third)).id as string;
      })();
      await until(() => receiver.attempts.some((a) => a.id === deliveryId));
      expect(receiver.attempts.find((a) => a.id === deliveryId)).toMatchObject({ signatures: 1, signatureOk: false });
      receiver.secrets = [retired.body.secret];
      await until(() => arrived(receiver, third) !== undefined);
      expect((await t.request('POST', `/api/v1/intake/institutions/${vidId}/channels/${channelId}/rotate-secret`, { token: await t.token('specialist.vsaa'), body: {} })).status).toBe(403);
    });

    it('turns a delivery that exhausted its retries into a dead letter, which an administrator redelivers under the same webhook-id', async () => {
      receiver.fallback = '503';
      const app = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      await until(async () => (await deliveryOf(app))?.status === 'dead', 30_000);
      const dead = (await t.request('GET', '/api/v1/intake/dead-letters', { token: admin })).body.find((d: { applicationId: string }) => d.applicationId === app);
      expect(dead).toMatchObject({ status: 'dead', attempts: 10, lastHttpStatus: 503, lastError: 'HTTP 503' });
      expect((await t.request('GET', `/api/v1/intake/applications/${app}`, { token: clerk })).body.status).toBe('queued');
      // Wrong callers and wrong ids change nothing.
      expect((await t.request('POST', `/api/v1/intake/deliveries/${dead.id}/redeliver`, { token: clerk })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/intake/deliveries/${dead.id}/redeliver`, { token: await t.token('auditor') })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/intake/deliveries/00000000-0000-4000-8000-000000000000/redeliver`, { token: admin })).body.code).toBe('INTAKE.DELIVERY_NOT_FOUND');
      expect((await t.request('POST', `/api/v1/intake/deliveries/nonsense/redeliver`, { token: admin })).status).toBe(422);
      expect((await deliveryOf(app)).status).toBe('dead');

      receiver.fallback = 'ok';
      const again = await t.request('POST', `/api/v1/intake/deliveries/${dead.id}/redeliver`, { token: admin });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: dead.id, status: 'pending', attempts: 0 });
      await until(() => arrived(receiver, app) !== undefined);
      expect(arrived(receiver, app)![0]).toBe(dead.id);
      await until(async () => (await t.request('GET', `/api/v1/intake/applications/${app}`, { token: clerk })).body.status === 'delivered');
      const delivered = await t.request('POST', `/api/v1/intake/deliveries/${dead.id}/redeliver`, { token: admin });
      expect(delivered.status).toBe(422);
      expect(delivered.body.code).toBe('INTAKE.ALREADY_DELIVERED');
      expect(receiver.duplicates).toBe(0);
    });
  });

  describe('pull inbox', () => {
    it('pages with a cursor, serves attachments to the owning institution only, and forgets acknowledged items', async () => {
      const vzdId = (await t.request('GET', '/api/v1/network/institutions/VZD')).body.id;
      expect((await t.request('POST', `/api/v1/intake/institutions/${vzdId}/channels`, { token: admin, body: { kind: 'inbox' } })).status).toBe(201);
      const key = (await t.request('POST', '/api/v1/network/institutions/VZD/api-keys', { token: admin, body: { name: 'VZD sistēma' } })).body.key as string;
      const vidKey = (await t.request('POST', '/api/v1/network/institutions/VID/api-keys', { token: admin, body: { name: 'VID sistēma' } })).body.key as string;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const draft = await start('VZD-KADASTRS', sample('vzd-kadastrs'));
        const form = new FormData();
        form.append('file', new Blob([Buffer.concat([PNG, Buffer.from([i])])], { type: 'image/png' }), `plans-${i}.png`);
        const up = await fetch(`${t.baseUrl}/api/v1/intake/applications/${draft.body.id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${clerk}` }, body: form });
        expect(up.status).toBe(201);
        expect((await t.request('POST', `/api/v1/intake/applications/${draft.body.id}/submit`, { token: clerk, body: { consentTextLv: CONSENT } })).status).toBe(200);
        ids.push(draft.body.id);
      }
      await t.drainEvents();
      const inbox = (query: string) => t.request('GET', `/api/v1/intake/inbox?${query}`, { headers: { 'x-api-key': key } });
      const itemIds = (res: { body: { items: Array<{ applicationId: string }> } }) => res.body.items.map((i) => i.applicationId);

      const page1 = await inbox('limit=2');
      expect(itemIds(page1)).toHaveLength(2);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      await new Promise((r) => setTimeout(r, 5500)); // the leases run out: page 1's items are offered again
      const page2 = await inbox(`limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`);
      expect(itemIds(page2)).toHaveLength(1); // the cursor skips page 1 although its items are free again
      expect(page2.body.nextCursor).toBeNull();
      expect(new Set([...itemIds(page1), ...itemIds(page2)])).toEqual(new Set(ids));
      expect(itemIds(await inbox('limit=2')).sort()).toEqual(itemIds(page1).sort()); // unacknowledged: back again
      expect((await inbox('cursor=broken')).status).toBe(422);

      // Each item carries its attachments' addresses; the institution downloads them with its key.
      const item = page2.body.items[0] as { applicationId: string; application: { attachments: Array<{ url: string; sha256: string; contentType: string }> } };
      const file = item.application.attachments[0]!;
      const download = await fetch(file.url.replace(/^https?:\/\/[^/]+/, t.baseUrl), { headers: { 'x-api-key': key } });
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      expect(download.headers.get('x-content-sha256')).toBe(file.sha256);
      expect(download.headers.get('content-type')).toBe('image/png');
      // Nobody else: another institution, another centre's clerk, an attachment of another application.
      expect((await fetch(file.url.replace(/^https?:\/\/[^/]+/, t.baseUrl), { headers: { 'x-api-key': vidKey } })).status).toBe(403);
      expect((await fetch(file.url.replace(/^https?:\/\/[^/]+/, t.baseUrl), { headers: { authorization: `Bearer ${await t.token('clerk.grobina')}` } })).status).toBe(403);
      const otherApp = ids.find((id) => id !== item.applicationId)!;
      const attachmentId = file.url.split('/').pop()!;
      expect((await t.request('GET', `/api/v1/intake/applications/${otherApp}/attachments/${attachmentId}`, { headers: { 'x-api-key': key } })).status).toBe(404);
      // The inbox of another institution does not hold them, nor can it acknowledge them.
      expect(itemIds(await t.request('GET', '/api/v1/intake/inbox?limit=50', { headers: { 'x-api-key': vidKey } }))).not.toContain(ids[0]);
      expect((await t.request('POST', `/api/v1/intake/inbox/${ids[0]}/ack`, { headers: { 'x-api-key': vidKey } })).status).toBe(404);

      for (const id of ids) expect((await t.request('POST', `/api/v1/intake/inbox/${id}/ack`, { headers: { 'x-api-key': key } })).body.status).toBe('delivered');
      await new Promise((r) => setTimeout(r, 5500));
      expect(itemIds(await inbox('limit=10')).filter((id) => ids.includes(id))).toEqual([]);
      const audit = await t.sql<{ n: string }>("select count(*) as n from platform.audit_log where action = 'application.attachment.read' and resource_id = $1", [item.applicationId]);
      expect(Number(audit[0]!.n)).toBe(1);
    }, 40_000);
  });

  describe('applications', () => {
    it('links the queue visit, and records who withdrew an application, when and why', async () => {
      const queueId = (await t.request('GET', `/api/v1/queue/centres/${centreId}/state`, { token: clerk })).body.queues[0].id;
      const visitTicketId = (await t.request('POST', `/api/v1/queue/centres/${centreId}/tickets`, { token: clerk, body: { queueId } })).body.ticket.id as string;
      const draft = await start('PMLP-DZIVESVIETA', sample('pmlp-dzivesvieta'), { visitTicketId });
      expect(draft.body.visitTicketId).toBe(visitTicketId);
      expect((await t.request('POST', `/api/v1/intake/applications/${draft.body.id}/submit`, { token: clerk, body: { consentTextLv: CONSENT } })).status).toBe(200);
      const [event] = await t.sql<{ payload: { payload: { visitTicketId: string } } }>(
        "select payload from platform.outbox where type = 'intake.ApplicationSubmitted' and aggregate_id = $1",
        [draft.body.id],
      );
      expect(event!.payload.payload.visitTicketId).toBe(visitTicketId);

      expect((await t.request('POST', `/api/v1/intake/applications/${draft.body.id}/withdraw`, { token: await t.token('clerk.grobina'), body: { reason: 'Cits centrs' } })).status).toBe(403);
      const me = (await t.request('GET', '/api/v1/auth/me', { token: clerk })).body;
      const withdrawn = await t.request('POST', `/api/v1/intake/applications/${draft.body.id}/withdraw`, { token: clerk, body: { reason: 'Iedzīvotājs pārdomāja' } });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      expect(withdrawn.body.history.at(-1)).toMatchObject({ from: 'queued', to: 'withdrawn', by: me.subject, reason: 'Iedzīvotājs pārdomāja', at: expect.any(String) });
      expect(withdrawn.body.history.map((h: { to: string }) => h.to)).toEqual(['draft', 'submitted', 'queued', 'withdrawn']);
      const again = await t.request('POST', `/api/v1/intake/applications/${draft.body.id}/withdraw`, { token: clerk, body: { reason: 'vēlreiz' } });
      expect(again.status).toBe(409);
      expect((await t.request('GET', `/api/v1/intake/status/${draft.body.reference}`)).body.status).toBe('withdrawn');
    });
  });

  describe('retention', () => {
    it('purges personal data per institution and outcome (VSAA keeps granted applications 60 days, others 30)', async () => {
      const specialists = { VSAA: await t.token('specialist.vsaa'), VZD: await t.token('specialist.vzd') };
      const closeGranted = async (formCode: string, data: Record<string, unknown>, token: string): Promise<string> => {
        const id = await submitted(formCode, data);
        for (const [eventId, status] of [['d', 'decided'], ['c', 'closed']] as const) {
          const res = await t.request('POST', `/api/v1/intake/applications/${id}/status-events`, {
            token,
            body: { eventId: `${id}-${eventId}`, status, outcome: 'granted', occurredAt: new Date().toISOString() },
          });
          expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { result: 'applied' } });
        }
        return id;
      };
      const vsaa = await closeGranted('VSAA-PIEDZIMSANA', sample('vsaa-piedzimsana'), specialists.VSAA);
      const vzd = await closeGranted('VZD-KADASTRS', sample('vzd-kadastrs'), specialists.VZD);
      const personalCodeOf = async (id: string) => (await t.request('GET', `/api/v1/intake/applications/${id}`, { token: admin })).body.applicant.personalCode as string;
      const job = t.app.get(RetentionJob);

      // Day 40: the default rule (granted: 30 days) is due for VZD, VSAA's own (60 days) is not.
      // A page size of 1 walks past every application not yet due.
      await job.run(new Date(Date.now() + 40 * 86400_000), { batchSize: 1 });
      expect(await personalCodeOf(vzd)).toBe('');
      expect(await personalCodeOf(vsaa)).toBe('161175-19997');
      await job.run(new Date(Date.now() + 61 * 86400_000), { batchSize: 1 });
      expect(await personalCodeOf(vsaa)).toBe('');
      const view = (await t.request('GET', `/api/v1/intake/applications/${vsaa}`, { token: admin })).body;
      expect(view).toMatchObject({ status: 'closed', serviceCode: 'VSAA-006', decision: { outcome: 'granted' } });
    });
  });
});
