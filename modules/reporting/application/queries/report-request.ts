import { isLocalDate } from '@modules/shared-kernel';
import { daysBetween, invalidReportRequest, type ReportInterval } from '../../domain';

export const REPORT_DIMENSIONS = ['centre', 'municipality', 'region', 'service', 'institution', 'channel', 'queue', 'hour', 'weekday', 'clerk'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** The slice a report covers: a range of local dates (Europe/Riga), a period length, groupings and filters. */
export interface ReportRequest {
  from: string;
  to: string;
  interval: ReportInterval;
  groupBy: ReportDimension[];
  centreIds?: string[];
  municipality?: string;
  region?: string;
  service?: string;
  institution?: string;
  channel?: string;
  queueId?: string;
}

const MAX_DAYS = 731;
const MAX_DAILY_DAYS = 366;

export function assertValidRequest(request: ReportRequest, allowed: readonly ReportDimension[]): void {
  if (!isLocalDate(request.from)) throw invalidReportRequest('from', 'Nederīgs datums', 'Invalid date');
  if (!isLocalDate(request.to)) throw invalidReportRequest('to', 'Nederīgs datums', 'Invalid date');
  const days = daysBetween(request.from, request.to);
  if (days < 1) throw invalidReportRequest('to', 'Beigu datums ir pirms sākuma', 'Ends before it starts');
  if (days > MAX_DAYS) throw invalidReportRequest('to', `Periods nedrīkst pārsniegt ${MAX_DAYS} dienas`, `The range may not exceed ${MAX_DAYS} days`);
  if (request.interval === 'day' && days > MAX_DAILY_DAYS) {
    throw invalidReportRequest('interval', `Pa dienām var skatīt ne vairāk kā ${MAX_DAILY_DAYS} dienas`, `Daily series cover at most ${MAX_DAILY_DAYS} days`);
  }
  const wrong = request.groupBy.find((d) => !allowed.includes(d));
  if (wrong) throw invalidReportRequest('groupBy', `Šim pārskatam nevar grupēt pēc "${wrong}"`, `This report cannot be grouped by "${wrong}"`);
  if (new Set(request.groupBy).size !== request.groupBy.length) throw invalidReportRequest('groupBy', 'Grupējums atkārtojas', 'A grouping is repeated');
}
