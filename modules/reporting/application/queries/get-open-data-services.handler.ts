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

/** Columns that place a cell at each level; a cell's parent is the same cell one level up. */
const PLACE: Record<Level, string[]> = {
  centre: ['c.planning_region', 'c.municipality_atvk', 'c.municipality_name', 'c.code', 'c.name'],
  municipality: ['c.planning_region', 'c.municipality_atvk', 'c.municipality_name', 'null', 'null'],
  region: ['c.planning_region', 'null', 'null', 'null', 'null'],
  national: ['null', 'null', 'null', 'null', 'null'],
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
      const parent = PARENT[q.level];
      const publishedParents = new Set<string>();
      if (parent) for (const r of await this.cells(run, parent, from, to)) if (r.visits >= k) publishedParents.add(cellKey(parent, r));
      const suppressed = suppressSmallCells(
        cells.map((r) => ({ ...r, key: cellKey(q.level, r), parentKey: parentKey(q.level, r) })),
        k,
        publishedParents,
      );
      const rows: OpenDataServiceRow[] = suppressed.map((r) => ({
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
        services: r.suppressed ? null : r.services,
        visits: r.suppressed ? null : r.visits,
        suppressed: r.suppressed,
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
    const [region, atvk, municipality, code, name] = PLACE[level];
    return run<CellRow>(sql`
      select to_char(r.month, 'YYYY-MM') as month, ${raw(region!)} as region, ${raw(atvk!)} as atvk, ${raw(municipality!)} as municipality,
             ${raw(code!)} as centre_code, ${raw(name!)} as centre_name,
             coalesce(s.institution_code, split_part(r.service_code, '-', 1)) as institution_code, r.service_code, s.name_lv as service_name, r.channel,
             sum(r.services)::int as services, sum(r.visits)::int as visits
        from reporting.service_month r
        join reporting.centre_dim c on c.centre_id = r.centre_id
        left join reporting.service_dim s on s.service_code = r.service_code
       where r.month between ${from}::date and ${to}::date
       group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      having sum(r.visits) > 0
       order by 1, 2 nulls first, 4 nulls first, 6 nulls first, 8, 10`);
  }
}
