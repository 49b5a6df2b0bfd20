import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { DurationStats, WaitTimePoint, WaitTimeReport } from '../../contracts';
import { withReportSession, joinSql, raw, sql } from '../../infrastructure/persistence/sql-fragment';
import { groupingOf, periodsOf, toSeries } from './report-dimensions';
import { filterConditions, serviceCodesOfInstitution } from './report-filters';
import { assertValidRequest, type ReportDimension } from './report-request';
import { assertRequestInScope, institutionServiceCodes, reportScopeOf, scopeCondition } from './report-scope';
import { GetWaitTimesQuery } from './reporting-queries';

export const WAIT_TIME_DIMENSIONS: readonly ReportDimension[] = ['centre', 'municipality', 'region', 'queue', 'service', 'institution', 'hour', 'weekday'];

const MEASURES = ['wait', 'walk', 'service', 'hold'] as const;

export const WAIT_TIME_NOTES = [
  'Times are in seconds: average, median and 90th percentile (percentile_cont) over the visits that have the measure.',
  'A period marked inaccurate (left open over midnight, or flagged by a clerk) removes that measure of the visit, not the visit.',
  'wait: in the queue until called, summed over returns to the queue; visits that left before being called are left out (when they left is unknown) and counted in leftBeforeServiceRate.',
  'walk: from the call to the start of service; left out when service never started (no-show).',
  'service: at the desk; hold: parked. Rates are shares of all visits ended in the period. Day and hour are local time in Riga, by the ticket’s issue.',
];

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
  constructor(private readonly em: EntityManager) {}

  async execute({ principal, request }: GetWaitTimesQuery): Promise<WaitTimeReport> {
    assertValidRequest(request, WAIT_TIME_DIMENSIONS);
    const scope = reportScopeOf(principal);
    return withReportSession(this.em, async (run) => {
      await assertRequestInScope(scope, request, run);
      // Grouping by service counts a visit once under each service it had.
      const byService = request.groupBy.includes('service') || request.groupBy.includes('institution');
      const grouping = groupingOf(request, { day: 'v.service_day', centre: 'v.centre_id', service: 'sc.code', queue: 'v.queue_id', hour: 'v.issue_hour' });
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
      const rows = await run<Row>(sql`
        select ${grouping.select},
               count(*)::int as visits,
               count(*) filter (where v.outcome = 'served')::int as served,
               count(*) filter (where v.outcome = 'not_served')::int as "notServed",
               count(*) filter (where v.outcome = 'left_before_service')::int as "leftBeforeService",
               count(*) filter (where v.outcome = 'no_show')::int as "noShow",
               ${joinSql(measureSql, ', ')}
          ${from} where ${where} group by ${grouping.groupBy}`);
      const periods = periodsOf(request);
      const series = toSeries(rows, grouping, (key, label, byPeriod) => ({ key, label, points: periods.map((p) => point(p, byPeriod.get(p))) }));
      return { from: request.from, to: request.to, interval: request.interval, groupBy: request.groupBy, periods, series, notes: WAIT_TIME_NOTES };
    });
  }
}
