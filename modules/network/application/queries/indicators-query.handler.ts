import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { GetNetworkIndicatorsQuery, type NetworkIndicators } from '../../contracts';

// The roll-out targets of Cabinet order No. 565 (2025): 216 centres now, 315 registered by 2026, 99 new contact points.
export const ROLL_OUT = { baseline: 216, target: 315, newContactPointsTarget: 99 } as const;

@QueryHandler(GetNetworkIndicatorsQuery)
export class GetNetworkIndicatorsHandler implements IQueryHandler<GetNetworkIndicatorsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(): Promise<NetworkIndicators> {
    const conn = this.em.fork().getConnection();
    const byStatus = await conn.execute<Array<{ status: string; n: string }>>('select status, count(*) as n from network.centre group by status');
    const statusCounts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    const registered = byStatus.filter((r) => r.status !== 'closed').reduce((sum, r) => sum + Number(r.n), 0);
    const [cp] = await conn.execute<Array<{ registered: string; active: string }>>(
      `select count(*) filter (where status <> 'closed') as registered, count(*) filter (where status = 'active') as active
         from network.centre where kind = 'parish_contact_point'`,
    );
    const [video] = await conn.execute<Array<{ n: string }>>(
      `select count(distinct c.id) as n from network.centre c join network.video_booth b on b.centre_id = c.id and b.active where c.status = 'active'`,
    );
    const rows = await conn.execute<Array<Record<string, string>>>(
      `select m.atvk, m.name_lv, m.planning_region,
              count(c.id) filter (where c.status <> 'closed') as registered,
              count(c.id) filter (where c.status = 'active') as active,
              count(c.id) filter (where c.status in ('planned', 'premises_ready', 'equipped')) as planned,
              count(c.id) filter (where c.kind = 'parish_contact_point' and c.status <> 'closed') as contact_points
         from network.municipality m left join network.centre c on c.municipality_atvk = m.atvk
        group by m.atvk, m.name_lv, m.planning_region order by m.name_lv`,
    );
    const byMunicipality = rows.map((r) => ({
      atvk: r.atvk!,
      nameLv: r.name_lv!,
      planningRegion: r.planning_region!,
      registered: Number(r.registered),
      active: Number(r.active),
      planned: Number(r.planned),
      contactPoints: Number(r.contact_points),
    }));
    return {
      asOf: new Date().toISOString(),
      centres: { registered, active: statusCounts.active ?? 0, baseline: ROLL_OUT.baseline, target: ROLL_OUT.target, byStatus: statusCounts },
      newContactPoints: { registered: Number(cp?.registered ?? 0), active: Number(cp?.active ?? 0), target: ROLL_OUT.newContactPointsTarget },
      municipalitiesWithCentres: byMunicipality.filter((m) => m.active > 0).length,
      videoEquippedCentres: Number(video?.n ?? 0),
      byMunicipality,
    };
  }
}
