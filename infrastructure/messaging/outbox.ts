import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { IntegrationEvent } from '@modules/shared-kernel';
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

  /** Called after a commit that staged events, so the dispatcher need not wait for its next poll. */
  nudge(): void {
    for (const listener of this.listeners) listener();
  }

  onNudge(listener: () => void): void {
    this.listeners.add(listener);
  }
}
