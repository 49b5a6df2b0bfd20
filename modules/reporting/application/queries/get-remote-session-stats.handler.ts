import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { RemoteSessionPoint, RemoteSessionReport } from '../../contracts';
import { REMOTE_OUTCOME_SQL } from '../../domain';
import { joinSql, raw, sql, withReportSession } from '../../infrastructure/persistence/sql-fragment';
import { durationOf, durationSql } from './duration-stats';
import { groupingOf, periodsOf, toSeries, withNames } from './report-dimensions';
import { filterConditions } from './report-filters';
import { assertValidRequest, type ReportDimension } from './report-request';
import { assertRequestInScope, reportScopeOf, scopeCondition } from './report-scope';
import { GetRemoteSessionStatsQuery } from './reporting-queries';

export const REMOTE_DIMENSIONS: readonly ReportDimension[] = ['centre', 'municipality', 'region', 'service', 'institution', 'weekday'];

export const REMOTE_NOTES = [
  'On-demand consultations are counted on the Riga day they were requested; booked ones on the day they were booked for.',
  'completed: ended after both participants joined (these are the services provided through channel remote_video, on the day the call started); notConnected: ended before both joined; failed: the video failed; abandoned: nobody took part.',
  'timeToAnswer: on-demand requests, from the request to a specialist’s acceptance. callDuration: completed sessions, from both joined to the end. sessionDuration: ended sessions, from acceptance (booked: opening) to the end. Seconds.',
  'booked does not count bookings replaced by a reschedule (their replacement is counted); cancelled and no-show bookings are counted in booked too.',
];

type Row = Record<string, unknown>;

function point(period: string, row: Row | undefined): RemoteSessionPoint {
  const n = (k: string) => Number(row?.[k] ?? 0);
  return {
    period,
    booked: n('booked'),
    bookingsCancelled: n('cancelled'),
    bookingsNoShow: n('noShow'),
    bookingsRescheduled: n('rescheduled'),
    onDemand: n('onDemand'),
    answered: n('answered'),
    completed: n('completed'),
    failed: n('failed'),
    notConnected: n('notConnected'),
    abandoned: n('abandoned'),
    timeToAnswer: durationOf(row, 'answer', 1),
    callDuration: durationOf(row, 'call', 1),
    sessionDuration: durationOf(row, 'session', 1),
  };
}

/** Remote consultations: booked, on demand, completed, failed, abandoned; time to answer and durations. */
@QueryHandler(GetRemoteSessionStatsQuery)
export class GetRemoteSessionStatsHandler implements IQueryHandler<GetRemoteSessionStatsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ principal, request }: GetRemoteSessionStatsQuery): Promise<RemoteSessionReport> {
    assertValidRequest(request, REMOTE_DIMENSIONS);
    const scope = reportScopeOf(principal);
    return withReportSession(this.em, async (run) => {
      await assertRequestInScope(scope, request, run);
      const grouping = groupingOf(request, { day: 'r.day', centre: 'r.centre_id', service: 'r.service_code' });
      const where = joinSql(
        [
          sql`r.day between ${request.from}::date and ${request.to}::date`,
          scopeCondition(scope, { centreId: 'r.centre_id', municipalityAtvk: 'c.municipality_atvk', institution: (id) => sql`s.institution_id = ${id}::uuid` }),
          ...filterConditions(request, {
            centre: 'r.centre_id',
            service: (code) => sql`r.service_code = ${code}`,
            institution: (code) => sql`coalesce(s.institution_code, r.institution_code) = ${code}`,
          }),
        ],
        ' and ',
      );
      // The outcome is computed once per row in the subquery: without the fence (offset 0) the
      // planner would inline its CASE into each of its ten uses (half of a year-wide query's CPU).
      const rows = await run<Row>(sql`
        select ${grouping.select},
               count(*) filter (where r.kind = 'booked' and r.o <> 'rescheduled')::int as booked,
               count(*) filter (where r.o = 'cancelled')::int as cancelled,
               count(*) filter (where r.o = 'no_show')::int as "noShow",
               count(*) filter (where r.o = 'rescheduled')::int as rescheduled,
               count(*) filter (where r.kind = 'on_demand')::int as "onDemand",
               count(*) filter (where r.kind = 'on_demand' and r.accepted_at is not null)::int as answered,
               count(*) filter (where r.o = 'completed')::int as completed,
               count(*) filter (where r.o = 'failed')::int as failed,
               count(*) filter (where r.o = 'not_connected')::int as "notConnected",
               count(*) filter (where r.o = 'abandoned')::int as abandoned,
               ${durationSql('answer', "case when r.kind = 'on_demand' then r.answer_seconds end")},
               ${durationSql('call', "case when r.o = 'completed' then r.call_seconds end")},
               ${durationSql('session', 'case when r.ended_at is not null then r.duration_seconds end')}
          from (select f.*, ${raw(REMOTE_OUTCOME_SQL.replace(/\br\./g, 'f.'))} as o from reporting.remote_fact f
                 where f.day between ${request.from}::date and ${request.to}::date
                offset 0) r
          left join reporting.centre_dim c on c.centre_id = r.centre_id
          left join reporting.service_dim s on s.service_code = r.service_code
         where ${where}
         group by ${grouping.groupBy}`);
      await withNames(run, rows, request.groupBy);
      const periods = periodsOf(request);
      const series = toSeries(rows, grouping, (key, label, byPeriod) => ({ key, label, points: periods.map((p) => point(p, byPeriod.get(p))) }));
      return { from: request.from, to: request.to, interval: request.interval, groupBy: request.groupBy, periods, series, notes: REMOTE_NOTES };
    });
  }
}
