import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { QueueStateStore, SCHEDULING_ENTITIES } from './infrastructure/persistence';
import { DeviceRegistry } from './application/queue/device';
import { ProvisionQueuesWhenCentreRegistered } from './application/queue/provision-centre-queues';
import { QueueBroadcaster } from './application/queue/queue-broadcaster';
import { ActOnTicketHandler, CallNextHandler, CallTicketHandler, IssueTicketHandler, OpenDeskHandler, SetDeskStateHandler, SetTicketNotesHandler } from './application/queue/queue-command.handlers';
import { QueueCommandRunner } from './application/queue/queue-command-runner';
import { QueueConfigService } from './application/queue/queue-config.service';
import { QueueEstimator } from './application/queue/queue-estimator';
import { ReceiptRetentionJob } from './application/queue/receipt-retention.job';
import { CentreNames } from './application/queue/centre-names';
import { FindTicketCentreHandler, GetCentreQueueStateHandler, GetCounterStateHandler, GetDisplayStateHandler, GetTicketDetailHandler, TrackTicketHandler } from './application/queue/queue-query.handlers';
import { GetVisitTicketHandler } from './application/queue/visit-ticket.handler';
import { BookingClock } from './application/bookings/booking-clock';
import { QueueClock } from './application/queue/queue-clock';
import { BookingService } from './application/bookings/booking.service';
import { GetBookedConsultationHandler } from './application/bookings/booked-consultation.handler';
import { SeedSchedulingDemoData } from './application/bookings/seed-scheduling-demo-data';
import { CalendarRepository } from './infrastructure/persistence/calendar.repository';
import { BookingsController, SpecialistsController } from './interface/http/calendar.controller';
import { QueueConfigController } from './interface/http/queue-config.controller';
import { QueueController } from './interface/http/queue.controller';
import { ClerkQueueGateway, DisplayGateway, TrackGateway } from './interface/ws/queue.gateways';
import { SocketQueueBroadcaster } from './interface/ws/socket-queue.broadcaster';

/** Scheduling: the walk-in queue of every centre (part 1); specialist calendars and video-consultation bookings (part 2). */
@Module({
  imports: [MikroOrmModule.forFeature(SCHEDULING_ENTITIES)],
  controllers: [QueueController, QueueConfigController, SpecialistsController, BookingsController],
  providers: [
    QueueStateStore,
    QueueCommandRunner,
    QueueEstimator,
    ReceiptRetentionJob,
    CentreNames,
    QueueConfigService,
    DeviceRegistry,
    ProvisionQueuesWhenCentreRegistered,
    IssueTicketHandler,
    OpenDeskHandler,
    SetDeskStateHandler,
    CallNextHandler,
    CallTicketHandler,
    ActOnTicketHandler,
    SetTicketNotesHandler,
    GetCentreQueueStateHandler,
    GetDisplayStateHandler,
    TrackTicketHandler,
    GetTicketDetailHandler,
    GetCounterStateHandler,
    FindTicketCentreHandler,
    GetVisitTicketHandler,
    ClerkQueueGateway,
    DisplayGateway,
    TrackGateway,
    { provide: QueueBroadcaster, useClass: SocketQueueBroadcaster },
    BookingClock,
    QueueClock,
    CalendarRepository,
    BookingService,
    GetBookedConsultationHandler,
    SeedSchedulingDemoData,
  ],
  exports: [SeedSchedulingDemoData],
})
export class SchedulingModule implements OnApplicationBootstrap {
  constructor(private readonly receipts: ReceiptRetentionJob) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.receipts.start();
  }
}
