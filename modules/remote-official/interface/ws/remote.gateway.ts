import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { isUuid } from '@modules/shared-kernel';
import { TokenVerifier } from '@infrastructure/auth/token-verifier';
import { hasRole, Role, type Principal } from '@infrastructure/auth/principal';
import { REMOTE_NAMESPACE, type RemoteRequestView, type RemoteServerToClientEvents, type RemoteSessionChangedEvent, type RemoteSessionView } from '../../contracts';
import { RemoteBroadcaster, type SessionChange } from '../../application/remote-broadcaster';
import { RemoteOfficialService } from '../../application/remote-official.service';

export type RemoteNamespace = Namespace<Record<string, never>, RemoteServerToClientEvents>;

export const institutionRoom = (institutionId: string): string => `institution:${institutionId}`;
export const centreRoom = (centreId: string): string => `centre:${centreId}`;
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
export const userRoom = (subject: string): string => `user:${subject}`;

const errorOf = (e: unknown): string => (e as { code?: string }).code ?? 'REMOTE.ERROR';

/**
 * /remote: a JWT at the handshake (`auth.token`). Specialists are put in their institution's room
 * (its line), clerks in their centres' rooms (their requests); either side may watch a session it
 * may read (`session:watch`).
 */
@WebSocketGateway({ namespace: REMOTE_NAMESPACE })
export class RemoteGateway implements OnGatewayInit {
  @WebSocketServer() server!: RemoteNamespace;
  private readonly logger = new Logger(RemoteGateway.name);

  constructor(
    private readonly tokens: TokenVerifier,
    private readonly moduleRef: ModuleRef,
  ) {}

  afterInit(ns: RemoteNamespace): void {
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      if (typeof token !== 'string') return next(new Error('AUTH.UNAUTHENTICATED'));
      this.tokens
        .verify(token)
        .then(async (principal) => {
          if (!hasRole(principal, Role.Clerk, Role.InstitutionSpecialist)) return next(new Error('AUTH.FORBIDDEN'));
          socket.data.principal = principal;
          const rooms = [userRoom(principal.subject)];
          if (hasRole(principal, Role.InstitutionSpecialist) && principal.institutionId) rooms.push(institutionRoom(principal.institutionId));
          if (hasRole(principal, Role.Clerk)) rooms.push(...principal.centreIds.map(centreRoom));
          await socket.join(rooms);
          next();
        })
        .catch(() => next(new Error('AUTH.INVALID_TOKEN')));
    });
  }

  @SubscribeMessage('session:watch')
  async watch(@ConnectedSocket() socket: Socket, @MessageBody() body: { sessionId?: unknown }): Promise<RemoteSessionView | { error: string }> {
    const sessionId = body?.sessionId;
    if (typeof sessionId !== 'string' || !isUuid(sessionId)) return { error: 'REQUEST.INVALID' };
    try {
      const view = await this.moduleRef.get(RemoteOfficialService, { strict: false }).getSession(socket.data.principal as Principal, sessionId);
      await socket.join(sessionRoom(sessionId));
      return view;
    } catch (e) {
      this.logger.debug({ code: errorOf(e) }, 'session:watch refused');
      return { error: errorOf(e) };
    }
  }
}

/** The RemoteBroadcaster port over the /remote namespace. */
@Injectable()
export class SocketRemoteBroadcaster extends RemoteBroadcaster {
  constructor(private readonly gateway: RemoteGateway) {
    super();
  }

  line(institutionId: string, institutionCode: string, waiting: RemoteRequestView[]): void {
    this.gateway.server?.to(institutionRoom(institutionId)).emit('line:changed', { institutionCode, waiting });
  }

  request(view: RemoteRequestView): void {
    this.gateway.server?.to(centreRoom(view.centreId)).emit('request:changed', view);
  }

  session(change: SessionChange): void {
    const { institutionId: _institution, specialistSubject, ...rest } = change;
    void _institution;
    const event: RemoteSessionChangedEvent = rest;
    this.gateway.server?.to([sessionRoom(change.id), centreRoom(change.centreId), userRoom(specialistSubject)]).emit('session:changed', event);
  }
}
