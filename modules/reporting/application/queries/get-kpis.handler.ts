import { QueryHandler, QueryBus, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { GetNetworkIndicatorsQuery } from '@modules/network';
import { Role, hasRole } from '@infrastructure/auth/principal';
import type { KpiReport, RollOutIndicator } from '../../contracts';
import { periodsBetween, scopeDenied } from '../../domain';
import { raw, sql, sqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { assertValidRequest } from './report-request';
import { GetKpisQuery } from './reporting-queries';

/** The mission's e-form indicator: forms with a published version (Intake's EFormPublished). */
const REUSABLE_EFORMS = { baseline: 0, target: 5 } as const;

const progress = (registered: number, baseline: number | null, target: number | null): number | null =>
  baseline === null || target === null || target === baseline ? null : Math.round(((registered - baseline) / (target - baseline)) * 1000) / 1000;

/**
 * The roll-out indicators from the projected centre dimension (Network's events), month by month,
 * with Network's baseline and targets and its live count beside them. A municipality coordinator
 * sees their municipality (without the national targets).
 */
@QueryHandler(GetKpisQuery)
export class GetKpisHandler implements IQueryHandler<GetKpisQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
  ) {}

  async execute({ principal, from, to }: GetKpisQuery): Promise<KpiReport> {
    assertValidRequest({ from, to, interval: 'month', groupBy: [] }, []);
    const national = hasRole(principal, Role.NetworkAdmin, Role.Auditor);
    const atvk = national ? null : hasRole(principal, Role.MunicipalityCoordinator) ? (principal.municipalityAtvk ?? null) : null;
    if (!national && !atvk) throw scopeDenied();
    const run = sqlRunner(this.em.fork());
    const inScope = atvk ? sql`c.municipality_atvk = ${atvk}` : raw('true');
    const rows = await run<{ status: string; kind: string | null; n: number }>(
      sql`select c.status, c.kind, count(*)::int as n from reporting.centre_dim c where c.status is not null and ${inScope} group by 1, 2`,
    );
    const count = (pred: (r: { status: string; kind: string | null }) => boolean) => rows.filter(pred).reduce((sum, r) => sum + r.n, 0);
    const isCp = (r: { kind: string | null }) => r.kind === 'parish_contact_point';
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    const network = await this.queries.execute(new GetNetworkIndicatorsQuery());
    const months = periodsBetween(from, to, 'month');
    const series = await run<{ period: string; registered: number; active: number; contact_points: number }>(sql`
      with months as (select m::date as m, (m + interval '1 month' - interval '1 day')::date as d
                        from generate_series(${months[0]!}::date, ${months.at(-1)!}::date, interval '1 month') as m)
      select to_char(months.m, 'YYYY-MM-DD') as period,
             count(st.status) filter (where st.status <> 'closed')::int as registered,
             count(st.status) filter (where st.status = 'active')::int as active,
             count(st.status) filter (where st.status <> 'closed' and c.kind = 'parish_contact_point')::int as contact_points
        from months
        left join reporting.centre_dim c on c.registered_on <= months.d and ${inScope}
        left join lateral (
          select coalesce((select e.to_status from reporting.centre_status_event e
                            where e.centre_id = c.centre_id and e.effective_on <= months.d
                            order by e.effective_on desc, e.occurred_at desc limit 1), c.registered_status) as status) st on true
       group by months.m order by months.m`);
    const byMunicipality = await run<{ atvk: string; name: string | null; region: string | null; registered: number; active: number; contact_points: number }>(sql`
      select c.municipality_atvk as atvk, max(c.municipality_name) as name, max(c.planning_region) as region,
             count(*) filter (where c.status <> 'closed')::int as registered, count(*) filter (where c.status = 'active')::int as active,
             count(*) filter (where c.status <> 'closed' and c.kind = 'parish_contact_point')::int as contact_points
        from reporting.centre_dim c where c.municipality_atvk is not null and ${inScope} group by 1 order by 2`);
    const centres: RollOutIndicator = {
      registered: count((r) => r.status !== 'closed'),
      active: count((r) => r.status === 'active'),
      baseline: atvk ? null : network.centres.baseline,
      target: atvk ? null : network.centres.target,
      progress: null,
    };
    centres.progress = progress(centres.registered, centres.baseline, centres.target);
    const cpRegistered = count((r) => isCp(r) && r.status !== 'closed');
    const [eforms] = await run<{ n: number }>(raw('select count(*)::int as n from reporting.eform'));
    const scoped = atvk ? network.byMunicipality.filter((m) => m.atvk === atvk) : null;
    return {
      asOf: new Date().toISOString(),
      scope: { municipalityAtvk: atvk },
      centres: { ...centres, byStatus },
      newContactPoints: {
        registered: cpRegistered,
        active: count((r) => isCp(r) && r.status === 'active'),
        baseline: atvk ? null : 0,
        target: atvk ? null : network.newContactPoints.target,
        progress: atvk ? null : progress(cpRegistered, 0, network.newContactPoints.target),
      },
      reusableEforms: { configured: eforms?.n ?? 0, ...REUSABLE_EFORMS, source: 'intake.EFormPublished' },
      series: {
        periods: series.map((r) => r.period),
        registered: series.map((r) => r.registered),
        active: series.map((r) => r.active),
        contactPoints: series.map((r) => r.contact_points),
      },
      byMunicipality: byMunicipality.map((m) => ({ atvk: m.atvk, name: m.name, planningRegion: m.region, registered: m.registered, active: m.active, contactPoints: m.contact_points })),
      network: scoped
        ? { registered: scoped.reduce((s, m) => s + m.registered, 0), active: scoped.reduce((s, m) => s + m.active, 0), contactPoints: scoped.reduce((s, m) => s + m.contactPoints, 0) }
        : { registered: network.centres.registered, active: network.centres.active, contactPoints: network.newContactPoints.registered },
    };
  }
}
