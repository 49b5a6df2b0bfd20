import { forbidden } from '@modules/shared-kernel';
import { Role, hasRole, type Principal } from '@infrastructure/auth/principal';

const denied = (): Error => forbidden('QUEUE.CENTRE_ACCESS_DENIED', 'Jums nav piekļuves šī centra rindai', 'You have no access to this centre’s queue');

/** Clerks operate the queue only in the centres they are bound to. */
export function assertOperatesCentre(principal: Principal, centreId: string): void {
  if (hasRole(principal, Role.Clerk) && principal.centreIds.includes(centreId)) return;
  throw denied();
}

/** Reading a centre's queue: its clerks, and administrators/auditors for oversight. */
export function assertMaySeeCentreQueue(principal: Principal, centreId: string): void {
  if (hasRole(principal, Role.NetworkAdmin, Role.Auditor)) return;
  if (hasRole(principal, Role.Clerk) && principal.centreIds.includes(centreId)) return;
  throw denied();
}

/**
 * The visit notes (free text, may hold personal data): only the centre's own clerks read them;
 * administrators and auditors see the queue without them.
 */
export function mayReadVisitNotes(principal: Principal, centreId: string): boolean {
  return hasRole(principal, Role.Clerk) && principal.centreIds.includes(centreId);
}

/** Configuring queues, desks and boards: administrators, and the centre's clerks (their manager). */
export function assertMayConfigureCentre(principal: Principal, centreId: string): void {
  if (hasRole(principal, Role.NetworkAdmin)) return;
  if (hasRole(principal, Role.Clerk) && principal.centreIds.includes(centreId)) return;
  throw denied();
}
