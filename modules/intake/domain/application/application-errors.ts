import { conflict, invalid, notFound, type FieldError } from '@modules/shared-kernel';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './application-status';

export const illegalTransition = (from: ApplicationStatus, to: ApplicationStatus): Error =>
  conflict(
    'INTAKE.ILLEGAL_TRANSITION',
    `Iesniegumu nevar pārvietot no statusa "${APPLICATION_STATUS_LABELS[from].lv}" uz "${APPLICATION_STATUS_LABELS[to].lv}"`,
    `An application cannot move from "${from}" to "${to}"`,
    { from, to },
  );

export const applicationNotEditable = (status: ApplicationStatus): Error =>
  conflict('INTAKE.APPLICATION_NOT_EDITABLE', 'Mainīt var tikai iesnieguma melnrakstu', 'Only a draft application can be changed', { status });

export const applicationStillActive = (status: ApplicationStatus): Error =>
  conflict(
    'INTAKE.APPLICATION_STILL_ACTIVE',
    'Iesniegumu var anonimizēt tikai pēc tā slēgšanas vai atsaukšanas',
    'An application can be anonymised only once it is closed or withdrawn',
    { status },
  );

export const consentRequired = (): Error =>
  conflict('INTAKE.CONSENT_REQUIRED', 'Pirms iesniegšanas jāsaņem iesniedzēja piekrišana', "The applicant's consent is needed before submitting");

export const decisionOutcomeRequired = (): Error =>
  invalid('INTAKE.DECISION_OUTCOME_REQUIRED', 'Lēmumam jānorāda iznākums (granted, refused vai returned)', 'A decision needs an outcome (granted, refused or returned)', [
    { field: 'outcome', code: 'INTAKE.DECISION_OUTCOME_REQUIRED', messageLv: 'Jānorāda lēmuma iznākums', messageEn: 'The outcome is required' },
  ]);

export const applicationInvalid = (errors: FieldError[]): Error =>
  invalid('INTAKE.APPLICATION_INVALID', 'Iesnieguma dati nav derīgi', 'The application data is not valid', errors);

export const tooManyAttachments = (max: number): Error =>
  conflict('INTAKE.TOO_MANY_ATTACHMENTS', `Iesniegumam var pievienot ne vairāk kā ${max} pielikumus`, `An application can have at most ${max} attachments`, { max });

export const attachmentsTooLarge = (maxBytes: number): Error =>
  conflict(
    'INTAKE.ATTACHMENTS_TOO_LARGE',
    `Pielikumu kopējais apjoms nedrīkst pārsniegt ${Math.round(maxBytes / 1024 / 1024)} MB`,
    `Attachments may not exceed ${Math.round(maxBytes / 1024 / 1024)} MB in total`,
    { maxBytes },
  );

export const duplicateAttachment = (): Error =>
  conflict('INTAKE.DUPLICATE_ATTACHMENT', 'Šis fails jau ir pievienots', 'This file is already attached');

export const attachmentNotFound = (): Error =>
  notFound('INTAKE.ATTACHMENT_NOT_FOUND', 'Iesniegumam nav tāda pielikuma', 'The application has no such attachment');
