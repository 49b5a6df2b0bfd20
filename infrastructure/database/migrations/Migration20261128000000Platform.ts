import { Migration } from '@mikro-orm/migrations';

/** Module-agnostic platform tables: outbox, consumer inbox, audit trail, API keys. */
export class Migration20261128000000Platform extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists platform;`);
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`
      create table platform.outbox (
        id uuid primary key,
        position bigserial not null unique,
        type text not null,
        source_module text not null,
        aggregate_id text,
        payload jsonb not null,
        occurred_at timestamptz not null default now(),
        dispatched_at timestamptz
      );`);
    this.addSql(`create index outbox_pending_idx on platform.outbox (position) where dispatched_at is null;`);
    this.addSql(`
      create table platform.processed_event (
        consumer text not null,
        event_id uuid not null,
        processed_at timestamptz not null default now(),
        primary key (consumer, event_id)
      );`);
    this.addSql(`
      create table platform.audit_log (
        seq bigint primary key,
        occurred_at timestamptz not null,
        actor_id text not null,
        actor_roles text[] not null,
        action text not null,
        resource_type text not null,
        resource_id text,
        purpose text,
        details jsonb not null default '{}'::jsonb,
        prev_hash text not null,
        hash text not null unique
      );`);
    // Append-only: the database itself refuses to change or remove audit entries.
    this.addSql(`
      create function platform.audit_log_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'platform.audit_log is append-only';
      end $$;`);
    this.addSql(`create trigger audit_log_no_update before update or delete on platform.audit_log for each row execute function platform.audit_log_immutable();`);
    this.addSql(`create trigger audit_log_no_truncate before truncate on platform.audit_log for each statement execute function platform.audit_log_immutable();`);
    this.addSql(`
      create table platform.api_key (
        id uuid primary key,
        prefix text not null unique,
        secret_hash text not null,
        name text not null,
        subject_type text not null,
        subject_id text not null,
        roles text[] not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by text
      );`);
    // Large socket.io broadcasts between instances (@socket.io/postgres-adapter).
    this.addSql(`
      create table platform.socket_io_attachments (
        id bigserial unique,
        created_at timestamptz default now(),
        payload bytea
      );`);
    // Signing key of the demo identity provider (demo mode only), shared by every instance.
    this.addSql(`
      create table platform.signing_key (
        kid text primary key,
        private_jwk jsonb not null,
        public_jwk jsonb not null,
        created_at timestamptz not null default now()
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists platform cascade;`);
  }
}
