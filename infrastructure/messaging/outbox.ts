import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { IntegrationEvent } from '@modules/shared-kernel';
import { lit } from '../database/sql-literal';
import { OutboxMessage } from './outbox-message.entity';

/** Stages integration events in the caller's unit of work: they commit (or roll back) with the change. */
@Injectable()
export class Outbox {
  private readonly listeners = new Set<() => void>();

  stage(em: EntityManager, ...events: IntegrationEvent[]): void {
    for (const event of events) {
      const message = Object.assign(new OutboxMessage(), {
        id: event.id,
        type: event.type,
        sourceModule: event.sourceModule,
        aggregateId: event.aggregateId,
        payload: { ...event, payload: event.payload } as unknown as Record<string, unknown>,
        occurredAt: new Date(event.occurredAt),
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
      (e) => `(${lit(e.id)}, ${lit(e.type)}, ${lit(e.sourceModule)}, ${lit(e.aggregateId ?? null)}, ${lit({ json: { ...e, payload: e.payload } })}, ${lit(new Date(e.occurredAt))})`,
    );
    return `insert into platform.outbox (id, type, source_module, aggregate_id, payload, occurred_at) values ${rows.join(', ')}`;
  }

  /** Called after a commit that staged events, so the dispatcher need not wait for its next poll. */
  nudge(): void {
    for (const listener of this.listeners) listener();
  }

  onNudge(listener: () => void): void {
    this.listeners.add(listener);
  }
}
