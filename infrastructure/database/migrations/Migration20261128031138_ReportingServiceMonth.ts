import { Migration } from '@mikro-orm/migrations';

/**
 * Reporting: service lines on the visit row and a monthly rollup of services (service_month) kept by
 * the projection, instead of a line table; the projection's own inbox goes (it is idempotent by
 * construction). See docs/benchmarks/reporting.md.
 */
export class Migration20261128031138_ReportingServiceMonth extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reporting"."service_month" ("month" date not null, "centre_id" uuid not null, "service_code" text not null, "channel" text not null, "services" int not null, "visits" int not null, constraint "service_month_pkey" primary key ("month", "centre_id", "service_code", "channel"));`);
    this.addSql(`alter table "reporting"."visit_fact" add column "line_codes" text[] not null default '{}', add column "line_channels" text[] not null default '{}', add column "line_quantities" int[] not null default '{}', add column "prev_lines" jsonb null;`);

    // Carry the service lines over from service_fact (read models need no rebuild after this migration).
    this.addSql(`update "reporting"."visit_fact" v set line_codes = l.codes, line_channels = l.channels, line_quantities = l.quantities
      from (select source_id, array_agg(service_code order by line) as codes, array_agg(channel order by line) as channels, array_agg(quantity order by line) as quantities
              from "reporting"."service_fact" where source = 'queue' group by source_id) l
     where l.source_id = v.ticket_id;`);
    this.addSql(`insert into "reporting"."service_month" (month, centre_id, service_code, channel, services, visits)
      select date_trunc('month', day)::date, centre_id, service_code, channel, sum(quantity), count(distinct source_id)
        from "reporting"."service_fact" where provided and centre_id is not null group by 1, 2, 3, 4;`);

    this.addSql(`drop table if exists "reporting"."applied_event" cascade;`);
    this.addSql(`drop table if exists "reporting"."service_fact" cascade;`);
  }

  override async down(): Promise<void> {
    // The old tables come back empty: run `npm run reporting:rebuild` after going down.
    this.addSql(`create table "reporting"."applied_event" ("event_id" uuid not null, "event_type" text not null, "applied_at" timestamptz(6) not null default now(), constraint "applied_event_pkey" primary key ("event_id"));`);

    this.addSql(`create table "reporting"."service_fact" ("source" text not null, "source_id" uuid not null, "line" int2 not null, "day" date not null, "centre_id" uuid null, "service_code" text not null, "channel" text not null, "source_channel" text not null, "quantity" int4 not null, "provided" bool not null, constraint "service_fact_pkey" primary key ("source", "source_id", "line"));`);
    this.addSql(`create index "service_fact_day_centre_id_index" on "reporting"."service_fact" ("day", "centre_id");`);

    this.addSql(`drop table if exists "reporting"."service_month" cascade;`);


    this.addSql(`alter table "reporting"."visit_fact" drop column "line_codes", drop column "line_channels", drop column "line_quantities", drop column "prev_lines";`);
  }

}
