/** Centre types (after MK noteikumi Nr. 401 significance levels, plus parish contact points). */
export const CENTRE_KINDS = ['regional', 'county', 'local', 'parish_contact_point'] as const;
export type CentreKind = (typeof CENTRE_KINDS)[number];
