import { invalid, newId, validatePersonalCode, type FieldError } from '@modules/shared-kernel';
import type { FormData } from '../eform/json-schema';
import { removeSensitive } from '../eform/sensitive-values';
import {
  AT_INSTITUTION_STATUSES,
  DECISION_OUTCOMES,
  institutionRank,
  isFinished,
  WITHDRAWABLE_STATUSES,
  type ApplicationStatus,
  type DecisionOutcome,
} from './application-status';
import {
  applicationInvalid,
  applicationNotEditable,
  applicationStillActive,
  attachmentNotFound,
  attachmentsTooLarge,
  consentRequired,
  decisionOutcomeRequired,
  duplicateAttachment,
  illegalTransition,
  tooManyAttachments,
} from './application-errors';
import { attachmentErrors, MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES, toAttachment, type Attachment, type NewAttachment } from './attachment';
import type { InstitutionStatusEvent, StatusEventResult } from './institution-status-event';
import { newApplicationReference } from './application-reference';

/** Who performs automatic steps (delivery, retention) in the history. */
export const SYSTEM_ACTOR = 'system';

export interface Applicant {
  /** As given by the applicant; validated, not reformatted. */
  personalCode: string;
  name: string;
  contact?: { email?: string; phone?: string };
}

export interface Consent {
  textLv: string;
  acceptedAt: Date;
}

export interface AssistedBy {
  clerkId: string;
  centreId: string;
}

export interface StatusChange {
  at: Date;
  by: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  reason?: string;
}

export interface Decision {
  outcome: DecisionOutcome;
  messageLv?: string;
  messageEn?: string;
}

export interface NewApplication {
  serviceCode: string;
  institutionCode: string;
  institutionId?: string;
  formId: string;
  formVersionId: string;
  formVersion: number;
  applicant: Applicant;
  data?: FormData;
  consent?: Consent;
  assistedBy?: AssistedBy;
  visitTicketId?: string;
  /** Defaults to a fresh random reference; pass one to retry after a (rare) collision. */
  reference?: string;
}

/**
 * A citizen's application, filled against one published e-form version and forwarded to the
 * institution, whose status reports come back (late, twice or out of order) and move it on.
 */
export class Application {
  id: string = newId();
  reference!: string;
  serviceCode!: string;
  institutionCode!: string;
  institutionId?: string;
  formId!: string;
  formVersionId!: string;
  formVersion!: number;
  status: ApplicationStatus = 'draft';
  data: FormData = {};
  applicant!: Applicant;
  consent?: Consent;
  assistedBy?: AssistedBy;
  visitTicketId?: string;
  attachments: Attachment[] = [];
  history: StatusChange[] = [];
  decision?: Decision;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  submittedAt?: Date;
  queuedAt?: Date;
  deliveredAt?: Date;
  acceptedAt?: Date;
  decidedAt?: Date;
  closedAt?: Date;
  /** occurredAt of the last institution event applied; older events are ignored. */
  lastInstitutionEventAt?: Date;
  anonymisedAt?: Date;
  version = 1;

  static startDraft(props: NewApplication, now: Date, by: string): Application {
    const errors = applicantErrors(props.applicant);
    if (errors.length > 0) throw applicationInvalid(errors);
    const app = new Application();
    Object.assign(app, structuredClone({ ...props, data: props.data ?? {} }));
    app.reference = props.reference ?? newApplicationReference();
    app.createdAt = now;
    app.updatedAt = now;
    app.history = [{ at: now, by, from: null, to: 'draft' }];
    return app;
  }

  get isFinished(): boolean {
    return isFinished(this.status);
  }

  get attachmentsTotalBytes(): number {
    return this.attachments.reduce((sum, a) => sum + a.size, 0);
  }

  updateData(data: FormData, now: Date): void {
    this.assertDraft();
    this.data = structuredClone(data);
    this.updatedAt = now;
  }

  updateApplicant(applicant: Applicant, now: Date): void {
    this.assertDraft();
    const errors = applicantErrors(applicant);
    if (errors.length > 0) throw applicationInvalid(errors);
    this.applicant = structuredClone(applicant);
    this.updatedAt = now;
  }

  acceptConsent(textLv: string, now: Date): void {
    this.assertDraft();
    if (!textLv.trim()) throw consentRequired();
    this.consent = { textLv, acceptedAt: now };
    this.updatedAt = now;
  }

  addAttachment(input: NewAttachment, now: Date): Attachment {
    this.assertDraft();
    const errors = attachmentErrors(input);
    if (errors.length > 0) throw invalid('INTAKE.ATTACHMENT_INVALID', 'Pielikums nav derīgs', 'The attachment is not valid', errors);
    if (this.attachments.length >= MAX_ATTACHMENTS) throw tooManyAttachments(MAX_ATTACHMENTS);
    if (this.attachmentsTotalBytes + input.size > MAX_ATTACHMENTS_TOTAL_BYTES) throw attachmentsTooLarge(MAX_ATTACHMENTS_TOTAL_BYTES);
    if (this.attachments.some((a) => a.sha256 === input.sha256.toLowerCase())) throw duplicateAttachment();
    const attachment = toAttachment(input, now);
    this.attachments.push(attachment);
    this.updatedAt = now;
    return attachment;
  }

  removeAttachment(attachmentId: string, now: Date): void {
    this.assertDraft();
    const index = this.attachments.findIndex((a) => a.id === attachmentId);
    if (index < 0) throw attachmentNotFound();
    this.attachments.splice(index, 1);
    this.updatedAt = now;
  }

  /** draft → submitted. The caller validates `data` against the form version first. */
  submit(now: Date, by: string): void {
    this.assertStatus(['draft'], 'submitted');
    if (!this.consent) throw consentRequired();
    this.move('submitted', now, by);
    this.submittedAt = now;
  }

  /** submitted → queued: handed to the delivery outbox. */
  queueForDelivery(now: Date): void {
    this.assertStatus(['submitted'], 'queued');
    this.move('queued', now, SYSTEM_ACTOR);
    this.queuedAt = now;
  }

  /**
   * queued → delivered. Ignored when the institution already reported on it (its report beat
   * our delivery receipt) or the citizen withdrew meanwhile.
   */
  markDelivered(now: Date): StatusEventResult {
    if (this.status === 'queued') {
      this.move('delivered', now, SYSTEM_ACTOR);
      this.deliveredAt = now;
      return 'applied';
    }
    if (this.status === 'delivered' || institutionRank(this.status) > 0 || this.status === 'withdrawn') return 'ignored';
    throw illegalTransition(this.status, 'delivered');
  }

  /**
   * Applies an institution's status report. Out-of-order safe: a report older than the last
   * applied one, a duplicate or one that would move the application back is ignored; skipping
   * forward (delivered → decided) is fine.
   */
  applyInstitutionStatus(event: InstitutionStatusEvent, by: string): StatusEventResult {
    if (event.status === 'decided' && !isOutcome(event.outcome)) throw decisionOutcomeRequired();
    if (event.outcome !== undefined && !isOutcome(event.outcome)) throw decisionOutcomeRequired();
    if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime())) {
      throw invalid('INTAKE.INVALID_EVENT_TIME', 'Nederīgs notikuma laiks', 'Invalid event time');
    }
    if (this.isFinished) return 'ignored';
    if (!AT_INSTITUTION_STATUSES.includes(this.status)) throw illegalTransition(this.status, event.status);
    if (this.lastInstitutionEventAt && event.occurredAt < this.lastInstitutionEventAt) return 'ignored';
    if (institutionRank(event.status) <= institutionRank(this.status)) return 'ignored';

    const at = event.occurredAt;
    if (this.status === 'queued') this.deliveredAt ??= at; // a report proves delivery
    this.move(event.status, at, by);
    this.lastInstitutionEventAt = at;
    if (event.status === 'accepted') this.acceptedAt = at;
    if (event.outcome && (event.status === 'decided' || !this.decision)) {
      this.decision = { outcome: event.outcome, messageLv: event.messageLv, messageEn: event.messageEn };
      this.decidedAt = at;
    }
    if (event.status === 'closed') this.closedAt = at;
    return 'applied';
  }

  /** The citizen withdraws the application before a decision. */
  withdraw(now: Date, by: string, reason?: string): void {
    this.assertStatus(WITHDRAWABLE_STATUSES, 'withdrawn');
    this.move('withdrawn', now, by, reason?.trim() || undefined);
    this.closedAt = now;
  }

  /** decided → closed (e.g. once the decision was handed over). */
  close(now: Date, by: string = SYSTEM_ACTOR): void {
    this.assertStatus(['decided'], 'closed');
    this.move('closed', now, by);
    this.closedAt = now;
  }

  /**
   * Removes the applicant's personal data and the form's sensitive answers, keeping what
   * statistics need (service, institution, centre, dates, statuses, outcome). Idempotent.
   */
  anonymise(sensitiveFields: readonly string[], now: Date): void {
    if (this.status !== 'draft' && !this.isFinished) throw applicationStillActive(this.status);
    this.applicant = { personalCode: '', name: '' };
    this.data = removeSensitive(sensitiveFields, this.data);
    this.attachments = this.attachments.map((a, i) => ({ ...a, fileName: `pielikums-${i + 1}`, sha256: '' }));
    this.history = this.history.map(({ reason: _reason, ...change }) => change);
    if (this.decision) this.decision = { outcome: this.decision.outcome };
    this.anonymisedAt ??= now;
    this.updatedAt = now;
  }

  private move(to: ApplicationStatus, at: Date, by: string, reason?: string): void {
    this.history.push(reason === undefined ? { at, by, from: this.status, to } : { at, by, from: this.status, to, reason });
    this.status = to;
    this.updatedAt = at > this.updatedAt ? at : this.updatedAt;
  }

  private assertStatus(allowed: readonly ApplicationStatus[], to: ApplicationStatus): void {
    if (!allowed.includes(this.status)) throw illegalTransition(this.status, to);
  }

  private assertDraft(): void {
    if (this.status !== 'draft') throw applicationNotEditable(this.status);
  }
}

const isOutcome = (value: unknown): value is DecisionOutcome => DECISION_OUTCOMES.includes(value as DecisionOutcome);

function applicantErrors(applicant: Applicant | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!applicant || !validatePersonalCode(applicant.personalCode ?? '').valid) {
    errors.push({ field: 'applicant.personalCode', code: 'FORM.FORMAT', messageLv: 'Nederīgs personas kods', messageEn: 'Invalid personal code' });
  }
  if (!applicant?.name?.trim()) {
    errors.push({ field: 'applicant.name', code: 'FORM.REQUIRED', messageLv: 'Lauks ir obligāts', messageEn: 'This field is required' });
  }
  return errors;
}
