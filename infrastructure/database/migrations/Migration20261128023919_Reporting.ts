import { Migration } from '@mikro-orm/migrations';

export class Migration20261128023919_Reporting extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "reporting";`);
    this.addSql(`create table "reporting"."applied_event" ("event_id" uuid not null, "event_type" text not null, "applied_at" timestamptz not null default now(), constraint "applied_event_pkey" primary key ("event_id"));`);

    this.addSql(`create table "reporting"."centre_dim" ("centre_id" uuid not null, "code" text null, "name" text null, "kind" text null, "municipality_atvk" text null, "municipality_name" text null, "planning_region" text null, "registered_status" text null, "status" text null, "status_since" date null, "status_event_at" timestamptz null, "registered_on" date null, "generated" boolean not null default false, constraint "centre_dim_pkey" primary key ("centre_id"));`);
    this.addSql(`create index "centre_dim_municipality_atvk_index" on "reporting"."centre_dim" ("municipality_atvk");`);

    this.addSql(`create table "reporting"."centre_status_event" ("event_id" uuid not null, "centre_id" uuid not null, "kind" text not null, "municipality_atvk" text not null, "from_status" text null, "to_status" text not null, "effective_on" date not null, "occurred_at" timestamptz not null, constraint "centre_status_event_pkey" primary key ("event_id"));`);
    this.addSql(`create index "centre_status_event_centre_id_effective_on_index" on "reporting"."centre_status_event" ("centre_id", "effective_on");`);

    this.addSql(`create table "reporting"."eform" ("form_id" uuid not null, "form_code" text not null, "institution_code" text not null, "latest_version" int not null, "first_published_on" date not null, constraint "eform_pkey" primary key ("form_id"));`);

    this.addSql(`create table "reporting"."feedback" ("id" uuid not null, "centre_id" uuid not null, "visit_day" date not null, "ticket_number" text null, "token_hash" text null, "rating" smallint not null, "answers" jsonb not null, "lang" text not null, constraint "feedback_pkey" primary key ("id"));`);
    this.addSql(`create index "feedback_visit_day_centre_id_index" on "reporting"."feedback" ("visit_day", "centre_id");`);
    this.addSql(`alter table "reporting"."feedback" add constraint "feedback_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "reporting"."feedback" add constraint "feedback_centre_id_visit_day_ticket_number_unique" unique ("centre_id", "visit_day", "ticket_number");`);

    this.addSql(`create table "reporting"."service_dim" ("service_code" text not null, "service_id" uuid null, "institution_id" uuid null, "institution_code" text not null, "institution_name" text null, "name_lv" text null, "name_en" text null, constraint "service_dim_pkey" primary key ("service_code"));`);
    this.addSql(`create index "service_dim_institution_id_index" on "reporting"."service_dim" ("institution_id");`);

    this.addSql(`create table "reporting"."service_fact" ("source" text not null, "source_id" uuid not null, "line" smallint not null, "day" date not null, "centre_id" uuid null, "service_code" text not null, "channel" text not null, "source_channel" text not null, "quantity" int not null, "provided" boolean not null, constraint "service_fact_pkey" primary key ("source", "source_id", "line"));`);
    this.addSql(`create index "service_fact_day_centre_id_index" on "reporting"."service_fact" ("day", "centre_id");`);
    this.addSql(`create index "service_fact_service_code_day_index" on "reporting"."service_fact" ("service_code", "day");`);

    this.addSql(`create table "reporting"."visit_fact" ("ticket_id" uuid not null, "event_at" timestamptz not null, "centre_id" uuid not null, "queue_id" uuid not null, "ticket_number" text not null, "service_day" date not null, "issue_hour" smallint not null, "issued_at" timestamptz not null, "closed_at" timestamptz not null, "status" text not null, "outcome" text null, "outcome_stage" text null, "priority" smallint not null, "wait_ms" int null, "walk_ms" int null, "service_ms" int null, "hold_ms" int null, "requeues" smallint not null default 0, "service_codes" text[] not null, constraint "visit_fact_pkey" primary key ("ticket_id"));`);
    this.addSql(`create index "visit_fact_service_day_centre_id_index" on "reporting"."visit_fact" ("service_day", "centre_id");`);
    this.addSql(`create index "visit_fact_centre_id_service_day_ticket_number_index" on "reporting"."visit_fact" ("centre_id", "service_day", "ticket_number");`);
    this.addSql(`create index "visit_fact_service_codes_idx" on "reporting"."visit_fact" using gin ("service_codes");`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."applied_event" cascade;`);

    this.addSql(`drop table if exists "reporting"."centre_dim" cascade;`);

    this.addSql(`drop table if exists "reporting"."centre_status_event" cascade;`);

    this.addSql(`drop table if exists "reporting"."eform" cascade;`);

    this.addSql(`drop table if exists "reporting"."feedback" cascade;`);

    this.addSql(`drop table if exists "reporting"."service_dim" cascade;`);

    this.addSql(`drop table if exists "reporting"."service_fact" cascade;`);

    this.addSql(`drop table if exists "reporting"."visit_fact" cascade;`);


    this.addSql(`drop schema if exists "reporting";`);
  }

}
