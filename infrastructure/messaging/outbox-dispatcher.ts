import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import type { IntegrationEvent } from '@modules/shared-kernel';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/database-url.token';
import { Inject } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { IntegrationEventBus } from './integration-event-bus';
import { Outbox } from './outbox';

export const EVENTS_QUEUE = 'integration-events';
const DEAD_LETTER_QUEUE = 'integration-events-dead';
const BATCH = 200;
const POLL_MS = 250;
/** After a nudge, wait this long so that the commits of a busy moment share one dispatch. */
const NUDGE_DELAY_MS = 10;
/**
 * Nudged dispatches start at most this often. At a peak every few milliseconds commits a wanted
 * event: dispatching after each (five round trips, then the worker's fetch, the consumers'
 * transactions and the completion) cost the event loop more than the commands did. Events wait at
 * most this long more; a quiet moment's event still goes after NUDGE_DELAY_MS.
 */
const NUDGE_INTERVAL_MS = 100;
/**
 * One worker per instance: it takes the oldest jobs (in outbox order, see eventJobId) and delivers
 * a batch before fetching the next, so each consumer sees this instance's events in the order they
 * were committed. Two workers would deliver consecutive batches side by side.
 */
const WORKERS = 1;

interface DeliveryJob {
  consumer: string;
  event: IntegrationEvent;
  /** The event's place in the outbox (bigint as text): a fetched batch is delivered in this order. */
  position?: string;
}

/**
 * A job id that sorts as the outbox does: pg-boss fetches by (created_on, id), and the jobs of one
 * dispatch share created_on, so ids in (position, consumer) order make the fetch order the outbox
 * order also across batches. The position fills the first 16 hex digits (positions are positive
 * bigints), the consumer's index the next 4, random the last 12 (a uuid is compared bytewise).
 */
export function eventJobId(position: string, consumerIndex: number): string {
  const p = BigInt(position).toString(16).padStart(16, '0');
  const c = consumerIndex.toString(16).padStart(4, '0');
  return `${p.slice(0, 8)}-${p.slice(8, 12)}-${p.slice(12, 16)}-${c}-${randomBytes(6).toString('hex')}`;
}

/**
 * Jobs inserted by one dispatch share their creation time, and pg-boss then hands them out in id
 * (random) order: put a fetched batch back into outbox order, so a consumer sees one aggregate's
 * events as they happened (jobs without a position, from before, keep their place at the front).
 */
export function inOutboxOrder<T extends { data: { position?: string } }>(jobs: readonly T[]): T[] {
  const key = (job: T): bigint => (job.data.position === undefined ? -1n : BigInt(job.data.position));
  return [...jobs].sort((a, b) => {
    const d = key(a) - key(b);
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  });
}

/**
 * Moves committed outbox rows onto the pg-boss queue — one job per (event, consumer), inserted in the
 * same transaction that marks the rows dispatched — and runs the workers that deliver them.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private boss?: PgBoss;
  private pool?: Pool;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private nudged?: NodeJS.Timeout;
  private stopped = false;
  private lastStart = 0;
  private readonly workerIds: string[] = [];

  constructor(
    private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly bus: IntegrationEventBus,
    private readonly outbox: Outbox,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKERS_ENABLED) return;
    this.pool = new Pool({ connectionString: this.databaseUrl, max: 3 });
    // An idle client dropped by the server (restart, failover) must not crash the process.
    this.pool.on('error', (err) => this.logger.warn({ err }, 'database connection lost'));
    this.boss = await this.jobs.instance();
    await this.jobs.ensureQueue(DEAD_LETTER_QUEUE);
    await this.jobs.ensureQueue(EVENTS_QUEUE, { retryLimit: 25, retryDelay: 1, retryBackoff: true, deadLetter: DEAD_LETTER_QUEUE, expireInSeconds: 30 });
    for (let i = 0; i < WORKERS; i++) {
      const id = await this.boss.work<DeliveryJob>(EVENTS_QUEUE, { batchSize: 100, pollingIntervalSeconds: 0.5 }, (jobs) => this.deliverBatch(jobs));
      this.workerIds.push(id);
    }
    this.outbox.onNudge(() => this.scheduleNudged());
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.nudged) clearTimeout(this.nudged);
    await this.running;
    await this.pool?.end();
  }

  /** Pending outbox rows plus undelivered jobs; tests wait for this to reach zero. */
  async backlog(): Promise<number> {
    if (!this.pool || !this.boss) return 0;
    const { rows } = await this.pool.query<{ n: string }>('select count(*) as n from platform.outbox where dispatched_at is null');
    const queued = await this.boss.getQueueSize(EVENTS_QUEUE, { before: 'completed' });
    return Number(rows[0]!.n) + queued;
  }

  /**
   * A consumer that takes batches (a projection) gets its jobs of the batch in one transaction;
   * if that fails, and for every other consumer, each job is applied in its own transaction, a
   * failing one is failed alone (pg-boss retries it with backoff) and the rest of the batch completes.
   */
  private async deliverBatch(jobs: Array<PgBoss.Job<DeliveryJob>>): Promise<void> {
    const single: Array<PgBoss.Job<DeliveryJob>> = [];
    const byConsumer = new Map<string, Array<PgBoss.Job<DeliveryJob>>>();
    for (const job of inOutboxOrder(jobs)) {
      if (this.bus.takesBatches(job.data.consumer)) byConsumer.set(job.data.consumer, [...(byConsumer.get(job.data.consumer) ?? []), job]);
      else single.push(job);
    }
    for (const [consumer, group] of byConsumer) {
      if (group.length === 1) {
        single.push(group[0]!);
        continue;
      }
      try {
        await this.bus.deliverMany(consumer, group.map((job) => job.data.event));
      } catch (err) {
        this.logger.warn({ err, consumer, events: group.length }, 'batch delivery failed; delivering one by one');
        single.push(...group);
      }
    }
    for (const job of single) {
      try {
        await this.bus.deliver(job.data.consumer, job.data.event);
      } catch (err) {
        this.logger.warn({ err, consumer: job.data.consumer, type: job.data.event.type }, 'event consumer failed; will retry');
        await this.boss!.fail(EVENTS_QUEUE, job.id, { message: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** A dispatch soon: NUDGE_DELAY_MS from now, but not sooner than NUDGE_INTERVAL_MS after the last one started. */
  private scheduleNudged(): void {
    if (this.stopped || this.nudged) return;
    const delay = Math.max(NUDGE_DELAY_MS, this.lastStart + NUDGE_INTERVAL_MS - Date.now());
    this.nudged = setTimeout(() => {
      this.nudged = undefined;
      this.kick();
    }, delay);
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.lastStart = Date.now();
    this.running = this.dispatchAll()
      .catch((err: unknown) => this.logger.error({ err }, 'outbox dispatch failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.scheduleNudged();
        }
      });
  }

  private async dispatchAll(): Promise<void> {
    while (!this.stopped && (await this.dispatchBatch()) === BATCH);
  }

  private async dispatchBatch(): Promise<number> {
    const client = await this.pool!.connect();
    try {
      // Asynchronous commit is safe here: the outbox rows and their jobs commit together, so a crash
      // that loses this commit leaves the rows undispatched (dispatched again), and any later
      // synchronous commit (a job's completion) flushes the WAL up to and including this one.
      await client.query('begin; set local synchronous_commit = off');
      const { rows } = await client.query<{ id: string; type: string; payload: IntegrationEvent; position: string }>(
        `select id, type, payload, position::text as position from platform.outbox where dispatched_at is null
          order by position limit ${BATCH} for update skip locked`,
      );
      const jobs = rows.flatMap((row) =>
        this.bus
          .consumersOf(row.type)
          .map((consumer, i) => ({ id: eventJobId(row.position, i), name: EVENTS_QUEUE, data: { consumer, event: row.payload, position: row.position } satisfies DeliveryJob })),
      );
      if (jobs.length > 0) await this.boss!.insert(jobs, { db: { executeSql: (text, values) => client.query(text, values) } });
      if (rows.length > 0) {
        await client.query('update platform.outbox set dispatched_at = now() where id = any($1::uuid[])', [rows.map((r) => r.id)]);
      }
      await client.query('commit');
      // Wake the workers instead of waiting for their next poll.
      if (jobs.length > 0) for (const id of this.workerIds) this.boss!.notifyWorker(id);
      return rows.length;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
