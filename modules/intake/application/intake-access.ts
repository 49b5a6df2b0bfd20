import { QueryBus } from '@nestjs/cqrs';
import { forbidden } from '@modules/shared-kernel';
import { GetInstitutionQuery } from '@modules/network';
import { Role, hasRole, type Principal } from '@infrastructure/auth/principal';

/** Administrators act for every institution; specialists and integrations only for their own. */
export async function assertActsForInstitutionCode(queries: QueryBus, principal: Principal, institutionCode: string): Promise<void> {
  if (hasRole(principal, Role.NetworkAdmin)) return;
  if (hasRole(principal, Role.InstitutionSpecialist, Role.InstitutionIntegration) && principal.institutionId) {
    const institution = await queries.execute(new GetInstitutionQuery(institutionCode));
    if (institution && institution.id === principal.institutionId) return;
  }
  throw forbidden('INTAKE.INSTITUTION_ACCESS_DENIED', 'Jūs nevarat rīkoties šīs iestādes vārdā', 'You cannot act for this institution');
}

export function assertActsForInstitutionId(principal: Principal, institutionId: string): void {
  if (hasRole(principal, Role.NetworkAdmin)) return;
  if (hasRole(principal, Role.InstitutionSpecialist, Role.InstitutionIntegration) && principal.institutionId === institutionId) return;
  throw forbidden('INTAKE.INSTITUTION_ACCESS_DENIED', 'Jūs nevarat rīkoties šīs iestādes vārdā', 'You cannot act for this institution');
}
