import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { QueryBus } from '@nestjs/cqrs';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { isUuid } from '@modules/shared-kernel';
import { TokenVerifier } from '@infrastructure/auth/token-verifier';
import type { Principal } from '@infrastructure/auth/principal';
import {
  CLERK_NAMESPACE,
  DISPLAY_NAMESPACE,
  TRACK_NAMESPACE,
  type CentreQueueSnapshot,
  type ClerkClientToServerEvents,
  type CounterState,
  type ClerkServerToClientEvents,
  type DisplayClientToServerEvents,
  type DisplayServerToClientEvents,
  type DisplayState,
  type TrackClientToServerEvents,
  type TrackServerToClientEvents,
  type TrackView,
} from '../../contracts';
import { DeviceRegistry } from '../../application/queue/device';
import { mayReadVisitNotes } from '../../application/queue/queue-access';
import { FindTicketCentreQuery, GetCentreQueueStateQuery, GetCounterStateQuery, GetDisplayStateQuery } from '../../application/queue/queue-queries';

export type ClerkNamespace = Namespace<ClerkClientToServerEvents, ClerkServerToClientEvents>;
export type DisplayNamespace = Namespace<DisplayClientToServerEvents, DisplayServerToClientEvents>;
export type TrackNamespace = Namespace<TrackClientToServerEvents, TrackServerToClientEvents>;

export const centreRoom = (centreId: string): string => `centre:${centreId}`;
/** Clerk-namespace room of those who may watch a centre's queue but not read its visit notes (administrators, auditors). */
export const oversightRoom = (centreId: string): string => `centre-oversight:${centreId}`;
/** Display-namespace room of a desk's counter display(s). */
export const deskRoom = (deskId: string): string => `desk:${deskId}`;
/** Display-namespace room of one registered device's connections (to drop them when it is revoked). */
export const deviceRoom = (deviceId: string): string => `device:${deviceId}`;
/** The server-to-server message carrying one committed command's changes to the other instances. */
export const QUEUE_BATCH_EVENT = 'queue:batch';

const errorOf = (e: unknown): string => (e as { code?: string }).code ?? 'QUEUE.ERROR';

/** Clerk consoles: a JWT at the handshake (`auth.token`); join a centre room the clerk works in. */
@WebSocketGateway({ namespace: CLERK_NAMESPACE })
export class ClerkQueueGateway implements OnGatewayInit {
  @WebSocketServer() server!: ClerkNamespace;
  private readonly logger = new Logger(ClerkQueueGateway.name);

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly queries: QueryBus,
  ) {}

  private readonly batchListeners: Array<(batch: unknown) => void> = [];

  /** Called with every committed batch of queue changes that another instance sends (see SocketQueueBroadcaster). */
  onBatchFromOtherInstance(listener: (batch: unknown) => void): void {
    this.batchListeners.push(listener);
  }

  afterInit(ns: ClerkNamespace): void {
    (ns as unknown as { on(event: string, listener: (batch: unknown) => void): void }).on(QUEUE_BATCH_EVENT, (batch) => {
      for (const listener of this.batchListeners) listener(batch);
    });
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      if (typeof token !== 'string') return next(new Error('AUTH.UNAUTHENTICATED'));
      this.tokens
        .verify(token)
        .then((principal) => {
          socket.data.principal = principal;
          next();
        })
        .catch(() => next(new Error('AUTH.INVALID_TOKEN')));
    });
  }

  @SubscribeMessage('queue:join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: { centreId?: unknown }): Promise<CentreQueueSnapshot | { error: string }> {
    return this.snapshot(socket, body, true);
  }

  @SubscribeMessage('queue:sync')
  async sync(@ConnectedSocket() socket: Socket, @MessageBody() body: { centreId?: unknown }): Promise<CentreQueueSnapshot | { error: string }> {
    return this.snapshot(socket, body, false);
  }

  private async snapshot(socket: Socket, body: { centreId?: unknown }, join: boolean): Promise<CentreQueueSnapshot | { error: string }> {
    const centreId = body?.centreId;
    if (typeof centreId !== 'string' || !isUuid(centreId)) return { error: 'REQUEST.INVALID' };
    try {
      const snapshot = await this.queries.execute(new GetCentreQueueStateQuery(centreId, socket.data.principal as Principal));
      // Join after reading: changes committed meanwhile carry a higher seq than the snapshot.
      if (join) {
        const principal = socket.data.principal as Principal;
        await socket.join(mayReadVisitNotes(principal, centreId) ? centreRoom(centreId) : oversightRoom(centreId));
      }
      return snapshot;
    } catch (e) {
      this.logger.debug({ code: errorOf(e) }, 'queue:join refused');
      return { error: errorOf(e) };
    }
  }
}

/**
 * Displays: a display token at the handshake; they only listen. A waiting-room board joins its
 * centre's room (calls, waiting counts); a counter display — a display registered with a desk —
 * joins only its desk's room and gets `counter:state` (the ticket at that desk).
 */
@WebSocketGateway({ namespace: DISPLAY_NAMESPACE })
export class DisplayGateway implements OnGatewayInit {
  @WebSocketServer() server!: DisplayNamespace;

  constructor(
    private readonly devices: DeviceRegistry,
    private readonly queries: QueryBus,
  ) {}

  afterInit(ns: DisplayNamespace): void {
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      this.devices
        .resolve(typeof token === 'string' ? token : undefined, 'display')
        .then((device) => {
          if (!device) return next(new Error('AUTH.INVALID_TOKEN'));
          socket.data.centreId = device.centreId;
          socket.data.deskId = device.deskId;
          void socket.join([device.deskId ? deskRoom(device.deskId) : centreRoom(device.centreId), deviceRoom(device.id)]);
          next();
        })
        .catch(() => next(new Error('AUTH.INVALID_TOKEN')));
    });
    ns.on('connection', (socket) => {
      const deskId = socket.data.deskId as string | null;
      if (deskId) {
        this.queries
          .execute(new GetCounterStateQuery(socket.data.centreId as string, deskId))
          .then((state) => socket.emit('counter:state', state))
          .catch(() => undefined);
        return;
      }
      this.queries
        .execute(new GetDisplayStateQuery(socket.data.centreId as string))
        .then((state) => socket.emit('display:state', state))
        .catch(() => undefined);
    });
  }

  @SubscribeMessage('display:sync')
  async sync(@ConnectedSocket() socket: Socket): Promise<DisplayState | CounterState> {
    const deskId = socket.data.deskId as string | null;
    if (deskId) return this.queries.execute(new GetCounterStateQuery(socket.data.centreId as string, deskId));
    return this.queries.execute(new GetDisplayStateQuery(socket.data.centreId as string));
  }

  /** Drops a revoked device's open connections, on every instance (through the adapter). */
  disconnectDevice(deviceId: string): void {
    this.server.in(deviceRoom(deviceId)).disconnectSockets(true);
  }

  /** The desks of a centre's batch that have a counter display on this instance. */
  countersAmong(deskIds: Iterable<string>): string[] {
    const rooms = this.server?.adapter.rooms;
    if (!rooms) return [];
    return [...deskIds].filter((id) => (rooms.get(deskRoom(id))?.size ?? 0) > 0);
  }
}

/** Public trackers: the ticket's tracking token at the handshake; updates for that ticket only. */
@WebSocketGateway({ namespace: TRACK_NAMESPACE })
export class TrackGateway implements OnGatewayInit {
  @WebSocketServer() server!: TrackNamespace;

  constructor(private readonly queries: QueryBus) {}

  afterInit(ns: TrackNamespace): void {
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return next(new Error('REQUEST.INVALID'));
      this.queries
        .execute(new FindTicketCentreQuery(token))
        .then((centreId) => {
          if (!centreId) return next(new Error('QUEUE.TICKET_NOT_FOUND'));
          socket.data.trackKey = trackKey(token);
          void socket.join(trackRoom(centreId));
          next();
        })
        .catch(() => next(new Error('QUEUE.TICKET_NOT_FOUND')));
    });
  }

  /** Whether a tracker of one of the centre's tickets is connected to this instance. */
  tracks(centreId: string): boolean {
    return (this.server?.adapter.rooms.get(trackRoom(centreId))?.size ?? 0) > 0;
  }

  /** Hands a command's tracker updates to this instance's trackers of the centre (other instances get them with the queue batch). */
  deliverLocal(batch: TrackBatch): void {
    const ids = this.server.adapter.rooms.get(trackRoom(batch.centreId));
    if (!ids) return;
    const byKey = new Map(batch.updates.map((u) => [u.key, u.view]));
    for (const id of ids) {
      const socket = this.server.sockets.get(id);
      const view = socket ? byKey.get(socket.data.trackKey as string) : undefined;
      if (socket && view) socket.emit('track:update', view);
    }
  }
}

export interface TrackBatch {
  centreId: string;
  updates: Array<{ key: string; view: TrackView }>;
}

/** A tracker is addressed by a hash of its token, so the token itself never travels between instances. */
export const trackKey = (token: string): string => createHash('sha256').update(token).digest('hex').slice(0, 32);
export const trackRoom = (centreId: string): string => `track:${centreId}`;
