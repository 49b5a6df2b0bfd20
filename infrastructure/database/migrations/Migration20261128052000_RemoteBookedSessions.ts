import { Migration } from '@mikro-orm/migrations';

/** RemoteOfficial: booked sessions (linked to a scheduling booking, with only what the clerk shared). Written by hand. */
export class Migration20261128052000_RemoteBookedSessions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "remote_official"."remote_session" alter column "request_id" drop not null;`);
    this.addSql(`alter table "remote_official"."remote_session" add column "origin" text not null default 'on_demand', add column "booking_id" uuid null, add column "scheduled_start" timestamptz null, add column "scheduled_end" timestamptz null, add column "shared_name" text null, add column "shared_masked_code" text null, add column "shared_note" text null;`);
    this.addSql(`alter table "remote_official"."remote_session" add constraint "remote_session_booking_id_unique" unique ("booking_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "remote_official"."remote_session" drop constraint if exists "remote_session_booking_id_unique";`);
    this.addSql(`alter table "remote_official"."remote_session" drop column "origin", drop column "booking_id", drop column "scheduled_start", drop column "scheduled_end", drop column "shared_name", drop column "shared_masked_code", drop column "shared_note";`);
    this.addSql(`delete from "remote_official"."remote_session" where "request_id" is null;`);
    this.addSql(`alter table "remote_official"."remote_session" alter column "request_id" set not null;`);
  }

}
