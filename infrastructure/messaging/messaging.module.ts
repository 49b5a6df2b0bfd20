import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { IntegrationEventBus } from './integration-event-bus';
import { Outbox } from './outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { JobQueue } from './job-queue';
import { OutboxMessageSchema } from './outbox-message.entity';

@Global()
@Module({
  imports: [MikroOrmModule.forFeature([OutboxMessageSchema])],
  providers: [Outbox, IntegrationEventBus, OutboxDispatcher, JobQueue],
  exports: [Outbox, IntegrationEventBus, OutboxDispatcher, JobQueue],
})
export class MessagingModule {}
