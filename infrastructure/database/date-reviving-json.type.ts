import { JsonType, type Platform, type TransformContext } from '@mikro-orm/core';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Turns ISO instants inside parsed JSON back into Date objects (recursively). */
export function revive(value: unknown): unknown {
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? new Date(value) : value;
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}

/** jsonb whose ISO instants come back as Date objects (ticket periods, requests, undo snapshots). */
export class DateRevivingJsonType extends JsonType {
  override convertToJSValue(value: string | unknown, platform: Platform, context?: TransformContext): unknown {
    return revive(super.convertToJSValue(value as string, platform, context));
  }
}
