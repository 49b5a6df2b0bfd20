import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, integrationEvent, notFound, type IntegrationEvent } from '@modules/shared-kernel';
import { GetInstitutionQuery, GetServiceQuery } from '@modules/network';
import { AppConfig } from '@infrastructure/config/app-config';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { Outbox } from '@infrastructure/messaging/outbox';
import { hasRole, Role, type Principal } from '@infrastructure/auth/principal';
import {
  REMOTE_OFFICIAL_MODULE,
  RemoteEvents,
  type RemoteJoinView,
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
  remoteLineEmpty,
  remoteRequestNotFound,
  remoteRequestTaken,
  remoteServiceNotOffered,
  remoteSessionNotActive,
  remoteSessionNotFound,
  videoGatewayUnavailable,

} from '../domain/remote-official-errors';
import { estimateWaitSeconds, isActiveSession, isEndableSession, type SessionOutcome } from '../domain/remote-session-rules';
import { VideoGateway, type VideoParticipant } from '../domain/video-gateway.port';
import { RemoteBroadcaster } from './remote-broadcaster';

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
  request_id: string;
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

export interface CreateRemoteRequest {
  institutionCode: string;
  serviceCode: string;
  centreId: string;
  boothId?: string;
  sharedNote?: string;
}

const DEFAULT_MEAN_SECONDS = 15 * 60;
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

  constructor(
    private readonly em: EntityManager,
    private readonly queries: QueryBus,
    private readonly gateway: VideoGateway,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly broadcaster: RemoteBroadcaster,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
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
    const result = await this.em.fork().transactional(async (em) => {
      await this.lockSession(em, sessionId);
      const s = await this.loadSession(em, sessionId);
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
          const payload: RemoteSessionStartedPayload = { requestId: s.request_id, sessionId, institutionCode: s.institution_code, serviceCode: s.service_code, centreId: s.centre_id, startedAt: now.toISOString() };
          this.stage(em, integrationEvent(REMOTE_OFFICIAL_MODULE, RemoteEvents.RemoteSessionStarted, payload, sessionId, now));
        }
      }
      await this.audit.record(actor, { action: 'remote.session.joined', resourceType: 'remote_session', resourceId: sessionId, details: { side } }, em);
      return { janusUrl: issued.janusUrl, token: issued.token, room: Number(s.room), pin: s.pin! };
    });
    if (started) {
      this.outbox.nudge();
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
    return this.sessionView(s, participants);
  }

  /** Ends the consultation: both tokens revoked, the room destroyed, outcome and notes kept. */
  async end(actor: Principal, sessionId: string, outcome: SessionOutcome, notes: string | undefined): Promise<RemoteSessionView> {
    const side = this.sideOf(actor, await this.loadSession(this.em.fork(), sessionId));
    await this.em.fork().transactional(async (em) => {
      await this.lockSession(em, sessionId);
      const s = await this.loadSession(em, sessionId);
      if (!isEndableSession(s.status)) throw remoteSessionNotActive(s.status);
      await this.releaseVideo(s);
      const now = new Date();
      await this.exec(
        em,
        `update remote_official.remote_session set status = 'ended', ended_at = ?, outcome = ?, notes = ?, booth_token = null, specialist_token = null, pin = null, room_secret = null where id = ?`,
        [now, outcome, side === 'specialist' ? (notes ?? null) : s.notes, sessionId],
      );
      const payload: RemoteSessionEndedPayload = {
        requestId: s.request_id,
        sessionId,
        institutionCode: s.institution_code,
        serviceCode: s.service_code,
        centreId: s.centre_id,
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

  // ---------------------------------------------------------------- helpers

  private async releaseVideo(s: SessionRow): Promise<void> {
    if (!s.video_server) return;
    const server = s.video_server;
    const tokens = [s.booth_token, s.specialist_token].filter((t): t is string => !!t);
    try {
      for (const token of tokens) await this.gateway.revokeToken(server, token);
      if (s.room && s.room_secret) await this.gateway.destroyRoom(server, Number(s.room), s.room_secret);
    } catch (error) {
      // Ending must not depend on Janus: a room lost in a restart took its tokens with it.
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ sessionId: s.id, code: error.code }, 'could not release the video room');
    }
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

  private sessionView(s: SessionRow, participants: VideoParticipant[] | null): RemoteSessionView {
    return {
      id: s.id,
      requestId: s.request_id,
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
    return withDates(row, ['accepted_at', 'started_at', 'ended_at']);
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

