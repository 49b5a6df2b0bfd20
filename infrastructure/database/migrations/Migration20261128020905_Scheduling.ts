import { Migration } from '@mikro-orm/migrations';

export class Migration20261128020905_Scheduling extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "scheduling";`);
    this.addSql(`create table "scheduling"."centre_queue_settings" ("centre_id" uuid not null, "seq" bigint not null default 0, "recall_delay_seconds" int not null default 30, "max_calls" int not null default 3, "undo_window_seconds" int not null default 10, "notify_at_position" int not null default 3, "message" text null, constraint "centre_queue_settings_pkey" primary key ("centre_id"));`);

    this.addSql(`create table "scheduling"."desk" ("id" uuid not null, "centre_id" uuid not null, "number" text not null, "state" text not null default 'closed', "clerk_id" text null, "queue_ids" text[] not null, "current_ticket_id" uuid null, "state_changed_at" timestamptz null, "version" int not null default 1, constraint "desk_pkey" primary key ("id"));`);
    this.addSql(`alter table "scheduling"."desk" add constraint "desk_centre_id_number_unique" unique ("centre_id", "number");`);

    this.addSql(`create table "scheduling"."display_board" ("id" uuid not null, "centre_id" uuid not null, "name" text not null, "token_hash" text not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "display_board_pkey" primary key ("id"));`);
    this.addSql(`alter table "scheduling"."display_board" add constraint "display_board_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "scheduling"."service_queue" ("id" uuid not null, "centre_id" uuid not null, "name_lv" text not null, "name_en" text not null, "prefix" text not null, "service_codes" text[] not null, "sort_order" int not null default 0, "active" boolean not null default true, constraint "service_queue_pkey" primary key ("id"));`);
    this.addSql(`alter table "scheduling"."service_queue" add constraint "service_queue_centre_id_prefix_unique" unique ("centre_id", "prefix");`);

    this.addSql(`create table "scheduling"."ticket" ("id" uuid not null, "centre_id" uuid not null, "queue_id" uuid not null, "service_day" date not null, "prefix" text not null, "seq" int not null, "number" text not null, "priority" smallint not null default 0, "appointment" jsonb null, "status" text not null default 'waiting', "queue_entered_at" timestamptz not null, "issued_at" timestamptz not null, "issued_by" text not null, "called_count" int not null default 0, "last_called_at" timestamptz null, "desk_id" uuid null, "clerk_id" text null, "assigned_clerk_id" text null, "park_reason" text null, "tracking_token" text not null, "citizen" jsonb null, "requests" jsonb not null, "periods" jsonb not null, "outcome" jsonb null, "closed_at" timestamptz null, "version" int not null default 1, "last_action" jsonb null, constraint "ticket_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_active_idx" on "scheduling"."ticket" ("centre_id", "status") where "closed_at" is null;`);
    this.addSql(`create index "ticket_centre_id_service_day_index" on "scheduling"."ticket" ("centre_id", "service_day");`);
    this.addSql(`alter table "scheduling"."ticket" add constraint "ticket_centre_id_service_day_prefix_seq_unique" unique ("centre_id", "service_day", "prefix", "seq");`);
    this.addSql(`alter table "scheduling"."ticket" add constraint "ticket_tracking_token_unique" unique ("tracking_token");`);

    // Gapless numbering per centre, service day and prefix (incremented in the issuing transaction).
    this.addSql(`create table "scheduling"."ticket_counter" ("centre_id" uuid not null, "service_day" date not null, "prefix" text not null, "last_seq" int not null, primary key ("centre_id", "service_day", "prefix"));`);
    // Answers to commands by client request id (idempotent retries); pruned after 7 days by ops.
    this.addSql(`create table "scheduling"."command_receipt" ("request_id" text primary key, "centre_id" uuid not null, "actor" text not null, "command" text not null, "response" jsonb, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "command_receipt_created_at_idx" on "scheduling"."command_receipt" ("created_at");`);
    // Tickets already announced as approaching (TicketApproaching is sent once).
    this.addSql(`create table "scheduling"."ticket_notification" ("ticket_id" uuid primary key, "created_at" timestamptz not null default now());`);

  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scheduling"."ticket_counter", "scheduling"."command_receipt", "scheduling"."ticket_notification" cascade;`);
    this.addSql(`drop table if exists "scheduling"."centre_queue_settings" cascade;`);

    this.addSql(`drop table if exists "scheduling"."desk" cascade;`);

    this.addSql(`drop table if exists "scheduling"."display_board" cascade;`);

    this.addSql(`drop table if exists "scheduling"."service_queue" cascade;`);

    this.addSql(`drop table if exists "scheduling"."ticket" cascade;`);


    this.addSql(`drop schema if exists "scheduling";`);
  }

}
