import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { PROJECTED_EVENT_TYPES, ReportingProjector } from './reporting-projector';

export const REPORTING_CONSUMER = 'reporting.projections';

/** Keeps the read models current: every Network and queue event Reporting needs, as it is delivered. */
@Injectable()
export class ProjectReportingWhenEventsArrive implements OnModuleInit {
  constructor(
    private readonly bus: IntegrationEventBus,
    private readonly projector: ReportingProjector,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe(
      REPORTING_CONSUMER,
      [...PROJECTED_EVENT_TYPES],
      async (event, em) => {
        await this.projector.apply([event], em);
      },
      // The projector is set-based: a busy moment's events go in one transaction.
      {
        batch: async (events, em) => {
          await this.projector.apply(events, em);
        },
      },
    );
  }
}
