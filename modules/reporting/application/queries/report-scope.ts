import { Role, hasRole, type Principal } from '@infrastructure/auth/principal';
import { scopeDenied } from '../../domain';
import { inList, joinSql, raw, sql, type SqlFragment, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';

/**
 * What a caller may see in the reports. Administrators and auditors see everything; otherwise the
 * union of what their roles open: a coordinator their municipality's centres, a clerk their
 * centres, an institution's specialists (and integrations) that institution's services.
 */
export interface ReportScope {
  all: boolean;
  centreIds: string[];
  municipalityAtvk: string | null;
  institutionId: string | null;
}

export function reportScopeOf(principal: Principal): ReportScope {
  if (hasRole(principal, Role.NetworkAdmin, Role.Auditor)) return { all: true, centreIds: [], municipalityAtvk: null, institutionId: null };
  const scope: ReportScope = {
    all: false,
    centreIds: hasRole(principal, Role.Clerk) ? principal.centreIds : [],
    municipalityAtvk: hasRole(principal, Role.MunicipalityCoordinator) ? (principal.municipalityAtvk ?? null) : null,
    institutionId: hasRole(principal, Role.InstitutionSpecialist, Role.InstitutionIntegration) ? (principal.institutionId ?? null) : null,
  };
  if (scope.centreIds.length === 0 && !scope.municipalityAtvk && !scope.institutionId) throw scopeDenied();
  return scope;
}

/** How a report's rows reach the scope's keys: the centre, its municipality, and whether an institution's service is involved. */
export interface ScopeColumns {
  centreId: string;
  municipalityAtvk: string;
  /** A condition that holds when the row concerns a service of the given institution. */
  institution: (institutionId: string) => SqlFragment;
}

export function scopeCondition(scope: ReportScope, columns: ScopeColumns): SqlFragment {
  if (scope.all) return raw('true');
  const parts: SqlFragment[] = [];
  if (scope.centreIds.length > 0) parts.push(inList(columns.centreId, scope.centreIds));
  if (scope.municipalityAtvk) parts.push(sql`${raw(columns.municipalityAtvk)} = ${scope.municipalityAtvk}`);
  if (scope.institutionId) parts.push(columns.institution(scope.institutionId));
  return sql`(${joinSql(parts, ' or ')})`;
}

/** Service codes of an institution, as a SQL array expression. */
export const institutionServiceCodes = (institutionId: string): SqlFragment =>
  sql`(select coalesce(array_agg(d.service_code), '{}'::text[]) from reporting.service_dim d where d.institution_id = ${institutionId}::uuid)`;

/** A centre or municipality named in the filters must lie in the scope: an empty answer would hide the refusal. */
export async function assertRequestInScope(scope: ReportScope, request: { centreIds?: string[]; municipality?: string }, run: SqlRunner): Promise<void> {
  if (scope.all || scope.institutionId) return;
  if (request.municipality && request.municipality !== scope.municipalityAtvk && scope.centreIds.length === 0) throw scopeDenied();
  const asked = request.centreIds ?? [];
  const outside = asked.filter((id) => !scope.centreIds.includes(id));
  if (outside.length === 0) return;
  if (!scope.municipalityAtvk) throw scopeDenied();
  const rows = await run<{ centre_id: string }>(sql`select centre_id from reporting.centre_dim where ${inList('centre_id', outside)} and municipality_atvk = ${scope.municipalityAtvk}`);
  if (rows.length !== outside.length) throw scopeDenied();
}
