import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  Booking,
  BLOCKING_STATUSES,
  type AvailabilitySchedule,
  type BookingStatus,
  type ConsultationType,
  type Specialist,
  type TimeRange,
} from '../../domain/calendar';

/** A transaction (or the plain connection when undefined) the repository runs its SQL in. */
export type Tx = EntityManager;

type Row = Record<string, unknown>;

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const optionalDate = (value: unknown): Date | undefined => (value === null || value === undefined ? undefined : toDate(value));
const optionalText = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

const BOOKING_COLUMNS = `id, uid, consultation_type_id, service_code, institution_id, specialist_id, centre_id, booth_id, starts_at, ends_at,
  lower(blocked_range) as blocked_from, upper(blocked_range) as blocked_to, status, hold_expires_at, citizen_name, citizen_masked_code,
  created_by, created_at, updated_at, confirmed_at, rescheduled_from_id, rescheduled_to_id, cancel_reason, sequence`;

function specialistOf(row: Row): Specialist & { feedTokenHash: string | null } {
  return {
    id: String(row.id),
    institutionId: String(row.institution_id),
    userId: String(row.user_id),
    displayName: String(row.display_name),
    serviceCodes: row.service_codes as string[],
    timeZone: String(row.time_zone),
    active: Boolean(row.active),
    feedTokenHash: (row.feed_token_hash as string | null) ?? null,
  };
}

function scheduleOf(row: Row): AvailabilitySchedule {
  const absences = (row.absences as Array<{ id?: string; from: string; to: string; handOffToSpecialistId?: string }>).map((a) => ({ ...a, from: new Date(a.from), to: new Date(a.to) }));
  return {
    specialistId: String(row.specialist_id),
    timeZone: String(row.time_zone),
    weekly: row.weekly as AvailabilitySchedule['weekly'],
    overrides: row.overrides as AvailabilitySchedule['overrides'],
    absences,
    followsPublicHolidays: Boolean(row.follows_public_holidays),
    shortenBeforeHolidays: Boolean(row.shorten_before_holidays),
  };
}

function typeOf(row: Row): ConsultationType {
  return {
    id: String(row.id),
    institutionId: String(row.institution_id),
    serviceCode: String(row.service_code),
    durationMinutes: Number(row.duration_minutes),
    bufferBeforeMinutes: Number(row.buffer_before_minutes),
    bufferAfterMinutes: Number(row.buffer_after_minutes),
    minimumNoticeMinutes: Number(row.minimum_notice_minutes),
    bookingHorizonDays: Number(row.booking_horizon_days),
    maxPerSpecialistPerDay: row.max_per_specialist_per_day === null ? null : Number(row.max_per_specialist_per_day),
    slotIntervalMinutes: Number(row.slot_interval_minutes),
  };
}

function bookingOf(row: Row): Booking {
  const citizenName = optionalText(row.citizen_name);
  const maskedCode = optionalText(row.citizen_masked_code);
  return Booking.restore({
    id: String(row.id),
    uid: String(row.uid),
    consultationTypeId: String(row.consultation_type_id),
    serviceCode: String(row.service_code),
    institutionId: String(row.institution_id),
    specialistId: String(row.specialist_id),
    centreId: String(row.centre_id),
    boothId: String(row.booth_id),
    start: toDate(row.starts_at),
    end: toDate(row.ends_at),
    blockedRange: { start: toDate(row.blocked_from), end: toDate(row.blocked_to) },
    status: row.status as BookingStatus,
    holdExpiresAt: optionalDate(row.hold_expires_at),
    ...((citizenName ?? maskedCode) !== undefined && { citizen: { ...(citizenName && { name: citizenName }), ...(maskedCode && { maskedCode }) } }),
    createdBy: String(row.created_by),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    confirmedAt: optionalDate(row.confirmed_at),
    rescheduledFromId: optionalText(row.rescheduled_from_id),
    rescheduledToId: optionalText(row.rescheduled_to_id),
    cancelReason: optionalText(row.cancel_reason),
    sequence: Number(row.sequence),
  });
}

const rangeLiteral = (range: TimeRange): string => `[${range.start.toISOString()},${range.end.toISOString()})`;

/**
 * What blocks the specialists and booths of a search: the blocked ranges (buffers included) of
 * their active bookings, grouped per specialist and per booth. A specialist's bookings also give
 * their starts (a per-day limit counts bookings by the start's local date), in the same order.
 */
export interface BlockingGroups {
  specialists: Map<string, { blocked: TimeRange[]; starts: Date[] }>;
  booths: Map<string, TimeRange[]>;
}

/** Raw SQL over the calendar tables (see Migration20261128040000_Bookings). */
@Injectable()
export class CalendarRepository {
  constructor(private readonly em: EntityManager) {}

  private async run<T = Row>(sql: string, params: unknown[] = [], tx?: Tx): Promise<T[]> {
    const em = tx ?? this.em;
    return em.getConnection().execute<T[]>(sql, params, 'all', tx?.getTransactionContext());
  }

  transactional<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.em.fork().transactional((tx) => work(tx));
  }

  // --- specialists ---------------------------------------------------------------------------

  async insertSpecialist(s: Specialist): Promise<void> {
    await this.run(
      'insert into scheduling.specialist (id, institution_id, user_id, display_name, service_codes, time_zone, active) values (?, ?, ?, ?, ?::text[], ?, ?)',
      [s.id, s.institutionId, s.userId, s.displayName, `{${s.serviceCodes.map((c) => `"${c}"`).join(',')}}`, s.timeZone, s.active],
    );
  }

  async updateSpecialist(s: Specialist): Promise<void> {
    await this.run('update scheduling.specialist set display_name = ?, service_codes = ?::text[], time_zone = ?, active = ?, updated_at = now() where id = ?', [
      s.displayName,
      `{${s.serviceCodes.map((c) => `"${c}"`).join(',')}}`,
      s.timeZone,
      s.active,
      s.id,
    ]);
  }

  async setFeedTokenHash(specialistId: string, hash: string): Promise<void> {
    await this.run('update scheduling.specialist set feed_token_hash = ?, updated_at = now() where id = ?', [hash, specialistId]);
  }

  async specialist(id: string): Promise<(Specialist & { feedTokenHash: string | null }) | null> {
    const [row] = await this.run('select * from scheduling.specialist where id = ?', [id]);
    return row ? specialistOf(row) : null;
  }

  /** The specialist record of a user account in an institution (the calling specialist's `me`). */
  async specialistOfUser(userId: string, institutionId: string): Promise<Specialist | null> {
    const [row] = await this.run('select * from scheduling.specialist where user_id = ? and institution_id = ?', [userId, institutionId]);
    if (!row) return null;
    const { feedTokenHash: _hidden, ...specialist } = specialistOf(row);
    return specialist;
  }

  async specialists(filter: { institutionId?: string; serviceCode?: string; activeOnly?: boolean }): Promise<Specialist[]> {
    const where: string[] = ['true'];
    const params: unknown[] = [];
    if (filter.institutionId) {
      where.push('institution_id = ?');
      params.push(filter.institutionId);
    }
    if (filter.serviceCode) {
      where.push('? = any(service_codes)');
      params.push(filter.serviceCode);
    }
    if (filter.activeOnly) where.push('active');
    const rows = await this.run(`select * from scheduling.specialist where ${where.join(' and ')} order by display_name, id`, params);
    return rows.map(specialistOf);
  }

  async countSpecialists(): Promise<number> {
    const [row] = await this.run<{ n: string }>('select count(*) as n from scheduling.specialist');
    return Number(row.n);
  }

  // --- availability --------------------------------------------------------------------------

  async saveSchedule(schedule: AvailabilitySchedule): Promise<void> {
    await this.run(
      `insert into scheduling.availability_schedule (specialist_id, time_zone, weekly, overrides, absences, follows_public_holidays, shorten_before_holidays, updated_at)
       values (?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, now())
       on conflict (specialist_id) do update set time_zone = excluded.time_zone, weekly = excluded.weekly, overrides = excluded.overrides,
         absences = excluded.absences, follows_public_holidays = excluded.follows_public_holidays,
         shorten_before_holidays = excluded.shorten_before_holidays, updated_at = now()`,
      [
        schedule.specialistId,
        schedule.timeZone,
        JSON.stringify(schedule.weekly),
        JSON.stringify(schedule.overrides),
        JSON.stringify(schedule.absences),
        schedule.followsPublicHolidays,
        schedule.shortenBeforeHolidays,
      ],
    );
  }

  async schedules(specialistIds: readonly string[]): Promise<AvailabilitySchedule[]> {
    if (specialistIds.length === 0) return [];
    const rows = await this.run('select * from scheduling.availability_schedule where specialist_id = any(?::uuid[])', [`{${specialistIds.join(',')}}`]);
    return rows.map(scheduleOf);
  }

  // --- consultation types --------------------------------------------------------------------

  async insertConsultationType(t: ConsultationType): Promise<boolean> {
    const rows = await this.run(
      `insert into scheduling.consultation_type (id, institution_id, service_code, duration_minutes, buffer_before_minutes, buffer_after_minutes,
         minimum_notice_minutes, booking_horizon_days, max_per_specialist_per_day, slot_interval_minutes)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (service_code) do nothing returning id`,
      [t.id, t.institutionId, t.serviceCode, t.durationMinutes, t.bufferBeforeMinutes, t.bufferAfterMinutes, t.minimumNoticeMinutes, t.bookingHorizonDays, t.maxPerSpecialistPerDay, t.slotIntervalMinutes],
    );
    return rows.length > 0;
  }

  async consultationTypes(filter: { institutionId?: string; serviceCode?: string }): Promise<ConsultationType[]> {
    const where: string[] = ['true'];
    const params: unknown[] = [];
    if (filter.institutionId) {
      where.push('institution_id = ?');
      params.push(filter.institutionId);
    }
    if (filter.serviceCode) {
      where.push('service_code = ?');
      params.push(filter.serviceCode);
    }
    const rows = await this.run(`select * from scheduling.consultation_type where ${where.join(' and ')} order by service_code`, params);
    return rows.map(typeOf);
  }

  async consultationType(id: string): Promise<ConsultationType | null> {
    const [row] = await this.run('select * from scheduling.consultation_type where id = ?', [id]);
    return row ? typeOf(row) : null;
  }

  // --- bookings ------------------------------------------------------------------------------

  /** Active rows (held and unexpired, or confirmed) of these specialists or booths overlapping the window. */
  async blocking(specialistIds: readonly string[], boothIds: readonly string[], window: TimeRange, now: Date): Promise<BlockingGroups> {
    // One row per specialist and per booth, its instants as epoch milliseconds in one text
    // (string_agg): a month-long search of a big institution reads thousands of bookings, and
    // parsing one row per booking (uuids, timestamps) was most of the search's time. date_part
    // gives float8; extract() would give numeric, several times slower.
    const ms = (instant: string): string => `(date_part('epoch', ${instant}) * 1000)::int8::text`;
    const active = `status in (${BLOCKING_STATUSES.map(() => '?').join(', ')}) and (status <> 'held' or hold_expires_at > ?) and blocked_range && ?::tstzrange`;
    const activeParams = [...BLOCKING_STATUSES, now.toISOString(), rangeLiteral(window)];
    const rows = await this.run<{ kind: 's' | 'b'; id: string; t: string }>(
      `select 's' as kind, specialist_id as id,
              string_agg(${ms('lower(blocked_range)')} || ',' || ${ms('upper(blocked_range)')} || ',' || ${ms('starts_at')}, ',') as t
         from scheduling.booking where ${active} and specialist_id = any(?::uuid[]) group by specialist_id
       union all
       select 'b', booth_id, string_agg(${ms('lower(blocked_range)')} || ',' || ${ms('upper(blocked_range)')}, ',')
         from scheduling.booking where ${active} and booth_id = any(?::uuid[]) group by booth_id`,
      [...activeParams, `{${specialistIds.join(',')}}`, ...activeParams, `{${boothIds.join(',')}}`],
    );
    const groups: BlockingGroups = { specialists: new Map(), booths: new Map() };
    for (const row of rows) {
      const n = row.t.split(',').map(Number);
      if (row.kind === 's') {
        const blocked: TimeRange[] = [];
        const starts: Date[] = [];
        for (let i = 0; i + 2 < n.length; i += 3) {
          blocked.push({ start: new Date(n[i]!), end: new Date(n[i + 1]!) });
          starts.push(new Date(n[i + 2]!));
        }
        groups.specialists.set(row.id, { blocked, starts });
      } else {
        const blocked: TimeRange[] = [];
        for (let i = 0; i + 1 < n.length; i += 2) blocked.push({ start: new Date(n[i]!), end: new Date(n[i + 1]!) });
        groups.booths.set(row.id, blocked);
      }
    }
    return groups;
  }

  /** What fair assignment reads: the candidates' bookings around the slot's week. */
  async loadViews(specialistIds: readonly string[], window: TimeRange): Promise<Array<{ specialistId: string; status: BookingStatus; start: Date; end: Date }>> {
    if (specialistIds.length === 0) return [];
    const rows = await this.run('select specialist_id, status, starts_at, ends_at from scheduling.booking where specialist_id = any(?::uuid[]) and starts_at >= ? and starts_at < ?', [
      `{${specialistIds.join(',')}}`,
      window.start.toISOString(),
      window.end.toISOString(),
    ]);
    return rows.map((row) => ({ specialistId: String(row.specialist_id), status: row.status as BookingStatus, start: toDate(row.starts_at), end: toDate(row.ends_at) }));
  }

  async booking(id: string, tx?: Tx, forUpdate = false): Promise<Booking | null> {
    const [row] = await this.run(`select ${BOOKING_COLUMNS} from scheduling.booking where id = ?${forUpdate ? ' for update' : ''}`, [id], tx);
    return row ? bookingOf(row) : null;
  }

  async bookingsOfSpecialist(specialistId: string, from: Date): Promise<Booking[]> {
    const rows = await this.run(`select ${BOOKING_COLUMNS} from scheduling.booking where specialist_id = ? and ends_at >= ? order by starts_at`, [specialistId, from.toISOString()]);
    return rows.map(bookingOf);
  }

  /** A specialist's bookings starting in [from, to), optionally only at some centres; at most `limit`. */
  async bookingsOfSpecialistBetween(specialistId: string, from: Date, to: Date, centreIds: readonly string[] | null, limit = 500): Promise<Booking[]> {
    const params: unknown[] = [specialistId, from.toISOString(), to.toISOString()];
    let centres = '';
    if (centreIds) {
      centres = ' and centre_id = any(?::uuid[])';
      params.push(`{${centreIds.join(',')}}`);
    }
    const rows = await this.run(`select ${BOOKING_COLUMNS} from scheduling.booking where specialist_id = ? and starts_at >= ? and starts_at < ?${centres} order by starts_at, id limit ${limit}`, params);
    return rows.map(bookingOf);
  }

  /** Releases lapsed holds in the way of a new booking (the domain's RELEASE_EXPIRED_HOLDS_SQL, with the app's clock). */
  async releaseExpiredHolds(tx: Tx, booking: Booking, now: Date): Promise<void> {
    await this.run(
      `update scheduling.booking
          set status = 'cancelled', cancel_reason = 'HOLD_EXPIRED', sequence = sequence + 1, updated_at = ?
        where status = 'held' and hold_expires_at <= ?
          and (specialist_id = ? or booth_id = ?)
          and blocked_range && ?::tstzrange`,
      [now.toISOString(), now.toISOString(), booking.specialistId, booking.boothId, rangeLiteral(booking.blockedRange)],
      tx,
    );
  }

  /** Serialises the per-day limit check of one specialist and local date. */
  async lockSpecialistDay(tx: Tx, specialistId: string, localDate: string): Promise<void> {
    await this.run(`select pg_advisory_xact_lock(hashtextextended('scheduling.booking-day:' || ? || ':' || ?, 0))`, [specialistId, localDate], tx);
  }

  async countActiveOnDay(tx: Tx, specialistId: string, day: TimeRange, now: Date): Promise<number> {
    const [row] = await this.run<{ n: string }>(
      `select count(*) as n from scheduling.booking where specialist_id = ? and starts_at >= ? and starts_at < ?
          and (status = 'confirmed' or (status = 'held' and hold_expires_at > ?))`,
      [specialistId, day.start.toISOString(), day.end.toISOString(), now.toISOString()],
      tx,
    );
    return Number(row.n);
  }

  async insertBooking(tx: Tx, b: Booking): Promise<void> {
    await this.run(
      `insert into scheduling.booking (id, uid, consultation_type_id, service_code, institution_id, specialist_id, centre_id, booth_id, starts_at, ends_at,
         blocked_range, status, hold_expires_at, citizen_name, citizen_masked_code, created_by, created_at, updated_at, confirmed_at,
         rescheduled_from_id, rescheduled_to_id, cancel_reason, sequence)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::tstzrange, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        b.id,
        b.uid,
        b.consultationTypeId,
        b.serviceCode,
        b.institutionId,
        b.specialistId,
        b.centreId,
        b.boothId,
        b.start.toISOString(),
        b.end.toISOString(),
        rangeLiteral(b.blockedRange),
        b.status,
        b.holdExpiresAt?.toISOString() ?? null,
        b.citizen?.name ?? null,
        b.citizen?.maskedCode ?? null,
        b.createdBy,
        b.createdAt.toISOString(),
        b.updatedAt.toISOString(),
        b.confirmedAt?.toISOString() ?? null,
        b.rescheduledFromId ?? null,
        b.rescheduledToId ?? null,
        b.cancelReason ?? null,
        b.sequence,
      ],
      tx,
    );
  }

  async updateBooking(tx: Tx, b: Booking): Promise<void> {
    await this.run(
      `update scheduling.booking set specialist_id = ?, status = ?, hold_expires_at = ?, updated_at = ?, confirmed_at = ?,
         rescheduled_from_id = ?, rescheduled_to_id = ?, cancel_reason = ?, sequence = ? where id = ?`,
      [
        b.specialistId,
        b.status,
        b.holdExpiresAt?.toISOString() ?? null,
        b.updatedAt.toISOString(),
        b.confirmedAt?.toISOString() ?? null,
        b.rescheduledFromId ?? null,
        b.rescheduledToId ?? null,
        b.cancelReason ?? null,
        b.sequence,
        b.id,
      ],
      tx,
    );
  }
}
