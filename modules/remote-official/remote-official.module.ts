import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AppConfig } from '@infrastructure/config/app-config';
import { RemoteBroadcaster } from './application/remote-broadcaster';
import { RemoteCleanupJob } from './application/remote-cleanup.job';
import { RemoteClock } from './application/remote-clock';
import { RemoteOfficialService } from './application/remote-official.service';
import { VideoGateway } from './domain/video-gateway.port';
import { JanusVideoGateway } from './infrastructure/janus/janus-video-gateway';
import { parseJanusServers } from './infrastructure/janus/janus-server-config';
import { REMOTE_OFFICIAL_ENTITIES } from './infrastructure/persistence';
import { UnavailableVideoGateway } from './infrastructure/unavailable-video-gateway';
import { RemoteOfficialController } from './interface/http/remote-official.controller';
import { RemoteGateway, SocketRemoteBroadcaster } from './interface/ws/remote.gateway';

/** RemoteOfficial: remote consultations with institution specialists over Janus video rooms. */
@Module({
  imports: [MikroOrmModule.forFeature(REMOTE_OFFICIAL_ENTITIES)],
  controllers: [RemoteOfficialController],
  providers: [
    {
      provide: VideoGateway,
      inject: [AppConfig],
      useFactory: (config: AppConfig): VideoGateway =>
        config.JANUS_SERVERS ? new JanusVideoGateway({ servers: parseJanusServers(config.JANUS_SERVERS), healthCacheMs: 1000 }) : new UnavailableVideoGateway(),
    },
    RemoteClock,
    RemoteOfficialService,
    RemoteCleanupJob,
    RemoteGateway,
    { provide: RemoteBroadcaster, useClass: SocketRemoteBroadcaster },
  ],
})
export class RemoteOfficialModule implements OnApplicationBootstrap {
  constructor(private readonly cleanup: RemoteCleanupJob) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.cleanup.start();
  }
}
