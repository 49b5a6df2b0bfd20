/**
 * Port: the WebRTC video gateway (Janus VideoRoom) a remote consultation runs through.
 * One consultation = one private room with two publishers (the booth and the specialist).
 * The adapter is modules/remote-official/infrastructure/janus/janus-video-gateway.ts.
 *
 * Every method rejects with a DomainError:
 * - REMOTE.VIDEO_GATEWAY_UNAVAILABLE ('unavailable') when Janus cannot be reached in time;
 * - REMOTE.VIDEO_SERVER_UNKNOWN ('not_found') for a server name that is not configured;
 * - REMOTE.VIDEO_ROOM_NOT_FOUND ('not_found') where noted.
 * Janus keeps rooms and tokens in memory only: after a Janus restart they are gone.
 */

export interface VideoGatewayHealth {
  /** At least one configured server answers. */
  up: boolean;
  /** The server the next room would go to; when all are down, every configured name (comma-separated). */
  server: string;
  /** Every configured server and whether it answered (possibly cached for a few seconds). */
  servers: ReadonlyArray<{ server: string; up: boolean }>;
}

export interface CreateVideoRoom {
  /** Our consultation session id; recorded in the room description to find orphaned rooms. */
  sessionId: string;
  /** Short description without personal data (Janus shows it to anyone who knows the room number). */
  description: string;
}

export interface VideoRoomAccess {
  /** Name of the Janus server the room lives on: pass it back to every other call. */
  server: string;
  room: number;
  /** Needed to join the room: give it to the two participants only. */
  pin: string;
  /** Needed to manage (destroy) the room: keep it on the server. */
  secret: string;
}

export interface VideoToken {
  /** Random token (32+ characters) the browser uses instead of the Janus API secret. */
  token: string;
  /** The Janus WebSocket API the browser connects to (ws://…:8188). */
  janusUrl: string;
}

export interface VideoParticipant {
  id: number;
  display: string;
  /**
   * Janus reports `true` only while the participant actually sends media; someone who
   * joined as a publisher but has not negotiated a PeerConnection yet is `false`.
   */
  publisher: boolean;
}

export interface VideoGatewayPort {
  health(): Promise<VideoGatewayHealth>;
  /** Creates a private room (pin, secret, 2 publishers, no recording) on the least busy live server. */
  createRoom(input: CreateVideoRoom): Promise<VideoRoomAccess>;
  /**
   * Registers a per-participant token with the server (VideoRoom plugin only). A Janus token is not
   * bound to a room (the pin is what guards the room) and never expires: revoke it when the session ends.
   * `participantLabel` (e.g. "booth", "specialist") is only logged: no personal data.
   * Rejects with REMOTE.VIDEO_ROOM_NOT_FOUND when the room does not exist.
   */
  issueToken(server: string, room: number, participantLabel: string): Promise<VideoToken>;
  /** Revokes a token: Janus refuses every later request carrying it. Idempotent. Media already flowing is not cut. */
  revokeToken(server: string, token: string): Promise<void>;
  /** Rejects with REMOTE.VIDEO_ROOM_NOT_FOUND when the room does not exist. */
  listParticipants(server: string, room: number): Promise<VideoParticipant[]>;
  roomExists(server: string, room: number): Promise<boolean>;
  /** Destroys the room and drops everyone in it. Idempotent (an absent room is fine). */
  destroyRoom(server: string, room: number, secret: string): Promise<void>;
  /** Every token the server knows (to find tokens no session refers to any more). */
  listTokens(server: string): Promise<string[]>;
}

/** Nest injection token for the port. */
export abstract class VideoGateway implements VideoGatewayPort {
  abstract health(): Promise<VideoGatewayHealth>;
  abstract createRoom(input: CreateVideoRoom): Promise<VideoRoomAccess>;
  abstract issueToken(server: string, room: number, participantLabel: string): Promise<VideoToken>;
  abstract revokeToken(server: string, token: string): Promise<void>;
  abstract listParticipants(server: string, room: number): Promise<VideoParticipant[]>;
  abstract roomExists(server: string, room: number): Promise<boolean>;
  abstract destroyRoom(server: string, room: number, secret: string): Promise<void>;
  abstract listTokens(server: string): Promise<string[]>;
}
