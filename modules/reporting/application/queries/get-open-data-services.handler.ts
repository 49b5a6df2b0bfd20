import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { OpenDataServiceRow, OpenDataServices } from '../../contracts';
import { invalidReportRequest, suppressSmallCells } from '../../domain';
import { ReportingSettings } from '../../infrastructure/reporting-settings';
import { raw, sql, withReportSession, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { GetOpenDataServicesQuery } from './reporting-queries';

export const OPEN_DATA_SCHEMA_URL = '/api/v1/reporting/open-data/services/schema';
type Level = OpenDataServices['level'];
const MAX_MONTHS = 24;

/**
 * How cells are grouped at each level (by ids, cheap to hash and read back; names are added from
 * the small dimension tables afterwards) and their place in the order (region, municipality name,
 * centre name: ranked once over the few places rather than compared as text for every cell; ties
 * share a rank, so service and channel still order them).
 */
const GROUPING: Record<Level, { key: string; join: string; order: string }> = {
  centre: {
    key: 'r.centre_id',
    join: `join (select d.centre_id, dense_rank() over (order by d.planning_region nulls first, d.municipality_name nulls first, d.name nulls first) as place_rank
                   from reporting.centre_dim d) n on n.centre_id = g.place`,
    order: 'n.place_rank',
  },
  municipality: {
    key: 'c.municipality_atvk',
    join: `left join (select m.municipality_atvk, dense_rank() over (order by m.planning_region nulls first, m.municipality_name nulls first) as place_rank
                        from (select municipality_atvk, min(municipality_name) as municipality_name, min(planning_region) as planning_region
                                from reporting.centre_dim group by 1) m) n on n.municipality_atvk = g.place`,
    order: 'n.place_rank',
  },
  region: { key: 'c.planning_region', join: '', order: 'g.place nulls first' },
  national: { key: "''", join: '', order: "''" },
};
const PARENT: Record<Level, Level | null> = { centre: 'municipality', municipality: 'region', region: 'national', national: null };

interface CellRow {
  month: string;
  region: string | null;
  atvk: string | null;
  municipality: string | null;
  centre_code: string | null;
  centre_name: string | null;
  institution_code: string;
  service_code: string;
  service_name: string | null;
  channel: string;
  services: number;
  visits: number;
}

const placeKey = (level: Level, r: CellRow): string => {
  switch (level) {
    case 'centre':
      return `c:${r.centre_code}`;
    case 'municipality':
      return `m:${r.atvk}`;
    case 'region':
      return `r:${r.region}`;
    case 'national':
      return 'lv';
  }
};
const cellKey = (level: Level, r: CellRow): string => [r.month, placeKey(level, r), r.service_code, r.channel].join('|');
const parentKey = (level: Level, r: CellRow): string | null => {
  const parent = PARENT[level];
  return parent ? cellKey(parent, r) : null;
};

function monthRange(fromMonth: string, toMonth: string): { from: string; to: string } {
  const start = DateTime.fromFormat(fromMonth, 'yyyy-MM', { zone: 'utc' });
  const end = DateTime.fromFormat(toMonth, 'yyyy-MM', { zone: 'utc' });
  if (!start.isValid) throw invalidReportRequest('from', 'Nederīgs mēnesis (GGGG-MM)', 'Invalid month (YYYY-MM)');
  if (!end.isValid) throw invalidReportRequest('to', 'Nederīgs mēnesis (GGGG-MM)', 'Invalid month (YYYY-MM)');
  const months = end.diff(start, 'months').months + 1;
  if (months < 1) throw invalidReportRequest('to', 'Beigu mēnesis ir pirms sākuma', 'Ends before it starts');
  if (months > MAX_MONTHS) throw invalidReportRequest('to', `Ne vairāk kā ${MAX_MONTHS} mēneši`, `At most ${MAX_MONTHS} months`);
  return { from: start.toISODate()!, to: end.endOf('month').toISODate()! };
}

/**
 * Services provided per month, place, service and channel, for anyone. Whole months only and no
 * sums over published cells, so suppressed cells cannot be found by subtracting two answers;
 * cells with fewer than k visits are suppressed, and complementary cells with them (see domain).
 */
@QueryHandler(GetOpenDataServicesQuery)
export class GetOpenDataServicesHandler implements IQueryHandler<GetOpenDataServicesQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly settings: ReportingSettings,
  ) {}

  async execute(q: GetOpenDataServicesQuery): Promise<OpenDataServices> {
    const { from, to } = monthRange(q.fromMonth, q.toMonth);
    return withReportSession(this.em, async (run) => {
      const k = this.settings.smallCellThreshold;
      const cells = await this.cells(run, q.level, from, to);
      // The parent level's cells are the sums of these (every cell of the level is here), so they
      // need no second pass over the rollup.
      const parent = PARENT[q.level];
      const publishedParents = new Set<string>();
      if (parent) {
        const parentVisits = new Map<string, number>();
        for (const r of cells) {
          const key = cellKey(parent, r);
          parentVisits.set(key, (parentVisits.get(key) ?? 0) + r.visits);
        }
        for (const [key, visits] of parentVisits) if (visits >= k) publishedParents.add(key);
      }
      const suppressed = suppressSmallCells(
        cells.map((cell) => ({ cell, key: cellKey(q.level, cell), parentKey: parentKey(q.level, cell), visits: cell.visits })),
        k,
        publishedParents,
      );
      const rows: OpenDataServiceRow[] = suppressed.map(({ cell: r, suppressed }) => ({
        month: r.month,
        level: q.level,
        planningRegion: r.region,
        municipalityAtvk: r.atvk,
        municipalityName: r.municipality,
        centreCode: r.centre_code,
        centreName: r.centre_name,
        institutionCode: r.institution_code,
        serviceCode: r.service_code,
        serviceNameLv: r.service_name,
        channel: r.channel,
        services: suppressed ? null : r.services,
        visits: suppressed ? null : r.visits,
        suppressed,
      }));
      return {
        schema: OPEN_DATA_SCHEMA_URL,
        version: 1,
        license: 'CC BY 4.0',
        from: from.slice(0, 7),
        to: to.slice(0, 7),
        level: q.level,
        smallCellThreshold: k,
        generatedAt: new Date().toISOString(),
        rows,
      };
    });
  }

  private async cells(run: SqlRunner, level: Level, from: string, to: string): Promise<CellRow[]> {
    const { key, join, order } = GROUPING[level];
    // One after another: the queries share the transaction's connection.
    const cells = await run<{ month: string; place: string | null; service_code: string; channel: string; services: number; visits: number }>(sql`
        select to_char(g.month, 'YYYY-MM') as month, g.place, g.service_code, g.channel, g.services, g.visits
          from (select r.month, ${raw(key)} as place, r.service_code, r.channel, sum(r.services)::int as services, sum(r.visits)::int as visits
                  from reporting.service_month r
                  join reporting.centre_dim c on c.centre_id = r.centre_id
                 where r.month between ${from}::date and ${to}::date
                 group by 1, 2, 3, 4
                having sum(r.visits) > 0) g
          ${raw(join)}
         order by g.month, ${raw(order)}, g.service_code, g.channel`);
    const centres = await run<{ centre_id: string; code: string | null; name: string | null; municipality_atvk: string | null; municipality_name: string | null; planning_region: string | null }>(
      raw('select centre_id, code, name, municipality_atvk, municipality_name, planning_region from reporting.centre_dim'),
    );
    const services = await run<{ service_code: string; name_lv: string | null; institution_code: string | null }>(raw('select service_code, name_lv, institution_code from reporting.service_dim'));
    const centre = new Map(centres.map((c) => [c.centre_id, c]));
    // A municipality's name and region: the smallest of its centres' (as min() in SQL would give).
    const municipality = new Map<string, { name: string | null; region: string | null }>();
    for (const c of centres) {
      if (!c.municipality_atvk) continue;
      const m = municipality.get(c.municipality_atvk) ?? { name: null, region: null };
      if (c.municipality_name !== null && (m.name === null || c.municipality_name < m.name)) m.name = c.municipality_name;
      if (c.planning_region !== null && (m.region === null || c.planning_region < m.region)) m.region = c.planning_region;
      municipality.set(c.municipality_atvk, m);
    }
    const service = new Map(services.map((s) => [s.service_code, s]));
    return cells.map((g) => {
      const c = level === 'centre' ? centre.get(g.place!) : undefined;
      const m = level === 'municipality' && g.place ? municipality.get(g.place) : undefined;
      const s = service.get(g.service_code);
      return {
        month: g.month,
        region: level === 'centre' ? (c?.planning_region ?? null) : level === 'municipality' ? (m?.region ?? null) : level === 'region' ? g.place : null,
        atvk: level === 'centre' ? (c?.municipality_atvk ?? null) : level === 'municipality' ? g.place : null,
        municipality: level === 'centre' ? (c?.municipality_name ?? null) : level === 'municipality' ? (m?.name ?? null) : null,
        centre_code: c?.code ?? null,
        centre_name: c?.name ?? null,
        institution_code: s?.institution_code ?? g.service_code.split('-')[0]!,
        service_code: g.service_code,
        service_name: s?.name_lv ?? null,
        channel: g.channel,
        services: g.services,
        visits: g.visits,
      };
    });
  }
}
