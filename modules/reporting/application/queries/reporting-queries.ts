import { Query } from '@nestjs/cqrs';
import type { Principal } from '@infrastructure/auth/principal';
import type { ApplicationReport, FeedbackReport, KpiReport, OpenDataServices, RemoteSessionReport, ServiceCountReport, WaitTimeReport } from '../../contracts';
import type { ReportRequest } from './report-request';

export class GetServiceCountsQuery extends Query<ServiceCountReport> {
  constructor(
    readonly principal: Principal,
    readonly request: ReportRequest,
  ) {
    super();
  }
}

export class GetWaitTimesQuery extends Query<WaitTimeReport> {
  constructor(
    readonly principal: Principal,
    readonly request: ReportRequest,
  ) {
    super();
  }
}

export class GetFeedbackResultsQuery extends Query<FeedbackReport> {
  constructor(
    readonly principal: Principal,
    readonly request: ReportRequest,
  ) {
    super();
  }
}

export class GetKpisQuery extends Query<KpiReport> {
  /** Months from `from` to `to` (local dates) for the series. */
  constructor(
    readonly principal: Principal,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

export class GetOpenDataServicesQuery extends Query<OpenDataServices> {
  /** Whole months 'YYYY-MM'. */
  constructor(
    readonly fromMonth: string,
    readonly toMonth: string,
    readonly level: OpenDataServices['level'],
  ) {
    super();
  }
}

export class GetApplicationStatsQuery extends Query<ApplicationReport> {
  constructor(
    readonly principal: Principal,
    readonly request: ReportRequest,
  ) {
    super();
  }
}

export class GetRemoteSessionStatsQuery extends Query<RemoteSessionReport> {
  constructor(
    readonly principal: Principal,
    readonly request: ReportRequest,
  ) {
    super();
  }
}
