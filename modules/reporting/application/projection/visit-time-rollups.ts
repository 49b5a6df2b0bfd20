import { DurationHistogram } from '../../domain';
import { joinSql, jsonRows, raw, sql, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { runTogether } from './service-month-deltas';

export const TIME_MEASURES = ['wait', 'walk', 'service', 'hold'] as const;
export type TimeMeasure = (typeof TIME_MEASURES)[number];

/** What the time rollups need of a visit (as projected, or as it was before an announcement replaced it). */
export interface TimedVisit {
  day: string;
  centreId: string;
  outcome: string | null;
  serviceCodes: string[];
  waitMs: number | null;
  walkMs: number | null;
  serviceMs: number | null;
  holdMs: number | null;
}

interface TimeCell {
  month: string;
  key: string;
  visits: number;
  served: number;
  notServed: number;
  leftBeforeService: number;
  noShow: number;
  n: Record<TimeMeasure, number>;
  sumMs: Record<TimeMeasure, number>;
  hist: Record<TimeMeasure, DurationHistogram>;
}

const emptyCell = (month: string, key: string): TimeCell => ({
  month,
  key,
  visits: 0,
  served: 0,
  notServed: 0,
  leftBeforeService: 0,
  noShow: 0,
  n: { wait: 0, walk: 0, service: 0, hold: 0 },
  sumMs: { wait: 0, walk: 0, service: 0, hold: 0 },
  hist: { wait: new DurationHistogram(), walk: new DurationHistogram(), service: new DurationHistogram(), hold: new DurationHistogram() },
});

const OUTCOME_FIELD: Record<string, 'served' | 'notServed' | 'leftBeforeService' | 'noShow'> = {
  served: 'served',
  not_served: 'notServed',
  left_before_service: 'leftBeforeService',
  no_show: 'noShow',
};

/**
 * Changes to the time rollups (`visit_time_month` per month × centre, `service_time_month` per
 * month × service, a visit once under each of its services): a visit added (+1) or taken back (−1).
 */
export class VisitTimeDeltas {
  private readonly centres = new Map<string, TimeCell>();
  private readonly services = new Map<string, TimeCell>();

  add(visit: TimedVisit, sign: 1 | -1): void {
    const month = `${visit.day.slice(0, 7)}-01`;
    this.bump(this.centres, month, visit.centreId.toLowerCase(), visit, sign);
    for (const code of new Set(visit.serviceCodes)) this.bump(this.services, month, code, visit, sign);
  }

  private bump(cells: Map<string, TimeCell>, month: string, key: string, visit: TimedVisit, sign: 1 | -1): void {
    const id = `${month}|${key}`;
    let cell = cells.get(id);
    if (!cell) {
      cell = emptyCell(month, key);
      cells.set(id, cell);
    }
    cell.visits += sign;
    const outcome = visit.outcome ? OUTCOME_FIELD[visit.outcome] : undefined;
    if (outcome) cell[outcome] += sign;
    for (const m of TIME_MEASURES) {
      const ms = visit[`${m}Ms`];
      if (ms === null || ms === undefined) continue;
      cell.n[m] += sign;
      cell.sumMs[m] += sign * ms;
      cell.hist[m].add(ms, sign);
    }
  }

  centreCells(): TimeCell[] {
    return ordered(this.centres);
  }

  serviceCells(): TimeCell[] {
    return ordered(this.services);
  }
}

const changed = (c: TimeCell): boolean =>
  c.visits !== 0 || c.served !== 0 || c.notServed !== 0 || c.leftBeforeService !== 0 || c.noShow !== 0 || TIME_MEASURES.some((m) => c.n[m] !== 0 || c.sumMs[m] !== 0 || !c.hist[m].isEmpty);

/** Changed cells in key order, so concurrent writers lock rows in the same order. */
const ordered = (cells: Map<string, TimeCell>): TimeCell[] =>
  [...cells.entries()]
    .filter(([, c]) => changed(c))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c);

const TABLES = [
  { table: 'reporting.visit_time_month', key: 'centre_id', keyType: 'uuid', cells: (d: VisitTimeDeltas) => d.centreCells() },
  { table: 'reporting.service_time_month', key: 'service_code', keyType: 'text', cells: (d: VisitTimeDeltas) => d.serviceCells() },
] as const;

type HistRow = { tbl: string; month: string; key: string } & Record<`${TimeMeasure}_hist`, Uint8Array | null>;

const cellRows = (cells: TimeCell[]) =>
  jsonRows(
    cells.map((c) => ({
      month: c.month,
      key: c.key,
      visits: c.visits,
      served: c.served,
      notServed: c.notServed,
      leftBeforeService: c.leftBeforeService,
      noShow: c.noShow,
      ...Object.fromEntries(TIME_MEASURES.flatMap((m) => [[`${m}N`, c.n[m]], [`${m}SumMs`, c.sumMs[m]]])),
    })),
  );

const COUNT_COLUMNS = `visits int, served int, "notServed" int, "leftBeforeService" int, "noShow" int, ${TIME_MEASURES.map((m) => `"${m}N" int, "${m}SumMs" bigint`).join(', ')}`;
const COUNT_NAMES = `visits, served, not_served, left_before_service, no_show, ${TIME_MEASURES.map((m) => `${m}_n, ${m}_sum_ms`).join(', ')}`;
const COUNT_VALUES = `x.visits, x.served, x."notServed", x."leftBeforeService", x."noShow", ${TIME_MEASURES.map((m) => `x."${m}N", x."${m}SumMs"`).join(', ')}`;
const COUNT_ADDED = (t: string) =>
  `visits = ${t}.visits + excluded.visits, served = ${t}.served + excluded.served, not_served = ${t}.not_served + excluded.not_served, ` +
  `left_before_service = ${t}.left_before_service + excluded.left_before_service, no_show = ${t}.no_show + excluded.no_show, ` +
  TIME_MEASURES.map((m) => `${m}_n = ${t}.${m}_n + excluded.${m}_n, ${m}_sum_ms = ${t}.${m}_sum_ms + excluded.${m}_sum_ms`).join(', ');

/**
 * Applies the changes in two round trips. First an upsert per table (in key order, so concurrent
 * writers lock rows in the same order) adds the counts and sums, creates missing rows and returns
 * the rows' histograms under the rows' locks; then the histograms, merged here with the changes,
 * are written back. Exact, whatever the order of the visits.
 */
export async function addToTimeRollups(deltas: VisitTimeDeltas, run: SqlRunner): Promise<void> {
  const parts = TABLES.map((t) => ({ ...t, cells: t.cells(deltas) })).filter((t) => t.cells.length > 0);
  if (parts.length === 0) return;
  const upserts = parts.map(
    ({ table, key, keyType, cells }, i) => sql`${raw(`u${i}`)} as (
      insert into ${raw(table)} as t (month, ${raw(key)}, ${raw(COUNT_NAMES)})
      select x.month, x.key, ${raw(COUNT_VALUES)}
        from jsonb_to_recordset(${cellRows(cells)}) as x(month date, key ${raw(keyType)}, ${raw(COUNT_COLUMNS)})
       order by 1, 2
      on conflict (month, ${raw(key)}) do update set ${raw(COUNT_ADDED('t'))}
      returning ${raw(`'${i}'`)} as tbl, t.month::text as month, t.${raw(key)}::text as key, t.wait_hist, t.walk_hist, t.service_hist, t.hold_hist)`,
  );
  const current = await run<HistRow>(sql`with ${joinSql(upserts, ', ')} ${raw(parts.map((_, i) => `select * from u${i}`).join(' union all '))}`);
  const byId = new Map(current.map((r) => [`${r.tbl}|${r.month}|${r.key}`, r]));
  const updates = parts.map(({ table, key, keyType, cells }, i) => {
    const rows = cells.map((c) => {
      const now = byId.get(`${i}|${c.month}|${c.key}`);
      const row: Record<string, unknown> = { month: c.month, key: c.key };
      for (const m of TIME_MEASURES) {
        const merged = new DurationHistogram();
        merged.merge(now?.[`${m}_hist`]);
        merged.merge(c.hist[m].encode());
        row[m] = Buffer.from(merged.encode()).toString('hex');
      }
      return row;
    });
    return sql`
      update ${raw(table)} t set ${raw(TIME_MEASURES.map((m) => `${m}_hist = decode(x.${m}, 'hex')`).join(', '))}
        from jsonb_to_recordset(${jsonRows(rows)}) as x(month date, key ${raw(keyType)}, ${raw(TIME_MEASURES.map((m) => `${m} text`).join(', '))})
       where t.month = x.month and t.${raw(key)} = x.key`;
  });
  await runTogether(run, updates);
}
