import { Migration } from '@mikro-orm/migrations';

/** RemoteOfficial: the on-demand line of remote consultations and their video sessions (written by hand). */
export class Migration20261128040500_RemoteOfficial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "remote_official";`);
    this.addSql(`create table "remote_official"."remote_request" ("id" uuid not null, "institution_id" uuid not null, "institution_code" text not null, "service_id" uuid not null, "service_code" text not null, "centre_id" uuid not null, "booth_id" text null, "shared_note" text null, "requested_by" text not null, "status" text not null, "ringing_by" text null, "ringing_until" timestamptz null, "session_id" uuid null, "requested_at" timestamptz not null, "accepted_at" timestamptz null, constraint "remote_request_pkey" primary key ("id"));`);
    this.addSql(`create index "remote_request_institution_id_status_requested_at_index" on "remote_official"."remote_request" ("institution_id", "status", "requested_at");`);
    this.addSql(`create index "remote_request_centre_id_status_index" on "remote_official"."remote_request" ("centre_id", "status");`);
    this.addSql(`create table "remote_official"."remote_session" ("id" uuid not null, "request_id" uuid not null, "institution_id" uuid not null, "institution_code" text not null, "service_code" text not null, "centre_id" uuid not null, "booth_id" text null, "clerk_subject" text not null, "specialist_subject" text not null, "status" text not null, "video_server" text null, "room" bigint null, "pin" text null, "room_secret" text null, "booth_token" text null, "specialist_token" text null, "accepted_at" timestamptz not null, "started_at" timestamptz null, "ended_at" timestamptz null, "outcome" text null, "notes" text null, "failure_reason" text null, "interruptions" int not null default 0, constraint "remote_session_pkey" primary key ("id"));`);
    this.addSql(`alter table "remote_official"."remote_session" add constraint "remote_session_request_id_unique" unique ("request_id");`);
    this.addSql(`create index "remote_session_institution_id_status_index" on "remote_official"."remote_session" ("institution_id", "status");`);
    this.addSql(`create index "remote_session_status_index" on "remote_official"."remote_session" ("status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "remote_official"."remote_session" cascade;`);
    this.addSql(`drop table if exists "remote_official"."remote_request" cascade;`);
    this.addSql(`drop schema if exists "remote_official";`);
  }

}
