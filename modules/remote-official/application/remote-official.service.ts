import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, integrationEvent, notFound, type IntegrationEvent } from '@modules/shared-kernel';
import { GetInstitutionQuery, GetServiceQuery } from '@modules/network';
import { BookingEvents, GetBookedConsultationQuery, type BookedConsultationView, type BookingCancelledIntegrationEvent, type BookingConfirmedIntegrationEvent, type BookingNoShowIntegrationEvent, type BookingRescheduledIntegrationEvent } from '@modules/scheduling';
import { IntegrationEventBus, type AfterCommit } from '@infrastructure/messaging/integration-event-bus';
import { AppConfig } from '@infrastructure/config/app-config';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { Outbox } from '@infrastructure/messaging/outbox';
import { hasRole, Role, type Principal } from '@infrastructure/auth/principal';
import {
  REMOTE_OFFICIAL_MODULE,
  RemoteEvents,
  type RemoteJoinView,
  type RemoteSessionAbandonedPayload,
  type RemoteSessionFailedPayload,
  type RemoteSessionRef,
  type RemoteSharedInfo,
  type SessionAbandonReason,
  type SessionFailureReason,
  type RemoteRequestStatus,
  type RemoteRequestView,
  type RemoteSessionAcceptedPayload,
  type RemoteSessionEndedPayload,
  type RemoteSessionRequestedPayload,
  type RemoteSessionStartedPayload,
  type RemoteSessionStatus,
  type RemoteSessionView,
} from '../contracts';
import {
  remoteAccessDenied,
  remoteBookingNotConfirmed,
  remoteBookingNotFound,
  remoteJoinWindowClosed,
  remoteLineEmpty,
  remoteRequestNotFound,
  remoteRequestTaken,
  remoteServiceNotOffered,
  remoteSessionNotActive,
  remoteSessionNotFound,
  videoGatewayUnavailable,
} from '../domain/remote-official-errors';
import {
  ABANDON_AFTER_MINUTES,
  estimateWaitSeconds,
  isActiveSession,
  isEndableSession,
  isFailableSession,
  isWithinJoinWindow,
  joinWindow,
  TERMINAL_SESSION_STATUSES,
  type SessionOutcome,
} from '../domain/remote-session-rules';
import { VideoGateway, type VideoParticipant } from '../domain/video-gateway.port';
import { RemoteBroadcaster } from './remote-broadcaster';
import { RemoteClock } from './remote-clock';

interface RequestRow {
  id: string;
  institution_id: string;
  institution_code: string;
  service_id: string;
  service_code: string;
  centre_id: string;
  booth_id: string | null;
  shared_note: string | null;
  requested_by: string;
  status: RemoteRequestStatus;
  ringing_by: string | null;
  ringing_until: Date | null;
  session_id: string | null;
  requested_at: Date;
  accepted_at: Date | null;
}

interface SessionRow {
  id: string;
  request_id: string | null;
  origin: 'on_demand' | 'booking';
  booking_id: string | null;
  scheduled_start: Date | null;
  scheduled_end: Date | null;
  shared_name: string | null;
  shared_masked_code: string | null;
  shared_note: string | null;
  institution_id: string;
  institution_code: string;
  service_code: string;
  centre_id: string;
  booth_id: string | null;
  clerk_subject: string;
  specialist_subject: string;
  status: RemoteSessionStatus;
  video_server: string | null;
  room: string | null;
  pin: string | null;
  room_secret: string | null;
  booth_token: string | null;
  specialist_token: string | null;
  accepted_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
  outcome: string | null;
  notes: string | null;
  failure_reason: string | null;
  interruptions: number;
}

type Side = 'booth' | 'specialist';
type BookingEvent = BookingConfirmedIntegrationEvent | BookingRescheduledIntegrationEvent | BookingCancelledIntegrationEvent | BookingNoShowIntegrationEvent;

export interface CreateRemoteRequest {
  institutionCode: string;
  serviceCode: string;
  centreId: string;
  boothId?: string;
  sharedNote?: string;
}

const DEFAULT_MEAN_SECONDS = 15 * 60;
const BOOKED_SESSIONS_CONSUMER = 'remote-official.booked-sessions';
const TERMINAL_SQL = TERMINAL_SESSION_STATUSES.map((s) => `'${s}'`).join(', ');

export interface CleanupResult {
  abandoned: number;
  roomsDestroyed: number;
  tokensRevoked: number;
  interrupted: number;
}
const ROOM_CHECK_INTERVAL_MS = 15_000;

/** Raw SQL answers carry timestamps as strings: make them Dates. */
function withDates<T>(row: T, keys: Array<keyof T>): T {
  const copy = { ...row };
  for (const key of keys) if (copy[key] !== null && copy[key] !== undefined) copy[key] = new Date(copy[key] as unknown as string) as T[keyof T];
  return copy;
}

/**
 * The on-demand line and the session lifecycle. Every change of an institution's line runs under a
 * per-institution advisory lock (so two specialists never take the same request), every session
 * change under a per-session lock; events are staged in the outbox in the same transaction, and the
 * socket.io namespace is told after the commit.
 */
@Injectable()
export class RemoteOfficialService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RemoteOfficialService.name);
  private timer: NodeJS.Timeout | undefined;
  private roomTimer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private checkingRooms = false;
  /** Tokens Janus knows that no session referred to at the last cleanup (revoked if still so at the next). */
  private suspectTokens = new Set<string>();

  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
    private readonly gateway: VideoGateway,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly broadcaster: RemoteBroadcaster,
    private readonly config: AppConfig,
    private readonly bus: IntegrationEventBus,
    private readonly clock: RemoteClock,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe(
      BOOKED_SESSIONS_CONSUMER,
      [BookingEvents.BookingConfirmed, BookingEvents.BookingRescheduled, BookingEvents.BookingCancelled, BookingEvents.BookingNoShow],
      (event, em, afterCommit) => this.onBookingEvent(event as BookingEvent, em as EntityManager, afterCommit),
    );
    const every = Math.min(5000, Math.max(250, (this.config.REMOTE_RING_TIMEOUT_SECONDS * 1000) / 4));
    this.timer = setInterval(() => void this.sweepRinging(), every);
    this.timer.unref();
    this.roomTimer = setInterval(() => void this.checkActiveRooms(), ROOM_CHECK_INTERVAL_MS);
    this.roomTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.roomTimer) clearInterval(this.roomTimer);
  }

  /** Periodic: sessions whose room vanished (Janus restarted) become `interrupted` and both sides are told. */
  async checkActiveRooms(): Promise<void> {
    if (this.checkingRooms) return;
    this.checkingRooms = true;
    try {
      const rows = await this.exec<{ id: string }>(this.em.fork(), `select id from remote_official.remote_session where status in ('room_ready', 'participants_joined', 'in_call') order by accepted_at limit 200`, []);
      for (const { id } of rows) {
        try {
          await this.checkRoom(id);
        } catch (error) {
          // Janus unreachable: nothing is known about the room; try again next time.
          if (!(error instanceof DomainError)) throw error;
        }
      }
    } catch (err) {
      this.logger.error({ err }, 'remote room check failed');
    } finally {
      this.checkingRooms = false;
    }
  }

  // ---------------------------------------------------------------- the line

  async createRequest(actor: Principal, input: CreateRemoteRequest): Promise<RemoteRequestView> {
    if (!hasRole(actor, Role.Clerk) || !actor.centreIds.includes(input.centreId)) throw remoteAccessDenied();
    const institution = await this.queries.execute(new GetInstitutionQuery(input.institutionCode));
    if (!institution) throw notFound('REMOTE.INSTITUTION_NOT_FOUND', 'Iestāde nav atrasta', 'Institution not found');
    const service = await this.queries.execute(new GetServiceQuery(input.serviceCode));
    if (!service || service.institutionId !== institution.id) throw notFound('REMOTE.SERVICE_NOT_FOUND', 'Pakalpojums nav atrasts', 'Service not found');
    if (service.channels === 'in_person') throw remoteServiceNotOffered();
    // Refuse at once when no video server answers: the clerk should not wait in a line nobody can serve.
    const health = await this.gateway.health();
    if (!health.up) throw videoGatewayUnavailable();
    const id = randomUUID();
    const now = new Date();
    await this.em.fork().transactional(async (em) => {
      await this.lockInstitution(em, institution.id);
      await this.exec(
        em,
        `insert into remote_official.remote_request (id, institution_id, institution_code, service_id, service_code, centre_id, booth_id, shared_note, requested_by, status, requested_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
        [id, institution.id, institution.code, service.id, service.code, input.centreId, input.boothId ?? null, input.sharedNote ?? null, actor.subject, now],
      );
      const payload: RemoteSessionRequestedPayload = { requestId: id, institutionCode: institution.code, serviceCode: service.code, centreId: input.centreId, requestedAt: now.toISOString() };
      this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionRequested, payload, id, now));
      await this.audit.record(actor, { action: 'remote.request.created', resourceType: 'remote_request', resourceId: id, details: { sharedNote: input.sharedNote !== undefined } }, em);
    });
    this.outbox.nudge();
    await this.publishLine(institution.id);
    return this.requestView(this.em.fork(), await this.loadRequest(this.em.fork(), id));
  }

  async getRequest(actor: Principal, id: string): Promise<RemoteRequestView> {
    const em = this.em.fork();
    const row = await this.loadRequest(em, id);
    this.assertRequestAccess(actor, row);
    if (hasRole(actor, Role.InstitutionSpecialist)) {
      await this.audit.record(actor, { action: 'remote.request.read', resourceType: 'remote_request', resourceId: id });
    }
    return this.requestView(em, row);
  }

  /** The waiting line of the specialist's institution (oldest first). */
  async listLine(actor: Principal): Promise<RemoteRequestView[]> {
    if (!hasRole(actor, Role.InstitutionSpecialist) || !actor.institutionId) throw remoteAccessDenied();
    const line = await this.line(this.em.fork(), actor.institutionId);
    await this.audit.record(actor, { action: 'remote.line.read', resourceType: 'remote_line', resourceId: actor.institutionId, details: { requests: line.length } });
    return line;
  }

  /** Offers the oldest waiting request to the specialist: it rings for REMOTE_RING_TIMEOUT_SECONDS. */
  async takeNext(actor: Principal): Promise<RemoteRequestView> {
    const institutionId = this.specialistInstitution(actor);
    const now = new Date();
    const until = new Date(now.getTime() + this.config.REMOTE_RING_TIMEOUT_SECONDS * 1000);
    const id = await this.em.fork().transactional(async (em) => {
      await this.lockInstitution(em, institutionId);
      await this.releaseExpired(em, institutionId, now);
      const [next] = await this.exec<RequestRow>(em, `select * from remote_official.remote_request where institution_id = ? and status = 'waiting' order by requested_at, id limit 1`, [institutionId]);
      if (!next) throw remoteLineEmpty();
      await this.exec(em, `update remote_official.remote_request set status = 'ringing', ringing_by = ?, ringing_until = ? where id = ?`, [actor.subject, until, next.id]);
      await this.audit.record(actor, { action: 'remote.request.offered', resourceType: 'remote_request', resourceId: next.id }, em);
      return next.id;
    });
    await this.publishLine(institutionId);
    const em = this.em.fork();
    const view = await this.requestView(em, await this.loadRequest(em, id));
    this.broadcaster.request(view);
    return view;
  }

  /**
   * Takes a request: a video room is created and the session starts in `room_ready`. A request ringing
   * for another specialist, or already taken, is refused (409). When Janus is unreachable nothing changes
   * (503 REMOTE.VIDEO_GATEWAY_UNAVAILABLE) and the request stays in the line.
   */
  async accept(actor: Principal, requestId: string): Promise<RemoteSessionView> {
    const institutionId = this.specialistInstitution(actor);
    const peek = await this.loadRequest(this.em.fork(), requestId);
    if (peek.institution_id !== institutionId) throw remoteAccessDenied();
    const sessionId = randomUUID();
    await this.em.fork().transactional(async (em) => {
      await this.lockInstitution(em, institutionId);
      const now = new Date();
      await this.releaseExpired(em, institutionId, now);
      const request = await this.loadRequest(em, requestId);
      if (request.status === 'ringing' && request.ringing_by !== actor.subject) throw remoteRequestTaken();
      if (request.status !== 'waiting' && request.status !== 'ringing') throw remoteRequestTaken();
      const room = await this.gateway.createRoom({ sessionId, description: `Konsultācija ${request.institution_code} ${request.service_code}` });
      await this.exec(
        em,
        `insert into remote_official.remote_session (id, request_id, institution_id, institution_code, service_code, centre_id, booth_id, clerk_subject, specialist_subject, status, video_server, room, pin, room_secret, accepted_at, interruptions)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'room_ready', ?, ?, ?, ?, ?, 0)`,
        [sessionId, request.id, request.institution_id, request.institution_code, request.service_code, request.centre_id, request.booth_id, request.requested_by, actor.subject, room.server, room.room, room.pin, room.secret, now],
      );
      await this.exec(em, `update remote_official.remote_request set status = 'accepted', session_id = ?, accepted_at = ?, ringing_by = null, ringing_until = null where id = ?`, [sessionId, now, request.id]);
      const payload: RemoteSessionAcceptedPayload = {
        requestId: request.id,
        sessionId,
        origin: 'on_demand',
        bookingId: null,
        institutionCode: request.institution_code,
        serviceCode: request.service_code,
        centreId: request.centre_id,
        requestedAt: request.requested_at.toISOString(),
        acceptedAt: now.toISOString(),
        waitSeconds: Math.round((now.getTime() - request.requested_at.getTime()) / 1000),
      };
      this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionAccepted, payload, sessionId, now));
      await this.audit.record(actor, { action: 'remote.request.accepted', resourceType: 'remote_session', resourceId: sessionId, details: { requestId } }, em);
    });
    this.outbox.nudge();
    await this.publishLine(institutionId);
    const em = this.em.fork();
    this.broadcaster.request(await this.requestView(em, await this.loadRequest(em, requestId)));
    const session = await this.loadSession(em, sessionId);
    this.publishSession(session);
    return this.sessionView(session, null);
  }

  // ---------------------------------------------------------------- sessions

  /** A fresh Janus token for the caller's side (the previous one of that side is revoked). */
  async join(actor: Principal, sessionId: string): Promise<RemoteJoinView> {
    const side = this.sideOf(actor, await this.loadSession(this.em.fork(), sessionId));
    let started = false;
    let opened = false;
    const result = await this.em.fork().transactional(async (em) => {
      await this.lockSession(em, sessionId);
      let s = await this.loadSession(em, sessionId);
      if (s.origin === 'booking' && !s.started_at && s.scheduled_start && s.scheduled_end) {
        const window = joinWindow(s.scheduled_start, s.scheduled_end);
        if ((s.status === 'scheduled' || s.status === 'room_ready') && !isWithinJoinWindow(window, this.clock.now())) throw remoteJoinWindowClosed(window.opensAt, window.closesAt);
      }
      if (s.status === 'scheduled') {
        // Booked sessions get their room when the first participant joins (inside the join window).
        const room = await this.gateway.createRoom({ sessionId, description: `Konsultācija ${s.institution_code} ${s.service_code}` });
        await this.exec(em, `update remote_official.remote_session set status = 'room_ready', video_server = ?, room = ?, pin = ?, room_secret = ? where id = ?`, [room.server, room.room, room.pin, room.secret, sessionId]);
        s = await this.loadSession(em, sessionId);
        opened = true;
      }
      if (!isActiveSession(s.status) || !s.video_server || !s.room) throw remoteSessionNotActive(s.status);
      const previous = side === 'booth' ? s.booth_token : s.specialist_token;
      if (previous) await this.gateway.revokeToken(s.video_server, previous);
      const issued = await this.gateway.issueToken(s.video_server, Number(s.room), side);
      const column = side === 'booth' ? 'booth_token' : 'specialist_token';
      await this.exec(em, `update remote_official.remote_session set ${column} = ? where id = ?`, [issued.token, sessionId]);
      const other = side === 'booth' ? s.specialist_token : s.booth_token;
      if (s.status === 'room_ready' && other) {
        const now = new Date();
        started = true;
        await this.exec(em, `update remote_official.remote_session set status = 'participants_joined', started_at = coalesce(started_at, ?) where id = ?`, [now, sessionId]);
        if (!s.started_at) {
          const payload: RemoteSessionStartedPayload = {
            ...this.sessionRef(s),
            startedAt: now.toISOString(),
            delaySeconds: s.scheduled_start ? Math.round((now.getTime() - s.scheduled_start.getTime()) / 1000) : null,
          };
          this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionStarted, payload, sessionId, now));
        }
      }
      await this.audit.record(actor, { action: 'remote.session.joined', resourceType: 'remote_session', resourceId: sessionId, details: { side } }, em);
      return { janusUrl: issued.janusUrl, token: issued.token, room: Number(s.room), pin: s.pin! };
    });
    if (started || opened) {
      if (started) this.outbox.nudge();
      this.publishSession(await this.loadSession(this.em.fork(), sessionId));
    }
    return result;
  }

  async getSession(actor: Principal, sessionId: string): Promise<RemoteSessionView> {
    const em = this.em.fork();
    let s = await this.loadSession(em, sessionId);
    this.assertSessionAccess(actor, s);
    let participants: VideoParticipant[] | null = null;
    if (isActiveSession(s.status) && s.video_server && s.room) {
      try {
        participants = await this.gateway.listParticipants(s.video_server, Number(s.room));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        participants = null;
      }
      if (participants && s.status === 'participants_joined' && participants.filter((p) => p.publisher).length >= 2) {
        await this.exec(em, `update remote_official.remote_session set status = 'in_call' where id = ? and status = 'participants_joined'`, [sessionId]);
        s = await this.loadSession(em, sessionId);
      }
    }
    await this.audit.record(actor, { action: 'remote.session.read', resourceType: 'remote_session', resourceId: sessionId });
    const shared = this.sharedOf(s);
    if (shared) {
      // What the clerk shared may identify the visitor: every read of it is on record.
      await this.audit.record(actor, { action: 'remote.session.personal-data.read', resourceType: 'remote_session', resourceId: sessionId, purpose: 'remote-consultation', details: { fields: Object.keys(shared) } });
    }
    return this.sessionView(s, participants, shared);
  }

  /** Ends the consultation: both tokens revoked, the room destroyed, outcome and notes kept. */
  async end(actor: Principal, sessionId: string, outcome: SessionOutcome, notes: string | undefined): Promise<RemoteSessionView> {
    const side = this.sideOf(actor, await this.loadSession(this.em.fork(), sessionId));
    await this.em.fork().transactional(async (em) => {
      await this.lockSession(em, sessionId);
      const s = await this.loadSession(em, sessionId);
      if (!isEndableSession(s.status)) throw remoteSessionNotActive(s.status);
      const released = await this.releaseVideo(s);
      const now = new Date();
      await this.exec(em, `update remote_official.remote_session set status = 'ended', ended_at = ?, outcome = ?, notes = ? where id = ?`, [now, outcome, side === 'specialist' ? (notes ?? null) : s.notes, sessionId]);
      await this.forgetVideo(em, sessionId, released);
      const payload: RemoteSessionEndedPayload = {
        ...this.sessionRef(s),
        acceptedAt: s.accepted_at.toISOString(),
        startedAt: s.started_at?.toISOString() ?? null,
        endedAt: now.toISOString(),
        durationSeconds: Math.round((now.getTime() - s.accepted_at.getTime()) / 1000),
        callSeconds: s.started_at ? Math.round((now.getTime() - s.started_at.getTime()) / 1000) : null,
        outcome,
        interruptions: s.interruptions,
      };
      this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionEnded, payload, sessionId, now));
      await this.audit.record(actor, { action: 'remote.session.ended', resourceType: 'remote_session', resourceId: sessionId, details: { side, outcome } }, em);
    });
    this.outbox.nudge();
    const s = await this.loadSession(this.em.fork(), sessionId);
    this.publishSession(s);
    return this.sessionView(s, null);
  }

  /** Checks the room still exists (it is lost when its Janus restarts): if not, the session is `interrupted`. */
  async check(actor: Principal, sessionId: string): Promise<RemoteSessionView> {
    this.sideOf(actor, await this.loadSession(this.em.fork(), sessionId));
    return this.checkRoom(sessionId);
  }

  /** A new room for an interrupted session; both sides then join again for new tokens. */
  async reopen(actor: Principal, sessionId: string): Promise<RemoteSessionView> {
    this.sideOf(actor, await this.loadSession(this.em.fork(), sessionId));
    await this.em.fork().transactional(async (em) => {
      await this.lockSession(em, sessionId);
      const s = await this.loadSession(em, sessionId);
      if (s.status !== 'interrupted') throw remoteSessionNotActive(s.status);
      const room = await this.gateway.createRoom({ sessionId, description: `Konsultācija ${s.institution_code} ${s.service_code}` });
      await this.exec(
        em,
        `update remote_official.remote_session set status = 'room_ready', video_server = ?, room = ?, pin = ?, room_secret = ?, booth_token = null, specialist_token = null where id = ?`,
        [room.server, room.room, room.pin, room.secret, sessionId],
      );
      await this.audit.record(actor, { action: 'remote.session.reopened', resourceType: 'remote_session', resourceId: sessionId }, em);
    });
    const s = await this.loadSession(this.em.fork(), sessionId);
    this.publishSession(s);
    return this.sessionView(s, null);
  }

  async checkRoom(sessionId: string): Promise<RemoteSessionView> {
    let changed = false;
    await this.em.fork().transactional(async (em) => {
      await this.lockSession(em, sessionId);
      const s = await this.loadSession(em, sessionId);
      if (!isActiveSession(s.status) || !s.video_server || !s.room) return;
      if (await this.gateway.roomExists(s.video_server, Number(s.room))) return;
      // The tokens died with the room's Janus (it keeps them in memory); forget them.
      await this.exec(em, `update remote_official.remote_session set status = 'interrupted', interruptions = interruptions + 1, booth_token = null, specialist_token = null where id = ?`, [sessionId]);
      changed = true;
    });
    const s = await this.loadSession(this.em.fork(), sessionId);
    if (changed) {
      this.logger.warn({ sessionId }, 'remote session interrupted: its video room is gone');
      this.publishSession(s);
    }
    return this.sessionView(s, null);
  }

  /** Ringing requests nobody answered go back to the line (periodic). */
  async sweepRinging(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const em = this.em.fork();
      const due = await this.exec<{ institution_id: string }>(em, `select distinct institution_id from remote_official.remote_request where status = 'ringing' and ringing_until <= now()`, []);
      for (const { institution_id: institutionId } of due) {
        const released = await this.em.fork().transactional(async (tx) => {
          await this.lockInstitution(tx, institutionId);
          return this.releaseExpired(tx, institutionId, new Date());
        });
        if (released.length > 0) {
          await this.publishLine(institutionId);
          const fresh = this.em.fork();
          for (const id of released) this.broadcaster.request(await this.requestView(fresh, await this.loadRequest(fresh, id)));
        }
      }
    } catch (err) {
      this.logger.error({ err }, 'remote line sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  // ---------------------------------------------------------------- failure and abandonment

  /** Either side declares the call failed (media, connection, …): the room goes, the reason stays. */
  async fail(actor: Principal, sessionId: string, reason: SessionFailureReason): Promise<RemoteSessionView> {
    const side = this.sideOf(actor, await this.loadSession(this.em.fork(), sessionId));
    await this.em.fork().transactional(async (em) => {
      await this.lockSession(em, sessionId);
      const s = await this.loadSession(em, sessionId);
      if (!isFailableSession(s.status)) throw remoteSessionNotActive(s.status);
      await this.markFailed(em, s, reason, new Date());
      await this.audit.record(actor, { action: 'remote.session.failed', resourceType: 'remote_session', resourceId: sessionId, details: { side, reason } }, em);
    });
    this.outbox.nudge();
    const s = await this.loadSession(this.em.fork(), sessionId);
    this.publishSession(s);
    return this.sessionView(s, null);
  }

  private async markFailed(em: EntityManager, s: SessionRow, reason: SessionFailureReason, now: Date): Promise<void> {
    const released = await this.releaseVideo(s);
    await this.exec(em, `update remote_official.remote_session set status = 'failed', failure_reason = ?, ended_at = ? where id = ?`, [reason, now, s.id]);
    await this.forgetVideo(em, s.id, released);
    const payload: RemoteSessionFailedPayload = { ...this.sessionRef(s), failedAt: now.toISOString(), reason, startedAt: s.started_at?.toISOString() ?? null, interruptions: s.interruptions };
    this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionFailed, payload, s.id, now));
  }

  /** The clerk gives up an on-demand request that nobody has accepted yet (the visitor left). */
  async withdraw(actor: Principal, requestId: string): Promise<RemoteRequestView> {
    const peek = await this.loadRequest(this.em.fork(), requestId);
    if (!hasRole(actor, Role.Clerk) || !actor.centreIds.includes(peek.centre_id)) throw remoteAccessDenied();
    await this.em.fork().transactional(async (em) => {
      await this.lockInstitution(em, peek.institution_id);
      const request = await this.loadRequest(em, requestId);
      if (request.status !== 'waiting' && request.status !== 'ringing') throw remoteSessionNotActive(request.status);
      const now = new Date();
      await this.exec(em, `update remote_official.remote_request set status = 'abandoned', ringing_by = null, ringing_until = null where id = ?`, [requestId]);
      const payload: RemoteSessionAbandonedPayload = {
        requestId,
        sessionId: null,
        origin: 'on_demand',
        bookingId: null,
        institutionCode: request.institution_code,
        serviceCode: request.service_code,
        centreId: request.centre_id,
        abandonedAt: now.toISOString(),
        reason: 'request_withdrawn',
        waitSeconds: Math.round((now.getTime() - request.requested_at.getTime()) / 1000),
      };
      this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionAbandoned, payload, requestId, now));
      await this.audit.record(actor, { action: 'remote.request.withdrawn', resourceType: 'remote_request', resourceId: requestId }, em);
    });
    this.outbox.nudge();
    await this.publishLine(peek.institution_id);
    const view = await this.requestView(this.em.fork(), await this.loadRequest(this.em.fork(), requestId));
    this.broadcaster.request(view);
    return view;
  }

  /** A session nobody joined (or a no-show): the room goes; false when it was joined or is over meanwhile. */
  private async abandonInTx(em: EntityManager, sessionId: string, reason: SessionAbandonReason, now: Date): Promise<boolean> {
    await this.lockSession(em, sessionId);
    const s = await this.loadSession(em, sessionId);
    if (s.started_at || (s.status !== 'scheduled' && s.status !== 'room_ready')) return false;
    const released = await this.releaseVideo(s);
    await this.exec(em, `update remote_official.remote_session set status = 'abandoned', failure_reason = ?, ended_at = ? where id = ?`, [reason, now, sessionId]);
    await this.forgetVideo(em, sessionId, released);
    const from = s.scheduled_start ?? s.accepted_at;
    const payload: RemoteSessionAbandonedPayload = { ...this.sessionRef(s), abandonedAt: now.toISOString(), reason, waitSeconds: Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000)) };
    this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionAbandoned, payload, sessionId, now));
    return true;
  }

  // ---------------------------------------------------------------- booked sessions

  /**
   * The video session of a confirmed booking. Sessions are created when the booking is confirmed
   * (BookingConfirmed, delivered through the outbox); this also creates it on the spot if that has
   * not happened yet, so a console never waits for the event. A clerk of the centre may add a note
   * for the specialist; the specialist sees only the note and what the clerk entered when booking.
   */
  async openBooked(actor: Principal, bookingId: string, sharedNote?: string): Promise<RemoteSessionView> {
    const booking = await this.queries.execute(new GetBookedConsultationQuery(bookingId));
    if (!booking) throw remoteBookingNotFound();
    const clerk = hasRole(actor, Role.Clerk) && actor.centreIds.includes(booking.centreId);
    const specialist = hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId === booking.institutionId && actor.subject === booking.specialistUserId;
    if (!clerk && !specialist) throw remoteAccessDenied();
    if (booking.status !== 'confirmed') throw remoteBookingNotConfirmed(booking.status, booking.rescheduledToId);
    const changed: string[] = [];
    const sessionId = await this.em.fork().transactional(async (em) => {
      const id = await this.ensureBookedSession(em, booking, changed);
      if (sharedNote !== undefined && clerk) {
        await this.exec(em, `update remote_official.remote_session set shared_note = ? where id = ?`, [sharedNote.trim() || null, id]);
        await this.audit.record(actor, { action: 'remote.session.shared', resourceType: 'remote_session', resourceId: id, details: { fields: ['note'] } }, em);
      }
      return id;
    });
    for (const id of changed) this.publishSession(await this.loadSession(this.em.fork(), id));
    return this.getSession(actor, sessionId);
  }

  /** Booked sessions of the caller (the specialist's own, or the clerk's centres') starting in [from, to). */
  async listBooked(actor: Principal, from: Date, to: Date): Promise<RemoteSessionView[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId) {
      clauses.push('(institution_id = ? and specialist_subject = ?)');
      params.push(actor.institutionId, actor.subject);
    }
    if (hasRole(actor, Role.Clerk) && actor.centreIds.length > 0) {
      clauses.push('centre_id = any(?::uuid[])');
      params.push(`{${actor.centreIds.join(',')}}`);
    }
    if (clauses.length === 0) throw remoteAccessDenied();
    const rows = await this.exec<SessionRow>(
      this.em.fork(),
      `select * from remote_official.remote_session where origin = 'booking' and scheduled_start >= ? and scheduled_start < ? and (${clauses.join(' or ')}) order by scheduled_start, id limit 500`,
      [from, to, ...params],
    );
    return rows.map((row) => this.sessionView(withDates(row, ['accepted_at', 'started_at', 'ended_at', 'scheduled_start', 'scheduled_end']), null));
  }

  /**
   * Creates (or finds) the session of a confirmed booking. A booking that replaces a rescheduled one
   * takes over that booking's session if it has not started: same session id, new time, no room
   * until the new join window. Ids of changed sessions are pushed to `changed`.
   */
  private async ensureBookedSession(em: EntityManager, booking: BookedConsultationView, changed: string[]): Promise<string> {
    await this.exec(em, `select pg_advisory_xact_lock(hashtextextended('remote-booked-sessions', 0))`, []);
    const [existing] = await this.exec<{ id: string }>(em, 'select id from remote_official.remote_session where booking_id = ?', [booking.bookingId]);
    if (existing) return existing.id;
    if (booking.rescheduledFromId) {
      const [old] = await this.exec<SessionRow>(em, 'select * from remote_official.remote_session where booking_id = ?', [booking.rescheduledFromId]);
      if (old && !old.started_at && (old.status === 'scheduled' || old.status === 'room_ready')) {
        await this.lockSession(em, old.id);
        const released = await this.releaseVideo(withDates(old, ['accepted_at', 'started_at', 'ended_at', 'scheduled_start', 'scheduled_end']));
        await this.exec(
          em,
          `update remote_official.remote_session set booking_id = ?, scheduled_start = ?, scheduled_end = ?, specialist_subject = ?, centre_id = ?, booth_id = ?, status = 'scheduled', video_server = null, room = null where id = ?`,
          [booking.bookingId, booking.start, booking.end, booking.specialistUserId, booking.centreId, booking.boothId, old.id],
        );
        await this.forgetVideo(em, old.id, released);
        changed.push(old.id);
        return old.id;
      }
    }
    const institution = await this.queries.execute(new GetInstitutionQuery(booking.institutionId));
    if (!institution) throw notFound('REMOTE.INSTITUTION_NOT_FOUND', 'Iestāde nav atrasta', 'Institution not found');
    const id = randomUUID();
    await this.exec(
      em,
      `insert into remote_official.remote_session (id, request_id, origin, booking_id, institution_id, institution_code, service_code, centre_id, booth_id, clerk_subject, specialist_subject, status,
         accepted_at, scheduled_start, scheduled_end, shared_name, shared_masked_code, interruptions)
       values (?, null, 'booking', ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, 0)`,
      [id, booking.bookingId, booking.institutionId, institution.code, booking.serviceCode, booking.centreId, booking.boothId, booking.createdBy, booking.specialistUserId, new Date(), booking.start, booking.end, booking.shared.name ?? null, booking.shared.maskedCode ?? null],
    );
    changed.push(id);
    return id;
  }

  /** Scheduling's booking events, applied to the booking's session (exactly once, in the bus's transaction). */
  private async onBookingEvent(event: BookingEvent, em: EntityManager, afterCommit: AfterCommit): Promise<void> {
    const changed: string[] = [];
    let staged = false;
    if (event.type === BookingEvents.BookingConfirmed || event.type === BookingEvents.BookingRescheduled) {
      const bookingId = event.type === BookingEvents.BookingConfirmed ? event.payload.bookingId : event.payload.newBookingId;
      const booking = await this.queries.execute(new GetBookedConsultationQuery(bookingId));
      // Cancelled (or moved again) since: its own event deals with it.
      if (booking && booking.status === 'confirmed') await this.ensureBookedSession(em, booking, changed);
    } else {
      const [s] = await this.exec<{ id: string; status: string }>(em, 'select id, status from remote_official.remote_session where booking_id = ?', [event.payload.bookingId]);
      if (s && event.type === BookingEvents.BookingCancelled) {
        await this.lockSession(em, s.id);
        const row = await this.loadSession(em, s.id);
        if (!row.started_at && (row.status === 'scheduled' || row.status === 'room_ready')) {
          const released = await this.releaseVideo(row);
          await this.exec(em, `update remote_official.remote_session set status = 'cancelled', failure_reason = 'booking_cancelled', ended_at = ? where id = ?`, [new Date(), s.id]);
          await this.forgetVideo(em, s.id, released);
          changed.push(s.id);
        }
      } else if (s && event.type === BookingEvents.BookingNoShow) {
        if (await this.abandonInTx(em, s.id, 'no_show', new Date())) {
          changed.push(s.id);
          staged = true;
        }
      }
    }
    if (changed.length > 0 || staged) {
      afterCommit(async () => {
        if (staged) this.outbox.nudge();
        for (const id of changed) this.publishSession(await this.loadSession(this.em.fork(), id));
      });
    }
  }

  // ---------------------------------------------------------------- cleanup (RemoteCleanupJob)

  /**
   * The periodic clean-up: abandons sessions nobody joined in time, destroys rooms and revokes tokens
   * that ended sessions still hold (Janus was unreachable when they ended), revokes tokens Janus knows
   * that no live session refers to (seen at two runs in a row, so a join in flight is not hit), and
   * marks sessions whose room vanished as interrupted.
   */
  async cleanup(now: Date = this.clock.now()): Promise<CleanupResult> {
    const result: CleanupResult = { abandoned: 0, roomsDestroyed: 0, tokensRevoked: 0, interrupted: 0 };
    const em = this.em.fork();

    const cutoff = new Date(now.getTime() - ABANDON_AFTER_MINUTES * 60_000);
    const idle = await this.exec<{ id: string }>(
      em,
      `select id from remote_official.remote_session where status in ('scheduled', 'room_ready') and started_at is null and coalesce(scheduled_start, accepted_at) <= ? order by accepted_at limit 200`,
      [cutoff],
    );
    for (const { id } of idle) {
      const done = await this.em.fork().transactional((tx) => this.abandonInTx(tx, id, 'nobody_joined', now));
      if (done) {
        result.abandoned++;
        this.publishSession(await this.loadSession(this.em.fork(), id));
      }
    }
    if (result.abandoned > 0) this.outbox.nudge();

    const leftovers = await this.exec<SessionRow>(
      em,
      `select * from remote_official.remote_session where status in (${TERMINAL_SQL}) and video_server is not null and (room_secret is not null or booth_token is not null or specialist_token is not null) limit 200`,
      [],
    );
    for (const row of leftovers) {
      const released = await this.releaseVideo(row);
      if (!released) continue;
      await this.em.fork().transactional(async (tx) => {
        await this.lockSession(tx, row.id);
        await this.forgetVideo(tx, row.id, true);
      });
      if (row.room_secret) result.roomsDestroyed++;
      result.tokensRevoked += [row.booth_token, row.specialist_token].filter(Boolean).length;
    }

    const health = await this.gateway.health();
    const live = new Set(
      (await this.exec<{ t: string }>(em, `select unnest(array[booth_token, specialist_token]) as t from remote_official.remote_session where status in ('room_ready', 'participants_joined', 'in_call')`, [])).map((r) => r.t).filter(Boolean),
    );
    const suspects = new Set<string>();
    for (const { server, up } of health.servers) {
      if (!up) continue;
      try {
        for (const token of await this.gateway.listTokens(server)) {
          if (live.has(token)) continue;
          if (this.suspectTokens.has(`${server} ${token}`)) {
            await this.gateway.revokeToken(server, token);
            result.tokensRevoked++;
          } else suspects.add(`${server} ${token}`);
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    this.suspectTokens = suspects;

    const active = await this.exec<{ id: string }>(em, `select id from remote_official.remote_session where status in ('room_ready', 'participants_joined', 'in_call') order by accepted_at limit 200`, []);
    for (const { id } of active) {
      try {
        if ((await this.checkRoom(id)).status === 'interrupted') result.interrupted++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    if (Object.values(result).some((n) => n > 0)) this.logger.log({ ...result }, 'remote sessions cleaned up');
    return result;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Revokes the tokens and destroys the room. False when Janus could not be reached: the room's
   * secret and the tokens are then kept so the cleanup job can finish the work later.
   */
  private async releaseVideo(s: SessionRow): Promise<boolean> {
    if (!s.video_server) return true;
    const server = s.video_server;
    const tokens = [s.booth_token, s.specialist_token].filter((t): t is string => !!t);
    try {
      for (const token of tokens) await this.gateway.revokeToken(server, token);
      if (s.room && s.room_secret) await this.gateway.destroyRoom(server, Number(s.room), s.room_secret);
      return true;
    } catch (error) {
      // Ending must not depend on Janus: a room lost in a restart took its tokens with it.
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ sessionId: s.id, code: error.code }, 'could not release the video room');
      return false;
    }
  }

  /** After a release: the pin goes at once; the secret and tokens only once Janus let them go. */
  private async forgetVideo(em: EntityManager, sessionId: string, released: boolean): Promise<void> {
    await this.exec(
      em,
      released
        ? `update remote_official.remote_session set pin = null, room_secret = null, booth_token = null, specialist_token = null where id = ?`
        : `update remote_official.remote_session set pin = null where id = ?`,
      [sessionId],
    );
  }

  private async releaseExpired(em: EntityManager, institutionId: string, now: Date): Promise<string[]> {
    const rows = await this.exec<{ id: string }>(
      em,
      `update remote_official.remote_request set status = 'waiting', ringing_by = null, ringing_until = null where institution_id = ? and status = 'ringing' and ringing_until <= ? returning id`,
      [institutionId, now],
    );
    return rows.map((r) => r.id);
  }

  private specialistInstitution(actor: Principal): string {
    if (!hasRole(actor, Role.InstitutionSpecialist) || !actor.institutionId) throw remoteAccessDenied();
    return actor.institutionId;
  }

  private assertRequestAccess(actor: Principal, row: RequestRow): void {
    const clerk = hasRole(actor, Role.Clerk) && actor.centreIds.includes(row.centre_id);
    const specialist = hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId === row.institution_id;
    if (!clerk && !specialist) throw remoteAccessDenied();
  }

  private assertSessionAccess(actor: Principal, s: SessionRow): void {
    const clerk = hasRole(actor, Role.Clerk) && actor.centreIds.includes(s.centre_id);
    const specialist = hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId === s.institution_id;
    if (!clerk && !specialist) throw remoteAccessDenied();
  }

  /** Only the session's centre (the booth) and the accepting specialist take part. */
  private sideOf(actor: Principal, s: SessionRow): Side {
    if (hasRole(actor, Role.InstitutionSpecialist) && actor.institutionId === s.institution_id && actor.subject === s.specialist_subject) return 'specialist';
    if (hasRole(actor, Role.Clerk) && actor.centreIds.includes(s.centre_id)) return 'booth';
    throw remoteAccessDenied();
  }

  private async line(em: EntityManager, institutionId: string): Promise<RemoteRequestView[]> {
    const rows = await this.exec<RequestRow>(em, `select * from remote_official.remote_request where institution_id = ? and status in ('waiting', 'ringing') order by requested_at, id`, [institutionId]);
    const mean = await this.meanSeconds(em, institutionId);
    const running = await this.runningSessions(em, institutionId);
    let position = 0;
    return rows.map((row) => {
      if (row.status === 'waiting') position++;
      return this.toRequestView(row, row.status === 'waiting' ? position : null, mean, running);
    });
  }

  private async requestView(em: EntityManager, row: RequestRow): Promise<RemoteRequestView> {
    if (row.status !== 'waiting') return this.toRequestView(row, null, 0, 0);
    const line = await this.line(em, row.institution_id);
    return line.find((r) => r.id === row.id) ?? this.toRequestView(row, null, 0, 0);
  }

  private toRequestView(row: RequestRow, position: number | null, mean: number, running: number): RemoteRequestView {
    return {
      id: row.id,
      institutionCode: row.institution_code,
      serviceCode: row.service_code,
      centreId: row.centre_id,
      boothId: row.booth_id,
      sharedNote: row.shared_note,
      status: row.status,
      requestedAt: new Date(row.requested_at).toISOString(),
      ringingUntil: row.ringing_until ? new Date(row.ringing_until).toISOString() : null,
      sessionId: row.session_id,
      position,
      estimateSeconds: position === null ? null : estimateWaitSeconds(position, mean, running),
    };
  }

  /** Only the fields the clerk shared; null when nothing was. */
  private sharedOf(s: SessionRow): RemoteSharedInfo | null {
    const shared: RemoteSharedInfo = {
      ...(s.shared_name && { name: s.shared_name }),
      ...(s.shared_masked_code && { maskedCode: s.shared_masked_code }),
      ...(s.shared_note && { note: s.shared_note }),
    };
    return Object.keys(shared).length > 0 ? shared : null;
  }

  private sessionRef(s: SessionRow): RemoteSessionRef {
    return { requestId: s.request_id, sessionId: s.id, origin: s.origin, bookingId: s.booking_id, institutionCode: s.institution_code, serviceCode: s.service_code, centreId: s.centre_id };
  }

  /** `shared` is filled only by getSession (which audits the read). */
  private sessionView(s: SessionRow, participants: VideoParticipant[] | null, shared: RemoteSharedInfo | null = null): RemoteSessionView {
    const window = s.scheduled_start && s.scheduled_end ? joinWindow(new Date(s.scheduled_start), new Date(s.scheduled_end)) : null;
    return {
      id: s.id,
      requestId: s.request_id,
      origin: s.origin,
      bookingId: s.booking_id,
      scheduledStart: s.scheduled_start ? new Date(s.scheduled_start).toISOString() : null,
      scheduledEnd: s.scheduled_end ? new Date(s.scheduled_end).toISOString() : null,
      joinOpensAt: window ? window.opensAt.toISOString() : null,
      shared,
      institutionCode: s.institution_code,
      serviceCode: s.service_code,
      centreId: s.centre_id,
      boothId: s.booth_id,
      status: s.status,
      acceptedAt: new Date(s.accepted_at).toISOString(),
      startedAt: s.started_at ? new Date(s.started_at).toISOString() : null,
      endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
      durationSeconds: s.ended_at ? Math.round((new Date(s.ended_at).getTime() - new Date(s.accepted_at).getTime()) / 1000) : null,
      outcome: s.outcome,
      notes: s.notes,
      failureReason: s.failure_reason,
      interruptions: s.interruptions,
      participants: participants ? participants.map((p) => ({ id: p.id, display: p.display, publisher: p.publisher })) : null,
    };
  }

  private async meanSeconds(em: EntityManager, institutionId: string): Promise<number> {
    const [row] = await this.exec<{ mean: string | null }>(
      em,
      `select avg(extract(epoch from ended_at - accepted_at)) as mean from (select ended_at, accepted_at from remote_official.remote_session where institution_id = ? and status = 'ended' order by ended_at desc limit 20) recent`,
      [institutionId],
    );
    return row?.mean ? Math.max(60, Number(row.mean)) : DEFAULT_MEAN_SECONDS;
  }

  private async runningSessions(em: EntityManager, institutionId: string): Promise<number> {
    const [row] = await this.exec<{ n: string }>(em, `select count(*) as n from remote_official.remote_session where institution_id = ? and status in ('room_ready', 'participants_joined', 'in_call', 'interrupted')`, [institutionId]);
    return Number(row?.n ?? 0);
  }

  private async publishLine(institutionId: string): Promise<void> {
    try {
      const em = this.em.fork();
      const line = await this.line(em, institutionId);
      const [inst] = await this.exec<{ institution_code: string }>(em, 'select institution_code from remote_official.remote_request where institution_id = ? limit 1', [institutionId]);
      this.broadcaster.line(institutionId, inst?.institution_code ?? '', line);
      for (const view of line) if (view.status === 'waiting') this.broadcaster.request(view);
    } catch (err) {
      this.logger.error({ err }, 'remote line broadcast failed');
    }
  }

  private publishSession(s: SessionRow): void {
    this.broadcaster.session({
      id: s.id,
      requestId: s.request_id,
      bookingId: s.booking_id,
      reason: s.status === 'failed' || s.status === 'abandoned' || s.status === 'cancelled' ? s.failure_reason : null,
      status: s.status,
      centreId: s.centre_id,
      institutionId: s.institution_id,
      institutionCode: s.institution_code,
      specialistSubject: s.specialist_subject,
    });
  }

  private stage(em: EntityManager, event: IntegrationEvent): void {
    this.outbox.stage(em, event);
  }

  private async loadRequest(em: EntityManager, id: string): Promise<RequestRow> {
    const [row] = await this.exec<RequestRow>(em, 'select * from remote_official.remote_request where id = ?', [id]);
    if (!row) throw remoteRequestNotFound();
    return withDates(row, ['requested_at', 'ringing_until', 'accepted_at']);
  }

  private async loadSession(em: EntityManager, id: string): Promise<SessionRow> {
    const [row] = await this.exec<SessionRow>(em, 'select * from remote_official.remote_session where id = ?', [id]);
    if (!row) throw remoteSessionNotFound();
    return withDates(row, ['accepted_at', 'started_at', 'ended_at', 'scheduled_start', 'scheduled_end']);
  }

  private async lockInstitution(em: EntityManager, institutionId: string): Promise<void> {
    await this.exec(em, `select pg_advisory_xact_lock(hashtextextended('remote-line:' || ?, 0))`, [institutionId]);
  }

  private async lockSession(em: EntityManager, sessionId: string): Promise<void> {
    await this.exec(em, `select pg_advisory_xact_lock(hashtextextended('remote-session:' || ?, 0))`, [sessionId]);
  }

  private exec<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
    return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
  }
}

