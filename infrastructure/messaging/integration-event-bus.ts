import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { IntegrationEvent } from '@modules/shared-kernel';

/** Work to do once the consumer's transaction has committed (e.g. enqueue a job that reads its rows). */
export type AfterCommit = (work: () => Promise<unknown>) => void;

export type IntegrationEventHandler<E extends IntegrationEvent = IntegrationEvent> = (event: E, em: EntityManager, afterCommit: AfterCommit) => Promise<void>;

/** Applies several events at once (in one transaction); for consumers whose work is set-based, e.g. projections. */
export type IntegrationEventBatchHandler = (events: IntegrationEvent[], em: EntityManager, afterCommit: AfterCommit) => Promise<void>;

/** A one-row FROM item that switches the transaction to asynchronous commit as it is read. */
const ASYNC_COMMIT = `(select set_config('synchronous_commit', 'off', true)) as async_commit`;

interface Subscription {
  consumer: string;
  types: Set<string>;
  handler: IntegrationEventHandler;
  batch?: IntegrationEventBatchHandler;
}

/**
 * In-process subscribers to integration events. Each consumer has a stable name; the bus records
 * (consumer, event id) in the same transaction as the consumer's effect, so a redelivered event is
 * applied once.
 */
@Injectable()
export class IntegrationEventBus {
  private readonly logger = new Logger(IntegrationEventBus.name);
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(private readonly em: EntityManager) {}

  subscribe<E extends IntegrationEvent>(consumer: string, types: string[], handler: IntegrationEventHandler<E>, options: { batch?: IntegrationEventBatchHandler } = {}): void {
    if (this.subscriptions.has(consumer)) throw new Error(`Consumer ${consumer} is already subscribed`);
    this.subscriptions.set(consumer, { consumer, types: new Set(types), handler: handler as IntegrationEventHandler, batch: options.batch });
  }

  /** Whether the consumer can take several events in one transaction (`deliverMany`). */
  takesBatches(consumer: string): boolean {
    return this.subscriptions.get(consumer)?.batch !== undefined;
  }

  consumersOf(type: string): string[] {
    return [...this.subscriptions.values()].filter((s) => s.types.has(type) || s.types.has('*')).map((s) => s.consumer);
  }

  /** Applies one event to one consumer, exactly once in effect. Returns false when it was already applied. */
  async deliver(consumer: string, event: IntegrationEvent): Promise<boolean> {
    const subscription = this.subscriptions.get(consumer);
    if (!subscription) {
      this.logger.warn({ consumer, type: event.type }, 'no such consumer; event skipped');
      return false;
    }
    const after: Array<() => Promise<unknown>> = [];
    const applied = await this.em.fork().transactional(async (tx) => {
      // Asynchronous commit (set in the same statement, one round trip): the job is completed only
      // after this returns, with a synchronous commit that flushes the WAL through this one too; a
      // crash before that redelivers the event, and processed_event makes the redelivery a no-op
      // if this commit did survive.
      const inserted = await tx
        .getConnection()
        .execute(
          `insert into platform.processed_event (consumer, event_id) select ?, ? from ${ASYNC_COMMIT} on conflict do nothing returning event_id`,
          [consumer, event.id],
          'all',
          tx.getTransactionContext(),
        );
      if ((inserted as unknown[]).length === 0) return false;
      await subscription.handler(event, tx, (work) => after.push(work));
      return true;
    });
    // A failure here is repaired by the consumer's own sweeper; the event itself is applied.
    for (const work of after) await work().catch((err: unknown) => this.logger.warn({ err, consumer }, 'after-commit work failed'));
    return applied;
  }

  /**
   * Applies several events to a batch-capable consumer in one transaction, each exactly once in
   * effect (events already applied are left out). All or nothing: on an error nothing is applied
   * and the caller can deliver the events one by one. Returns how many were newly applied.
   */
  async deliverMany(consumer: string, events: readonly IntegrationEvent[]): Promise<number> {
    const subscription = this.subscriptions.get(consumer);
    if (!subscription?.batch) throw new Error(`Consumer ${consumer} does not take batches`);
    const batch = subscription.batch;
    const after: Array<() => Promise<unknown>> = [];
    const applied = await this.em.fork().transactional(async (tx) => {
      // Asynchronous commit, as in deliver().
      const inserted = (await tx
        .getConnection()
        .execute(
          `insert into platform.processed_event (consumer, event_id) select ?, unnest(?::uuid[]) from ${ASYNC_COMMIT} on conflict do nothing returning event_id`,
          [consumer, `{${events.map((e) => e.id).join(',')}}`],
          'all',
          tx.getTransactionContext(),
        )) as Array<{ event_id: string }>;
      const fresh = new Set(inserted.map((row) => row.event_id));
      // Each fresh event once, even if the batch named it twice.
      const todo = events.filter((e) => fresh.delete(e.id));
      if (todo.length > 0) await batch(todo, tx, (work) => after.push(work));
      return todo.length;
    });
    for (const work of after) await work().catch((err: unknown) => this.logger.warn({ err, consumer }, 'after-commit work failed'));
    return applied;
  }
}
