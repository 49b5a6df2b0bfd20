import type { JsonSchema } from './json-schema';
import { ANY_ITEM, formatPointer, isRecord, parsePointer } from './json-pointer';

// Keywords whose subschemas describe the same value (so their properties belong to it too).
const IN_PLACE = ['allOf', 'anyOf', 'oneOf'] as const;
const BRANCHES = ['then', 'else'] as const;

/** Follows local `$ref`s ('#/$defs/address') and in-place applicators; returns every schema that applies. */
export function expandSchema(root: JsonSchema, node: unknown, seen = new Set<unknown>()): JsonSchema[] {
  if (!isRecord(node) || seen.has(node)) return [];
  seen.add(node);
  const out: JsonSchema[] = [node];
  if (typeof node.$ref === 'string') out.push(...expandSchema(root, resolveLocalRef(root, node.$ref), seen));
  for (const key of IN_PLACE) {
    const list = node[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...expandSchema(root, sub, seen));
  }
  for (const key of BRANCHES) out.push(...expandSchema(root, node[key], seen));
  if (isRecord(node.dependentSchemas)) for (const sub of Object.values(node.dependentSchemas)) out.push(...expandSchema(root, sub, seen));
  return out;
}

export function resolveLocalRef(root: JsonSchema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const segment of parsePointer(decodeURIComponent(ref.slice(1)))) {
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/** The schemas describing the value at a data pointer (with `*` or an index for array items). */
export function subschemasAt(root: JsonSchema, pointer: string): JsonSchema[] {
  let nodes = expandSchema(root, root);
  for (const segment of parsePointer(pointer)) {
    const next: unknown[] = [];
    for (const node of nodes) {
      const isIndex = segment === ANY_ITEM || /^\d+$/.test(segment);
      if (isRecord(node.properties) && Object.prototype.hasOwnProperty.call(node.properties, segment)) next.push(node.properties[segment]);
      if (isIndex && Array.isArray(node.prefixItems)) {
        next.push(...(segment === ANY_ITEM ? node.prefixItems : [node.prefixItems[Number(segment)]]));
      }
      if (isIndex && isRecord(node.items)) next.push(node.items);
    }
    const seen = new Set<unknown>();
    nodes = next.flatMap((n) => expandSchema(root, n, seen));
    if (nodes.length === 0) return [];
  }
  return nodes;
}

export function schemaHasPointer(root: JsonSchema, pointer: string): boolean {
  return subschemasAt(root, pointer).length > 0;
}

/** Property names of the object the schemas describe, in declaration order, without duplicates. */
export function propertyNamesOf(schemas: JsonSchema[]): string[] {
  const names = new Set<string>();
  for (const node of schemas) if (isRecord(node.properties)) for (const name of Object.keys(node.properties)) names.add(name);
  return [...names];
}

/** First value of a keyword among the schemas ('format', 'enum', 'title'…). */
export function keywordOf(schemas: JsonSchema[], keyword: string): unknown {
  return schemas.find((s) => s[keyword] !== undefined)?.[keyword];
}

export interface SchemaField {
  /** Data pointer pattern; array items appear as `*`. */
  pointer: string;
  schemas: JsonSchema[];
}

/** Every field the schema declares (objects, arrays and leaves), depth first in declaration order. */
export function listSchemaFields(root: JsonSchema): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (segments: string[], schemas: JsonSchema[], depth: number): void => {
    if (depth > 32) return; // recursive $refs
    for (const name of propertyNamesOf(schemas)) {
      const pointer = formatPointer([...segments, name]);
      const child = subschemasAt(root, pointer);
      out.push({ pointer, schemas: child });
      walk([...segments, name], child, depth + 1);
      if (child.some((s) => s.items !== undefined || s.prefixItems !== undefined)) {
        const itemPointer = formatPointer([...segments, name, ANY_ITEM]);
        const items = subschemasAt(root, itemPointer);
        out.push({ pointer: itemPointer, schemas: items });
        walk([...segments, name, ANY_ITEM], items, depth + 1);
      }
    }
  };
  walk([], expandSchema(root, root), 0);
  return out;
}
