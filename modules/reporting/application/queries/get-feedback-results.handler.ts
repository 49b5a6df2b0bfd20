import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FeedbackPoint, FeedbackReport } from '../../contracts';
import { FEEDBACK_QUESTIONS } from '../../domain';
import { withReportSession, joinSql, raw, sql } from '../../infrastructure/persistence/sql-fragment';
import { groupingOf, periodsOf, toSeries, withNames } from './report-dimensions';
import { filterConditions, serviceCodesOfInstitution } from './report-filters';
import { assertValidRequest, type ReportDimension } from './report-request';
import { assertRequestInScope, institutionServiceCodes, reportScopeOf, scopeCondition } from './report-scope';
import { GetFeedbackResultsQuery } from './reporting-queries';

export const FEEDBACK_DIMENSIONS: readonly ReportDimension[] = ['centre', 'municipality', 'region', 'service', 'institution'];

/** Answer counts per question option: yes/no questions as 'yes'/'no'. */
const ANSWER_COLUMNS = FEEDBACK_QUESTIONS.flatMap((q) =>
  (q.kind === 'yes_no' ? [{ value: 'true', as: 'yes' }, { value: 'false', as: 'no' }] : q.options!.map((o) => ({ value: o.value, as: o.value }))).map((option) => ({
    question: q.id,
    option: option.as,
    alias: `${q.id}.${option.as}`,
    // Question ids and option values come from the fixed questionnaire, never from a request.
    expr: `count(*) filter (where fb.answers->>'${q.id}' = '${option.value}')::int`,
  })),
);

type Row = Record<string, unknown>;

function point(period: string, row: Row | undefined): FeedbackPoint {
  const answers: Record<string, Record<string, number>> = {};
  for (const column of ANSWER_COLUMNS) (answers[column.question] ??= {})[column.option] = Number(row?.[column.alias] ?? 0);
  const avg = row?.averageRating;
  return {
    period,
    responses: Number(row?.responses ?? 0),
    averageRating: avg === null || avg === undefined ? null : Math.round(Number(avg) * 100) / 100,
    ratings: [1, 2, 3, 4, 5].map((r) => Number(row?.[`r${r}`] ?? 0)) as FeedbackPoint['ratings'],
    answers,
  };
}

/**
 * Citizens' ratings by centre and by service. A rating reaches a service through the visit it names
 * (centre, day, ticket number); ratings without a ticket count for the centre only.
 */
@QueryHandler(GetFeedbackResultsQuery)
export class GetFeedbackResultsHandler implements IQueryHandler<GetFeedbackResultsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ principal, request }: GetFeedbackResultsQuery): Promise<FeedbackReport> {
    assertValidRequest(request, FEEDBACK_DIMENSIONS);
    const scope = reportScopeOf(principal);
    return withReportSession(this.em, async (run) => {
      await assertRequestInScope(scope, request, run);
      const byService = request.groupBy.includes('service') || request.groupBy.includes('institution');
      const grouping = groupingOf(request, { day: 'fb.visit_day', centre: 'fb.centre_id', service: 'sc.code' });
      const from = raw(
        `from reporting.feedback fb
         left join reporting.centre_dim c on c.centre_id = fb.centre_id
         left join reporting.visit_fact v on v.centre_id = fb.centre_id and v.service_day = fb.visit_day and v.ticket_number = fb.ticket_number` +
          (byService ? ' left join lateral unnest(v.service_codes) as sc(code) on true left join reporting.service_dim s on s.service_code = sc.code' : ''),
      );
      const where = joinSql(
        [
          sql`fb.visit_day between ${request.from}::date and ${request.to}::date`,
          scopeCondition(scope, { centreId: 'fb.centre_id', municipalityAtvk: 'c.municipality_atvk', institution: (id) => sql`coalesce(v.service_codes && ${institutionServiceCodes(id)}, false)` }),
          ...filterConditions(request, {
            centre: 'fb.centre_id',
            service: (code) => (byService ? sql`sc.code = ${code}` : sql`${code} = any(v.service_codes)`),
            institution: (code) => (byService ? sql`s.institution_code = ${code}` : sql`coalesce(v.service_codes && ${serviceCodesOfInstitution(code)}, false)`),
          }),
        ],
        ' and ',
      );
      const rows = await run<Row>(sql`
        select ${grouping.select}, count(*)::int as responses, avg(fb.rating)::float8 as "averageRating",
               ${raw([1, 2, 3, 4, 5].map((r) => `count(*) filter (where fb.rating = ${r})::int as "r${r}"`).join(', '))},
               ${raw(ANSWER_COLUMNS.map((c) => `${c.expr} as "${c.alias}"`).join(', '))}
          ${from} where ${where} group by ${grouping.groupBy}`);
      await withNames(run, rows, request.groupBy);
      const periods = periodsOf(request);
      const series = toSeries(rows, grouping, (key, label, byPeriod) => ({ key, label, points: periods.map((p) => point(p, byPeriod.get(p))) }));
      return { from: request.from, to: request.to, interval: request.interval, groupBy: request.groupBy, periods, series };
    });
  }
}
