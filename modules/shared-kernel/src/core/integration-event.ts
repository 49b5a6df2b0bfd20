import { newId } from './ids';

/**
 * A fact one module publishes for others, delivered at least once through the outbox.
 * Consumers must be idempotent by `id`. Payloads carry ids, never other modules' objects.
 */
export interface IntegrationEvent<TType extends string = string, TPayload = unknown> {
  id: string;
  type: TType;
  occurredAt: string;
  sourceModule: string;
  aggregateId?: string;
  payload: TPayload;
}

export function integrationEvent<TType extends string, TPayload>(
  sourceModule: string,
  type: TType,
  payload: TPayload,
  aggregateId?: string,
  occurredAt: Date = new Date(),
): IntegrationEvent<TType, TPayload> {
  return { id: newId(), type, occurredAt: occurredAt.toISOString(), sourceModule, aggregateId, payload };
}
