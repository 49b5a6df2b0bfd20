import { Migration } from '@mikro-orm/migrations';

/**
 * Scheduling part 2: specialists, availability schedules, consultation types and bookings.
 * Written by hand (top-level infrastructure must not import modules/): the booking table is a
 * copy of the domain's BOOKING_CONSTRAINTS_SQL (modules/scheduling/domain/calendar), with the
 * tstzrange exclusion constraints that keep one specialist and one booth from double booking;
 * `test/e2e/bookings.e2e-spec.ts` checks the copy matches.
 */
export class Migration20261128040000_Bookings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create table scheduling.specialist (
  id uuid primary key,
  institution_id uuid not null,
  user_id text not null,
  display_name text not null,
  service_codes text[] not null,
  time_zone text not null,
  active boolean not null default true,
  feed_token_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint specialist_user_institution_unique unique (institution_id, user_id)
);`);
    this.addSql(`create index specialist_institution_idx on scheduling.specialist (institution_id);`);
    this.addSql(`create table scheduling.availability_schedule (
  specialist_id uuid primary key references scheduling.specialist (id) on delete cascade,
  time_zone text not null,
  weekly jsonb not null,
  overrides jsonb not null default '[]',
  absences jsonb not null default '[]',
  follows_public_holidays boolean not null default true,
  shorten_before_holidays boolean not null default true,
  updated_at timestamptz not null default now()
);`);
    this.addSql(`create table scheduling.consultation_type (
  id uuid primary key,
  institution_id uuid not null,
  service_code text not null,
  duration_minutes integer not null,
  buffer_before_minutes integer not null,
  buffer_after_minutes integer not null,
  minimum_notice_minutes integer not null,
  booking_horizon_days integer not null,
  max_per_specialist_per_day integer,
  slot_interval_minutes integer not null,
  created_at timestamptz not null default now(),
  constraint consultation_type_service_unique unique (service_code)
);`);
    this.addSql(`create table scheduling.booking (
  id uuid primary key,
  uid text not null,
  consultation_type_id uuid not null,
  service_code text not null,
  institution_id uuid not null,
  specialist_id uuid not null,
  centre_id uuid not null,
  booth_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  meeting_range tstzrange not null generated always as (tstzrange(starts_at, ends_at, '[)')) stored,
  blocked_range tstzrange not null,
  status text not null,
  hold_expires_at timestamptz,
  citizen_name text,
  citizen_masked_code text,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  confirmed_at timestamptz,
  rescheduled_from_id uuid references scheduling.booking (id) deferrable initially deferred,
  rescheduled_to_id uuid references scheduling.booking (id) deferrable initially deferred,
  cancel_reason text,
  sequence integer not null default 0 check (sequence >= 0),
  constraint booking_uid_unique unique (uid),
  constraint booking_status_check
    check (status in ('held', 'confirmed', 'cancelled', 'no_show', 'completed', 'rescheduled')),
  constraint booking_ranges_check
    check (starts_at < ends_at
      and lower_inc(blocked_range) and not upper_inc(blocked_range)
      and blocked_range @> tstzrange(starts_at, ends_at, '[)')),
  constraint booking_hold_expiry_check check (status <> 'held' or hold_expires_at is not null),
  constraint booking_reschedule_link_check check (status <> 'rescheduled' or rescheduled_to_id is not null),
  constraint booking_masked_code_check
    check (citizen_masked_code is null
      or (position('*' in citizen_masked_code) > 0
        and length(regexp_replace(citizen_masked_code, '[^0-9]', '', 'g')) <= 6)),
  constraint booking_specialist_no_overlap
    exclude using gist (specialist_id with =, blocked_range with &&)
    where (status in ('held', 'confirmed')),
  constraint booking_booth_no_overlap
    exclude using gist (booth_id with =, blocked_range with &&)
    where (status in ('held', 'confirmed'))
);`);
    this.addSql(`create index booking_specialist_start_idx on scheduling.booking (specialist_id, starts_at);`);
    this.addSql(`create index booking_centre_start_idx on scheduling.booking (centre_id, starts_at);`);
    this.addSql(`create index booking_held_expiry_idx on scheduling.booking (hold_expires_at) where status = 'held';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists scheduling.booking;`);
    this.addSql(`drop table if exists scheduling.availability_schedule;`);
    this.addSql(`drop table if exists scheduling.consultation_type;`);
    this.addSql(`drop table if exists scheduling.specialist;`);
  }
}
