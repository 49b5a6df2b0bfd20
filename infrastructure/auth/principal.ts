/** Roles of VPVKAC IS. A user may hold several; bindings narrow what each role may see. */
export enum Role {
  NetworkAdmin = 'network_admin',
  MunicipalityCoordinator = 'municipality_coordinator',
  Clerk = 'clerk',
  InstitutionSpecialist = 'institution_specialist',
  InstitutionIntegration = 'institution_integration',
  Auditor = 'auditor',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Who is calling, after the token or API key has been verified. */
export interface Principal {
  subject: string;
  kind: 'user' | 'machine';
  roles: Role[];
  /** Centres a clerk works in (ids). */
  centreIds: string[];
  /** Institution of a specialist or an integration client (id). */
  institutionId?: string;
  /** Municipality (ATVK code) of a coordinator. */
  municipalityAtvk?: string;
  displayName?: string;
  apiKeyId?: string;
}

export const hasRole = (principal: Principal | undefined, ...roles: Role[]): boolean =>
  !!principal && principal.roles.some((r) => roles.includes(r));
