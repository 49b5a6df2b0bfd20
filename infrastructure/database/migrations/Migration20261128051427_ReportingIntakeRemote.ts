import { Migration } from '@mikro-orm/migrations';

export class Migration20261128051427_ReportingIntakeRemote extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reporting"."application_fact" ("application_id" uuid not null, "service_code" text not null, "institution_id" uuid null, "institution_code" text not null, "centre_id" uuid null, "form_code" text not null, "submitted_at" timestamptz null, "submitted_day" date null, "from_visit" boolean not null default false, "delivered_at" timestamptz null, "delivered_day" date null, "delivery_channel" text null, "delivery_attempts" int null, "delivery_latency_ms" bigint null, "status" text not null, "status_rank" smallint not null, "first_response_at" timestamptz null, "first_response_status" text null, "first_response_working_ms" bigint null, "decided_at" timestamptz null, "decision_working_ms" bigint null, "outcome" text null, "closed_at" timestamptz null, "counted_day" date null, "counted_centre" uuid null, constraint "application_fact_pkey" primary key ("application_id"));`);
    this.addSql(`create index "application_fact_submitted_day_centre_id_index" on "reporting"."application_fact" ("submitted_day", "centre_id");`);
    this.addSql(`create index "application_fact_institution_id_submitted_day_index" on "reporting"."application_fact" ("institution_id", "submitted_day");`);

    this.addSql(`create table "reporting"."remote_fact" ("fact_id" uuid not null, "kind" text not null, "centre_id" uuid not null, "service_code" text not null, "institution_code" text null, "day" date null, "requested_at" timestamptz null, "session_id" uuid null, "accepted_at" timestamptz null, "answer_seconds" int null, "started_at" timestamptz null, "ended_at" timestamptz null, "duration_seconds" int null, "call_seconds" int null, "outcome" text null, "interruptions" int null, "failed_at" timestamptz null, "failure_reason" text null, "abandoned_at" timestamptz null, "confirmed_at" timestamptz null, "booked_minutes" int null, "cancelled_at" timestamptz null, "cancel_reason" text null, "no_show_at" timestamptz null, "rescheduled_at" timestamptz null, "counted_day" date null, "counted_centre" uuid null, constraint "remote_fact_pkey" primary key ("fact_id"));`);
    this.addSql(`create index "remote_fact_day_centre_id_index" on "reporting"."remote_fact" ("day", "centre_id");`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reporting"."application_fact" cascade;`);

    this.addSql(`drop table if exists "reporting"."remote_fact" cascade;`);

  }

}
