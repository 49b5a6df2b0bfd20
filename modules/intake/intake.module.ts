import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AppConfig } from '@infrastructure/config/app-config';
import { configureSealedJson } from '@infrastructure/crypto/sealed-json.type';
import { INTAKE_ENTITIES } from './infrastructure/persistence';
import { EFormService } from './application/eforms/eform.service';
import { ApplicationService } from './application/applications/application.service';
import { RetentionJob } from './application/applications/retention.job';
import { DeliveryService } from './application/delivery/delivery.service';
import { InboxService } from './application/delivery/inbox.service';
import { StatusEventService } from './application/delivery/status-event.service';
import { SeedIntakeDemoData } from './application/seed-intake-demo-data';
import { IntakeController } from './interface/http/intake.controller';
import { DeliveryAdminController } from './interface/http/delivery-admin.controller';

/** Intake: institution e-forms, applications, and their guaranteed hand-over to back offices. */
@Module({
  imports: [MikroOrmModule.forFeature(INTAKE_ENTITIES)],
  controllers: [IntakeController, DeliveryAdminController],
  providers: [EFormService, ApplicationService, DeliveryService, InboxService, StatusEventService, RetentionJob, SeedIntakeDemoData],
  exports: [SeedIntakeDemoData],
})
export class IntakeModule implements OnApplicationBootstrap {
  constructor(
    config: AppConfig,
    private readonly deliveries: DeliveryService,
    private readonly retention: RetentionJob,
  ) {
    configureSealedJson(config.personalDataKey);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.deliveries.startWorkers();
    await this.retention.start();
  }
}
