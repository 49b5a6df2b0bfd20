import type { SeriesKey } from '../../contracts';
import { isLocalDate } from '@modules/shared-kernel';
import { periodsBetween, type ReportInterval } from '../../domain';
import { joinSql, raw, type SqlFragment, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import type { ReportDimension, ReportRequest } from './report-request';

/** Where a report's dimensions live: aliases `c` (centre_dim) and `s` (service_dim) are joined by the report. */
export interface FactColumns {
  day: string;
  centre: string;
  service: string;
  channel?: string;
  queue?: string;
  hour?: string;
  /** The fact's own institution code, where it has one (else the service's, `s.institution_code`). */
  institution?: string;
  /** The clerk (subject) the fact belongs to, where it has one. */
  clerk?: string;
}

interface DimensionSql {
  /** The grouping key: output alias and SQL expression (an id or a code, never a name). */
  key: [string, string];
  /** Names that belong to the key, filled in afterwards from the dimension tables (see `withNames`). */
  names: string[];
  label: (row: Record<string, unknown>) => string;
}

const text = (value: unknown): string => (value === null || value === undefined ? '—' : String(value));

function dimension(dim: ReportDimension, f: FactColumns): DimensionSql {
  switch (dim) {
    case 'centre':
      return { key: ['centreId', f.centre], names: ['centreCode', 'centreName'], label: (r) => text(r.centreName ?? r.centreCode ?? r.centreId) };
    case 'municipality':
      return { key: ['municipalityAtvk', 'c.municipality_atvk'], names: ['municipalityName'], label: (r) => text(r.municipalityName ?? r.municipalityAtvk) };
    case 'region':
      return { key: ['planningRegion', 'c.planning_region'], names: [], label: (r) => text(r.planningRegion) };
    case 'service':
      return { key: ['serviceCode', f.service], names: ['serviceName'], label: (r) => (r.serviceName ? `${text(r.serviceCode)} ${text(r.serviceName)}` : text(r.serviceCode)) };
    case 'institution':
      return { key: ['institutionCode', f.institution ?? 's.institution_code'], names: ['institutionName'], label: (r) => text(r.institutionCode) };
    case 'channel':
      return { key: ['channel', f.channel ?? 'null'], names: [], label: (r) => text(r.channel) };
    case 'queue':
      return { key: ['queueId', f.queue ?? 'null'], names: [], label: (r) => text(r.queueId) };
    case 'hour':
      return { key: ['hour', f.hour ?? 'null'], names: [], label: (r) => `${String(r.hour).padStart(2, '0')}:00` };
    case 'weekday':
      return { key: ['weekday', `extract(isodow from ${f.day})::int`], names: [], label: (r) => text(r.weekday) };
    case 'clerk':
      return { key: ['clerkId', f.clerk ?? 'null'], names: [], label: (r) => text(r.clerkId) };
  }
}

export interface Grouping {
  select: SqlFragment;
  groupBy: SqlFragment;
  /** The aliases of the key columns (ids and codes). */
  keys: string[];
  /** A string that tells the series apart (the key's ids; names follow from them). */
  idOf: (row: Record<string, unknown>) => string;
  keyOf: (row: Record<string, unknown>) => SeriesKey;
  labelOf: (row: Record<string, unknown>) => string;
}

/**
 * The period expression and the grouping columns of a request, all chosen from fixed lists. Rows
 * are grouped by ids and codes only (cheap to hash and sort); names are added to the grouped rows
 * afterwards by `withNames`.
 */
export function groupingOf(request: ReportRequest, f: FactColumns): Grouping {
  const dims = request.groupBy.map((d) => dimension(d, f));
  const period = periodExpression(request.interval, f.day, request.from);
  const keys = dims.map((d) => d.key);
  const aliases = dims.flatMap((d) => [d.key[0], ...d.names]);
  // Grouped by the period's date and formatted once per group, not once per row.
  const select = joinSql([raw(`to_char(${period}, 'YYYY-MM-DD') as period`), ...keys.map(([alias, expr]) => raw(`${expr} as "${alias}"`))], ', ');
  const groupBy = joinSql([raw(period), ...keys.map(([, expr]) => raw(expr))], ', ');
  return {
    select,
    groupBy,
    keys: keys.map(([alias]) => alias),
    idOf: (row) => (keys.length === 1 ? String(row[keys[0]![0]] ?? '\u0000') : keys.map(([alias]) => String(row[alias] ?? '\u0000')).join('\u0001')),
    keyOf: (row) => Object.fromEntries(aliases.map((alias) => [alias, (row[alias] ?? null) as string | number | null])),
    labelOf: (row) => (dims.length === 0 ? 'Kopā' : dims.map((d) => d.label(row)).join(' · ')),
  };
}

/**
 * Adds the names of the grouping keys (centre code and name, municipality, service and institution
 * names) to rows grouped by ids, from the small dimension tables, in place.
 */
export async function withNames<R extends Record<string, unknown>>(run: SqlRunner, rows: R[], groupBy: readonly ReportDimension[]): Promise<R[]> {
  if (rows.length === 0) return rows;
  const centres = groupBy.includes('centre') || groupBy.includes('municipality');
  const services = groupBy.includes('service') || groupBy.includes('institution');
  if (centres) {
    const dims = await run<{ centre_id: string; code: string | null; name: string | null; municipality_atvk: string | null; municipality_name: string | null }>(
      raw('select centre_id, code, name, municipality_atvk, municipality_name from reporting.centre_dim'),
    );
    const byId = new Map(dims.map((d) => [d.centre_id, d]));
    const municipalities = new Map<string, string>();
    for (const d of dims) if (d.municipality_atvk && d.municipality_name && !municipalities.has(d.municipality_atvk)) municipalities.set(d.municipality_atvk, d.municipality_name);
    for (const row of rows as Array<Record<string, unknown>>) {
      if (groupBy.includes('centre')) {
        const d = byId.get(row.centreId as string);
        row.centreCode = d?.code ?? null;
        row.centreName = d?.name ?? null;
      }
      if (groupBy.includes('municipality')) row.municipalityName = municipalities.get(row.municipalityAtvk as string) ?? null;
    }
  }
  if (services) {
    const dims = await run<{ service_code: string; name_lv: string | null; institution_code: string; institution_name: string | null }>(
      raw('select service_code, name_lv, institution_code, institution_name from reporting.service_dim'),
    );
    const byCode = new Map(dims.map((d) => [d.service_code, d]));
    const institutions = new Map<string, string>();
    for (const d of dims) if (d.institution_name && !institutions.has(d.institution_code)) institutions.set(d.institution_code, d.institution_name);
    for (const row of rows as Array<Record<string, unknown>>) {
      if (groupBy.includes('service')) row.serviceName = byCode.get(row.serviceCode as string)?.name_lv ?? null;
      if (groupBy.includes('institution')) row.institutionName = institutions.get(row.institutionCode as string) ?? null;
    }
  }
  return rows;
}

function periodExpression(interval: ReportInterval, day: string, from: string): string {
  switch (interval) {
    case 'day':
      return day;
    // Truncated as a timestamp without time zone: the same dates, without converting every row
    // through the session's time zone (a fifth of a year-wide report's CPU time).
    case 'week':
      return `date_trunc('week', ${day}::timestamp)::date`;
    case 'month':
      return `date_trunc('month', ${day}::timestamp)::date`;
    case 'total':
      // Written into the SQL (the same text in SELECT and GROUP BY), so it must be a plain date.
      if (!isLocalDate(from)) throw new RangeError(`not a local date: ${from}`);
      return `'${from}'::date`;
  }
}

const LABEL_ORDER = new Intl.Collator('lv');

/** Orders series by label, as Latvian sorts. */
export const byLabel = (a: { label: string }, b: { label: string }): number => LABEL_ORDER.compare(a.label, b.label);

/** Rows (one per period and key) → series with one slot per period, sorted by label. */
export function toSeries<R extends Record<string, unknown>, S>(
  rows: R[],
  grouping: Grouping,
  build: (key: SeriesKey, label: string, byPeriod: Map<string, R>) => S,
): S[] {
  const groups = new Map<string, { key: SeriesKey; label: string; byPeriod: Map<string, R> }>();
  for (const row of rows) {
    const id = grouping.idOf(row);
    let group = groups.get(id);
    if (!group) {
      group = { key: grouping.keyOf(row), label: grouping.labelOf(row), byPeriod: new Map<string, R>() };
      groups.set(id, group);
    }
    group.byPeriod.set(String(row.period), row);
  }
  return [...groups.values()].sort(byLabel).map((g) => build(g.key, g.label, g.byPeriod));
}

export const periodsOf = (request: ReportRequest): string[] => periodsBetween(request.from, request.to, request.interval);
