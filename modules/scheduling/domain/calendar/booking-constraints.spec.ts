import { bookingClashOf, EXCLUSION_VIOLATION, slotTakenError } from './booking-conflict';
import { BOOKING_CONSTRAINTS_DOWN_SQL, BOOKING_CONSTRAINTS_SQL, BOOKING_EXCLUSION_CONSTRAINTS, RELEASE_EXPIRED_HOLDS_SQL } from './booking-constraints.sql';
import { BLOCKING_STATUSES, BOOKING_STATUSES } from './booking-status';
import { z } from './calendar.fixture';

const squash = (sql: string): string => sql.replace(/\s+/g, ' ');

// The SQL itself was run against PostgreSQL 15 (overlaps, touching ranges, cancelled rows, lapsed
// holds, a reschedule in one transaction, two concurrent inserts); here we pin down its shape.
describe('booking constraints SQL', () => {
  it('excludes overlapping active bookings of one specialist and of one booth', () => {
    const sql = squash(BOOKING_CONSTRAINTS_SQL);
    expect(sql).toContain('create extension if not exists btree_gist;');
    expect(sql).toContain("constraint booking_specialist_no_overlap exclude using gist (specialist_id with =, blocked_range with &&) where (status in ('held', 'confirmed'))");
    expect(sql).toContain("constraint booking_booth_no_overlap exclude using gist (booth_id with =, blocked_range with &&) where (status in ('held', 'confirmed'))");
    expect(sql).toContain('blocked_range tstzrange not null');
    expect(sql).toContain("meeting_range tstzrange not null generated always as (tstzrange(starts_at, ends_at, '[)')) stored");
  });

  it('uses the same status lists as the domain', () => {
    const sql = squash(BOOKING_CONSTRAINTS_SQL);
    expect(sql).toContain(`where (status in (${BLOCKING_STATUSES.map((s) => `'${s}'`).join(', ')}))`);
    expect(sql).toContain(`check (status in (${BOOKING_STATUSES.map((s) => `'${s}'`).join(', ')}))`);
  });

  it('has a down migration and a release of lapsed holds', () => {
    expect(BOOKING_CONSTRAINTS_DOWN_SQL).toContain('drop table if exists scheduling.booking');
    expect(squash(RELEASE_EXPIRED_HOLDS_SQL)).toContain("where status = 'held' and hold_expires_at <= now() and (specialist_id = $1 or booth_id = $2) and blocked_range && $3::tstzrange");
  });
});

describe('mapping exclusion violations', () => {
  const pgError = (constraint: string, code = EXCLUSION_VIOLATION) => Object.assign(new Error('conflicting key value violates exclusion constraint'), { code, constraint });

  it('tells which constraint refused the booking', () => {
    expect(bookingClashOf(pgError(BOOKING_EXCLUSION_CONSTRAINTS.specialist))).toBe('specialist');
    expect(bookingClashOf(pgError(BOOKING_EXCLUSION_CONSTRAINTS.booth))).toBe('booth');
    expect(bookingClashOf(new Error('driver exception', { cause: pgError('booking_booth_no_overlap') }))).toBe('booth');
  });

  it('ignores other errors', () => {
    expect(bookingClashOf(pgError('some_other_exclusion'))).toBeNull();
    expect(bookingClashOf(pgError('booking_uid_unique', '23505'))).toBeNull();
    expect(bookingClashOf(undefined)).toBeNull();
    expect(bookingClashOf('23P01')).toBeNull();
  });

  it('builds a 409 with the next free slots', () => {
    const error = slotTakenError('booth', [{ start: z('2026-03-10T08:00'), end: z('2026-03-10T08:30'), specialistIds: ['anna'], boothIds: ['booth-2'] }]);
    expect([error.code, error.kind]).toEqual(['BOOKING.SLOT_TAKEN', 'conflict']);
    expect(error.extensions).toEqual({
      clash: 'booth',
      nextFreeSlots: [{ start: '2026-03-10T08:00:00.000Z', end: '2026-03-10T08:30:00.000Z', specialistIds: ['anna'], boothIds: ['booth-2'] }],
    });
    expect(error.messages.lv).toContain('aizņemts');
  });
});
