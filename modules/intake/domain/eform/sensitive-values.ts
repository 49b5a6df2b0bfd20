import type { FormData } from './json-schema';
import { isRecord, matchPointer, parsePointer } from './json-pointer';

export const REDACTED = '[REDACTED]';

export interface SensitiveSplit {
  /** The answers without the sensitive values: safe to store in clear text and to log. */
  plain: FormData;
  /** Concrete pointer ('/children/0/personalCode') → value: encrypt this at rest. */
  secret: Record<string, unknown>;
}

export interface SensitiveValues extends SensitiveSplit {
  /** The answers with each sensitive value replaced by "[REDACTED]": for logs and support screens. */
  redacted: FormData;
}

/** Finds the answers a version marks as sensitive (its `sensitiveFields`, `*` matching every item). */
export function sensitiveValues(version: { sensitiveFields: readonly string[] }, data: FormData): SensitiveValues {
  return { ...splitSensitive(version.sensitiveFields, data), redacted: redactSensitive(version.sensitiveFields, data) };
}

export function splitSensitive(patterns: readonly string[], data: FormData): SensitiveSplit {
  const secret: Record<string, unknown> = {};
  for (const { pointer, value } of matchAll(patterns, data)) secret[pointer] = structuredClone(value);
  return { plain: removeSensitive(patterns, data), secret };
}

/** Puts encrypted-and-decrypted values back: the inverse of {@link splitSensitive}. */
export function joinSensitive(split: SensitiveSplit): FormData {
  const data = structuredClone(split.plain);
  // Shorter pointers first, so a whole section is restored before anything inside it.
  for (const pointer of Object.keys(split.secret).sort((a, b) => parsePointer(a).length - parsePointer(b).length)) {
    setAt(data, parsePointer(pointer), structuredClone(split.secret[pointer]));
  }
  return data;
}

export function redactSensitive(patterns: readonly string[], data: FormData, mask: unknown = REDACTED): FormData {
  const copy = structuredClone(data);
  for (const { pointer } of matchAll(patterns, copy)) setAt(copy, parsePointer(pointer), mask);
  return copy;
}

/** Deletes the sensitive answers (array items stay in place so indexes keep their meaning). */
export function removeSensitive(patterns: readonly string[], data: FormData): FormData {
  const copy = structuredClone(data);
  // Deepest first: deleting '/a' before '/a/b' would hide '/a/b' from the second pass anyway.
  const matches = matchAll(patterns, copy).sort((a, b) => parsePointer(b.pointer).length - parsePointer(a.pointer).length);
  for (const { pointer } of matches) deleteAt(copy, parsePointer(pointer));
  return copy;
}

function matchAll(patterns: readonly string[], data: FormData): Array<{ pointer: string; value: unknown }> {
  const found = new Map<string, unknown>();
  for (const pattern of patterns) for (const m of matchPointer(data, pattern)) found.set(m.pointer, m.value);
  // A value inside another sensitive value is already covered by it.
  const pointers = [...found.keys()];
  return pointers.filter((p) => !pointers.some((q) => q !== p && p.startsWith(q + '/'))).map((pointer) => ({ pointer, value: found.get(pointer) }));
}

function setAt(root: FormData, segments: string[], value: unknown): void {
  let node: unknown = root;
  segments.forEach((segment, i) => {
    const container = node as Record<string, unknown>;
    if (i === segments.length - 1) {
      container[segment] = value;
      return;
    }
    if (!isRecord(container[segment]) && !Array.isArray(container[segment])) container[segment] = /^\d+$/.test(segments[i + 1]) ? [] : {};
    node = container[segment];
  });
}

function deleteAt(root: FormData, segments: string[]): void {
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) node = (node as Record<string, unknown>)?.[segment];
  const last = segments[segments.length - 1];
  if (Array.isArray(node)) node[Number(last)] = null;
  else if (isRecord(node)) delete node[last];
}
