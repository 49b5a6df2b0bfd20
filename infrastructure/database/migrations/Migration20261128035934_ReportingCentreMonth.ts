import { Migration } from '@mikro-orm/migrations';

/** Reporting: services per month, centre and channel (the rollup national and regional charts read). */
export class Migration20261128035934_ReportingCentreMonth extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reporting"."centre_month" ("month" date not null, "centre_id" uuid not null, "channel" text not null, "services" int not null, "visits" int not null, constraint "centre_month_pkey" primary key ("month", "centre_id", "channel"));`);
    // Filled from the visits already projected, so no rebuild is needed.
    this.addSql(`insert into "reporting"."centre_month" (month, centre_id, channel, services, visits)
      select date_trunc('month', v.service_day)::date, v.centre_id, l.channel, sum(l.quantity), count(distinct v.ticket_id)
        from "reporting"."visit_fact" v cross join lateral unnest(v.line_channels, v.line_quantities) as l(channel, quantity)
       where v.outcome = 'served' group by 1, 2, 3;`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."centre_month" cascade;`);

  }

}
