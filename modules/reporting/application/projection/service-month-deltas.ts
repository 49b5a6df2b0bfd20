import { joinSql, jsonRows, raw, sql, type SqlFragment, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';

interface MonthCell {
  month: string;
  centreId: string;
  serviceCode?: string;
  channel: string;
  services: number;
  visits: number;
}

/**
 * Changes to the rollups of services provided (service_month, centre_month without the service,
 * and service_day per day, whose cells carry the day in `month`): added (+1) or taken back (-1).
 */
export class ServiceMonthDeltas {
  private readonly services = new Map<string, MonthCell>();
  private readonly centres = new Map<string, MonthCell>();
  private readonly days = new Map<string, MonthCell>();

  add(day: string, centreId: string, codes: string[], channels: string[], quantities: number[], sign: 1 | -1): void {
    const month = `${day.slice(0, 7)}-01`;
    const touched = new Set<string>();
    // A visit counts once in a cell, however many lines it has there.
    const bump = (cells: Map<string, MonthCell>, key: string, cell: Omit<MonthCell, 'services' | 'visits'>, quantity: number) => {
      const current = cells.get(key) ?? { ...cell, services: 0, visits: 0 };
      current.services += sign * quantity;
      if (!touched.has(key)) current.visits += sign;
      touched.add(key);
      cells.set(key, current);
    };
    codes.forEach((serviceCode, i) => {
      const channel = channels[i]!;
      const quantity = quantities[i] ?? 1;
      bump(this.services, ['s', month, centreId, serviceCode, channel].join('|'), { month, centreId, serviceCode, channel }, quantity);
      bump(this.centres, ['c', month, centreId, channel].join('|'), { month, centreId, channel }, quantity);
      bump(this.days, ['d', day, centreId, serviceCode, channel].join('|'), { month: day, centreId, serviceCode, channel }, quantity);
    });
  }

  /** Non-zero changes in key order, so concurrent writers lock cells in the same order. */
  rows(): MonthCell[] {
    return ordered(this.services);
  }

  centreRows(): MonthCell[] {
    return ordered(this.centres);
  }

  /** Per day (in `month`), centre, service and channel. */
  dayRows(): MonthCell[] {
    return ordered(this.days);
  }
}

const ordered = (cells: Map<string, MonthCell>): MonthCell[] =>
  [...cells.entries()]
    .filter(([, c]) => c.services !== 0 || c.visits !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c);

/** The statements that apply the deltas to service_month, centre_month and service_day (none when nothing changed). */
export function monthlyRollupStatements(deltas: ServiceMonthDeltas): SqlFragment[] {
  const statements: SqlFragment[] = [];
  const services = deltas.rows();
  if (services.length > 0) {
    statements.push(sql`
      insert into reporting.service_month (month, centre_id, service_code, channel, services, visits)
      select r.month, r."centreId", r."serviceCode", r.channel, r.services, r.visits
        from jsonb_to_recordset(${jsonRows(services)}) as r(month date, "centreId" uuid, "serviceCode" text, channel text, services int, visits int)
       order by 1, 2, 3, 4
      on conflict (month, centre_id, service_code, channel) do update
        set services = service_month.services + excluded.services, visits = service_month.visits + excluded.visits`);
  }
  const centres = deltas.centreRows();
  if (centres.length > 0) {
    statements.push(sql`
      insert into reporting.centre_month (month, centre_id, channel, services, visits)
      select r.month, r."centreId", r.channel, r.services, r.visits
        from jsonb_to_recordset(${jsonRows(centres)}) as r(month date, "centreId" uuid, channel text, services int, visits int)
       order by 1, 2, 3
      on conflict (month, centre_id, channel) do update
        set services = centre_month.services + excluded.services, visits = centre_month.visits + excluded.visits`);
  }
  const days = deltas.dayRows();
  if (days.length > 0) {
    statements.push(sql`
      insert into reporting.service_day (day, centre_id, service_code, channel, services, visits)
      select r.month, r."centreId", r."serviceCode", r.channel, r.services, r.visits
        from jsonb_to_recordset(${jsonRows(days)}) as r(month date, "centreId" uuid, "serviceCode" text, channel text, services int, visits int)
       order by 1, 2, 3, 4
      on conflict (day, centre_id, service_code, channel) do update
        set services = service_day.services + excluded.services, visits = service_day.visits + excluded.visits`);
  }
  return statements;
}

export async function addToMonthlyRollups(deltas: ServiceMonthDeltas, run: SqlRunner): Promise<void> {
  await runTogether(run, monthlyRollupStatements(deltas));
}

/**
 * Runs data-modifying statements (insert, update) as one statement, the first ones as CTEs: one
 * round trip instead of one each. They must write different tables (all see the same snapshot).
 */
export async function runTogether(run: SqlRunner, statements: readonly SqlFragment[]): Promise<void> {
  if (statements.length === 0) return;
  const ctes = statements.slice(0, -1).map((statement, i) => sql`${raw(`w${i}`)} as (${statement})`);
  await run(ctes.length === 0 ? statements[0]! : sql`with ${joinSql(ctes, ', ')} ${statements[statements.length - 1]!}`);
}
