import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { IntegrationEventBus } from './integration-event-bus';
import { Outbox } from './outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxMessageSchema } from './outbox-message.entity';

@Global()
@Module({
  imports: [MikroOrmModule.forFeature([OutboxMessageSchema])],
  providers: [Outbox, IntegrationEventBus, OutboxDispatcher],
  exports: [Outbox, IntegrationEventBus, OutboxDispatcher],
})
export class MessagingModule {}
