import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceCountReport } from '../../contracts';
import { joinSql, sql, sqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { groupingOf, periodsOf, toSeries } from './report-dimensions';
import { filterConditions } from './report-filters';
import { assertValidRequest, type ReportDimension } from './report-request';
import { assertRequestInScope, reportScopeOf, scopeCondition } from './report-scope';
import { GetServiceCountsQuery } from './reporting-queries';

export const SERVICE_COUNT_DIMENSIONS: readonly ReportDimension[] = ['centre', 'municipality', 'region', 'service', 'institution', 'channel', 'weekday'];

const FROM = sql`
  from reporting.service_fact sf
  left join reporting.centre_dim c on c.centre_id = sf.centre_id
  left join reporting.service_dim s on s.service_code = sf.service_code`;

/** Services provided by day (Europe/Riga) × centre × service × institution × channel, from visits that ended served. */
@QueryHandler(GetServiceCountsQuery)
export class GetServiceCountsHandler implements IQueryHandler<GetServiceCountsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ principal, request }: GetServiceCountsQuery): Promise<ServiceCountReport> {
    assertValidRequest(request, SERVICE_COUNT_DIMENSIONS);
    const scope = reportScopeOf(principal);
    const run = sqlRunner(this.em.fork());
    await assertRequestInScope(scope, request, run);
    const grouping = groupingOf(request, { day: 'sf.day', centre: 'sf.centre_id', service: 'sf.service_code', channel: 'sf.channel' });
    const where = joinSql(
      [
        sql`sf.provided and sf.day between ${request.from}::date and ${request.to}::date`,
        scopeCondition(scope, { centreId: 'sf.centre_id', municipalityAtvk: 'c.municipality_atvk', institution: (id) => sql`s.institution_id = ${id}::uuid` }),
        ...filterConditions(request, {
          centre: 'sf.centre_id',
          service: (code) => sql`sf.service_code = ${code}`,
          institution: (code) => sql`s.institution_code = ${code}`,
          channel: 'sf.channel',
        }),
      ],
      ' and ',
    );
    const rows = await run<Record<string, unknown> & { services: number; visits: number }>(
      sql`select ${grouping.select}, sum(sf.quantity)::int as services, count(distinct sf.source_id)::int as visits ${FROM} where ${where} group by ${grouping.groupBy}`,
    );
    const [totals] = await run<{ services: number | null; visits: number }>(sql`select sum(sf.quantity)::int as services, count(distinct sf.source_id)::int as visits ${FROM} where ${where}`);
    const periods = periodsOf(request);
    const series = toSeries(rows, grouping, (key, label, byPeriod) => {
      const data = periods.map((p) => Number(byPeriod.get(p)?.services ?? 0));
      return { key, label, data, visits: periods.map((p) => Number(byPeriod.get(p)?.visits ?? 0)), total: data.reduce((a, b) => a + b, 0) };
    });
    return {
      from: request.from,
      to: request.to,
      interval: request.interval,
      groupBy: request.groupBy,
      periods,
      series,
      totals: { services: Number(totals?.services ?? 0), visits: Number(totals?.visits ?? 0) },
    };
  }
}
