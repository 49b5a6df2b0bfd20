export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'queued',
  'delivered',
  'accepted',
  'in_progress',
  'decided',
  'closed',
  'withdrawn',
] as const;

/**
 * draft → submitted → queued → delivered → accepted → in_progress → decided → closed;
 * the citizen may withdraw before a decision. Institutions report accepted…closed.
 */
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** `returned`: returned for correction. */
export type DecisionOutcome = 'granted' | 'refused' | 'returned';
export const DECISION_OUTCOMES: readonly DecisionOutcome[] = ['granted', 'refused', 'returned'];

export type InstitutionStatus = 'accepted' | 'in_progress' | 'decided' | 'closed';
export const INSTITUTION_STATUSES: readonly InstitutionStatus[] = ['accepted', 'in_progress', 'decided', 'closed'];

export const WITHDRAWABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'submitted', 'queued', 'delivered', 'accepted', 'in_progress'];

/** Statuses in which the institution has (or may have) the application and may report on it. */
export const AT_INSTITUTION_STATUSES: readonly ApplicationStatus[] = ['queued', 'delivered', 'accepted', 'in_progress', 'decided'];

// How far along the institution's part of the lifecycle a status is; events never move it back.
const INSTITUTION_RANK: Partial<Record<ApplicationStatus, number>> = { queued: 0, delivered: 0, accepted: 1, in_progress: 2, decided: 3, closed: 4 };

export const institutionRank = (status: ApplicationStatus): number => INSTITUTION_RANK[status] ?? -1;

export const isFinished = (status: ApplicationStatus): boolean => status === 'closed' || status === 'withdrawn';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, { lv: string; en: string }> = {
  draft: { lv: 'melnraksts', en: 'draft' },
  submitted: { lv: 'iesniegts', en: 'submitted' },
  queued: { lv: 'gaida nosūtīšanu', en: 'queued for delivery' },
  delivered: { lv: 'nosūtīts iestādei', en: 'delivered to the institution' },
  accepted: { lv: 'iestāde pieņēmusi', en: 'accepted by the institution' },
  in_progress: { lv: 'tiek izskatīts', en: 'in progress' },
  decided: { lv: 'pieņemts lēmums', en: 'decided' },
  closed: { lv: 'slēgts', en: 'closed' },
  withdrawn: { lv: 'atsaukts', en: 'withdrawn' },
};
