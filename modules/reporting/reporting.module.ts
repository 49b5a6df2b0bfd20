import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { RebuildReportingHandler } from './application/commands/rebuild-reporting.handler';
import { SubmitFeedbackHandler } from './application/commands/submit-feedback.handler';
import { DimensionLookup } from './application/projection/dimension-lookup';
import { ProjectReportingWhenEventsArrive } from './application/projection/project-reporting-events.consumer';
import { ReportingProjector } from './application/projection/reporting-projector';
import { GetApplicationStatsHandler } from './application/queries/get-application-stats.handler';
import { GetFeedbackResultsHandler } from './application/queries/get-feedback-results.handler';
import { GetKpisHandler } from './application/queries/get-kpis.handler';
import { GetOpenDataServicesHandler } from './application/queries/get-open-data-services.handler';
import { GetRemoteSessionStatsHandler } from './application/queries/get-remote-session-stats.handler';
import { GetServiceCountsHandler } from './application/queries/get-service-counts.handler';
import { GetWaitTimesHandler } from './application/queries/get-wait-times.handler';
import { REPORTING_ENTITIES } from './infrastructure/persistence';
import { reportingSettingsProvider } from './infrastructure/reporting-settings';
import { FeedbackRateLimitGuard } from './interface/http/feedback-rate-limit.guard';
import { OpenDataController } from './interface/http/open-data.controller';
import { ReportingController } from './interface/http/reporting.controller';

/** Reporting: read models projected from integration events, reports, open data and citizens' feedback. */
@Module({
  imports: [MikroOrmModule.forFeature(REPORTING_ENTITIES)],
  controllers: [ReportingController, OpenDataController],
  providers: [
    reportingSettingsProvider,
    DimensionLookup,
    ReportingProjector,
    ProjectReportingWhenEventsArrive,
    RebuildReportingHandler,
    SubmitFeedbackHandler,
    GetServiceCountsHandler,
    GetWaitTimesHandler,
    GetFeedbackResultsHandler,
    GetKpisHandler,
    GetOpenDataServicesHandler,
    GetApplicationStatsHandler,
    GetRemoteSessionStatsHandler,
    FeedbackRateLimitGuard,
  ],
  exports: [ReportingProjector],
})
export class ReportingModule {}
