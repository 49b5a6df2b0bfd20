import { inList, raw, sql, type SqlFragment } from '../../infrastructure/persistence/sql-fragment';
import type { ReportRequest } from './report-request';

/** How a report applies the service, institution and channel filters to its fact table. */
export interface FilterColumns {
  centre: string;
  service: (code: string) => SqlFragment;
  institution: (code: string) => SqlFragment;
  channel?: string;
  queue?: string;
}

export function filterConditions(request: ReportRequest, f: FilterColumns): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (request.centreIds?.length) conditions.push(inList(f.centre, request.centreIds));
  if (request.municipality) conditions.push(sql`c.municipality_atvk = ${request.municipality}`);
  if (request.region) conditions.push(sql`c.planning_region = ${request.region}`);
  if (request.service) conditions.push(f.service(request.service));
  if (request.institution) conditions.push(f.institution(request.institution));
  if (request.channel) conditions.push(f.channel ? sql`${raw(f.channel)} = ${request.channel}` : raw('false'));
  if (request.queueId) conditions.push(f.queue ? sql`${raw(f.queue)} = ${request.queueId}::uuid` : raw('false'));
  return conditions;
}

/** Service codes of an institution (by code), as a SQL array expression. */
export const serviceCodesOfInstitution = (institutionCode: string): SqlFragment =>
  sql`(select coalesce(array_agg(d.service_code), '{}'::text[]) from reporting.service_dim d where d.institution_code = ${institutionCode})`;
