import { Migration } from '@mikro-orm/migrations';

export class Migration20261128014710_Network extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "network";`);
    this.addSql(`create table "network"."centre" ("id" uuid not null, "code" text not null, "name_lv" text not null, "short_name" text not null, "kind" text not null, "municipality_atvk" text not null, "place_name" text not null, "place_type" text not null, "address" text not null, "postcode" text not null, "lat" double precision null, "lon" double precision null, "phone" text not null, "email" text not null, "languages" text[] not null, "status" text not null default 'planned', "status_since" date not null, "generated" boolean not null default false, "opening_hours" jsonb not null, "service_codes" text[] not null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "centre_pkey" primary key ("id"));`);
    this.addSql(`alter table "network"."centre" add constraint "centre_code_unique" unique ("code");`);
    this.addSql(`create index "centre_municipality_atvk_index" on "network"."centre" ("municipality_atvk");`);
    this.addSql(`create index "centre_status_index" on "network"."centre" ("status");`);

    this.addSql(`create table "network"."centre_status_change" ("id" uuid not null, "centre_id" uuid not null, "from_status" text null, "to_status" text not null, "effective_on" date not null, "changed_at" timestamptz not null, "changed_by" text not null, "reason" text null, constraint "centre_status_change_pkey" primary key ("id"));`);
    this.addSql(`create index "centre_status_change_centre_id_changed_at_index" on "network"."centre_status_change" ("centre_id", "changed_at");`);

    this.addSql(`create table "network"."cooperation_agreement" ("id" uuid not null, "municipality_atvk" text not null, "number" text not null, "signed_on" date not null, "valid_from" date not null, "valid_to" date null, "co_financing_share" double precision not null, "created_at" timestamptz not null, constraint "cooperation_agreement_pkey" primary key ("id"));`);
    this.addSql(`alter table "network"."cooperation_agreement" add constraint "cooperation_agreement_number_unique" unique ("number");`);
    this.addSql(`create index "cooperation_agreement_municipality_atvk_index" on "network"."cooperation_agreement" ("municipality_atvk");`);

    this.addSql(`create table "network"."institution" ("id" uuid not null, "code" text not null, "name_lv" text not null, "name_en" text not null, "reg_no" text null, "video_consultations" boolean not null default false, "active" boolean not null default true, "created_at" timestamptz not null, constraint "institution_pkey" primary key ("id"));`);
    this.addSql(`alter table "network"."institution" add constraint "institution_code_unique" unique ("code");`);

    this.addSql(`create table "network"."knowledge_article" ("id" uuid not null, "service_id" uuid not null, "version" int not null, "content" jsonb not null, "current" boolean not null default true, "author_id" text not null, "change_note" text null, "created_at" timestamptz not null, "search_tokens" text not null, constraint "knowledge_article_pkey" primary key ("id"));`);
    this.addSql(`alter table "network"."knowledge_article" add constraint "knowledge_article_service_id_version_unique" unique ("service_id", "version");`);
    // Latvian full-text search over app-stemmed tokens ('simple' config: no stemming in the database).
    this.addSql(`alter table "network"."knowledge_article" add column "search_vector" tsvector generated always as (to_tsvector('simple', "search_tokens")) stored;`);
    this.addSql(`create index "knowledge_article_search_idx" on "network"."knowledge_article" using gin ("search_vector") where "current";`);
    this.addSql(`create unique index "knowledge_article_one_current_idx" on "network"."knowledge_article" ("service_id") where "current";`);

    this.addSql(`create table "network"."municipality" ("atvk" text not null, "type" text not null, "name_lv" text not null, "name_en" text not null, "iso3166_2" text not null, "var_code" text not null, "planning_region" text not null, "has_vpvkac" boolean not null, constraint "municipality_pkey" primary key ("atvk"));`);

    this.addSql(`create table "network"."service" ("id" uuid not null, "code" text not null, "institution_id" uuid not null, "latvija_gov_lv_id" text null, "name_lv" text not null, "name_en" text not null, "channels" text not null default 'in_person', "default_duration_min" int not null default 15, "description_lv" text null, "description_en" text null, "active" boolean not null default true, "updated_at" timestamptz not null, constraint "service_pkey" primary key ("id"));`);
    this.addSql(`alter table "network"."service" add constraint "service_code_unique" unique ("code");`);
    this.addSql(`create index "service_institution_id_index" on "network"."service" ("institution_id");`);

    this.addSql(`create table "network"."staff_assignment" ("id" uuid not null, "centre_id" uuid not null, "user_id" text not null, "display_name" text not null, "personal_code_hash" text null, "personal_code_masked" text null, "role" text not null default 'clerk', "valid_from" date not null, "valid_to" date null, "created_at" timestamptz not null, "created_by" text not null, constraint "staff_assignment_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_assignment_centre_id_index" on "network"."staff_assignment" ("centre_id");`);
    this.addSql(`create index "staff_assignment_user_id_index" on "network"."staff_assignment" ("user_id");`);

    this.addSql(`create table "network"."video_booth" ("id" uuid not null, "centre_id" uuid not null, "name" text not null, "capacity" int not null default 2, "accessible" boolean not null default true, "active" boolean not null default true, "created_at" timestamptz not null, constraint "video_booth_pkey" primary key ("id"));`);
    this.addSql(`create index "video_booth_centre_id_index" on "network"."video_booth" ("centre_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "network"."centre" cascade;`);

    this.addSql(`drop table if exists "network"."centre_status_change" cascade;`);

    this.addSql(`drop table if exists "network"."cooperation_agreement" cascade;`);

    this.addSql(`drop table if exists "network"."institution" cascade;`);

    this.addSql(`drop table if exists "network"."knowledge_article" cascade;`);

    this.addSql(`drop table if exists "network"."municipality" cascade;`);

    this.addSql(`drop table if exists "network"."service" cascade;`);

    this.addSql(`drop table if exists "network"."staff_assignment" cascade;`);

    this.addSql(`drop table if exists "network"."video_booth" cascade;`);

    this.addSql(`drop schema if exists "network";`);
  }

}
