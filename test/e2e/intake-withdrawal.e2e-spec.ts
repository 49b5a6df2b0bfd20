import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`modules/intake/infrastructure/seed/samples/${name}.sample.json`, 'utf8')) as Record<string, unknown>;
const CONSENT = 'Piekrītu, ka mani dati tiek nodoti iestādei pakalpojuma sniegšanai.';

/**
 * The gaps issue #4's audit left: a withdrawal is published and reaches the institution (webhook
 * and inbox) without counting as its answer in Reporting; the queue-visit link is checked against
 * Scheduling; a receiver's 410 raises a metric and an integration event, not only a log line.
 */
describe('intake: withdrawal notices, the visit link and the 410 alert (e2e)', () => {
  let t: TestApp;
  let clerk: string;
  let admin: string;
  let centreId: string;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_RETRY_SCHEDULE: '0,0.5,0.5,0.5,0.5', WEBHOOK_TIMEOUT_MS: '1000', INBOX_LEASE_SECONDS: '60' });
    clerk = await t.token('clerk.cesis');
    admin = await t.token('admin');
    centreId = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0].id;
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  const start = (formCode: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    t.request('POST', '/api/v1/intake/applications', {
      token: clerk,
      body: { formCode, centreId, applicant: { personalCode: '161175-19997', name: 'Jānis Bērziņš', contact: { phone: '29123456' } }, data, ...extra },
    });
  const submitted = async (formCode: string, data: Record<string, unknown>): Promise<{ id: string; reference: string }> => {
    const draft = await start(formCode, data);
    expect(draft.status).toBe(201);
    expect((await t.request('POST', `/api/v1/intake/applications/${draft.body.id}/submit`, { token: clerk, body: { consentTextLv: CONSENT } })).status).toBe(200);
    return { id: draft.body.id, reference: draft.body.reference };
  };
  const withdraw = (id: string, reason: string) => t.request('POST', `/api/v1/intake/applications/${id}/withdraw`, { token: clerk, body: { reason } });
  const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const deliveriesOf = async (applicationId: string) =>
    (await t.request('GET', `/api/v1/intake/deliveries?applicationId=${applicationId}`, { token: admin })).body as Array<{ id: string; event: string; status: string; kind: string; attempts: number }>;
  const outbox = (applicationId: string) =>
    t.sql<{ type: string; payload: { payload: Record<string, unknown> } }>('select type, payload from platform.outbox where aggregate_id = $1 order by occurred_at, type', [applicationId]);
  const fact = async (applicationId: string) =>
    (await t.sql<Record<string, unknown>>('select status, first_response_at, first_response_status, decided_at, outcome, closed_at from reporting.application_fact where application_id = $1', [applicationId]))[0];

  describe('withdrawal', () => {
    let vidChannel = '';

    it('publishes the withdrawal, tells the institution that already has the application by webhook, and Reporting counts it as withdrawn, not as an answer', async () => {
      const vidId = (await t.request('GET', '/api/v1/network/institutions/VID')).body.id;
      const channel = await t.request('POST', `/api/v1/intake/institutions/${vidId}/channels`, { token: admin, body: { kind: 'webhook', url: await receiver.start() } });
      expect(channel.status).toBe(201);
      vidChannel = channel.body.id;
      receiver.secrets = [channel.body.secret];
      const app = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      await until(async () => (await t.request('GET', `/api/v1/intake/applications/${app.id}`, { token: clerk })).body.status === 'delivered');
      const handover = (await deliveriesOf(app.id)).find((d) => d.event === 'application.submitted')!;

      const res = await withdraw(app.id, 'Iedzīvotājs pārdomāja');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('withdrawn');
      // Both events in the outbox, from the withdrawal's own transaction; no personal data, no reason.
      const events = (await outbox(app.id)).filter((e) => e.type === 'intake.ApplicationStatusChanged' || e.type === 'intake.ApplicationClosed');
      expect(events.map((e) => e.type).sort()).toEqual(['intake.ApplicationClosed', 'intake.ApplicationStatusChanged']);
      expect(events.find((e) => e.type === 'intake.ApplicationStatusChanged')!.payload.payload).toMatchObject({ applicationId: app.id, from: 'delivered', to: 'withdrawn', outcome: null, institutionCode: 'VID' });
      expect(events.find((e) => e.type === 'intake.ApplicationClosed')!.payload.payload).toMatchObject({ applicationId: app.id, finalStatus: 'withdrawn', outcome: null, closedAt: expect.any(String) });
      expect(JSON.stringify(events)).not.toMatch(/pārdomāja|161175|Bērziņš/);

      // The institution hears of it under a new webhook-id, signed like every message.
      await until(() => [...receiver.processed.values()].some((m) => m.type === 'application.withdrawn' && m.data.applicationId === app.id));
      const [noticeId, notice] = [...receiver.processed.entries()].find(([, m]) => m.type === 'application.withdrawn' && m.data.applicationId === app.id)!;
      expect(noticeId).not.toBe(handover.id);
      expect(notice.data).toMatchObject({ applicationId: app.id, reference: app.reference, status: 'withdrawn', reason: 'Iedzīvotājs pārdomāja', withdrawnAt: expect.any(String) });
      expect(receiver.attempts.filter((a) => a.id === noticeId).every((a) => a.signatureOk)).toBe(true);
      await until(async () => (await deliveriesOf(app.id)).some((d) => d.event === 'application.withdrawn' && d.status === 'delivered'));
      expect((await deliveriesOf(app.id)).map((d) => [d.event, d.status]).sort()).toEqual([
        ['application.submitted', 'delivered'],
        ['application.withdrawn', 'delivered'],
      ]);
      // The institution's earlier message did not move the application (it was delivered before).
      expect(receiver.duplicates).toBe(0);

      // Reporting: withdrawn, closed, and neither the institution's first answer nor its decision.
      await t.drainEvents();
      expect(await fact(app.id)).toMatchObject({ status: 'withdrawn', first_response_at: null, first_response_status: null, decided_at: null, outcome: null, closed_at: expect.any(Date) });
      const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
      const stats = await t.request('GET', `/api/v1/reporting/applications?from=${day(-1)}&to=${day(1)}&institution=VID`, { token: admin });
      expect(stats.status).toBe(200);
      const points = stats.body.series.flatMap((s: { points: unknown[] }) => s.points) as Array<{ byState: Record<string, number>; answered: number; awaitingAnswer: number }>;
      const sum = (f: (p: (typeof points)[number]) => number) => points.reduce((n, p) => n + f(p), 0);
      expect(sum((p) => p.byState.withdrawn ?? 0)).toBe(1);
      expect(sum((p) => p.byState.delivered ?? 0)).toBe(0);
      expect(sum((p) => p.answered)).toBe(0);
      expect(sum((p) => p.awaitingAnswer)).toBe(0); // delivered, but nothing to answer any more
    });

    it('does not hand over an application withdrawn while its channel was off, not even once the channel is back, and tells nobody', async () => {
      // Park the channel: the application waits, never sent.
      const vidId = (await t.request('GET', '/api/v1/network/institutions/VID')).body.id;
      expect((await t.request('POST', `/api/v1/intake/institutions/${vidId}/channels/${vidChannel}/disable`, { token: admin })).status).toBe(200);
      const app = await submitted('VID-GID-PALIDZIBA', sample('vid-gid-palidziba'));
      await t.drainEvents();
      expect(await deliveriesOf(app.id)).toEqual([]); // no enabled channel: nothing scheduled
      expect((await withdraw(app.id, 'Kļūda')).status).toBe(200);
      await t.drainEvents();
      expect((await t.request('POST', `/api/v1/intake/institutions/${vidId}/channels/${vidChannel}/enable`, { token: admin })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await deliveriesOf(app.id)).toEqual([]); // enabling does not pick up a withdrawn application
      expect([...receiver.processed.values()].some((m) => m.data.applicationId === app.id)).toBe(false);
      expect(await fact(app.id)).toMatchObject({ status: 'withdrawn', first_response_at: null });
    });

    it('withdraws a fetched inbox item with a notice, cancels an unfetched one silently, and acknowledges notices by their id', async () => {
      const vzdId = (await t.request('GET', '/api/v1/network/institutions/VZD')).body.id;
      expect((await t.request('POST', `/api/v1/intake/institutions/${vzdId}/channels`, { token: admin, body: { kind: 'inbox' } })).status).toBe(201);
      const key = (await t.request('POST', '/api/v1/network/institutions/VZD/api-keys', { token: admin, body: { name: 'VZD sistēma' } })).body.key as string;
      const inbox = () => t.request('GET', '/api/v1/intake/inbox?limit=50', { headers: { 'x-api-key': key } });
      const fetched = await submitted('VZD-KADASTRS', sample('vzd-kadastrs'));
      await t.drainEvents();
      const first = await inbox();
      expect(first.body.items.map((i: { applicationId: string; type: string }) => [i.applicationId, i.type])).toEqual([[fetched.id, 'application.submitted']]);
      const unseen = await submitted('VZD-KADASTRS', sample('vzd-kadastrs'));
      await t.drainEvents();

      expect((await withdraw(fetched.id, 'Vairs nav vajadzīgs')).status).toBe(200);
      expect((await withdraw(unseen.id, 'Kļūda')).status).toBe(200);
      await t.drainEvents();
      expect((await deliveriesOf(unseen.id)).map((d) => [d.event, d.status])).toEqual([['application.submitted', 'cancelled']]);
      expect((await deliveriesOf(fetched.id)).map((d) => [d.event, d.status]).sort()).toEqual([
        ['application.submitted', 'cancelled'],
        ['application.withdrawn', 'pending'],
      ]);
      // Only the notice is offered now (the fetched application's lease has not even run out).
      const items = (await inbox()).body.items as Array<{ deliveryId: string; applicationId: string; type: string; application?: unknown; withdrawal?: Record<string, unknown> }>;
      expect(items.map((i) => [i.applicationId, i.type])).toEqual([[fetched.id, 'application.withdrawn']]);
      expect(items[0]!.withdrawal).toMatchObject({ reference: fetched.reference, status: 'withdrawn', reason: 'Vairs nav vajadzīgs' });
      expect(items[0]!.application).toBeUndefined();
      // A cancelled hand-over cannot be redelivered.
      const cancelled = (await deliveriesOf(unseen.id))[0]!;
      const redeliver = await t.request('POST', `/api/v1/intake/deliveries/${cancelled.id}/redeliver`, { token: admin });
      expect(redeliver.status).toBe(422);
      expect(redeliver.body.code).toBe('INTAKE.DELIVERY_CANCELLED');

      const ack = await t.request('POST', `/api/v1/intake/inbox/${items[0]!.deliveryId}/ack`, { headers: { 'x-api-key': key } });
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({ applicationId: fetched.id, deliveryId: items[0]!.deliveryId, type: 'application.withdrawn', status: 'delivered' });
      expect((await inbox()).body.items).toEqual([]);
      expect((await t.request('GET', `/api/v1/intake/applications/${fetched.id}`, { token: clerk })).body.status).toBe('withdrawn');
    });

    it('publishes nothing for a draft withdrawn before it was submitted', async () => {
      const draft = await start('PMLP-DZIVESVIETA', sample('pmlp-dzivesvieta'));
      expect((await withdraw(draft.body.id, 'Nepabeigts')).status).toBe(200);
      expect(await outbox(draft.body.id)).toEqual([]);
    });
  });

  describe('visit link', () => {
    it('takes only a ticket of the same centre, asked of Scheduling', async () => {
      const queueOf = async (centre: string, token: string) => (await t.request('GET', `/api/v1/queue/centres/${centre}/state`, { token })).body.queues[0].id as string;
      const issue = async (centre: string, token: string) =>
        (await t.request('POST', `/api/v1/queue/centres/${centre}/tickets`, { token, body: { queueId: await queueOf(centre, token) } })).body.ticket.id as string;
      const here = await issue(centreId, clerk);
      const grobina = await t.token('clerk.grobina');
      const grobinaCentre = (await t.request('GET', '/api/v1/network/centres?q=Grobiņ')).body.items[0].id as string;
      const there = await issue(grobinaCentre, grobina);
      const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from intake.application'))[0]!.n);
      const before = await count();

      const unknown = await start('PMLP-DZIVESVIETA', sample('pmlp-dzivesvieta'), { visitTicketId: '3f0b8a5e-2c1d-4e6f-9a7b-1c2d3e4f5a6b' });
      expect(unknown.status).toBe(422);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      expect(unknown.body.code).toBe('INTAKE.VISIT_TICKET_INVALID');
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'visitTicketId', code: 'not_found' })]);
      const elsewhere = await start('PMLP-DZIVESVIETA', sample('pmlp-dzivesvieta'), { visitTicketId: there });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.errors).toEqual([expect.objectContaining({ field: 'visitTicketId', code: 'other_centre' })]);
      expect(await count()).toBe(before);

      const linked = await start('PMLP-DZIVESVIETA', sample('pmlp-dzivesvieta'), { visitTicketId: here });
      expect(linked.status).toBe(201);
      expect(linked.body.visitTicketId).toBe(here);
    });
  });

  describe('410 Gone', () => {
    it('disables the channel and raises the alert: a metric, an integration event without personal data, and the time in the channel view', async () => {
      const gone = new WebhookReceiver();
      try {
        const vsaaId = (await t.request('GET', '/api/v1/network/institutions/VSAA')).body.id;
        const channel = await t.request('POST', `/api/v1/intake/institutions/${vsaaId}/channels`, { token: admin, body: { kind: 'webhook', url: await gone.start() } });
        gone.secrets = [channel.body.secret];
        gone.fallback = '410';
        const metric = async () => Number(/intake_delivery_channel_disabled_total\{[^}]*institution="VSAA"[^}]*\} (\d+)/.exec((await t.request('GET', '/metrics')).text)?.[1] ?? 0);
        expect(await metric()).toBe(0);
        const app = await submitted('VSAA-PIEDZIMSANA', sample('vsaa-piedzimsana'));
        const view = async () => (await t.request('GET', `/api/v1/intake/institutions/${vsaaId}/channels`, { token: admin })).body.find((c: { id: string }) => c.id === channel.body.id);
        await until(async () => (await view()).enabled === false);
        expect(await view()).toMatchObject({ enabled: false, disabledReason: 'HTTP 410 Gone from the receiver', disabledAt: expect.any(String) });
        expect((await deliveriesOf(app.id))[0]).toMatchObject({ status: 'disabled' });
        expect(await metric()).toBe(1);
        const events = await t.sql<{ payload: { payload: Record<string, unknown> } }>("select payload from platform.outbox where type = 'intake.DeliveryChannelDisabled' and aggregate_id = $1", [channel.body.id]);
        expect(events).toHaveLength(1);
        expect(events[0]!.payload.payload).toEqual({
          channelId: channel.body.id,
          institutionId: vsaaId,
          institutionCode: 'VSAA',
          kind: 'webhook',
          reason: 'gone',
          httpStatus: 410,
          parkedDeliveries: 1,
          disabledAt: expect.any(String),
        });
      } finally {
        await gone.stop();
      }
    });
  });
});
