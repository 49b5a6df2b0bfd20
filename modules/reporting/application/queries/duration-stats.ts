import type { DurationStats } from '../../contracts';
import { raw, type SqlFragment } from '../../infrastructure/persistence/sql-fragment';

/**
 * count, avg and percentile_cont (median, p90) of a numeric SQL expression (a fixed text), as
 * `"<name>N"`, `"<name>Avg"` and `"<name>Pct"`.
 */
export const durationSql = (name: string, expression: string): SqlFragment =>
  raw(`count(${expression})::int as "${name}N", avg(${expression})::float8 as "${name}Avg", percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${expression}) as "${name}Pct"`);

/** Reads what durationSql selected; `perSecond` is the unit of the column (1000 for milliseconds). Seconds to 0.1. */
export function durationOf(row: Record<string, unknown> | undefined, name: string, perSecond: number): DurationStats {
  const toSeconds = (value: unknown): number | null => (value === null || value === undefined ? null : Math.round((Number(value) / perSecond) * 10) / 10);
  const pct = (row?.[`${name}Pct`] as Array<number | string | null> | null | undefined) ?? [null, null];
  return { n: Number(row?.[`${name}N`] ?? 0), avgSeconds: toSeconds(row?.[`${name}Avg`]), medianSeconds: toSeconds(pct[0]), p90Seconds: toSeconds(pct[1]) };
}

export const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
