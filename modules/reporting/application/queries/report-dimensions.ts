import type { SeriesKey } from '../../contracts';
import { isLocalDate } from '@modules/shared-kernel';
import { periodsBetween, type ReportInterval } from '../../domain';
import { joinSql, raw, type SqlFragment } from '../../infrastructure/persistence/sql-fragment';
import type { ReportDimension, ReportRequest } from './report-request';

/** Where a report's dimensions live: aliases `c` (centre_dim) and `s` (service_dim) are joined by the report. */
export interface FactColumns {
  day: string;
  centre: string;
  service: string;
  channel?: string;
  queue?: string;
  hour?: string;
}

interface DimensionSql {
  /** Output alias → SQL expression; the first is the grouping key. */
  columns: Array<[string, string]>;
  label: (row: Record<string, unknown>) => string;
}

const text = (value: unknown): string => (value === null || value === undefined ? '—' : String(value));

function dimension(dim: ReportDimension, f: FactColumns): DimensionSql {
  switch (dim) {
    case 'centre':
      return { columns: [['centreId', f.centre], ['centreCode', 'c.code'], ['centreName', 'c.name']], label: (r) => text(r.centreName ?? r.centreCode ?? r.centreId) };
    case 'municipality':
      return { columns: [['municipalityAtvk', 'c.municipality_atvk'], ['municipalityName', 'c.municipality_name']], label: (r) => text(r.municipalityName ?? r.municipalityAtvk) };
    case 'region':
      return { columns: [['planningRegion', 'c.planning_region']], label: (r) => text(r.planningRegion) };
    case 'service':
      return { columns: [['serviceCode', f.service], ['serviceName', 's.name_lv']], label: (r) => (r.serviceName ? `${text(r.serviceCode)} ${text(r.serviceName)}` : text(r.serviceCode)) };
    case 'institution':
      return { columns: [['institutionCode', 's.institution_code'], ['institutionName', 's.institution_name']], label: (r) => text(r.institutionCode) };
    case 'channel':
      return { columns: [['channel', f.channel ?? 'null']], label: (r) => text(r.channel) };
    case 'queue':
      return { columns: [['queueId', f.queue ?? 'null']], label: (r) => text(r.queueId) };
    case 'hour':
      return { columns: [['hour', f.hour ?? 'null']], label: (r) => `${String(r.hour).padStart(2, '0')}:00` };
    case 'weekday':
      return { columns: [['weekday', `extract(isodow from ${f.day})::int`]], label: (r) => text(r.weekday) };
  }
}

export interface Grouping {
  select: SqlFragment;
  groupBy: SqlFragment;
  keyOf: (row: Record<string, unknown>) => SeriesKey;
  labelOf: (row: Record<string, unknown>) => string;
}

/** The period expression and the grouping columns of a request, all chosen from fixed lists. */
export function groupingOf(request: ReportRequest, f: FactColumns): Grouping {
  const dims = request.groupBy.map((d) => dimension(d, f));
  const period = periodExpression(request.interval, f.day, request.from);
  const columns = dims.flatMap((d) => d.columns);
  // Grouped by the period's date and formatted once per group, not once per row.
  const select = joinSql([raw(`to_char(${period}, 'YYYY-MM-DD') as period`), ...columns.map(([alias, expr]) => raw(`${expr} as "${alias}"`))], ', ');
  const groupBy = joinSql([raw(period), ...columns.map(([, expr]) => raw(expr))], ', ');
  return {
    select,
    groupBy,
    keyOf: (row) => Object.fromEntries(columns.map(([alias]) => [alias, (row[alias] ?? null) as string | number | null])),
    labelOf: (row) => (dims.length === 0 ? 'Kopā' : dims.map((d) => d.label(row)).join(' · ')),
  };
}

function periodExpression(interval: ReportInterval, day: string, from: string): string {
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      return `date_trunc('week', ${day})::date`;
    case 'month':
      return `date_trunc('month', ${day})::date`;
    case 'total':
      // Written into the SQL (the same text in SELECT and GROUP BY), so it must be a plain date.
      if (!isLocalDate(from)) throw new RangeError(`not a local date: ${from}`);
      return `'${from}'::date`;
  }
}

/** Rows (one per period and key) → series with one slot per period, sorted by label. */
export function toSeries<R extends Record<string, unknown>, S>(
  rows: R[],
  grouping: Grouping,
  build: (key: SeriesKey, label: string, byPeriod: Map<string, R>) => S,
): S[] {
  const groups = new Map<string, { key: SeriesKey; label: string; byPeriod: Map<string, R> }>();
  for (const row of rows) {
    const key = grouping.keyOf(row);
    const id = JSON.stringify(key);
    const group = groups.get(id) ?? { key, label: grouping.labelOf(row), byPeriod: new Map<string, R>() };
    group.byPeriod.set(String(row.period), row);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'lv')).map((g) => build(g.key, g.label, g.byPeriod));
}

export const periodsOf = (request: ReportRequest): string[] => periodsBetween(request.from, request.to, request.interval);
