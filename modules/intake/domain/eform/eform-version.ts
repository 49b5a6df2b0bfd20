import { invalid, newId } from '@modules/shared-kernel';
import type { JsonSchema } from './json-schema';
import type { UiSchema } from './ui-schema';
import type { FormLabels } from './form-labels';
import type { EFormVersionStatus } from './eform-version-status';
import type { FormVersionContent } from './form-version-references.rule';
import { defaultEFormValidator, type EFormValidator } from './eform-validator';
import { versionImmutable, versionNotPublishable, versionNotPublished } from './eform-errors';

export interface NewEFormVersion extends FormVersionContent {
  formId: string;
  version: number;
  createdBy: string;
  changeNote?: string;
}

export type EFormDraftChanges = Partial<FormVersionContent> & { changeNote?: string };

/**
 * One version of an e-form. A draft may change; once published it is an immutable snapshot
 * (each application keeps the version it was filled against); retiring stops new applications.
 */
export class EFormVersion {
  id: string = newId();
  formId!: string;
  version!: number;
  status: EFormVersionStatus = 'draft';
  /** JSON Schema 2020-12 of the answers. */
  jsonSchema!: JsonSchema;
  uiSchema!: UiSchema;
  labels!: FormLabels;
  /** JSON pointers of answers holding personal data (encrypted at rest, redacted in logs, removed on anonymisation). */
  sensitiveFields: string[] = [];
  publishedAt?: Date;
  publishedBy?: string;
  retiredAt?: Date;
  createdBy!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
  changeNote?: string;

  static draft(props: NewEFormVersion, now = new Date()): EFormVersion {
    if (!Number.isInteger(props.version) || props.version < 1) {
      throw invalid('INTAKE.INVALID_VERSION_NUMBER', 'Versijas numuram jābūt veselam skaitlim no 1', 'The version number must be a whole number from 1');
    }
    const v = new EFormVersion();
    Object.assign(v, structuredClone(props));
    v.createdAt = now;
    v.updatedAt = now;
    return v;
  }

  /** A new draft with this version's content, numbered `nextVersion`. */
  copyAsDraft(nextVersion: number, createdBy: string, now = new Date(), changeNote?: string): EFormVersion {
    return EFormVersion.draft({ formId: this.formId, version: nextVersion, createdBy, changeNote, ...this.content() }, now);
  }

  content(): FormVersionContent {
    return structuredClone({ jsonSchema: this.jsonSchema, uiSchema: this.uiSchema, labels: this.labels, sensitiveFields: this.sensitiveFields });
  }

  get isDraft(): boolean {
    return this.status === 'draft';
  }

  get acceptsApplications(): boolean {
    return this.status === 'published';
  }

  updateDraft(changes: EFormDraftChanges, now = new Date()): void {
    this.assertDraft();
    const copy = structuredClone(changes);
    if (copy.jsonSchema !== undefined) this.jsonSchema = copy.jsonSchema;
    if (copy.uiSchema !== undefined) this.uiSchema = copy.uiSchema;
    if (copy.labels !== undefined) this.labels = copy.labels;
    if (copy.sensitiveFields !== undefined) this.sensitiveFields = copy.sensitiveFields;
    if (copy.changeNote !== undefined) this.changeNote = copy.changeNote;
    this.updatedAt = now;
  }

  /** draft → published, only if the schema compiles and every pointer it mentions exists. */
  publish(now: Date, by: string, validator: EFormValidator = defaultEFormValidator()): void {
    this.assertDraft();
    const errors = validator.publishErrors(this);
    if (errors.length > 0) throw versionNotPublishable(errors);
    this.status = 'published';
    this.publishedAt = now;
    this.publishedBy = by;
    this.updatedAt = now;
  }

  /** published → retired: existing applications keep it, new ones cannot use it. */
  retire(now: Date): void {
    if (this.status !== 'published') throw versionNotPublished(this.status);
    this.status = 'retired';
    this.retiredAt = now;
    this.updatedAt = now;
  }

  private assertDraft(): void {
    if (this.status !== 'draft') throw versionImmutable(this.status);
  }
}
