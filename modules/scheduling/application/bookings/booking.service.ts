import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import { DomainError, forbidden, integrationEvent, invalid, isUuid, LatvianCalendar, notFound, type IntegrationEvent } from '@modules/shared-kernel';
import { GetCentreOpeningRangesQuery, GetCentreQuery, GetServiceQuery, type CentreView } from '@modules/network';
import { Role, hasRole, type Principal } from '@infrastructure/auth/principal';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { Outbox } from '@infrastructure/messaging/outbox';
import {
  BookingEvents,
  SCHEDULING_MODULE,
  type BookingCancelReason,
  type BookingCancelledPayload,
  type BookingConfirmedPayload,
  type BookingNoShowPayload,
  type BookingRef,
  type BookingRescheduledPayload,
} from '../../contracts';
import {
  availabilityRangesFor,
  availabilitySchedule,
  Booking,
  bookingClashOf,
  calendarError,
  chooseSpecialist,
  consultationType,
  createSpecialist,
  findFreeSlots,
  slotTakenError,
  specialistLoads,
  toICalendar,
  type AvailabilityScheduleInput,
  type ConsultationType,
  type ConsultationTypeInput,
  type BoothAgenda,
  type Slot,
  type Specialist,
  type SpecialistAgenda,
  type TimeRange,
} from '../../domain/calendar';
import { localDateOf } from '../../domain/calendar/local-time';
import { CalendarRepository, type BlockingGroups, type Tx } from '../../infrastructure/persistence/calendar.repository';
import { BookingClock } from './booking-clock';

const RIGA = 'Europe/Riga';
const DAY_MS = 86_400_000;
const MAX_SEARCH_DAYS = 31;
const NEXT_FREE_SLOTS = 5;

export interface SlotView {
  start: string;
  end: string;
  specialistIds: string[];
  boothIds: string[];
}

export interface BookingView {
  id: string;
  uid: string;
  consultationTypeId: string;
  serviceCode: string;
  institutionId: string;
  specialistId: string;
  centreId: string;
  boothId: string;
  start: string;
  end: string;
  status: string;
  holdExpiresAt: string | null;
  confirmedAt: string | null;
  rescheduledFromId: string | null;
  rescheduledToId: string | null;
  cancelReason: string | null;
  sequence: number;
  citizen: { name?: string; maskedCode?: string } | null;
}

/** A booking in a specialist's agenda: no data about the visitor (read one booking for that). */
export type SpecialistBookingView = Omit<BookingView, 'citizen'>;

export interface HoldInput {
  serviceCode: string;
  centreId: string;
  start: string;
  /** A specialist's id or 'any' (fair assignment). */
  specialistId: string;
  boothId?: string;
  citizen?: { name?: string; maskedCode?: string };
}

export const toBookingView = (b: Booking): BookingView => ({
  id: b.id,
  uid: b.uid,
  consultationTypeId: b.consultationTypeId,
  serviceCode: b.serviceCode,
  institutionId: b.institutionId,
  specialistId: b.specialistId,
  centreId: b.centreId,
  boothId: b.boothId,
  start: b.start.toISOString(),
  end: b.end.toISOString(),
  status: b.status,
  holdExpiresAt: b.holdExpiresAt?.toISOString() ?? null,
  confirmedAt: b.confirmedAt?.toISOString() ?? null,
  rescheduledFromId: b.rescheduledFromId ?? null,
  rescheduledToId: b.rescheduledToId ?? null,
  cancelReason: b.cancelReason ?? null,
  sequence: b.sequence,
  citizen: b.citizen ? { ...b.citizen } : null,
});

const slotView = (slot: Slot): SlotView => ({ start: slot.start.toISOString(), end: slot.end.toISOString(), specialistIds: slot.specialistIds, boothIds: slot.boothIds });

const badRequest = (field: string, en: string, lv = 'Nederīga vērtība'): DomainError =>
  invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [{ field, code: 'INVALID', messageLv: lv, messageEn: en }]);
const specialistNotFound = (): DomainError => notFound('SPECIALIST.NOT_FOUND', 'Speciālists nav atrasts', 'Specialist not found');
const bookingNotFound = (): DomainError => notFound('BOOKING.NOT_FOUND', 'Pieraksts nav atrasts', 'Booking not found');
const typeNotFound = (): DomainError => notFound('CONSULTATION_TYPE.NOT_FOUND', 'Šim pakalpojumam videokonsultācijas nav iestatītas', 'No video consultations are set up for this service');
const centreNotFound = (): DomainError => notFound('NETWORK.CENTRE_NOT_FOUND', 'Centrs nav atrasts', 'Centre not found');

/** Parses 'YYYY-MM-DD' (a whole local day in Riga) or an ISO instant; `endOfDay` for the upper bound of a date. */
function parseBound(value: string, field: string, endOfDay: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = DateTime.fromISO(value, { zone: RIGA });
    if (!day.isValid) throw badRequest(field, 'Invalid date');
    return (endOfDay ? day.plus({ days: 1 }) : day).startOf('day').toJSDate();
  }
  const instant = DateTime.fromISO(value, { setZone: true });
  if (!instant.isValid || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) throw badRequest(field, 'Give a date (YYYY-MM-DD) or an instant with its offset');
  return instant.toJSDate();
}

/** The local date in Riga (cached zone offsets: this runs for every booking row of a search). */
const localDate = (instant: Date): string => localDateOf(instant, RIGA);

/** The blocking bookings of a search as findFreeSlots wants them, per specialist and booth of the search. */
export function agendasOf(
  groups: BlockingGroups,
  specialistIds: readonly string[],
  boothIds: readonly string[],
  availability: ReadonlyMap<string, TimeRange[]>,
  options: { countPerDay: boolean; ignoreBoothBookings?: boolean },
): { specialists: SpecialistAgenda[]; booths: BoothAgenda[] } {
  return {
    specialists: specialistIds.map((id) => {
      const own = groups.specialists.get(id);
      const perDay: Record<string, number> = {};
      // Only a per-day limit needs the local date of each booking.
      if (own && options.countPerDay) for (const start of own.starts) perDay[localDate(start)] = (perDay[localDate(start)] ?? 0) + 1;
      return { specialistId: id, availability: availability.get(id) ?? [], bookings: own?.blocked ?? [], bookingsPerDay: perDay };
    }),
    booths: boothIds.map((id) => ({ boothId: id, bookings: options.ignoreBoothBookings ? [] : (groups.booths.get(id) ?? []) })),
  };
}

/** What an integration event may say about a booking: ids, codes and times, no personal data. */
const bookingRef = (b: Booking): BookingRef => ({
  bookingId: b.id,
  institutionId: b.institutionId,
  serviceCode: b.serviceCode,
  centreId: b.centreId,
  boothId: b.boothId,
  specialistId: b.specialistId,
  start: b.start.toISOString(),
  end: b.end.toISOString(),
  durationMinutes: Math.round((b.end.getTime() - b.start.getTime()) / 60_000),
});

const confirmedEvent = (b: Booking, now: Date): IntegrationEvent => {
  const payload: BookingConfirmedPayload = {
    ...bookingRef(b),
    confirmedAt: now.toISOString(),
    leadMinutes: Math.round((b.start.getTime() - now.getTime()) / 60_000),
    rescheduledFromId: b.rescheduledFromId ?? null,
  };
  return integrationEvent(SCHEDULING_MODULE, BookingEvents.BookingConfirmed, payload, b.id, now);
};

/** Specialist calendars and video-consultation bookings (scheduling part 2). */
@Injectable()
export class BookingService {
  private readonly calendar = new LatvianCalendar();

  constructor(
    private readonly repo: CalendarRepository,
    private readonly queries: QueryBus,
    private readonly clock: BookingClock,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  // --- access --------------------------------------------------------------------------------

  private assertManagesInstitution(actor: Principal, institutionId: string): void {
    if (hasRole(actor, Role.NetworkAdmin)) return;
    if (hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId === institutionId) return;
    throw forbidden('SCHEDULING.INSTITUTION_ACCESS_DENIED', 'Jūs varat pārvaldīt tikai savas iestādes speciālistus', 'You can manage only your own institution’s specialists');
  }

  private assertCentreAccess(actor: Principal, centreId: string): void {
    if (hasRole(actor, Role.NetworkAdmin)) return;
    if (hasRole(actor, Role.Clerk) && actor.centreIds.includes(centreId)) return;
    throw forbidden('SCHEDULING.CENTRE_ACCESS_DENIED', 'Jums nav piekļuves šim centram', 'You have no access to this centre');
  }

  private assertBookingAccess(actor: Principal, booking: Booking): void {
    if (hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId === booking.institutionId) return;
    this.assertCentreAccess(actor, booking.centreId);
  }

  // --- specialists ---------------------------------------------------------------------------

  private async assertServicesOf(institutionId: string, serviceCodes: readonly string[]): Promise<void> {
    for (const code of serviceCodes) {
      const service = await this.queries.execute(new GetServiceQuery(code));
      if (!service || service.institutionId !== institutionId || service.code !== code) throw badRequest('serviceCodes', `The service ${code} is not one of the institution’s`);
    }
  }

  async createSpecialist(actor: Principal, input: { institutionId?: string; userId: string; displayName: string; serviceCodes: string[]; timeZone?: string }): Promise<Specialist> {
    const institutionId = input.institutionId ?? actor.institutionId;
    if (!institutionId || !isUuid(institutionId)) throw badRequest('institutionId', 'Give the institution');
    this.assertManagesInstitution(actor, institutionId);
    await this.assertServicesOf(institutionId, input.serviceCodes);
    const specialist = createSpecialist({ ...input, institutionId });
    try {
      await this.repo.insertSpecialist(specialist);
    } catch (error) {
      if ((error as { code?: string }).code === '23505' || /unique/i.test(String(error))) {
        throw new DomainError('SPECIALIST.ALREADY_EXISTS', 'conflict', { lv: 'Šis lietotājs jau ir iestādes speciālists', en: 'This user is already a specialist of the institution' });
      }
      throw error;
    }
    return specialist;
  }

  async updateSpecialist(actor: Principal, id: string, patch: { displayName?: string; serviceCodes?: string[]; active?: boolean; timeZone?: string }): Promise<Specialist> {
    const current = await this.getSpecialist(id);
    this.assertManagesInstitution(actor, current.institutionId);
    if (patch.serviceCodes) await this.assertServicesOf(current.institutionId, patch.serviceCodes);
    const next = createSpecialist({
      id: current.id,
      institutionId: current.institutionId,
      userId: current.userId,
      displayName: patch.displayName ?? current.displayName,
      serviceCodes: patch.serviceCodes ?? current.serviceCodes,
      timeZone: patch.timeZone ?? current.timeZone,
      active: patch.active ?? current.active,
    });
    await this.repo.updateSpecialist(next);
    return next;
  }

  async getSpecialist(id: string): Promise<Specialist> {
    const found = isUuid(id) ? await this.repo.specialist(id) : null;
    if (!found) throw specialistNotFound();
    const { feedTokenHash: _hidden, ...specialist } = found;
    return specialist;
  }

  async listSpecialists(actor: Principal, filter: { institutionId?: string; serviceCode?: string }): Promise<Specialist[]> {
    if (hasRole(actor, Role.InstitutionSpecialist) && !hasRole(actor, Role.NetworkAdmin, Role.Clerk)) {
      if (filter.institutionId && filter.institutionId !== actor.institutionId) this.assertManagesInstitution(actor, filter.institutionId);
      return this.repo.specialists({ ...filter, institutionId: actor.institutionId });
    }
    return this.repo.specialists(filter);
  }

  async setAvailability(actor: Principal, specialistId: string, input: Omit<AvailabilityScheduleInput, 'specialistId'>): Promise<unknown> {
    const specialist = await this.getSpecialist(specialistId);
    this.assertManagesInstitution(actor, specialist.institutionId);
    const schedule = availabilitySchedule({ ...input, specialistId, timeZone: input.timeZone ?? specialist.timeZone });
    await this.repo.saveSchedule(schedule);
    return schedule;
  }

  async getAvailability(specialistId: string): Promise<unknown> {
    await this.getSpecialist(specialistId);
    const [schedule] = await this.repo.schedules([specialistId]);
    return schedule ?? null;
  }

  /** A new secret feed token (shown once; only its hash is kept). */
  async issueFeedToken(actor: Principal, specialistId: string): Promise<{ token: string; url: string }> {
    const specialist = await this.getSpecialist(specialistId);
    this.assertManagesInstitution(actor, specialist.institutionId);
    const token = randomBytes(32).toString('base64url');
    await this.repo.setFeedTokenHash(specialistId, hashToken(token));
    return { token, url: `/api/v1/scheduling/specialists/${specialistId}/calendar.ics?token=${token}` };
  }

  async calendarFeed(specialistId: string, token: string | undefined): Promise<string> {
    const found = isUuid(specialistId) ? await this.repo.specialist(specialistId) : null;
    const given = Buffer.from(hashToken(token ?? ''), 'hex');
    const expected = found?.feedTokenHash ? Buffer.from(found.feedTokenHash, 'hex') : null;
    if (!found || !token || !expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new DomainError('SCHEDULING.FEED_TOKEN_INVALID', 'unauthenticated', { lv: 'Nederīga kalendāra saite', en: 'Invalid calendar feed token' });
    }
    const now = this.clock.now();
    const { feedTokenHash: _hidden, ...specialist } = found;
    const bookings = await this.repo.bookingsOfSpecialist(specialistId, new Date(now.getTime() - 90 * DAY_MS));
    return toICalendar(specialist, bookings, now);
  }

  // --- consultation types --------------------------------------------------------------------

  async createConsultationType(actor: Principal, input: Omit<ConsultationTypeInput, 'institutionId' | 'id'>): Promise<ConsultationType> {
    const service = await this.queries.execute(new GetServiceQuery(input.serviceCode));
    if (!service || service.code !== input.serviceCode) throw badRequest('serviceCode', 'Unknown service');
    if (service.channels === 'in_person') throw badRequest('serviceCode', 'The service is not offered by video');
    this.assertManagesInstitution(actor, service.institutionId);
    const type = consultationType({ ...input, institutionId: service.institutionId });
    if (!(await this.repo.insertConsultationType(type))) {
      throw new DomainError('CONSULTATION_TYPE.ALREADY_EXISTS', 'conflict', { lv: 'Šim pakalpojumam konsultācijas veids jau ir', en: 'The service already has a consultation type' });
    }
    return type;
  }

  listConsultationTypes(filter: { institutionId?: string; serviceCode?: string }): Promise<ConsultationType[]> {
    return this.repo.consultationTypes(filter);
  }

  // --- slots ---------------------------------------------------------------------------------

  private async typeFor(serviceCode: string): Promise<ConsultationType> {
    const [type] = await this.repo.consultationTypes({ serviceCode });
    if (!type) throw typeNotFound();
    return type;
  }

  private async centre(centreId: string): Promise<CentreView> {
    const centre = isUuid(centreId) ? await this.queries.execute(new GetCentreQuery(centreId)) : null;
    if (!centre) throw centreNotFound();
    return centre;
  }

  /** Both reads at once; when both fail, the consultation type's error wins (as when read one after the other). */
  private async typeAndCentre(serviceCode: string, centreId: string): Promise<[ConsultationType, CentreView]> {
    const [type, centre] = await Promise.allSettled([this.typeFor(serviceCode), this.centre(centreId)]);
    if (type.status === 'rejected') throw type.reason;
    if (centre.status === 'rejected') throw centre.reason;
    return [type.value, centre.value];
  }

  /** Everything findFreeSlots needs for a window, read now. */
  private async search(type: ConsultationType, centre: CentreView, from: Date, to: Date, options: { specialistIds?: string[]; boothIds?: string[]; limit?: number; ignoreBookings?: boolean; ignoreBoothBookings?: boolean } = {}): Promise<Slot[]> {
    const now = this.clock.now();
    let specialists = await this.repo.specialists({ institutionId: type.institutionId, serviceCode: type.serviceCode, activeOnly: true });
    if (options.specialistIds) specialists = specialists.filter((s) => options.specialistIds!.includes(s.id));
    let booths = centre.videoBooths.filter((b) => b.active);
    if (options.boothIds) booths = booths.filter((b) => options.boothIds!.includes(b.id));
    if (specialists.length === 0 || booths.length === 0 || !(from < to)) return [];

    // Independent reads, in parallel.
    const margin = (type.bufferBeforeMinutes + type.bufferAfterMinutes + type.durationMinutes) * 60_000 + DAY_MS;
    const [opening, schedules, blocking] = await Promise.all([
      this.queries.execute(new GetCentreOpeningRangesQuery(centre.id, localDate(from), localDate(new Date(to.getTime() - 1)))),
      this.repo.schedules(specialists.map((s) => s.id)),
      options.ignoreBookings
        ? Promise.resolve<BlockingGroups>({ specialists: new Map(), booths: new Map() })
        : this.repo.blocking(
            specialists.map((s) => s.id),
            booths.map((b) => b.id),
            { start: new Date(from.getTime() - margin), end: new Date(to.getTime() + margin) },
            now,
          ),
    ]);
    const centreOpening: TimeRange[] = opening.map((r) => ({ start: new Date(r.start), end: new Date(r.end) }));
    const availability = availabilityRangesFor(schedules, from, to, this.calendar);
    const agendas = agendasOf(
      blocking,
      specialists.map((s) => s.id),
      booths.map((b) => b.id),
      availability,
      { countPerDay: type.maxPerSpecialistPerDay !== null, ignoreBoothBookings: options.ignoreBoothBookings },
    );
    return findFreeSlots({
      consultationType: type,
      specialists: agendas.specialists,
      centreOpening,
      booths: agendas.booths,
      now,
      from,
      to,
      timeZone: RIGA,
      limit: options.limit,
    });
  }

  async slots(actor: Principal, query: { serviceCode: string; centreId: string; from: string; to: string }): Promise<{ consultationType: ConsultationType; slots: SlotView[] }> {
    this.assertCentreAccess(actor, query.centreId);
    const from = parseBound(query.from, 'from', false);
    const to = parseBound(query.to, 'to', true);
    if (!(from < to)) throw badRequest('to', '`to` must be after `from`');
    if (to.getTime() - from.getTime() > MAX_SEARCH_DAYS * DAY_MS + 2 * 3_600_000) throw badRequest('to', `At most ${MAX_SEARCH_DAYS} days at a time`);
    const [type, centre] = await this.typeAndCentre(query.serviceCode, query.centreId);
    const slots = await this.search(type, centre, from, to);
    return { consultationType: type, slots: slots.map(slotView) };
  }

  private async nextFreeSlots(type: ConsultationType, centre: CentreView, start: Date): Promise<Slot[]> {
    return this.search(type, centre, start, new Date(start.getTime() + 14 * DAY_MS), { limit: NEXT_FREE_SLOTS });
  }

  // --- holds and bookings --------------------------------------------------------------------

  /**
   * Picks the specialist and booth for a start and builds the held booking. Throws SLOT_TAKEN
   * (with the next free slots) when the time is already taken, BOOKING.INVALID when it is no slot at all.
   */
  private async prepare(
    actor: Principal,
    type: ConsultationType,
    centre: CentreView,
    start: Date,
    wanted: { specialistId: string; boothId?: string },
    citizen?: { name?: string; maskedCode?: string },
  ): Promise<Booking> {
    const now = this.clock.now();
    const end = new Date(start.getTime() + type.durationMinutes * 60_000);
    const specialistIds = wanted.specialistId === 'any' ? undefined : [wanted.specialistId];
    const boothIds = wanted.boothId ? [wanted.boothId] : undefined;
    if (specialistIds && !isUuid(specialistIds[0])) throw badRequest('specialistId', 'Give a specialist id or "any"');
    const [slot] = (await this.search(type, centre, start, end, { specialistIds, boothIds, limit: 1 })).filter((s) => s.start.getTime() === start.getTime());
    if (!slot) {
      const [possible] = (await this.search(type, centre, start, end, { specialistIds, boothIds, limit: 1, ignoreBookings: true })).filter((s) => s.start.getTime() === start.getTime());
      if (!possible) throw badRequest('start', 'No consultation can start at this time (opening hours, working time, grid, notice or horizon)', 'Šajā laikā konsultāciju sākt nevar');
      // The same search with the booths' bookings left out: if it finds the start, only the booth is taken.
      const specialistStillFree = (await this.search(type, centre, start, end, { specialistIds, boothIds, limit: 1, ignoreBoothBookings: true })).some((s) => s.start.getTime() === start.getTime());
      throw slotTakenError(specialistStillFree ? 'booth' : 'specialist', await this.nextFreeSlots(type, centre, start));
    }
    let specialistId = slot.specialistIds[0];
    if (wanted.specialistId === 'any' && slot.specialistIds.length > 1) {
      const monday = DateTime.fromJSDate(start, { zone: RIGA }).startOf('week');
      const views = await this.repo.loadViews(slot.specialistIds, { start: monday.minus({ days: 7 }).toJSDate(), end: monday.plus({ days: 7 }).toJSDate() });
      specialistId = chooseSpecialist(slot.specialistIds, specialistLoads(views, start, RIGA));
    }
    const specialist = await this.getSpecialist(specialistId);
    return Booking.hold({ consultationType: type, specialist, centreId: centre.id, boothId: slot.boothIds[0], start, createdBy: actor.subject, now, citizen });
  }

  /** Runs the write; a clash with the exclusion constraints becomes 409 SLOT_TAKEN with the next free slots. */
  private async write(type: ConsultationType, centre: CentreView, start: Date, work: () => Promise<void>, options: { retryOnDeadlock?: boolean } = {}): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        // Two inserts that clash on different constraints (one on the specialist, the other on the
        // booth) may wait for each other; PostgreSQL then aborts one (40P01): run it again.
        // Only for work that can simply run again (a hold; a reschedule changes its objects as it goes).
        if (options.retryOnDeadlock && isDeadlock(error) && attempt < 3) continue;
        const clash = bookingClashOf(error);
        if (!clash) throw error;
        throw slotTakenError(clash, await this.nextFreeSlots(type, centre, start));
      }
    }
  }

  private async insertHeld(booking: Booking, type: ConsultationType, beforeInsert?: (tx: Tx) => Promise<void>, afterInsert?: (tx: Tx) => Promise<void>): Promise<void> {
    const now = this.clock.now();
    await this.repo.transactional(async (tx) => {
      await beforeInsert?.(tx);
      await this.repo.releaseExpiredHolds(tx, booking, now);
      if (type.maxPerSpecialistPerDay !== null) {
        const date = localDate(booking.start);
        await this.repo.lockSpecialistDay(tx, booking.specialistId, date);
        const day = DateTime.fromISO(date, { zone: RIGA });
        const count = await this.repo.countActiveOnDay(tx, booking.specialistId, { start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() }, now);
        if (count >= type.maxPerSpecialistPerDay) throw slotTakenError('specialist', []);
      }
      await this.repo.insertBooking(tx, booking);
      await afterInsert?.(tx);
    });
  }

  async hold(actor: Principal, input: HoldInput): Promise<BookingView> {
    this.assertCentreAccess(actor, input.centreId);
    const start = parseBound(input.start, 'start', false);
    const [type, centre] = await this.typeAndCentre(input.serviceCode, input.centreId);
    if (input.boothId && !centre.videoBooths.some((b) => b.id === input.boothId && b.active)) throw badRequest('boothId', 'Not an active booth of the centre');
    const booking = await this.prepare(actor, type, centre, start, { specialistId: input.specialistId, boothId: input.boothId }, input.citizen);
    await this.write(type, centre, start, () =>
      this.insertHeld(booking, type, undefined, (tx) =>
        this.audit.record(actor, { action: 'scheduling.booking.held', resourceType: 'booking', resourceId: booking.id, details: { citizen: booking.citizen ? Object.keys(booking.citizen) : [] } }, tx),
      ),
      { retryOnDeadlock: true },
    );
    return toBookingView(booking);
  }

  /**
   * Applies a state change under the row lock; the audit entry and the integration event (if any)
   * commit with it, and the outbox is nudged after the commit.
   */
  private async change(actor: Principal, id: string, action: string, apply: (booking: Booking, now: Date) => IntegrationEvent | null): Promise<BookingView> {
    if (!isUuid(id)) throw bookingNotFound();
    const run = (): Promise<BookingView> =>
      this.repo.transactional(async (tx) => {
        const booking = await this.repo.booking(id, tx, true);
        if (!booking) throw bookingNotFound();
        this.assertBookingAccess(actor, booking);
        const from = booking.status;
        const event = apply(booking, this.clock.now());
        await this.repo.updateBooking(tx, booking);
        await this.audit.record(actor, { action: `scheduling.booking.${action}`, resourceType: 'booking', resourceId: booking.id, details: { from, to: booking.status } }, tx);
        if (event) this.outbox.stage(tx, event);
        return toBookingView(booking);
      });
    let view: BookingView;
    try {
      view = await run();
    } catch (error) {
      // A deadlock with a concurrent hold (PostgreSQL aborted this one): the change reloads the row, so it can run again.
      if (!isDeadlock(error)) throw error;
      view = await run();
    }
    this.outbox.nudge();
    return view;
  }

  confirm(actor: Principal, id: string): Promise<BookingView> {
    return this.change(actor, id, 'confirmed', (b, now) => {
      b.confirm(now);
      return confirmedEvent(b, now);
    });
  }

  /** `reasonCode` goes into the integration event; the free-text `reason` stays in the booking. */
  cancel(actor: Principal, id: string, reason: string, reasonCode: BookingCancelReason = 'other'): Promise<BookingView> {
    return this.change(actor, id, 'cancelled', (b, now) => {
      const previousStatus = b.status;
      b.cancel(reason, now);
      const payload: BookingCancelledPayload = { ...bookingRef(b), cancelledAt: now.toISOString(), reason: reasonCode, previousStatus };
      return integrationEvent(SCHEDULING_MODULE, BookingEvents.BookingCancelled, payload, b.id, now);
    });
  }

  noShow(actor: Principal, id: string): Promise<BookingView> {
    return this.change(actor, id, 'no_show', (b, now) => {
      b.markNoShow(now);
      const payload: BookingNoShowPayload = { ...bookingRef(b), markedAt: now.toISOString() };
      return integrationEvent(SCHEDULING_MODULE, BookingEvents.BookingNoShow, payload, b.id, now);
    });
  }

  /** A booking for its video session (GetBookedConsultationQuery); no access check: the caller checks. */
  async bookedConsultation(id: string): Promise<{ booking: Booking; specialistUserId: string } | null> {
    const booking = isUuid(id) ? await this.repo.booking(id) : null;
    if (!booking) return null;
    const specialist = await this.repo.specialist(booking.specialistId);
    return specialist ? { booking, specialistUserId: specialist.userId } : null;
  }

  async get(actor: Principal, id: string): Promise<BookingView> {
    const booking = isUuid(id) ? await this.repo.booking(id) : null;
    if (!booking) throw bookingNotFound();
    this.assertBookingAccess(actor, booking);
    if (booking.citizen) {
      await this.audit.record(actor, { action: 'scheduling.booking.personal-data.read', resourceType: 'booking', resourceId: booking.id, details: { fields: Object.keys(booking.citizen) } });
    }
    return toBookingView(booking);
  }

  /**
   * A specialist's bookings starting in [from, to) (`me`: the calling specialist). Administrators see
   * all; specialists only their own institution's specialists; clerks only bookings at their centres.
   * `from`/`to`: a local date (YYYY-MM-DD, `to` inclusive) or an ISO instant; default today in Riga.
   */
  async specialistBookings(actor: Principal, idOrMe: string, query: { from?: string; to?: string }): Promise<SpecialistBookingView[]> {
    let specialist: Specialist;
    if (idOrMe === 'me') {
      const own = hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId ? await this.repo.specialistOfUser(actor.subject, actor.institutionId) : null;
      if (!own) throw specialistNotFound();
      specialist = own;
    } else {
      specialist = await this.getSpecialist(idOrMe);
    }
    const from = query.from ? parseBound(query.from, 'from', false) : DateTime.fromJSDate(this.clock.now(), { zone: RIGA }).startOf('day').toJSDate();
    const to = query.to ? parseBound(query.to, 'to', true) : DateTime.fromJSDate(from, { zone: RIGA }).plus({ days: 1 }).toJSDate();
    if (!(from < to) || to.getTime() - from.getTime() > MAX_SEARCH_DAYS * DAY_MS) throw badRequest('to', `Give an end after the start, at most ${MAX_SEARCH_DAYS} days later`);
    let centreIds: string[] | null = null;
    if (!hasRole(actor, Role.NetworkAdmin) && !(hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId === specialist.institutionId)) {
      if (!hasRole(actor, Role.Clerk) || actor.centreIds.length === 0) this.assertManagesInstitution(actor, specialist.institutionId);
      centreIds = [...actor.centreIds];
    }
    const bookings = await this.repo.bookingsOfSpecialistBetween(specialist.id, from, to, centreIds);
    return bookings.map((b) => {
      const { citizen: _private, ...view } = toBookingView(b);
      return view;
    });
  }

  /** Moves a confirmed booking: a new confirmed booking linked both ways, in one transaction. */
  async reschedule(actor: Principal, id: string, input: { start: string; specialistId?: string; boothId?: string }): Promise<{ previous: BookingView; booking: BookingView }> {
    const old = isUuid(id) ? await this.repo.booking(id) : null;
    if (!old) throw bookingNotFound();
    this.assertBookingAccess(actor, old);
    const start = parseBound(input.start, 'start', false);
    const type = await this.repo.consultationType(old.consultationTypeId);
    if (!type) throw typeNotFound();
    const centre = await this.centre(old.centreId);
    // The old booking still blocks its time while the new one is chosen; a move by less than the
    // duration onto the same specialist or booth is refused as taken (then cancel and book anew).
    const fresh = await this.prepare(actor, type, centre, start, { specialistId: input.specialistId ?? old.specialistId, boothId: input.boothId }, old.citizen);
    let previous: Booking | null = null;
    await this.write(type, centre, start, () =>
      this.insertHeld(fresh, type, async (tx) => {
        const locked = await this.repo.booking(id, tx, true);
        if (!locked) throw bookingNotFound();
        const now = this.clock.now();
        fresh.confirm(now);
        locked.rescheduleTo(fresh, now);
        await this.repo.updateBooking(tx, locked);
        previous = locked;
        const payload: BookingRescheduledPayload = {
          ...bookingRef(locked),
          rescheduledAt: now.toISOString(),
          newBookingId: fresh.id,
          newStart: fresh.start.toISOString(),
          newEnd: fresh.end.toISOString(),
          newSpecialistId: fresh.specialistId,
          newBoothId: fresh.boothId,
        };
        this.outbox.stage(tx, integrationEvent(SCHEDULING_MODULE, BookingEvents.BookingRescheduled, payload, locked.id, now), confirmedEvent(fresh, now));
        await this.audit.record(actor, { action: 'scheduling.booking.rescheduled', resourceType: 'booking', resourceId: locked.id, details: { from: 'confirmed', to: 'rescheduled', newBookingId: fresh.id } }, tx);
      }),
    );
    this.outbox.nudge();
    if (!previous) throw calendarError('BOOKING.RESCHEDULE_MISMATCH');
    return { previous: toBookingView(previous), booking: toBookingView(fresh) };
  }
}

const isDeadlock = (error: unknown): boolean => {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 3; depth++) {
    if ((current as { code?: unknown }).code === '40P01') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
