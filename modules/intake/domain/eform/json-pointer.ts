/**
 * RFC 6901 JSON pointers into form data ('/applicant/personalCode').
 * In sensitive-field, label and UI keys the segment `*` stands for "every array item".
 */
export const ANY_ITEM = '*';

export function isJsonPointer(value: unknown): value is string {
  return typeof value === 'string' && (value === '' || (value.startsWith('/') && !/~[^01]|~$/.test(value)));
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function formatPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** '/applicant/personalCode' → 'applicant.personalCode'; '/persons/0/name' → 'persons.0.name'. */
export function pointerToFieldPath(pointer: string): string {
  return parsePointer(pointer).join('.');
}

/** The pattern of a concrete pointer: array indexes become `*` ('/persons/0/name' → '/persons/∗/name'). */
export function pointerPattern(segments: readonly (string | number)[], data: unknown): string {
  const out: string[] = [];
  let node: unknown = data;
  for (const segment of segments) {
    out.push(Array.isArray(node) ? ANY_ITEM : String(segment));
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[String(segment)] : undefined;
  }
  return formatPointer(out);
}

/** Whether `pattern` names `field` or one of its ancestors ('/applicant' covers '/applicant/personalCode'). */
export function patternCovers(pattern: string, field: string): boolean {
  const p = parsePointer(pattern);
  const f = parsePointer(field);
  return p.length <= f.length && p.every((s, i) => s === f[i] || s === ANY_ITEM || f[i] === ANY_ITEM);
}

export interface PointerMatch {
  pointer: string;
  value: unknown;
}

/** Every value in `data` the pattern points at, with its concrete pointer; missing paths give nothing. */
export function matchPointer(data: unknown, pattern: string): PointerMatch[] {
  let matches: Array<{ path: (string | number)[]; value: unknown }> = [{ path: [], value: data }];
  for (const segment of parsePointer(pattern)) {
    matches = matches.flatMap(({ path, value }) => {
      if (Array.isArray(value)) {
        if (segment === ANY_ITEM) return value.map((item, i) => ({ path: [...path, i], value: item }));
        const index = /^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : -1;
        return index >= 0 && index < value.length ? [{ path: [...path, index], value: value[index] }] : [];
      }
      if (isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment)) {
        return [{ path: [...path, segment], value: value[segment] }];
      }
      return [];
    });
  }
  return matches.map(({ path, value }) => ({ pointer: formatPointer(path), value }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
