import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { DurationStats, WaitTimePoint, WaitTimeReport } from '../../contracts';
import { HISTOGRAM_RELATIVE_ACCURACY, HistogramMerger } from '../../domain';
import { ReportingSettings } from '../../infrastructure/reporting-settings';
import { withReportSession, joinSql, raw, sql, type SqlFragment, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { groupingOf, periodsOf, toSeries, withNames, type Grouping } from './report-dimensions';
import { filterConditions, serviceCodesOfInstitution } from './report-filters';
import { assertValidRequest, type ReportDimension, type ReportRequest } from './report-request';
import { assertRequestInScope, institutionServiceCodes, reportScopeOf, scopeCondition, type ReportScope } from './report-scope';
import { GetWaitTimesQuery } from './reporting-queries';
import { Role, hasRole } from '@infrastructure/auth/principal';
import { clerkFiguresDenied } from '../../domain';

export const WAIT_TIME_DIMENSIONS: readonly ReportDimension[] = ['centre', 'municipality', 'region', 'queue', 'service', 'institution', 'hour', 'weekday', 'clerk'];

const MEASURES = ['wait', 'walk', 'service', 'hold'] as const;

export const WAIT_TIME_NOTES = [
  'Times are in seconds: average, median and 90th percentile (percentile_cont) over the visits that have the measure.',
  'A period marked inaccurate (left open over midnight, or flagged by a clerk) removes that measure of the visit, not the visit.',
  'wait: in the queue until called, summed over returns to the queue; visits that left before being called are left out (when they left is unknown) and counted in leftBeforeServiceRate.',
  'walk: from the call to the start of service; left out when service never started (no-show).',
  'service: at the desk; hold: parked. Rates are shares of all visits ended in the period. Day and hour are local time in Riga, by the ticket’s issue.',
];

/** Added to the notes when the percentiles come from the monthly histograms (see `percentiles` in the report). */
export const APPROXIMATE_NOTE =
  'Medians and p90 of this report come from mergeable histograms (log-spaced buckets) kept per month: each is within 1 % of the exact percentile_cont over the same visits (before rounding to 0.1 s). Counts, rates and averages are exact.';

type Row = Record<string, unknown>;

const measureSql = MEASURES.map((m) =>
  raw(
    `count(v.${m}_ms)::int as "${m}N", avg(v.${m}_ms)::float8 as "${m}Avg", ` +
      `percentile_cont(array[0.5, 0.9]::float8[]) within group (order by v.${m}_ms) as "${m}Pct"`,
  ),
);

const seconds = (ms: unknown): number | null => (ms === null || ms === undefined ? null : Math.round(Number(ms) / 100) / 10);
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

function stats(row: Row | undefined, m: (typeof MEASURES)[number]): DurationStats {
  const pct = (row?.[`${m}Pct`] as Array<number | string | null> | null | undefined) ?? [null, null];
  return { n: Number(row?.[`${m}N`] ?? 0), avgSeconds: seconds(row?.[`${m}Avg`]), medianSeconds: seconds(pct[0]), p90Seconds: seconds(pct[1]) };
}

function point(period: string, row: Row | undefined): WaitTimePoint {
  const visits = Number(row?.visits ?? 0);
  const left = Number(row?.leftBeforeService ?? 0);
  const noShow = Number(row?.noShow ?? 0);
  return {
    period,
    visits,
    served: Number(row?.served ?? 0),
    notServed: Number(row?.notServed ?? 0),
    leftBeforeService: left,
    noShow,
    leftBeforeServiceRate: rate(left, visits),
    noShowRate: rate(noShow, visits),
    wait: stats(row, 'wait'),
    walk: stats(row, 'walk'),
    service: stats(row, 'service'),
    hold: stats(row, 'hold'),
  };
}

/** Wait, walk-to-desk, service and hold times (average, median, p90) and left/no-show rates, from per-visit facts. */
@QueryHandler(GetWaitTimesQuery)
export class GetWaitTimesHandler implements IQueryHandler<GetWaitTimesQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(ReportingSettings) private readonly settings: ReportingSettings,
    private readonly audit: AuditTrail,
  ) {}

  async execute({ principal, request }: GetWaitTimesQuery): Promise<WaitTimeReport> {
    assertValidRequest(request, WAIT_TIME_DIMENSIONS);
    const scope = reportScopeOf(principal);
    // Per-clerk figures are staff data: for those who manage centres (administrators, auditors,
    // the municipality's coordinator), not for clerks about their colleagues, nor institutions.
    if (request.groupBy.includes('clerk') && !hasRole(principal, Role.NetworkAdmin, Role.Auditor, Role.MunicipalityCoordinator)) throw clerkFiguresDenied();
    if (request.groupBy.includes('clerk') && !scope.all) scope.centreIds = [];
    const report = await withReportSession(this.em, async (run): Promise<WaitTimeReport> => {
      await assertRequestInScope(scope, request, run);
      const rollup = rollupFor(request, scope);
      let rows: Row[] | null = null;
      if (rollup) {
        const source = ROLLUPS[rollup];
        const grouping = groupingOf(request, source.columns);
        const cells = await run<Row>(sql`
          select ${grouping.select}, ${raw(ROLLUP_COLUMNS)} ${raw(source.from)}
           where ${joinSql([sql`r.month between ${request.from}::date and ${request.to}::date`, ...source.conditions(request, scope)], ' and ')}
           group by ${grouping.groupBy}`);
        // Small slices stay exact: sorting a few tens of thousands of visits is quick.
        const visits = cells.reduce((sum, c) => sum + Number(c.visits), 0);
        if (visits > this.settings.exactPercentileLimit) rows = mergeCells(cells, grouping);
      }
      const exact = rows === null;
      rows ??= await exactRows(request, scope, run);
      await withNames(run, rows, request.groupBy);
      const grouping = groupingOf(request, { day: 'v.service_day', centre: 'v.centre_id', service: 'sc.code', queue: 'v.queue_id', hour: 'v.issue_hour', clerk: 'v.served_by' });
      const periods = periodsOf(request);
      const series = toSeries(rows, grouping, (key, label, byPeriod) => ({ key, label, points: periods.map((p) => point(p, byPeriod.get(p))) }));
      return {
        from: request.from,
        to: request.to,
        interval: request.interval,
        groupBy: request.groupBy,
        periods,
        series,
        percentiles: exact ? { method: 'exact', maxRelativeError: 0 } : { method: 'histogram', maxRelativeError: HISTOGRAM_RELATIVE_ACCURACY },
        notes: exact ? WAIT_TIME_NOTES : [...WAIT_TIME_NOTES, APPROXIMATE_NOTE],
      };
    });
    // Staff data: who looked at per-clerk figures (answered, so in their scope), and for what, is in the audit trail (ADR 0012).
    if (request.groupBy.includes('clerk')) {
      await this.audit.record(principal, {
        action: 'reporting.clerk-figures.read',
        resourceType: 'report',
        resourceId: 'wait-times',
        details: { from: request.from, to: request.to, groupBy: request.groupBy, centreIds: request.centreIds ?? null },
      });
    }
    return report;
  }
}

/** Every visit of the slice, percentiles by percentile_cont (exact). */
async function exactRows(request: ReportRequest, scope: ReportScope, run: SqlRunner): Promise<Row[]> {
  // Grouping by service counts a visit once under each service it had.
  const byService = request.groupBy.includes('service') || request.groupBy.includes('institution');
  const grouping = groupingOf(request, { day: 'v.service_day', centre: 'v.centre_id', service: 'sc.code', queue: 'v.queue_id', hour: 'v.issue_hour', clerk: 'v.served_by' });
  const from = byService
    ? raw(`from reporting.visit_fact v left join reporting.centre_dim c on c.centre_id = v.centre_id
           left join lateral unnest(v.service_codes) as sc(code) on true left join reporting.service_dim s on s.service_code = sc.code`)
    : raw('from reporting.visit_fact v left join reporting.centre_dim c on c.centre_id = v.centre_id');
  const where = joinSql(
    [
      sql`v.service_day between ${request.from}::date and ${request.to}::date`,
      scopeCondition(scope, { centreId: 'v.centre_id', municipalityAtvk: 'c.municipality_atvk', institution: (id) => sql`v.service_codes && ${institutionServiceCodes(id)}` }),
      ...filterConditions(request, {
        centre: 'v.centre_id',
        service: (code) => (byService ? sql`sc.code = ${code}` : sql`${code} = any(v.service_codes)`),
        institution: (code) => (byService ? sql`s.institution_code = ${code}` : sql`v.service_codes && ${serviceCodesOfInstitution(code)}`),
        queue: 'v.queue_id',
      }),
    ],
    ' and ',
  );
  return run<Row>(sql`
    select ${grouping.select},
           count(*)::int as visits,
           count(*) filter (where v.outcome = 'served')::int as served,
           count(*) filter (where v.outcome = 'not_served')::int as "notServed",
           count(*) filter (where v.outcome = 'left_before_service')::int as "leftBeforeService",
           count(*) filter (where v.outcome = 'no_show')::int as "noShow",
           ${joinSql(measureSql, ', ')}
      ${from} where ${where} group by ${grouping.groupBy}`);
}

// ---- the monthly time rollups (visit_time_month, service_time_month), for large slices ----

/** Added up per period and key in SQL; the encoded histograms concatenated are the merged histogram. */
const ROLLUP_COLUMNS = [
  ...['visits', 'served', 'not_served', 'left_before_service', 'no_show'].map((c) => `sum(r.${c})::int as ${c}`),
  ...MEASURES.map((m) => `sum(r.${m}_n)::int as ${m}_n, sum(r.${m}_sum_ms)::float8 as ${m}_sum_ms, string_agg(r.${m}_hist, ''::bytea) as ${m}_hist`),
].join(', ');

interface RollupSource {
  from: string;
  columns: { day: string; centre: string; service: string };
  conditions: (request: ReportRequest, scope: ReportScope) => SqlFragment[];
}

const ROLLUPS: Record<'centre' | 'service', RollupSource> = {
  /** Per month and centre: every visit once. */
  centre: {
    from: 'from reporting.visit_time_month r left join reporting.centre_dim c on c.centre_id = r.centre_id',
    columns: { day: 'r.month', centre: 'r.centre_id', service: 'null' },
    conditions: (request, scope) => [
      scopeCondition(scope, { centreId: 'r.centre_id', municipalityAtvk: 'c.municipality_atvk', institution: () => raw('false') }),
      ...filterConditions(request, { centre: 'r.centre_id', service: () => raw('false'), institution: () => raw('false') }),
    ],
  },
  /** Per month and service, nationally: a visit once under each of its services. */
  service: {
    from: 'from reporting.service_time_month r left join reporting.service_dim s on s.service_code = r.service_code',
    columns: { day: 'r.month', centre: 'null', service: 'r.service_code' },
    conditions: (request) => [
      ...filterConditions(request, { centre: 'null', service: (code) => sql`r.service_code = ${code}`, institution: (code) => sql`s.institution_code = ${code}` }),
    ],
  },
};

const PLACES: readonly ReportDimension[] = ['centre', 'municipality', 'region'];
const SERVICES: readonly ReportDimension[] = ['service', 'institution'];

/**
 * Which monthly rollup can answer the request, if any: whole months by month or in total, grouped
 * by place (per centre rollup) or by service (national per service rollup), with the filters and
 * scope each can apply exactly. Anything else is read from the visits.
 */
function rollupFor(request: ReportRequest, scope: ReportScope): 'centre' | 'service' | null {
  const wholeMonths =
    (request.interval === 'month' || request.interval === 'total') && request.from.endsWith('-01') && DateTime.fromISO(request.to).endOf('month').toISODate() === request.to;
  if (!wholeMonths || request.queueId || request.channel || scope.institutionId) return null;
  if (!request.groupBy.every((d) => PLACES.includes(d) || SERVICES.includes(d))) return null;
  const byService = request.groupBy.some((d) => SERVICES.includes(d));
  if (!byService && !request.service && !request.institution) return 'centre';
  const byPlace = request.groupBy.some((d) => PLACES.includes(d)) || !!request.centreIds?.length || !!request.municipality || !!request.region;
  // A visit with two services of one institution is one visit for the institution filter: only the visits know that.
  if (byPlace || !scope.all || (request.institution && !byService)) return null;
  return 'service';
}

/** Adds up the rollup's cells per period and key: counts and sums exactly, histograms merged. */
function mergeCells(cells: Row[], grouping: Grouping): Row[] {
  const groups = new Map<string, Row[]>();
  for (const cell of cells) {
    const id = `${String(cell.period)}\u0002${grouping.idOf(cell)}`;
    const group = groups.get(id);
    if (group) group.push(cell);
    else groups.set(id, [cell]);
  }
  const merger = new HistogramMerger();
  const sum = (group: Row[], column: string): number => group.reduce((total, c) => total + Number(c[column]), 0);
  return [...groups.values()].map((group) => {
    const row: Row = {
      ...grouping.keyOf(group[0]!),
      period: group[0]!.period,
      visits: sum(group, 'visits'),
      served: sum(group, 'served'),
      notServed: sum(group, 'not_served'),
      leftBeforeService: sum(group, 'left_before_service'),
      noShow: sum(group, 'no_show'),
    };
    for (const m of MEASURES) {
      const n = sum(group, `${m}_n`);
      for (const c of group) merger.add(c[`${m}_hist`] as Uint8Array | null);
      const pct = merger.percentiles([0.5, 0.9]);
      row[`${m}N`] = n;
      row[`${m}Avg`] = n === 0 ? null : sum(group, `${m}_sum_ms`) / n;
      row[`${m}Pct`] = n === 0 ? null : pct;
    }
    return row;
  });
}
