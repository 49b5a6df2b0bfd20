import { videoGatewayUnavailable } from '../domain/remote-official-errors';
import { VideoGateway, type VideoGatewayHealth, type VideoParticipant, type VideoRoomAccess, type VideoToken } from '../domain/video-gateway.port';

/** The gateway when JANUS_SERVERS is not configured: everything reports REMOTE.VIDEO_GATEWAY_UNAVAILABLE. */
export class UnavailableVideoGateway extends VideoGateway {
  health(): Promise<VideoGatewayHealth> {
    return Promise.resolve({ up: false, server: '', servers: [] });
  }
  createRoom(): Promise<VideoRoomAccess> {
    return Promise.reject(videoGatewayUnavailable());
  }
  issueToken(): Promise<VideoToken> {
    return Promise.reject(videoGatewayUnavailable());
  }
  revokeToken(): Promise<void> {
    return Promise.reject(videoGatewayUnavailable());
  }
  listParticipants(): Promise<VideoParticipant[]> {
    return Promise.reject(videoGatewayUnavailable());
  }
  roomExists(): Promise<boolean> {
    return Promise.reject(videoGatewayUnavailable());
  }
  destroyRoom(): Promise<void> {
    return Promise.reject(videoGatewayUnavailable());
  }
  listTokens(): Promise<string[]> {
    return Promise.reject(videoGatewayUnavailable());
  }
}
