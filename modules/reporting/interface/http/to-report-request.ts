import type { ReportRequest } from '../../application/queries/report-request';
import type { ReportQueryDto } from './reporting.dto';

export const toReportRequest = (dto: ReportQueryDto, defaultInterval: ReportRequest['interval']): ReportRequest => ({
  from: dto.from,
  to: dto.to,
  interval: dto.interval ?? defaultInterval,
  groupBy: dto.groupBy ?? [],
  centreIds: dto.centreId,
  municipality: dto.municipality,
  region: dto.region,
  service: dto.service,
  institution: dto.institution,
  channel: dto.channel,
  queueId: dto.queueId,
});

export const rangeName = (prefix: string, dto: { from: string; to: string }): string => `${prefix}-${dto.from}-${dto.to}`;
