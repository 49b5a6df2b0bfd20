import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { SCHEDULING_ENTITIES } from './infrastructure/persistence';
import { DeviceRegistry } from './application/queue/device';
import { ProvisionQueuesWhenCentreRegistered } from './application/queue/provision-centre-queues';
import { QueueBroadcaster } from './application/queue/queue-broadcaster';
import { ActOnTicketHandler, CallNextHandler, CallTicketHandler, IssueTicketHandler, OpenDeskHandler, SetDeskStateHandler } from './application/queue/queue-command.handlers';
import { QueueCommandRunner } from './application/queue/queue-command-runner';
import { QueueConfigService } from './application/queue/queue-config.service';
import { QueueEstimator } from './application/queue/queue-estimator';
import { FindTicketCentreHandler, GetCentreQueueStateHandler, GetDisplayStateHandler, TrackTicketHandler } from './application/queue/queue-query.handlers';
import { QueueConfigController } from './interface/http/queue-config.controller';
import { QueueController } from './interface/http/queue.controller';
import { ClerkQueueGateway, DisplayGateway, TrackGateway } from './interface/ws/queue.gateways';
import { SocketQueueBroadcaster } from './interface/ws/socket-queue.broadcaster';

/** Scheduling: the walk-in queue of every centre (part 1); specialist calendars follow (part 2). */
@Module({
  imports: [MikroOrmModule.forFeature(SCHEDULING_ENTITIES)],
  controllers: [QueueController, QueueConfigController],
  providers: [
    QueueCommandRunner,
    QueueEstimator,
    QueueConfigService,
    DeviceRegistry,
    ProvisionQueuesWhenCentreRegistered,
    IssueTicketHandler,
    OpenDeskHandler,
    SetDeskStateHandler,
    CallNextHandler,
    CallTicketHandler,
    ActOnTicketHandler,
    GetCentreQueueStateHandler,
    GetDisplayStateHandler,
    TrackTicketHandler,
    FindTicketCentreHandler,
    ClerkQueueGateway,
    DisplayGateway,
    TrackGateway,
    { provide: QueueBroadcaster, useClass: SocketQueueBroadcaster },
  ],
})
export class SchedulingModule {}
