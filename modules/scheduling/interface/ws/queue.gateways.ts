import { Logger } from '@nestjs/common';
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
  type ClerkServerToClientEvents,
  type DisplayClientToServerEvents,
  type DisplayServerToClientEvents,
  type DisplayState,
  type TrackClientToServerEvents,
  type TrackServerToClientEvents,
} from '../../contracts';
import { DeviceRegistry } from '../../application/queue/device';
import { GetCentreQueueStateQuery, GetDisplayStateQuery } from '../../application/queue/queue-queries';

export type ClerkNamespace = Namespace<ClerkClientToServerEvents, ClerkServerToClientEvents>;
export type DisplayNamespace = Namespace<DisplayClientToServerEvents, DisplayServerToClientEvents>;
export type TrackNamespace = Namespace<TrackClientToServerEvents, TrackServerToClientEvents>;

export const centreRoom = (centreId: string): string => `centre:${centreId}`;
export const ticketRoom = (token: string): string => `ticket:${token}`;

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

  afterInit(ns: ClerkNamespace): void {
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
      if (join) await socket.join(centreRoom(centreId));
      return snapshot;
    } catch (e) {
      this.logger.debug({ code: errorOf(e) }, 'queue:join refused');
      return { error: errorOf(e) };
    }
  }
}

/** Waiting-room displays: a display token at the handshake; they only listen. */
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
          void socket.join(centreRoom(device.centreId));
          next();
        })
        .catch(() => next(new Error('AUTH.INVALID_TOKEN')));
    });
    ns.on('connection', (socket) => {
      this.queries
        .execute(new GetDisplayStateQuery(socket.data.centreId as string))
        .then((state) => socket.emit('display:state', state))
        .catch(() => undefined);
    });
  }

  @SubscribeMessage('display:sync')
  async sync(@ConnectedSocket() socket: Socket): Promise<DisplayState> {
    return this.queries.execute(new GetDisplayStateQuery(socket.data.centreId as string));
  }
}

/** Public trackers: the ticket's tracking token at the handshake; updates for that ticket only. */
@WebSocketGateway({ namespace: TRACK_NAMESPACE })
export class TrackGateway implements OnGatewayInit {
  @WebSocketServer() server!: TrackNamespace;

  afterInit(ns: TrackNamespace): void {
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return next(new Error('REQUEST.INVALID'));
      void socket.join(ticketRoom(token));
      next();
    });
  }
}
