import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationPoint, ApplicationReport } from '../../contracts';
import { APPLICATION_REPORT_STATES, type ResponseTargets } from '../../domain';
import { ReportingSettings } from '../../infrastructure/reporting-settings';
import { joinSql, raw, sql, withReportSession, type SqlFragment } from '../../infrastructure/persistence/sql-fragment';
import { durationOf, durationSql, share } from './duration-stats';
import { groupingOf, periodsOf, toSeries, withNames } from './report-dimensions';
import { filterConditions } from './report-filters';
import { assertValidRequest, type ReportDimension } from './report-request';
import { assertRequestInScope, reportScopeOf, scopeCondition } from './report-scope';
import { GetApplicationStatsQuery } from './reporting-queries';

export const APPLICATION_DIMENSIONS: readonly ReportDimension[] = ['centre', 'municipality', 'region', 'service', 'institution', 'weekday'];

export const APPLICATION_NOTES = [
  'Applications are counted on the Riga day they were submitted; every other figure describes that cohort as it is now.',
  'deliveryLatency: from submission to delivery to the institution, in seconds of real time.',
  'responseWorkingTime: from delivery to the institution’s first status report; decisionWorkingTime: to its decision. Working seconds on the Latvian calendar (holidays, transferred working days, shortened pre-holiday days), institution hours 08:30–17:00 with a lunch break 12:00–12:30.',
  'withinTargetShare: answers given within the institution’s target (targets, in working hours) among all answers; applications not answered yet are in awaitingAnswer.',
  'Applications submitted online without a centre have no centre, municipality or region.',
];

type Row = Record<string, unknown>;

const HOUR_MS = 3_600_000;

/** The target of the application's institution in milliseconds, as SQL (codes and hours are bind parameters). */
function targetMs(targets: ResponseTargets): SqlFragment {
  const entries = Object.entries(targets.byInstitution);
  const fallback = sql`${Math.round(targets.defaultHours * HOUR_MS)}::bigint`;
  if (entries.length === 0) return fallback;
  const whens = entries.map(([code, hours]) => sql`when ${code} then ${Math.round(hours * HOUR_MS)}::bigint`);
  return sql`(case upper(a.institution_code) ${joinSql(whens, ' ')} else ${fallback} end)`;
}

function point(period: string, row: Row | undefined): ApplicationPoint {
  const answered = Number(row?.answered ?? 0);
  const within = Number(row?.within ?? 0);
  return {
    period,
    submitted: Number(row?.submitted ?? 0),
    byState: Object.fromEntries(APPLICATION_REPORT_STATES.map((s) => [s, Number(row?.[`state_${s}`] ?? 0)])),
    delivered: Number(row?.delivered ?? 0),
    deliveryLatency: durationOf(row, 'latency', 1000),
    answered,
    awaitingAnswer: Number(row?.awaiting ?? 0),
    responseWorkingTime: durationOf(row, 'response', 1000),
    decisionWorkingTime: durationOf(row, 'decision', 1000),
    answeredWithinTarget: within,
    withinTargetShare: share(within, answered),
  };
}

/** Applications by state, delivery latency and institutions' answer times in working hours, from Intake's events. */
@QueryHandler(GetApplicationStatsQuery)
export class GetApplicationStatsHandler implements IQueryHandler<GetApplicationStatsQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(ReportingSettings) private readonly settings: ReportingSettings,
  ) {}

  async execute({ principal, request }: GetApplicationStatsQuery): Promise<ApplicationReport> {
    assertValidRequest(request, APPLICATION_DIMENSIONS);
    const scope = reportScopeOf(principal);
    const targets = this.settings.responseTargets;
    return withReportSession(this.em, async (run) => {
      await assertRequestInScope(scope, request, run);
      // The application's own institution (Intake's), as the institution filter and the scope use:
      // no join with the services for it.
      const grouping = groupingOf(request, { day: 'a.submitted_day', centre: 'a.centre_id', service: 'a.service_code', institution: 'a.institution_code' });
      const where = joinSql(
        [
          sql`a.submitted_day between ${request.from}::date and ${request.to}::date`,
          scopeCondition(scope, { centreId: 'a.centre_id', municipalityAtvk: 'c.municipality_atvk', institution: (id) => sql`a.institution_id = ${id}::uuid` }),
          ...filterConditions(request, {
            centre: 'a.centre_id',
            service: (code) => sql`a.service_code = ${code}`,
            institution: (code) => sql`a.institution_code = ${code}`,
          }),
        ],
        ' and ',
      );
      const states = raw(APPLICATION_REPORT_STATES.map((s) => `count(*) filter (where a.status = '${s}')::int as "state_${s}"`).join(', '));
      const rows = await run<Row>(sql`
        select ${grouping.select},
               count(*)::int as submitted, ${states},
               count(a.delivered_at)::int as delivered,
               ${durationSql('latency', 'a.delivery_latency_ms')},
               count(a.first_response_working_ms)::int as answered,
               count(*) filter (where a.delivered_at is not null and a.first_response_at is null and a.status <> 'withdrawn')::int as awaiting,
               ${durationSql('response', 'a.first_response_working_ms')},
               ${durationSql('decision', 'a.decision_working_ms')},
               count(*) filter (where a.first_response_working_ms <= ${targetMs(targets)})::int as within
          from reporting.application_fact a
          left join reporting.centre_dim c on c.centre_id = a.centre_id
          left join reporting.service_dim s on s.service_code = a.service_code
         where ${where}
         group by ${grouping.groupBy}`);
      await withNames(run, rows, request.groupBy);
      const periods = periodsOf(request);
      const series = toSeries(rows, grouping, (key, label, byPeriod) => ({ key, label, points: periods.map((p) => point(p, byPeriod.get(p))) }));
      return {
        from: request.from,
        to: request.to,
        interval: request.interval,
        groupBy: request.groupBy,
        periods,
        series,
        targets: { defaultWorkingHours: targets.defaultHours, byInstitution: targets.byInstitution },
        notes: APPLICATION_NOTES,
      };
    });
  }
}
