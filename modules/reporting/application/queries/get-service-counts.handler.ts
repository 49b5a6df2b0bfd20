import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { ServiceCountReport } from '../../contracts';
import { withReportSession, joinSql, raw, sql, type SqlFragment } from '../../infrastructure/persistence/sql-fragment';
import { groupingOf, periodsOf, toSeries, type FactColumns } from './report-dimensions';
import { filterConditions } from './report-filters';
import { assertValidRequest, type ReportDimension, type ReportRequest } from './report-request';
import { assertRequestInScope, reportScopeOf, scopeCondition, type ReportScope } from './report-scope';
import { GetServiceCountsQuery } from './reporting-queries';

export const SERVICE_COUNT_DIMENSIONS: readonly ReportDimension[] = ['centre', 'municipality', 'region', 'service', 'institution', 'channel', 'weekday'];

interface Source {
  from: (request: ReportRequest) => SqlFragment;
  columns: FactColumns;
  quantity: string;
  range: (request: ReportRequest) => SqlFragment;
}

/**
 * Whole months by month (or in total) come from a monthly rollup — per centre and channel when no
 * service is involved, else per service too; days and weeks come from the visits' lines.
 */
const CENTRE_MONTHLY: Source = {
  from: () => raw(`from reporting.centre_month r left join reporting.centre_dim c on c.centre_id = r.centre_id`),
  columns: { day: 'r.month', centre: 'r.centre_id', service: 'null', channel: 'r.channel' },
  quantity: 'r.services',
  range: (q) => sql`r.month between ${q.from}::date and ${q.to}::date`,
};

const MONTHLY: Source = {
  from: () => raw(`from reporting.service_month r
             left join reporting.centre_dim c on c.centre_id = r.centre_id
             left join reporting.service_dim s on s.service_code = r.service_code`),
  columns: { day: 'r.month', centre: 'r.centre_id', service: 'r.service_code', channel: 'r.channel' },
  quantity: 'r.services',
  range: (q) => sql`r.month between ${q.from}::date and ${q.to}::date`,
};

/**
 * Days and weeks: the served visits' lines, with the forwarded applications (on their delivery day)
 * and the completed remote sessions (on the day the call started) that the projection counted.
 */
const LINES: Source = {
  from: (q) => sql`from (
             select v.service_day as day, v.centre_id, l.code, l.channel, l.quantity
               from reporting.visit_fact v
              cross join lateral unnest(v.line_codes, v.line_channels, v.line_quantities) as l(code, channel, quantity)
              where v.outcome = 'served' and v.service_day between ${q.from}::date and ${q.to}::date
             union all
             select a.counted_day, a.counted_centre, a.service_code, 'application_forwarded', 1
               from reporting.application_fact a where a.counted_day between ${q.from}::date and ${q.to}::date
             union all
             select r.counted_day, r.counted_centre, r.service_code, 'remote_video', 1
               from reporting.remote_fact r where r.counted_day between ${q.from}::date and ${q.to}::date) u
             left join reporting.centre_dim c on c.centre_id = u.centre_id
             left join reporting.service_dim s on s.service_code = u.code`,
  columns: { day: 'u.day', centre: 'u.centre_id', service: 'u.code', channel: 'u.channel' },
  quantity: 'u.quantity',
  range: () => raw('true'),
};

const wholeMonths = (q: ReportRequest): boolean =>
  q.from.endsWith('-01') && DateTime.fromISO(q.to).endOf('month').toISODate() === q.to && (q.interval === 'month' || q.interval === 'total') && !q.groupBy.includes('weekday');

const involvesServices = (q: ReportRequest, scope: ReportScope): boolean =>
  q.groupBy.includes('service') || q.groupBy.includes('institution') || !!q.service || !!q.institution || !!scope.institutionId;

function sourceOf(q: ReportRequest, scope: ReportScope): Source {
  if (!wholeMonths(q)) return LINES;
  return involvesServices(q, scope) ? MONTHLY : CENTRE_MONTHLY;
}

/**
 * Services provided by day (Europe/Riga) × centre × service × institution × channel: queue visits that
 * ended served, applications forwarded to institutions, completed remote video sessions.
 */
@QueryHandler(GetServiceCountsQuery)
export class GetServiceCountsHandler implements IQueryHandler<GetServiceCountsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ principal, request }: GetServiceCountsQuery): Promise<ServiceCountReport> {
    assertValidRequest(request, SERVICE_COUNT_DIMENSIONS);
    const scope = reportScopeOf(principal);
    return withReportSession(this.em, async (run) => {
      await assertRequestInScope(scope, request, run);
      const source = sourceOf(request, scope);
      const f = source.columns;
      const grouping = groupingOf(request, f);
      const where = joinSql(
        [
          source.range(request),
          scopeCondition(scope, { centreId: f.centre, municipalityAtvk: 'c.municipality_atvk', institution: (id) => sql`s.institution_id = ${id}::uuid` }),
          ...filterConditions(request, {
            centre: f.centre,
            service: (code) => sql`${raw(f.service)} = ${code}`,
            institution: (code) => sql`s.institution_code = ${code}`,
            channel: f.channel,
          }),
        ],
        ' and ',
      );
      const rows = await run<Record<string, unknown> & { services: number }>(
        sql`select ${grouping.select}, sum(${raw(source.quantity)})::int as services ${source.from(request)} where ${where} group by ${grouping.groupBy} having sum(${raw(source.quantity)}) <> 0`,
      );
      const periods = periodsOf(request);
      const series = toSeries(rows, grouping, (key, label, byPeriod) => {
        const data = periods.map((p) => Number(byPeriod.get(p)?.services ?? 0));
        return { key, label, data, total: data.reduce((a, b) => a + b, 0) };
      });
      return {
        from: request.from,
        to: request.to,
        interval: request.interval,
        groupBy: request.groupBy,
        periods,
        series,
        totals: { services: series.reduce((sum, s) => sum + s.total, 0) },
      };
    });
  }
}
