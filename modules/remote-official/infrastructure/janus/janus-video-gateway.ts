import { randomBytes, randomInt } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DomainError } from '@modules/shared-kernel';
import { videoGatewayUnavailable, videoRoomNotFound, videoRoomSecretRejected, videoServerUnknown } from '../../domain/remote-official-errors';
import {
  VideoGateway,
  type CreateVideoRoom,
  type VideoGatewayHealth,
  type VideoParticipant,
  type VideoRoomAccess,
  type VideoToken,
} from '../../domain/video-gateway.port';
import {
  JanusAdminClient,
  JanusApiError,
  JanusPluginError,
  JanusUnreachableError,
  VIDEOROOM_NO_SUCH_ROOM,
  VIDEOROOM_PLUGIN,
  VIDEOROOM_ROOM_EXISTS,
  VIDEOROOM_UNAUTHORIZED,
} from './janus-admin.client';
import { validateJanusServers, type JanusServerConfig } from './janus-server-config';

export interface JanusVideoGatewayOptions {
  servers: JanusServerConfig[];
  /** Bound for one Admin API call, in ms (default 3000). */
  requestTimeoutMs?: number;
  /** Bound for a health check, in ms (default 1000). */
  healthTimeoutMs?: number;
  /** How long a health check result is trusted, in ms (default 5000). */
  healthCacheMs?: number;
  /** Clock (ms), for tests. */
  now?: () => number;
}

const MAX_DESCRIPTION = 120;
const MAX_LABEL = 64;
/** Room numbers we choose: random, below 2^48 (safe JavaScript integers; Janus takes any uint64). */
const MAX_ROOM = 2 ** 48 - 1;

interface ServerState {
  readonly config: JanusServerConfig;
  readonly client: JanusAdminClient;
  readonly index: number;
  /** Rooms this process created there and has not destroyed. */
  readonly rooms: Set<number>;
  /** Rooms being created there right now (counted for placement, so concurrent creations spread too). */
  creating: number;
  up: boolean | undefined;
  checkedAt: number;
  check: Promise<boolean> | undefined;
}

/**
 * VideoGateway over the Janus Admin HTTP API (no Janus session needed), for one or several servers.
 * New rooms go to the live server with the fewest rooms created by this process (ties: round robin);
 * a server that fails a health check (short timeout, remembered for a few seconds) is skipped, and
 * one that fails while creating a room is marked down and the next one is tried.
 * Calls about an existing room go to the server named in it, with the request timeout.
 */
export class JanusVideoGateway extends VideoGateway {
  private readonly logger = new Logger(JanusVideoGateway.name);
  private readonly servers: ServerState[];
  private readonly byName = new Map<string, ServerState>();
  private readonly requestTimeoutMs: number;
  private readonly healthTimeoutMs: number;
  private readonly healthCacheMs: number;
  private readonly now: () => number;
  private nextIndex = 0;

  constructor(options: JanusVideoGatewayOptions) {
    super();
    const configs = validateJanusServers(options.servers);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 3000;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 1000;
    this.healthCacheMs = options.healthCacheMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.servers = configs.map((config, index) => ({
      config,
      client: new JanusAdminClient({ adminUrl: config.adminUrl, adminSecret: config.adminSecret, timeoutMs: this.requestTimeoutMs }),
      index,
      rooms: new Set<number>(),
      creating: 0,
      up: undefined,
      checkedAt: 0,
      check: undefined,
    }));
    for (const server of this.servers) this.byName.set(server.config.name, server);
  }

  async health(): Promise<VideoGatewayHealth> {
    await Promise.all(this.servers.map((server) => this.isUp(server)));
    const servers = this.servers.map((server) => ({ server: server.config.name, up: server.up === true }));
    const next = this.placementOrder()[0];
    return {
      up: next !== undefined,
      server: next ? next.config.name : this.servers.map((server) => server.config.name).join(','),
      servers,
    };
  }

  async createRoom(input: CreateVideoRoom): Promise<VideoRoomAccess> {
    await Promise.all(this.servers.map((server) => this.isUp(server)));
    const candidates = this.placementOrder();
    const description = roomDescription(input);
    for (const server of candidates) {
      this.nextIndex = (server.index + 1) % this.servers.length;
      server.creating++;
      try {
        return await this.createRoomOn(server, description);
      } catch (error) {
        if (error instanceof JanusPluginError && error.code === VIDEOROOM_UNAUTHORIZED) {
          // Our roomAdminKey does not match the server's admin_key: a configuration error; use another server.
          this.logger.error(`Janus ${server.config.name} refused to create a room: wrong roomAdminKey (${error.message})`);
        } else if (!isUnreachable(error)) {
          throw this.translate(server, error, 'createRoom');
        }
        this.markDown(server, error);
      } finally {
        server.creating--;
      }
    }
    this.logger.warn(`No Janus server available for a new room (session ${input.sessionId})`);
    throw videoGatewayUnavailable();
  }

  async issueToken(server: string, room: number, participantLabel: string): Promise<VideoToken> {
    const target = this.server(server);
    const label = participantLabel.trim();
    if (label === '' || label.length > MAX_LABEL) throw new Error(`participantLabel must be 1-${MAX_LABEL} characters`);
    if (!(await this.roomExists(server, room))) throw videoRoomNotFound();
    const token = randomBytes(24).toString('base64url'); // 32 characters
    await this.run(target, 'issueToken', () => target.client.addToken(token, [VIDEOROOM_PLUGIN]));
    this.logger.log(`Janus token issued for "${label}" in room ${room} on ${server}`);
    return { token, janusUrl: target.config.publicWsUrl };
  }

  async revokeToken(server: string, token: string): Promise<void> {
    const target = this.server(server);
    await this.run(target, 'revokeToken', () => target.client.removeToken(token));
  }

  async listParticipants(server: string, room: number): Promise<VideoParticipant[]> {
    const target = this.server(server);
    const answer = await this.run(target, 'listParticipants', () => target.client.videoRoom({ request: 'listparticipants', room }));
    const participants = Array.isArray(answer.participants) ? (answer.participants as Array<Record<string, unknown>>) : [];
    return participants.map((p) => ({ id: Number(p.id), display: typeof p.display === 'string' ? p.display : '', publisher: p.publisher === true }));
  }

  async roomExists(server: string, room: number): Promise<boolean> {
    const target = this.server(server);
    const answer = await this.run(target, 'roomExists', () => target.client.videoRoom({ request: 'exists', room }));
    return answer.exists === true;
  }

  async destroyRoom(server: string, room: number, secret: string): Promise<void> {
    const target = this.server(server);
    try {
      await this.run(target, 'destroyRoom', () => target.client.videoRoom({ request: 'destroy', room, secret, permanent: false }));
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'REMOTE.VIDEO_ROOM_NOT_FOUND')) throw error;
    }
    target.rooms.delete(room);
  }

  async listTokens(server: string): Promise<string[]> {
    const target = this.server(server);
    return this.run(target, 'listTokens', () => target.client.listTokens());
  }

  // --- internals ---------------------------------------------------------------------------

  private async createRoomOn(server: ServerState, description: string): Promise<VideoRoomAccess> {
    const pin = randomBytes(18).toString('base64url');
    const secret = randomBytes(18).toString('base64url');
    for (let attempt = 0; ; attempt++) {
      const room = randomInt(1, MAX_ROOM);
      try {
        await server.client.videoRoom({
          request: 'create',
          room,
          permanent: false,
          description,
          is_private: true,
          pin,
          secret,
          publishers: 2,
          record: false,
          lock_record: true,
          admin_key: server.config.roomAdminKey,
        });
      } catch (error) {
        if (error instanceof JanusPluginError && error.code === VIDEOROOM_ROOM_EXISTS && attempt < 3) continue;
        throw error;
      }
      this.markUp(server);
      server.rooms.add(room);
      this.logger.log(`Janus room ${room} created on ${server.config.name}`);
      return { server: server.config.name, room, pin, secret };
    }
  }

  /** Runs one Admin API call against a given server and turns failures into domain errors. */
  private async run<T>(server: ServerState, operation: string, call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.markUp(server);
      return result;
    } catch (error) {
      if (isUnreachable(error)) this.markDown(server, error);
      throw this.translate(server, error, operation);
    }
  }

  private translate(server: ServerState, error: unknown, operation: string): Error {
    if (error instanceof JanusPluginError) {
      if (error.code === VIDEOROOM_NO_SUCH_ROOM) return videoRoomNotFound();
      if (error.code === VIDEOROOM_UNAUTHORIZED) return videoRoomSecretRejected();
      return error;
    }
    if (error instanceof JanusUnreachableError) {
      this.logger.warn(`Janus ${server.config.name} unreachable during ${operation}: ${error.message}`);
      return videoGatewayUnavailable();
    }
    if (error instanceof JanusApiError) {
      // Wrong admin_secret, VideoRoom plugin not loaded…: this server cannot serve us.
      this.logger.error(`Janus ${server.config.name} refused ${operation}: ${error.message}`);
      return videoGatewayUnavailable();
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  private server(name: string): ServerState {
    const server = this.byName.get(name);
    if (!server) throw videoServerUnknown();
    return server;
  }

  /** Live servers, best first: fewest rooms, then round robin from the one after the last pick. */
  private placementOrder(): ServerState[] {
    const n = this.servers.length;
    return this.servers
      .filter((server) => server.up === true)
      .sort((a, b) => load(a) - load(b) || ((a.index - this.nextIndex + n) % n) - ((b.index - this.nextIndex + n) % n));
  }

  /** Health of one server: the cached answer if fresh, else a `get_status` with the short timeout. */
  private isUp(server: ServerState): Promise<boolean> {
    if (server.up !== undefined && this.now() - server.checkedAt < this.healthCacheMs) return Promise.resolve(server.up);
    server.check ??= server.client
      .getStatus(this.healthTimeoutMs)
      .then(
        () => {
          this.markUp(server);
          return true;
        },
        (error: unknown) => {
          this.markDown(server, error);
          return false;
        },
      )
      .finally(() => {
        server.check = undefined;
      });
    return server.check;
  }

  private markUp(server: ServerState): void {
    if (server.up === false) this.logger.log(`Janus ${server.config.name} is up again`);
    server.up = true;
    server.checkedAt = this.now();
  }

  private markDown(server: ServerState, error: unknown): void {
    if (server.up !== false) this.logger.warn(`Janus ${server.config.name} is down: ${error instanceof Error ? error.message : String(error)}`);
    server.up = false;
    server.checkedAt = this.now();
  }
}

const load = (server: ServerState): number => server.rooms.size + server.creating;

function isUnreachable(error: unknown): boolean {
  return error instanceof JanusUnreachableError || error instanceof JanusApiError;
}

/** "[<sessionId>] <description>", one line, bounded: lets operators match rooms to sessions. */
function roomDescription(input: CreateVideoRoom): string {
  const oneLine = (text: string): string => text.replace(/[\p{Cc}"\\]+/gu, ' ').trim();
  return `[${oneLine(input.sessionId)}] ${oneLine(input.description)}`.slice(0, MAX_DESCRIPTION).trim();
}
