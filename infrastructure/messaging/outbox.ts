import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { IntegrationEvent } from '@modules/shared-kernel';
import { lit } from '../database/sql-literal';
import { IntegrationEventBus } from './integration-event-bus';
import { OutboxMessage } from './outbox-message.entity';

/**
 * Stages integration events in the caller's unit of work: they commit (or roll back) with the change.
 *
 * Every event is kept (the outbox is also the log a read model is rebuilt from), but one that no
 * in-process consumer subscribes to is written as already dispatched: the dispatcher has nothing to
 * hand on, and the walk-in queue writes four such events for every one a consumer wants. Consumers
 * subscribe at start-up in code, so every instance of one release agrees; a consumer added in a
 * later release starts from the events written after it (or a replay), as any new read model would.
 */
@Injectable()
export class Outbox {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly bus: IntegrationEventBus) {}

  /** Whether any in-process consumer wants the event (otherwise it is stored as dispatched). */
  private wanted(event: IntegrationEvent): boolean {
    return this.bus.consumersOf(event.type).length > 0;
  }

  stage(em: EntityManager, ...events: IntegrationEvent[]): void {
    for (const event of events) {
      const message = Object.assign(new OutboxMessage(), {
        id: event.id,
        type: event.type,
        sourceModule: event.sourceModule,
        aggregateId: event.aggregateId,
        payload: { ...event, payload: event.payload } as unknown as Record<string, unknown>,
        occurredAt: new Date(event.occurredAt),
        dispatchedAt: this.wanted(event) ? undefined : new Date(),
      });
      em.persist(message);
    }
  }

  /**
   * The same as `stage`, as one SQL statement for a caller that writes with raw SQL in its own
   * transaction (the walk-in queue's one-round-trip commits); null when there is nothing to stage.
   */
  insertSql(events: readonly IntegrationEvent[]): string | null {
    if (events.length === 0) return null;
    const rows = events.map(
      (e) =>
        `(${lit(e.id)}, ${lit(e.type)}, ${lit(e.sourceModule)}, ${lit(e.aggregateId ?? null)}, ${lit({ json: { ...e, payload: e.payload } })}, ${lit(new Date(e.occurredAt))}, ${this.wanted(e) ? 'null' : 'now()'})`,
    );
    return `insert into platform.outbox (id, type, source_module, aggregate_id, payload, occurred_at, dispatched_at) values ${rows.join(', ')}`;
  }

  /**
   * Called after a commit that staged events, so the dispatcher need not wait for its next poll.
   * Given the committed events, it wakes the dispatcher only when one of them is wanted.
   */
  nudge(events?: readonly IntegrationEvent[]): void {
    if (events && !events.some((e) => this.wanted(e))) return;
    for (const listener of this.listeners) listener();
  }

  onNudge(listener: () => void): void {
    this.listeners.add(listener);
  }
}
