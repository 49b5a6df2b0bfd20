import { Migration } from '@mikro-orm/migrations';

const MEASURES = ['wait', 'walk', 'service', 'hold'] as const;
const COLUMNS = `"visits" int not null default 0, "served" int not null default 0, "not_served" int not null default 0, "left_before_service" int not null default 0, "no_show" int not null default 0, ${MEASURES.map(
  (m) => `"${m}_n" int not null default 0, "${m}_sum_ms" bigint not null default 0, "${m}_hist" bytea not null default '\\x'`,
).join(', ')}`;

/** ln γ of modules/reporting/domain/duration-histogram.ts (γ = 1.01 / 0.99). */
const LN_GAMMA = 0.020000666706669435;

/**
 * The encoding of modules/reporting/domain/duration-histogram.ts (`encodeHistogram`), repeated here
 * because migrations do not import modules: per bucket, the bucket and the zigzag count as LEB128
 * varints.
 */
function encodeHistogram(buckets: number[], counts: number[]): string {
  const bytes: number[] = [];
  const varint = (value: number): void => {
    let v = value;
    while (v >= 0x80) {
      bytes.push((v % 0x80) + 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
  };
  buckets.forEach((bucket, i) => {
    varint(bucket);
    varint(counts[i]! * 2);
  });
  return Buffer.from(bytes).toString('hex');
}

type Backfill = Record<string, unknown> & { month: string; key: string };

/**
 * Reporting: services provided per day × centre × service × channel (reports by day and week), and
 * visits' times per month × centre and per month × service with mergeable histograms (wait-time
 * reports over large slices).
 */
export class Migration20261128081000_ReportingTimeRollups extends Migration {
  override async up(): Promise<void> {
    await this.run(`create table "reporting"."service_time_month" ("month" date not null, "service_code" text not null, ${COLUMNS}, constraint "service_time_month_pkey" primary key ("month", "service_code"))`);
    await this.run(`create table "reporting"."visit_time_month" ("month" date not null, "centre_id" uuid not null, ${COLUMNS}, constraint "visit_time_month_pkey" primary key ("month", "centre_id"))`);
    // Rewritten by every batch that touches them: room on each page lets the updates stay on the
    // page (HOT) and old versions be pruned there, so the small tables do not grow with each update.
    await this.run(`alter table "reporting"."visit_time_month" set (fillfactor = 50)`);
    await this.run(`alter table "reporting"."service_time_month" set (fillfactor = 50)`);
    await this.run(`create table "reporting"."service_day" ("day" date not null, "centre_id" uuid not null, "service_code" text not null, "channel" text not null, "services" int not null, "visits" int not null, constraint "service_day_pkey" primary key ("day", "centre_id", "service_code", "channel"))`);
    // Filled from what is already projected, as the projection would, so no rebuild is needed: a
    // visit (application, session) counts once in a cell however many lines it has there.
    await this.run(`
      insert into "reporting"."service_day" (day, centre_id, service_code, channel, services, visits)
      select u.day, u.centre_id, u.code, u.channel, sum(u.quantity)::int, count(distinct u.id)::int
        from (select v.service_day as day, v.centre_id, l.code, l.channel, l.quantity, v.ticket_id as id
                from reporting.visit_fact v cross join lateral unnest(v.line_codes, v.line_channels, v.line_quantities) as l(code, channel, quantity)
               where v.outcome = 'served'
              union all
              select a.counted_day, a.counted_centre, a.service_code, 'application_forwarded', 1, a.application_id
                from reporting.application_fact a where a.counted_day is not null and a.counted_centre is not null
              union all
              select r.counted_day, r.counted_centre, r.service_code, 'remote_video', 1, r.fact_id
                from reporting.remote_fact r where r.counted_day is not null and r.counted_centre is not null) u
       group by 1, 2, 3, 4`);
    await this.backfill('visit_time_month', 'centre_id', 'uuid', 'v.centre_id', '');
    await this.backfill('service_time_month', 'service_code', 'text', 'sc.code', ' cross join lateral unnest(v.service_codes) as sc(code)');
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."service_time_month" cascade;`);
    this.addSql(`drop table if exists "reporting"."visit_time_month" cascade;`);
    this.addSql(`drop table if exists "reporting"."service_day" cascade;`);
  }

  private async run<T = Record<string, unknown>>(text: string, bindings: unknown[] = []): Promise<T[]> {
    const query = this.getKnex().raw(text, bindings as never[]);
    if (this.ctx) void query.transacting(this.ctx as never);
    return ((await query) as { rows: T[] }).rows;
  }

  private async backfill(table: string, key: string, keyType: string, keyFrom: string, join: string): Promise<void> {
    const facts = `select date_trunc('month', v.service_day)::date as month, ${keyFrom} as key, v.outcome, v.wait_ms, v.walk_ms, v.service_ms, v.hold_ms from reporting.visit_fact v${join}`;
    const totals = await this.run<Backfill>(`
      with f as (${facts})
      select month::text as month, key::text as key, count(*)::int as visits, count(*) filter (where outcome = 'served')::int as served,
             count(*) filter (where outcome = 'not_served')::int as not_served, count(*) filter (where outcome = 'left_before_service')::int as left_before_service,
             count(*) filter (where outcome = 'no_show')::int as no_show,
             ${MEASURES.map((m) => `count(${m}_ms)::int as ${m}_n, coalesce(sum(${m}_ms), 0)::bigint as ${m}_sum_ms`).join(', ')}
        from f group by 1, 2`);
    if (totals.length === 0) return;
    const histograms = await this.run<{ month: string; key: string; measure: string; buckets: number[]; counts: number[] }>(`
      with f as (${facts}),
      b as (select f.month, f.key, m.measure, case when m.ms > 0 then ceil(ln(m.ms::float8) / ${LN_GAMMA})::int + 1 else 0 end as bucket, count(*)::int as n
              from f cross join lateral (values ('wait', f.wait_ms), ('walk', f.walk_ms), ('service', f.service_ms), ('hold', f.hold_ms)) as m(measure, ms)
             where m.ms is not null group by 1, 2, 3, 4)
      select month::text as month, key::text as key, measure, array_agg(bucket order by bucket) as buckets, array_agg(n order by bucket) as counts from b group by 1, 2, 3`);
    const byCell = new Map(totals.map((t) => [`${t.month}|${t.key}`, t]));
    for (const h of histograms) byCell.get(`${h.month}|${h.key}`)![`${h.measure}_hist`] = encodeHistogram(h.buckets, h.counts);
    for (let i = 0; i < totals.length; i += 5000) {
      await this.run(
        `insert into "reporting"."${table}" (month, ${key}, visits, served, not_served, left_before_service, no_show, ${MEASURES.map((m) => `${m}_n, ${m}_sum_ms, ${m}_hist`).join(', ')})
         select r.month, r.key, r.visits, r.served, r.not_served, r.left_before_service, r.no_show, ${MEASURES.map((m) => `r.${m}_n, r.${m}_sum_ms, decode(coalesce(r.${m}_hist, ''), 'hex')`).join(', ')}
           from jsonb_to_recordset(?::jsonb) as r(month date, key ${keyType}, visits int, served int, not_served int, left_before_service int, no_show int,
                ${MEASURES.map((m) => `${m}_n int, ${m}_sum_ms bigint, ${m}_hist text`).join(', ')})`,
        [JSON.stringify(totals.slice(i, i + 5000))],
      );
    }
  }
}
