import { ALL_ROLES, type Principal, type Role } from './principal';

/** Claims this system reads from an access token, besides iss/aud/exp/sub. */
export interface VpvkacClaims {
  roles?: string[];
  centre_ids?: string[];
  institution_id?: string;
  municipality_atvk?: string;
  name?: string;
}

export function principalFromClaims(sub: string, claims: VpvkacClaims): Principal {
  const roles = (Array.isArray(claims.roles) ? claims.roles : []).filter((r): r is Role => (ALL_ROLES as string[]).includes(r));
  return {
    subject: sub,
    kind: 'user',
    roles,
    centreIds: Array.isArray(claims.centre_ids) ? claims.centre_ids.filter((c) => typeof c === 'string') : [],
    institutionId: typeof claims.institution_id === 'string' ? claims.institution_id : undefined,
    municipalityAtvk: typeof claims.municipality_atvk === 'string' ? claims.municipality_atvk : undefined,
    displayName: typeof claims.name === 'string' ? claims.name : undefined,
  };
}
