import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { ServiceCountReport } from '../../contracts';
import { withReportSession, joinSql, raw, sql, type SqlFragment } from '../../infrastructure/persistence/sql-fragment';
import { byLabel, groupingOf, periodsOf, withNames, type FactColumns } from './report-dimensions';
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
 * service is involved, else per service too; days and weeks from the daily rollup.
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
 * Days and weeks (and months cut short): the daily rollup, which holds the served visits' lines,
 * the forwarded applications (on their delivery day) and the completed remote sessions (on the day
 * the call started), as the projection counted them.
 */
const DAILY: Source = {
  from: () => raw(`from reporting.service_day r
             left join reporting.centre_dim c on c.centre_id = r.centre_id
             left join reporting.service_dim s on s.service_code = r.service_code`),
  columns: { day: 'r.day', centre: 'r.centre_id', service: 'r.service_code', channel: 'r.channel' },
  quantity: 'r.services',
  range: (q) => sql`r.day between ${q.from}::date and ${q.to}::date`,
};

const wholeMonths = (q: ReportRequest): boolean =>
  q.from.endsWith('-01') && DateTime.fromISO(q.to).endOf('month').toISODate() === q.to && (q.interval === 'month' || q.interval === 'total') && !q.groupBy.includes('weekday');

const involvesServices = (q: ReportRequest, scope: ReportScope): boolean =>
  q.groupBy.includes('service') || q.groupBy.includes('institution') || !!q.service || !!q.institution || !!scope.institutionId;

function sourceOf(q: ReportRequest, scope: ReportScope): Source {
  if (!wholeMonths(q)) return DAILY;
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
      // One row per series with its periods' numbers as one text ("period=n,…"): far fewer rows to
      // read than one per period and key (an export by day, centre and service has ~40,000 cells).
      const keys = grouping.keys.map((alias) => `g."${alias}"`).join(', ');
      const rows = await run<Record<string, unknown> & { by_period: string | null }>(sql`
        select ${raw(keys ? `${keys}, ` : '')}string_agg(g.period || '=' || g.services, ',') as by_period
          from (select ${grouping.select}, sum(${raw(source.quantity)})::int as services ${source.from(request)} where ${where}
                 group by ${grouping.groupBy} having sum(${raw(source.quantity)}) <> 0) g
         ${raw(keys ? `group by ${keys}` : '')}`);
      const periods = periodsOf(request);
      const slot = new Map(periods.map((p, i) => [p, i]));
      const filled = rows.flatMap((row) => {
        if (row.by_period === null) return [];
        const data: number[] = new Array<number>(periods.length).fill(0);
        for (const cell of row.by_period.split(',')) {
          const at = cell.indexOf('=');
          const i = slot.get(cell.slice(0, at));
          if (i !== undefined) data[i] = Number(cell.slice(at + 1));
        }
        return [{ row, data }];
      });
      await withNames(
        run,
        filled.map((f) => f.row),
        request.groupBy,
      );
      const series = filled
        .map(({ row, data }) => ({ key: grouping.keyOf(row), label: grouping.labelOf(row), data, total: data.reduce((a, b) => a + b, 0) }))
        .sort(byLabel);
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
