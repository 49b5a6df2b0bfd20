// SQL for the lead's migration of `scheduling.booking`. The domain never runs it; the exclusion
// constraints are what make two active bookings of one specialist or one booth impossible,
// whatever the application does under concurrency (Cal.com's weak spot).

/** Names the application matches on a 23P01 error; see `bookingClashOf`. */
export const BOOKING_EXCLUSION_CONSTRAINTS = {
  specialist: 'booking_specialist_no_overlap',
  booth: 'booking_booth_no_overlap',
} as const;

/**
 * Up migration. `blocked_range` is the meeting with its buffers, half-open '[)', and is what both
 * exclusion constraints compare; `meeting_range` is derived from starts_at/ends_at. Only 'held' and
 * 'confirmed' rows take part (the same list as `BLOCKING_STATUSES`).
 *
 * On `insert`/`update` a clash raises SQLSTATE 23P01 (exclusion_violation) with the constraint
 * name. The application maps it (see `bookingClashOf` and `slotTakenError`) to the domain error
 * BOOKING.SLOT_TAKEN, kind 'conflict' → HTTP 409 problem+json, whose extensions carry
 * `clash` ('specialist' | 'booth') and `nextFreeSlots` — the first few slots from `findFreeSlots`
 * run again from the requested start, read after the failed transaction has rolled back.
 *
 * Rescheduling in one transaction: update the old row to 'rescheduled' first (the links are
 * deferred foreign keys), then insert the new one, so a move by less than the duration does not
 * clash with the booking it replaces.
 *
 * An expired hold still counts until it is released (a partial index predicate cannot use now()),
 * so the booking transaction first runs `RELEASE_EXPIRED_HOLDS_SQL` for the specialist and booth,
 * and a sweeper releases the rest every minute. The per-day limit is not a constraint: count the
 * specialist's active bookings of that local day after
 * `select pg_advisory_xact_lock(hashtextextended('scheduling.booking-day:' || $specialistId || ':' || $localDate, 0))`.
 */
export const BOOKING_CONSTRAINTS_SQL = `
create extension if not exists btree_gist;
create schema if not exists scheduling;

create table scheduling.booking (
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
  constraint ${BOOKING_EXCLUSION_CONSTRAINTS.specialist}
    exclude using gist (specialist_id with =, blocked_range with &&)
    where (status in ('held', 'confirmed')),
  constraint ${BOOKING_EXCLUSION_CONSTRAINTS.booth}
    exclude using gist (booth_id with =, blocked_range with &&)
    where (status in ('held', 'confirmed'))
);

create index booking_specialist_start_idx on scheduling.booking (specialist_id, starts_at);
create index booking_centre_start_idx on scheduling.booking (centre_id, starts_at);
create index booking_held_expiry_idx on scheduling.booking (hold_expires_at) where status = 'held';
`;

/** Down migration. */
export const BOOKING_CONSTRAINTS_DOWN_SQL = `
drop table if exists scheduling.booking;
`;

/**
 * Releases lapsed holds that stand in the way of a new booking; run in the booking transaction
 * before the insert. Parameters: $1 specialist_id, $2 booth_id, $3 the new blocked_range.
 */
export const RELEASE_EXPIRED_HOLDS_SQL = `
update scheduling.booking
   set status = 'cancelled', cancel_reason = 'HOLD_EXPIRED', sequence = sequence + 1, updated_at = now()
 where status = 'held'
   and hold_expires_at <= now()
   and (specialist_id = $1 or booth_id = $2)
   and blocked_range && $3::tstzrange
`;
