import { Migration } from '@mikro-orm/migrations';

export class Migration20261128023620_Intake extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "intake";`);
    this.addSql(`create table "intake"."application" ("id" uuid not null, "reference" text not null, "service_code" text not null, "institution_code" text not null, "institution_id" uuid null, "form_id" uuid not null, "form_version_id" uuid not null, "form_version" int not null, "status" text not null default 'draft', "data" text null, "applicant" text null, "consent" jsonb null, "assisted_by" jsonb null, "visit_ticket_id" uuid null, "attachments" jsonb not null, "history" jsonb not null, "decision" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "submitted_at" timestamptz null, "queued_at" timestamptz null, "delivered_at" timestamptz null, "accepted_at" timestamptz null, "decided_at" timestamptz null, "closed_at" timestamptz null, "last_institution_event_at" timestamptz null, "anonymised_at" timestamptz null, "version" int not null default 1, constraint "application_pkey" primary key ("id"));`);
    this.addSql(`alter table "intake"."application" add constraint "application_reference_unique" unique ("reference");`);
    this.addSql(`create index "application_institution_id_status_index" on "intake"."application" ("institution_id", "status");`);
    this.addSql(`create index "application_status_closed_at_index" on "intake"."application" ("status", "closed_at");`);

    this.addSql(`create table "intake"."attachment_content" ("id" uuid not null, "application_id" uuid not null, "content" bytea not null, "created_at" timestamptz not null, constraint "attachment_content_pkey" primary key ("id"));`);
    this.addSql(`create index "attachment_content_application_id_index" on "intake"."attachment_content" ("application_id");`);

    this.addSql(`create table "intake"."delivery_channel" ("id" uuid not null, "institution_id" uuid not null, "kind" text not null, "url" text null, "secrets_sealed" text null, "enabled" boolean not null default true, "disabled_at" timestamptz null, "disabled_reason" text null, "created_by" text not null, "created_at" timestamptz not null, constraint "delivery_channel_pkey" primary key ("id"));`);
    this.addSql(`create index "delivery_channel_institution_id_index" on "intake"."delivery_channel" ("institution_id");`);

    this.addSql(`create table "intake"."delivery" ("id" uuid not null, "application_id" uuid not null, "channel_id" uuid not null, "institution_id" uuid not null, "kind" text not null, "status" text not null, "attempts" int not null default 0, "last_error" text null, "last_http_status" int null, "next_attempt_at" timestamptz null, "leased_until" timestamptz null, "delivered_at" timestamptz null, "created_at" timestamptz not null, constraint "delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "delivery_institution_id_kind_status_index" on "intake"."delivery" ("institution_id", "kind", "status");`);
    this.addSql(`create index "delivery_status_next_attempt_at_index" on "intake"."delivery" ("status", "next_attempt_at");`);
    this.addSql(`alter table "intake"."delivery" add constraint "delivery_application_id_channel_id_unique" unique ("application_id", "channel_id");`);

    this.addSql(`create table "intake"."e_form" ("id" uuid not null, "code" text not null, "institution_code" text not null, "service_codes" text[] not null, "title_lv" text not null, "title_en" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "e_form_pkey" primary key ("id"));`);
    this.addSql(`alter table "intake"."e_form" add constraint "e_form_code_unique" unique ("code");`);

    this.addSql(`create table "intake"."e_form_version" ("id" uuid not null, "form_id" uuid not null, "version" int not null, "status" text not null default 'draft', "json_schema" jsonb not null, "ui_schema" jsonb not null, "labels" jsonb not null, "sensitive_fields" text[] not null, "published_at" timestamptz null, "published_by" text null, "retired_at" timestamptz null, "created_by" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "change_note" text null, constraint "e_form_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "intake"."e_form_version" add constraint "e_form_version_form_id_version_unique" unique ("form_id", "version");`);


    // Institutions' status events already applied, by their own event id (idempotency).
    this.addSql(`create table "intake"."institution_status_event" ("institution_id" uuid not null, "event_id" text not null, "application_id" uuid not null, "status" text not null, "received_at" timestamptz not null default now(), primary key ("institution_id", "event_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "intake"."institution_status_event" cascade;`);
    this.addSql(`drop table if exists "intake"."application" cascade;`);

    this.addSql(`drop table if exists "intake"."attachment_content" cascade;`);

    this.addSql(`drop table if exists "intake"."delivery_channel" cascade;`);

    this.addSql(`drop table if exists "intake"."delivery" cascade;`);

    this.addSql(`drop table if exists "intake"."e_form" cascade;`);

    this.addSql(`drop table if exists "intake"."e_form_version" cascade;`);


    this.addSql(`drop schema if exists "intake";`);
  }

}
