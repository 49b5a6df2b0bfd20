/**
 * SQL literals for statements sent through PostgreSQL's simple query protocol, where several
 * statements travel in one round trip but bind parameters are not available.
 *
 * Safe only with `standard_conforming_strings = on` (PostgreSQL's default since 9.1, checked by
 * `assertStandardStrings`): a string literal is then closed only by a single quote, and doubling
 * quotes is the complete escape. Every value that reaches SQL text goes through `lit`.
 */
export type SqlValue = string | number | boolean | Date | null | undefined | readonly string[] | { json: unknown };

export function lit(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not a finite number');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    value = value as Date;
    if (Number.isNaN(value.getTime())) throw new Error('invalid date');
    return `${quote(value.toISOString())}::timestamptz`;
  }
  if (Array.isArray(value)) return `ARRAY[${value.map((v) => quote(String(v))).join(',')}]::text[]`;
  return `${quote(JSON.stringify((value as { json: unknown }).json))}::jsonb`;
}

function quote(text: string): string {
  if (text.includes('\u0000')) throw new Error('text must not contain NUL');
  // Most values (JSON, ids, times) hold no quote at all: no replace then.
  return text.includes("'") ? `'${text.replace(/'/g, "''")}'` : `'${text}'`;
}

/** Throws unless the session treats backslashes in '…' literally (what `lit` relies on). */
export async function assertStandardStrings(query: (sql: string) => Promise<{ rows: Array<Record<string, string>> }>): Promise<void> {
  const { rows } = await query('show standard_conforming_strings');
  if (rows[0]?.standard_conforming_strings !== 'on') throw new Error('standard_conforming_strings must be on');
}
