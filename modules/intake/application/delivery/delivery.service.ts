import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DomainError, integrationEvent, invalid, isUuid, notFound, type IntegrationEvent } from '@modules/shared-kernel';
import { AppConfig } from '@infrastructure/config/app-config';
import { FieldEncryption } from '@infrastructure/crypto/field-encryption';
import { assertSafeOutboundUrl } from '@infrastructure/http/outbound-url-guard';
import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { JobQueue } from '@infrastructure/messaging/job-queue';
import { Outbox } from '@infrastructure/messaging/outbox';
import { MetricsService } from '@infrastructure/observability/metrics.service';
import { Counter } from 'prom-client';
import type { Principal } from '@infrastructure/auth/principal';
import { Application } from '../../domain/application/application';
import { EFormDefinition, EFormVersion } from '../../domain/eform';
import {
  INTAKE_MODULE,
  IntakeEvents,
  type ApplicationDeliveredPayload,
  type ApplicationStatusChangedIntegrationEvent,
  type ApplicationSubmittedIntegrationEvent,
  type DeliveryChannelDisabledPayload,
} from '../../contracts';
import { DeliveryChannelRecord, DeliveryRecord, type DeliveryEvent } from '../../infrastructure/persistence';
import { newWebhookSecret, sendWebhook } from '../../infrastructure/delivery/webhook-sender';
import { nextAttemptAt } from '../../infrastructure/delivery/retry-schedule';
import { assertActsForInstitutionId } from '../intake-access';
import { deliveryPayload, withdrawalPayload } from './delivery-payload';
import { applicationRef } from '../applications/application-ref';

export const WEBHOOK_QUEUE = 'intake-webhook';
const SWEEP_QUEUE = 'intake-delivery-sweep';
const WEBHOOK_WORKERS = 4;

export interface ChannelView {
  id: string;
  institutionId: string;
  kind: 'webhook' | 'inbox';
  url: string | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
}

export interface DeliveryView {
  id: string;
  applicationId: string;
  channelId: string;
  kind: string;
  /** What is handed over: the application itself, or the notice that it was withdrawn. */
  event: DeliveryEvent;
  status: string;
  attempts: number;
  lastError: string | null;
  lastHttpStatus: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const toChannelView = (c: DeliveryChannelRecord): ChannelView => ({
  id: c.id,
  institutionId: c.institutionId,
  kind: c.kind,
  url: c.url ?? null,
  enabled: c.enabled,
  disabledReason: c.disabledReason ?? null,
  disabledAt: c.disabledAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

export const toDeliveryView = (d: DeliveryRecord): DeliveryView => ({
  id: d.id,
  applicationId: d.applicationId,
  channelId: d.channelId,
  kind: d.kind,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError ?? null,
  lastHttpStatus: d.lastHttpStatus ?? null,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
});

/**
 * Hand-over to institutions' back offices. Every submitted application gets one delivery per
 * enabled channel (from the ApplicationSubmitted outbox event); webhook deliveries are attempted
 * by pg-boss jobs on the Standard Webhooks schedule, inbox deliveries wait to be fetched and
 * acknowledged. A delivery's id is its `webhook-id`, the same on every retry.
 */
@Injectable()
export class DeliveryService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly secrets: FieldEncryption;
  private sweeper?: NodeJS.Timeout;
  private readonly workerIds: string[] = [];
  private readonly channelsDisabled: Counter<'institution'>;

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly bus: IntegrationEventBus,
    private readonly jobs: JobQueue,
    private readonly outbox: Outbox,
    metrics: MetricsService,
  ) {
    this.secrets = new FieldEncryption(config.personalDataKey, 'vpvkac-is/webhook-secrets');
    this.channelsDisabled = new Counter({
      name: 'intake_delivery_channel_disabled_total',
      help: 'Webhook channels disabled because the receiver answered 410 Gone (by institution code); each one needs an administrator',
      labelNames: ['institution'] as const,
      registers: [metrics.registry],
    });
  }

  async onModuleInit(): Promise<void> {
    this.bus.subscribe<ApplicationSubmittedIntegrationEvent>('intake.schedule-deliveries', [IntakeEvents.ApplicationSubmitted], async (event, em, afterCommit) => {
      const created = await this.scheduleDeliveries(event.payload.applicationId, em);
      afterCommit(() => this.enqueue(created));
    });
    this.bus.subscribe<ApplicationStatusChangedIntegrationEvent>('intake.withdrawal-notices', [IntakeEvents.ApplicationStatusChanged], async (event, em, afterCommit) => {
      if (event.payload.to !== 'withdrawn') return;
      const created = await this.withdrawDeliveries(event.payload.applicationId, em);
      afterCommit(() => this.enqueue(created));
    });
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Called after the app is up (workers need the job queue running). */
  async startWorkers(): Promise<void> {
    // Several attempts in parallel: a slow receiver must not hold up the others.
    for (let i = 0; i < WEBHOOK_WORKERS; i++) {
      const id = await this.jobs.work<{ deliveryId: string }>(WEBHOOK_QUEUE, (job) => this.attempt(job.data.deliveryId), { batchSize: 5, pollingIntervalSeconds: 0.5 });
      if (id) this.workerIds.push(id);
    }
    await this.jobs.work(SWEEP_QUEUE, async () => {
      await this.sweep();
    });
    await this.jobs.schedule(SWEEP_QUEUE, '* * * * *');
    await this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'initial delivery sweep failed'));
    // Between the cron's minutes too: after a crash, deliveries resume within seconds.
    if (this.jobs.workersEnabled) {
      this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), 10_000);
      this.sweeper.unref();
    }
  }

  // ---- channels -------------------------------------------------------------------------------

  async addChannel(actor: Principal, institutionId: string, input: { kind: 'webhook' | 'inbox'; url?: string }): Promise<ChannelView & { secret: string }> {
    assertActsForInstitutionId(actor, institutionId);
    if (input.kind === 'webhook') {
      if (!input.url) throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [{ field: 'url', code: 'required', messageLv: 'Norādiet adresi', messageEn: 'Give the URL' }]);
      await assertSafeOutboundUrl(input.url, this.config.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    }
    const secret = newWebhookSecret();
    const channel = Object.assign(new DeliveryChannelRecord(), {
      id: randomUUID(),
      institutionId,
      kind: input.kind,
      url: input.kind === 'webhook' ? input.url : undefined,
      secretsSealed: this.secrets.encryptJson([secret]),
      createdBy: actor.subject,
    });
    const created = await this.em.fork().transactional(async (em) => {
      em.persist(channel);
      await em.flush();
      return this.backfill(em, channel);
    });
    await this.enqueue(created);
    return { ...toChannelView(channel), secret };
  }

  /** Adds a new signing secret and keeps the old ones until `retireOld` (key rotation). */
  async rotateSecret(actor: Principal, institutionId: string, channelId: string, retireOld: boolean): Promise<{ secret: string; activeSecrets: number }> {
    assertActsForInstitutionId(actor, institutionId);
    return this.em.fork().transactional(async (em) => {
      const channel = await em.findOne(DeliveryChannelRecord, { id: channelId, institutionId });
      if (!channel) throw notFound('INTAKE.CHANNEL_NOT_FOUND', 'Piegādes kanāls nav atrasts', 'Delivery channel not found');
      const secret = newWebhookSecret();
      const secrets = retireOld ? [secret] : [secret, ...this.secretsOf(channel)];
      channel.secretsSealed = this.secrets.encryptJson(secrets);
      await em.flush();
      return { secret, activeSecrets: secrets.length };
    });
  }

  async setChannelEnabled(actor: Principal, institutionId: string, channelId: string, enabled: boolean): Promise<ChannelView> {
    assertActsForInstitutionId(actor, institutionId);
    return this.em.fork().transactional(async (em) => {
      const channel = await em.findOne(DeliveryChannelRecord, { id: channelId, institutionId });
      if (!channel) throw notFound('INTAKE.CHANNEL_NOT_FOUND', 'Piegādes kanāls nav atrasts', 'Delivery channel not found');
      channel.enabled = enabled;
      channel.disabledAt = enabled ? undefined : new Date();
      channel.disabledReason = enabled ? undefined : 'manual';
      await em.flush();
      const resume: DeliveryRecord[] = [];
      if (enabled) {
        const paused = await em.find(DeliveryRecord, { channelId, status: 'disabled' });
        for (const d of paused) Object.assign(d, { status: 'pending', nextAttemptAt: new Date(), leasedUntil: undefined });
        resume.push(...paused.filter((d) => d.kind === 'webhook'));
        await em.flush();
      }
      // Applications submitted while the channel was off get their delivery now.
      const created = enabled ? await this.backfill(em, channel) : [];
      return { view: toChannelView(channel), jobs: [...resume.map((d) => d.id), ...created] };
    }).then(async ({ view, jobs }) => {
      await this.enqueue(jobs);
      return view;
    });
  }

  async channels(actor: Principal, institutionId: string): Promise<ChannelView[]> {
    assertActsForInstitutionId(actor, institutionId);
    return (await this.em.fork().find(DeliveryChannelRecord, { institutionId }, { orderBy: { createdAt: 'asc' } })).map(toChannelView);
  }

  secretsOf(channel: DeliveryChannelRecord): string[] {
    return channel.secretsSealed ? this.secrets.decryptJson<string[]>(channel.secretsSealed) : [];
  }

  /** Verifies a Standard Webhooks signature made with one of the institution's channel secrets. */
  async verifyInstitutionSignature(institutionId: string, body: string, headers: Record<string, string | undefined>): Promise<boolean> {
    const channels = await this.em.fork().find(DeliveryChannelRecord, { institutionId });
    for (const secret of channels.flatMap((c) => this.secretsOf(c))) {
      try {
        new Webhook(secret).verify(body, {
          'webhook-id': headers['webhook-id'] ?? '',
          'webhook-timestamp': headers['webhook-timestamp'] ?? '',
          'webhook-signature': headers['webhook-signature'] ?? '',
        });
        return true;
      } catch {
        // try the next secret
      }
    }
    return false;
  }

  // ---- scheduling and attempts ------------------------------------------------------------------

  /** Creates the deliveries of a submitted application; returns the webhook deliveries to enqueue after commit. */
  private async scheduleDeliveries(applicationId: string, em: EntityManager): Promise<string[]> {
    // Locked (shared) against a withdrawal committing meanwhile: either it is seen here, or its
    // notice consumer sees the deliveries made here.
    const app = await em.findOne(Application, { id: applicationId }, { fields: ['id', 'institutionId', 'status'], lockMode: 3 /* pessimistic read */ });
    if (!app?.institutionId || app.status === 'withdrawn') return [];
    const channels = await em.find(DeliveryChannelRecord, { institutionId: app.institutionId, enabled: true });
    const created: string[] = [];
    for (const channel of channels) {
      const id = await this.createDelivery(em, app.id, channel);
      if (id) created.push(id);
    }
    return created;
  }

  /** Queued applications of the channel's institution without a delivery on this channel. */
  private async backfill(em: EntityManager, channel: DeliveryChannelRecord): Promise<string[]> {
    const waiting = await em.getConnection().execute<Array<{ id: string }>>(
      `select a.id from intake.application a
        where a.institution_id = ? and a.status = 'queued'
          and not exists (select 1 from intake.delivery d where d.application_id = a.id and d.channel_id = ?)`,
      [channel.institutionId, channel.id],
      'all',
      em.getTransactionContext(),
    );
    const created: string[] = [];
    for (const row of waiting) {
      const id = await this.createDelivery(em, row.id, channel);
      if (id) created.push(id);
    }
    return created;
  }

  /** Enqueue attempts only after the rows they read are committed, and wake the workers. */
  private async enqueue(deliveryIds: string[]): Promise<void> {
    for (const deliveryId of deliveryIds) await this.jobs.send(WEBHOOK_QUEUE, { deliveryId }, { retryLimit: 5, retryDelay: 1 });
    if (deliveryIds.length > 0) for (const id of this.workerIds) await this.jobs.notify(id);
  }

  /**
   * A withdrawn application (from the ApplicationStatusChanged → withdrawn outbox event): its
   * hand-overs still under way stop (`cancelled`), and every channel through which it may already
   * have reached the institution (delivered, attempted, or fetched from the inbox) gets an
   * `application.withdrawn` notice through the same guaranteed delivery. A hand-over that never
   * left is cancelled quietly. Returns the webhook notices to enqueue after commit.
   */
  private async withdrawDeliveries(applicationId: string, em: EntityManager): Promise<string[]> {
    const ctx = em.getTransactionContext();
    const handovers = await em.getConnection().execute<Array<{ id: string; channel_id: string; status: string; reached: boolean }>>(
      `select id, channel_id, status, (status = 'delivered' or attempts > 0 or leased_until is not null) as reached
         from intake.delivery where application_id = ? and event = 'application.submitted' order by created_at for update`,
      [applicationId],
      'all',
      ctx,
    );
    const stopped = handovers.filter((d) => d.status !== 'delivered' && d.status !== 'cancelled').map((d) => d.id);
    if (stopped.length > 0) {
      await em.getConnection().execute(`update intake.delivery set status = 'cancelled', next_attempt_at = null where id in (${stopped.map(() => '?').join(', ')})`, stopped, 'run', ctx);
    }
    const created: string[] = [];
    for (const d of handovers.filter((h) => h.reached)) {
      const channel = await em.findOne(DeliveryChannelRecord, { id: d.channel_id });
      if (!channel) continue;
      const id = await this.createDelivery(em, applicationId, channel, 'application.withdrawn');
      if (id) created.push(id);
    }
    return created;
  }

  /** Returns the new delivery's id when it is a webhook delivery (to enqueue after commit). */
  private async createDelivery(em: EntityManager, applicationId: string, channel: DeliveryChannelRecord, event: DeliveryEvent = 'application.submitted'): Promise<string | null> {
    const id = randomUUID();
    const inserted = await em.getConnection().execute<Array<{ id: string }>>(
      `insert into intake.delivery (id, application_id, channel_id, institution_id, kind, event, status, attempts, next_attempt_at, created_at)
       values (?, ?, ?, ?, ?, ?, 'pending', 0, now(), now()) on conflict (application_id, channel_id, event) do nothing returning id`,
      [id, applicationId, channel.id, channel.institutionId, channel.kind, event],
      'all',
      em.getTransactionContext(),
    );
    return inserted.length > 0 && channel.kind === 'webhook' ? id : null;
  }

  /** One attempt: claim (lease), send, record. A crash mid-way leaves the lease to expire; the sweeper retries. */
  async attempt(deliveryId: string): Promise<void> {
    const em = this.em.fork();
    const leaseSeconds = Math.ceil(this.config.WEBHOOK_TIMEOUT_MS / 1000) * 2 + 5;
    const claimed = await em.getConnection().execute<Array<{ id: string }>>(
      `update intake.delivery set attempts = attempts + 1, leased_until = now() + make_interval(secs => ?)
        where id = ? and kind = 'webhook' and status = 'pending' and (leased_until is null or leased_until < now())
          and (next_attempt_at is null or next_attempt_at <= now() + interval '1 second')
        returning id`,
      [leaseSeconds, deliveryId],
    );
    if (claimed.length === 0) {
      // The job can run before the transaction that created the delivery commits: let pg-boss retry it.
      if (!(await em.findOne(DeliveryRecord, { id: deliveryId }, { fields: ['id'] }))) throw new Error(`delivery ${deliveryId} not visible yet`);
      return; // delivered, dead, leased elsewhere or not due
    }
    const delivery = await em.findOneOrFail(DeliveryRecord, { id: deliveryId });
    const channel = await em.findOneOrFail(DeliveryChannelRecord, { id: delivery.channelId });
    if (!channel.enabled || !channel.url) {
      await this.record(delivery.id, { status: 'disabled', lastError: 'channel disabled' });
      return;
    }
    const app = await em.findOneOrFail(Application, { id: delivery.applicationId });
    if (delivery.event === 'application.submitted' && app.status === 'withdrawn') {
      // Withdrawn before it left: not sent, not counted as an attempt (so no withdrawal notice is owed).
      await em.getConnection().execute(`update intake.delivery set status = 'cancelled', attempts = attempts - 1, leased_until = null, next_attempt_at = null where id = ?`, [delivery.id]);
      return;
    }
    const now = new Date();
    let data: Record<string, unknown>;
    if (delivery.event === 'application.withdrawn') {
      data = withdrawalPayload(app, this.config.publicBaseUrl);
    } else {
      const form = await em.findOneOrFail(EFormDefinition, { id: app.formId });
      const version = await em.findOneOrFail(EFormVersion, { id: app.formVersionId });
      data = deliveryPayload(app, form, version, this.config.publicBaseUrl);
    }
    let result: Awaited<ReturnType<typeof sendWebhook>>;
    try {
      await assertSafeOutboundUrl(channel.url, this.config.WEBHOOK_ALLOW_PRIVATE_TARGETS);
      // The guarded lookup checks the address again when connecting (no DNS rebinding past the check above).
      result = await sendWebhook(channel.url, this.secretsOf(channel), { id: delivery.id, type: delivery.event, data }, this.config.WEBHOOK_TIMEOUT_MS, now, {
        allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      });
    } catch (err) {
      result = { kind: 'retry', status: null, error: err instanceof DomainError ? err.code : (err as Error).message };
    }
    if (result.kind === 'delivered') {
      await this.markDelivered(delivery.id, 'webhook', result.status);
    } else if (result.kind === 'gone') {
      await this.disableGoneChannel(channel, app.institutionCode);
    } else {
      const next = nextAttemptAt(delivery.attempts, this.config.webhookRetryScheduleSeconds, now, result.retryAfterSeconds);
      if (!next) {
        // Only a delivery still under way dies (a withdrawal may have cancelled it meanwhile).
        await this.em.fork().nativeUpdate(DeliveryRecord, { id: delivery.id, status: 'pending' }, { status: 'dead', lastError: result.error, lastHttpStatus: result.status ?? undefined, leasedUntil: null as unknown as undefined });
        this.logger.error({ deliveryId: delivery.id, institutionId: channel.institutionId }, 'ALERT: delivery exhausted its retries (dead letter)');
      } else {
        await this.record(delivery.id, { lastError: result.error, lastHttpStatus: result.status ?? undefined, nextAttemptAt: next });
        await this.jobs.send(WEBHOOK_QUEUE, { deliveryId: delivery.id }, { startAfter: next });
      }
    }
  }

  /**
   * 410 Gone: the channel is disabled and its pending deliveries parked, and — once, by whichever
   * attempt disabled it — the alert: `intake_delivery_channel_disabled_total{institution}`, an
   * error log line and `intake.DeliveryChannelDisabled` through the outbox (same transaction).
   */
  private async disableGoneChannel(channel: DeliveryChannelRecord, institutionCode: string): Promise<void> {
    const now = new Date();
    const disabled = await this.em.fork().transactional(async (tx) => {
      const changed = await tx.nativeUpdate(DeliveryChannelRecord, { id: channel.id, enabled: true }, { enabled: false, disabledAt: now, disabledReason: 'HTTP 410 Gone from the receiver' });
      const parked = await tx.nativeUpdate(DeliveryRecord, { channelId: channel.id, status: 'pending' }, { status: 'disabled', lastError: 'channel disabled: 410', lastHttpStatus: 410, leasedUntil: null as unknown as undefined });
      if (changed === 0) return false; // disabled already (another attempt's 410, or an administrator)
      const payload: DeliveryChannelDisabledPayload = {
        channelId: channel.id,
        institutionId: channel.institutionId,
        institutionCode,
        kind: channel.kind,
        reason: 'gone',
        httpStatus: 410,
        parkedDeliveries: parked,
        disabledAt: now.toISOString(),
      };
      this.outbox.stage(tx, integrationEvent(INTAKE_MODULE, IntakeEvents.DeliveryChannelDisabled, payload, channel.id, now) as IntegrationEvent);
      await tx.flush();
      return true;
    });
    if (!disabled) return;
    this.outbox.nudge();
    this.channelsDisabled.inc({ institution: institutionCode });
    this.logger.error({ channelId: channel.id, institutionId: channel.institutionId }, 'ALERT: webhook endpoint answered 410 Gone; channel disabled');
  }

  private async record(id: string, changes: Partial<DeliveryRecord>): Promise<void> {
    await this.em.fork().nativeUpdate(DeliveryRecord, { id }, { ...changes, leasedUntil: null as unknown as undefined });
  }

  /** The delivery reached the institution: the application is delivered (once), ApplicationDelivered is published. */
  async markDelivered(deliveryId: string, channel: 'webhook' | 'inbox', httpStatus?: number): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      // Locks in the order withdrawals and scheduling take them: the application, then its delivery.
      // Without the application's lock, an institution's status report committed meanwhile (it may
      // answer the moment our webhook reaches it) was overwritten by this stale copy.
      const [row] = await em.getConnection().execute<Array<{ application_id: string }>>('select application_id from intake.delivery where id = ?', [deliveryId], 'all', em.getTransactionContext());
      if (!row) throw new Error(`delivery ${deliveryId} not found`);
      await em.getConnection().execute('select id from intake.application where id = ? for update', [row.application_id], 'all', em.getTransactionContext());
      const app = await em.findOneOrFail(Application, { id: row.application_id });
      const delivery = await em.findOneOrFail(DeliveryRecord, { id: deliveryId }, { lockMode: 4 /* pessimistic write */ });
      if (delivery.status === 'delivered') return;
      const now = new Date();
      Object.assign(delivery, { status: 'delivered', deliveredAt: now, leasedUntil: undefined, lastHttpStatus: httpStatus, lastError: undefined });
      if (delivery.event !== 'application.submitted') {
        await em.flush(); // a withdrawal notice: the application itself does not change
        return;
      }
      if (app.markDelivered(now) === 'applied') {
        const form = await em.findOneOrFail(EFormDefinition, { id: app.formId });
        const payload: ApplicationDeliveredPayload = {
          ...applicationRef(app, form.code),
          channel,
          deliveredAt: now.toISOString(),
          attempts: delivery.attempts,
          latencyMs: app.submittedAt ? now.getTime() - new Date(app.submittedAt).getTime() : 0,
        };
        this.outbox.stage(em, integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationDelivered, payload, app.id, now) as IntegrationEvent);
      }
      await em.flush();
    });
    this.outbox.nudge();
  }

  /** Re-enqueues webhook deliveries that are due but have no live job (crash between steps, lost job). */
  async sweep(): Promise<number> {
    const rows = await this.em.fork().getConnection().execute<Array<{ id: string }>>(
      `select id from intake.delivery where kind = 'webhook' and status = 'pending'
         and next_attempt_at < now() - interval '10 seconds' and (leased_until is null or leased_until < now()) limit 500`,
    );
    for (const row of rows) await this.jobs.send(WEBHOOK_QUEUE, { deliveryId: row.id });
    return rows.length;
  }

  // ---- administration ---------------------------------------------------------------------------

  async deliveries(filter: { institutionId?: string; status?: string; applicationId?: string; limit: number }): Promise<DeliveryView[]> {
    const where: Record<string, unknown> = {};
    if (filter.institutionId) where.institutionId = filter.institutionId;
    if (filter.status) where.status = filter.status;
    if (filter.applicationId) where.applicationId = filter.applicationId;
    const rows = await this.em.fork().find(DeliveryRecord, where, { orderBy: { createdAt: 'desc' }, limit: filter.limit });
    return rows.map(toDeliveryView);
  }

  /** Manual redelivery by an administrator: attempts start again from the top of the schedule. */
  async redeliver(id: string): Promise<DeliveryView> {
    if (!isUuid(id)) throw notFound('INTAKE.DELIVERY_NOT_FOUND', 'Piegāde nav atrasta', 'Delivery not found');
    const em = this.em.fork();
    const delivery = await em.findOne(DeliveryRecord, { id });
    if (!delivery) throw notFound('INTAKE.DELIVERY_NOT_FOUND', 'Piegāde nav atrasta', 'Delivery not found');
    if (delivery.status === 'delivered') throw invalid('INTAKE.ALREADY_DELIVERED', 'Jau piegādāts', 'Already delivered');
    if (delivery.status === 'cancelled') throw invalid('INTAKE.DELIVERY_CANCELLED', 'Pieteikums ir atsaukts; tā nodošana ir atcelta', 'The application was withdrawn; its hand-over is cancelled');
    Object.assign(delivery, { status: 'pending', attempts: 0, nextAttemptAt: new Date(), leasedUntil: undefined });
    await em.flush();
    if (delivery.kind === 'webhook') await this.enqueue([delivery.id]);
    return toDeliveryView(delivery);
  }
}
