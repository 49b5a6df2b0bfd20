import { forbidden } from '@modules/shared-kernel';
import { Role, hasRole, type Principal } from '@infrastructure/auth/principal';

const denied = (): Error => forbidden('NETWORK.CENTRE_ACCESS_DENIED', 'Jums nav piekļuves šim centram', 'You have no access to this centre');

/** Administrators manage every centre; a municipality coordinator only the centres of their municipality. */
export function assertCanManageCentre(principal: Principal, municipalityAtvk: string): void {
  if (hasRole(principal, Role.NetworkAdmin)) return;
  if (hasRole(principal, Role.MunicipalityCoordinator) && principal.municipalityAtvk === municipalityAtvk) return;
  throw denied();
}

/** Who may see a centre's internal data (staff): its managers, its own clerks, auditors. */
export function assertCanSeeCentreInternals(principal: Principal, centreId: string, municipalityAtvk: string): void {
  if (hasRole(principal, Role.NetworkAdmin, Role.Auditor)) return;
  if (hasRole(principal, Role.MunicipalityCoordinator) && principal.municipalityAtvk === municipalityAtvk) return;
  if (hasRole(principal, Role.Clerk) && principal.centreIds.includes(centreId)) return;
  throw denied();
}

/** An institution's specialists and integrations act only for that institution; administrators for all. */
export function assertActsForInstitution(principal: Principal, institutionId: string): void {
  if (hasRole(principal, Role.NetworkAdmin)) return;
  if (hasRole(principal, Role.InstitutionSpecialist, Role.InstitutionIntegration) && principal.institutionId === institutionId) return;
  throw forbidden('NETWORK.INSTITUTION_ACCESS_DENIED', 'Jūs nevarat rīkoties šīs iestādes vārdā', 'You cannot act for this institution');
}
