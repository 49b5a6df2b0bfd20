/** Lifecycle of a centre, from the plan to closure. */
export const CENTRE_STATUSES = ['planned', 'premises_ready', 'equipped', 'active', 'suspended', 'closed'] as const;
export type CentreStatus = (typeof CENTRE_STATUSES)[number];

const ALLOWED: Record<CentreStatus, readonly CentreStatus[]> = {
  planned: ['premises_ready', 'closed'],
  premises_ready: ['equipped', 'planned', 'closed'],
  equipped: ['active', 'premises_ready', 'closed'],
  active: ['suspended', 'closed'],
  suspended: ['active', 'closed'],
  closed: [],
};

export const canMoveCentre = (from: CentreStatus, to: CentreStatus): boolean => ALLOWED[from].includes(to);
export const nextCentreStatuses = (from: CentreStatus): readonly CentreStatus[] => ALLOWED[from];

export const CENTRE_STATUS_NAMES: Record<CentreStatus, { lv: string; en: string }> = {
  planned: { lv: 'Plānots', en: 'Planned' },
  premises_ready: { lv: 'Telpas sagatavotas', en: 'Premises ready' },
  equipped: { lv: 'Aprīkots', en: 'Equipped' },
  active: { lv: 'Darbojas', en: 'Active' },
  suspended: { lv: 'Darbība apturēta', en: 'Suspended' },
  closed: { lv: 'Slēgts', en: 'Closed' },
};
