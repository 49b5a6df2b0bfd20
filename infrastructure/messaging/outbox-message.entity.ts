import { EntitySchema } from '@mikro-orm/core';

/** A row of platform.outbox: an integration event written in the same transaction as the change. */
export class OutboxMessage {
  id!: string;
  position?: string;
  type!: string;
  sourceModule!: string;
  aggregateId?: string;
  payload!: Record<string, unknown>;
  occurredAt!: Date;
  dispatchedAt?: Date;
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  class: OutboxMessage,
  tableName: 'outbox',
  schema: 'platform',
  properties: {
    id: { type: 'uuid', primary: true },
    position: { type: 'bigint', persist: false, nullable: true },
    type: { type: 'text' },
    sourceModule: { type: 'text', fieldName: 'source_module' },
    aggregateId: { type: 'text', nullable: true, fieldName: 'aggregate_id' },
    payload: { type: 'json' },
    occurredAt: { type: 'datetime', fieldName: 'occurred_at' },
    dispatchedAt: { type: 'datetime', nullable: true, fieldName: 'dispatched_at' },
  },
});
