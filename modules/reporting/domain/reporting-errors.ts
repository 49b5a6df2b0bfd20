import { DomainError, forbidden, invalid, type FieldError } from '@modules/shared-kernel';

export const clerkFiguresDenied = (): DomainError =>
  forbidden('REPORTING.CLERK_FIGURES_DENIED', 'Darbinieku rādītājus redz tikai administratori, auditori un pašvaldības koordinatori', 'Figures per clerk are for administrators, auditors and municipality coordinators only');

export const scopeDenied = (): DomainError =>
  forbidden('REPORTING.SCOPE_DENIED', 'Jums nav piekļuves šo datu pārskatiem', 'You have no access to reports on these data');

export const invalidReportRequest = (field: string, lv: string, en: string): DomainError =>
  invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [{ field, code: 'invalid_range', messageLv: lv, messageEn: en } satisfies FieldError]);

export const feedbackAlreadyGiven = (): DomainError =>
  new DomainError('REPORTING.FEEDBACK_ALREADY_GIVEN', 'conflict', { lv: 'Par šo apmeklējumu atsauksme jau ir saņemta', en: 'Feedback for this visit has already been given' });

export const unknownCentre = (): DomainError =>
  new DomainError('REPORTING.CENTRE_UNKNOWN', 'not_found', { lv: 'Centrs nav atrasts', en: 'Centre not found' });

export const rebuildRunning = (): DomainError =>
  new DomainError('REPORTING.REBUILD_RUNNING', 'conflict', { lv: 'Pārskatu pārbūve jau notiek', en: 'A rebuild of the reports is already running' });
