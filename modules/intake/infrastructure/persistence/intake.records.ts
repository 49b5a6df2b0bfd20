import { EntitySchema } from '@mikro-orm/core';
import { EFormDefinition, EFormVersion } from '../../domain/eform';
import { Application } from '../../domain/application/application';
import { SealedJsonType } from '@infrastructure/crypto/sealed-json.type';
import { DateRevivingJsonType } from '@infrastructure/database/date-reviving-json.type';

/** The bytes of an attachment (its metadata lives on the application). */
export class AttachmentContent {
  id!: string;
  applicationId!: string;
  content!: Buffer;
  createdAt: Date = new Date();
}

/** How an institution receives applications: webhook push or pull inbox. */
export class DeliveryChannelRecord {
  id!: string;
  institutionId!: string;
  kind!: 'webhook' | 'inbox';
  url?: string;
  /** Sealed JSON array of signing secrets (several during a rotation). */
  secretsSealed?: string;
  enabled = true;
  disabledAt?: Date;
  disabledReason?: string;
  createdBy!: string;
  createdAt: Date = new Date();
}

/** What a delivery hands over: the application, or the notice that the citizen withdrew it. */
export type DeliveryEvent = 'application.submitted' | 'application.withdrawn';

/**
 * One message about one application through one channel; its id is the `webhook-id`. `cancelled`:
 * the application was withdrawn before this hand-over finished.
 */
export class DeliveryRecord {
  id!: string;
  applicationId!: string;
  channelId!: string;
  institutionId!: string;
  kind!: 'webhook' | 'inbox';
  event: DeliveryEvent = 'application.submitted';
  status!: 'pending' | 'delivered' | 'dead' | 'disabled' | 'cancelled';
  attempts = 0;
  lastError?: string;
  lastHttpStatus?: number;
  nextAttemptAt?: Date;
  leasedUntil?: Date;
  deliveredAt?: Date;
  createdAt: Date = new Date();
}

export const EFormSchema = new EntitySchema<EFormDefinition>({
  class: EFormDefinition,
  tableName: 'e_form',
  schema: 'intake',
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'text', unique: true },
    institutionCode: { type: 'text' },
    serviceCodes: { type: 'text[]' },
    titleLv: { type: 'text' },
    titleEn: { type: 'text' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

export const EFormVersionSchema = new EntitySchema<Omit<EFormVersion, 'isDraft' | 'acceptsApplications'>>({
  class: EFormVersion,
  tableName: 'e_form_version',
  schema: 'intake',
  uniques: [{ properties: ['formId', 'version'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    formId: { type: 'uuid' },
    version: { type: 'integer' },
    status: { type: 'text' },
    jsonSchema: { type: 'json' },
    uiSchema: { type: 'json' },
    labels: { type: 'json' },
    sensitiveFields: { type: 'text[]' },
    publishedAt: { type: 'datetime', nullable: true },
    publishedBy: { type: 'text', nullable: true },
    retiredAt: { type: 'datetime', nullable: true },
    createdBy: { type: 'text' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    changeNote: { type: 'text', nullable: true },
  },
});

type PersistedApplication = Omit<Application, 'isFinished' | 'attachmentsTotalBytes'>;

/** The domain Application; applicant, answers and the decision's messages are sealed at rest. */
export const ApplicationSchema = new EntitySchema<PersistedApplication>({
  class: Application,
  tableName: 'application',
  schema: 'intake',
  indexes: [{ properties: ['institutionId', 'status'] }, { properties: ['status', 'closedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    reference: { type: 'text', unique: true },
    serviceCode: { type: 'text' },
    institutionCode: { type: 'text' },
    institutionId: { type: 'uuid', nullable: true },
    formId: { type: 'uuid' },
    formVersionId: { type: 'uuid' },
    formVersion: { type: 'integer' },
    status: { type: 'text' },
    data: { type: SealedJsonType, nullable: true },
    applicant: { type: SealedJsonType, nullable: true },
    consent: { type: DateRevivingJsonType, nullable: true },
    assistedBy: { type: 'json', nullable: true },
    visitTicketId: { type: 'uuid', nullable: true },
    attachments: { type: DateRevivingJsonType },
    history: { type: DateRevivingJsonType },
    decision: { type: SealedJsonType, nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    submittedAt: { type: 'datetime', nullable: true },
    queuedAt: { type: 'datetime', nullable: true },
    deliveredAt: { type: 'datetime', nullable: true },
    acceptedAt: { type: 'datetime', nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
    lastInstitutionEventAt: { type: 'datetime', nullable: true },
    anonymisedAt: { type: 'datetime', nullable: true },
    version: { type: 'integer' },
  },
});

export const AttachmentContentSchema = new EntitySchema<AttachmentContent>({
  class: AttachmentContent,
  tableName: 'attachment_content',
  schema: 'intake',
  indexes: [{ properties: ['applicationId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    applicationId: { type: 'uuid' },
    content: { type: 'blob', lazy: true },
    createdAt: { type: 'datetime' },
  },
});

export const DeliveryChannelSchema = new EntitySchema<DeliveryChannelRecord>({
  class: DeliveryChannelRecord,
  tableName: 'delivery_channel',
  schema: 'intake',
  indexes: [{ properties: ['institutionId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    institutionId: { type: 'uuid' },
    kind: { type: 'text' },
    url: { type: 'text', nullable: true },
    secretsSealed: { type: 'text', nullable: true },
    enabled: { type: 'boolean' },
    disabledAt: { type: 'datetime', nullable: true },
    disabledReason: { type: 'text', nullable: true },
    createdBy: { type: 'text' },
    createdAt: { type: 'datetime' },
  },
});

export const DeliverySchema = new EntitySchema<DeliveryRecord>({
  class: DeliveryRecord,
  tableName: 'delivery',
  schema: 'intake',
  uniques: [{ properties: ['applicationId', 'channelId', 'event'] }],
  indexes: [{ properties: ['institutionId', 'kind', 'status'] }, { properties: ['status', 'nextAttemptAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    applicationId: { type: 'uuid' },
    channelId: { type: 'uuid' },
    institutionId: { type: 'uuid' },
    kind: { type: 'text' },
    event: { type: 'text', default: 'application.submitted' },
    status: { type: 'text' },
    attempts: { type: 'integer' },
    lastError: { type: 'text', nullable: true },
    lastHttpStatus: { type: 'integer', nullable: true },
    nextAttemptAt: { type: 'datetime', nullable: true },
    leasedUntil: { type: 'datetime', nullable: true },
    deliveredAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

export const INTAKE_ENTITIES = [EFormSchema, EFormVersionSchema, ApplicationSchema, AttachmentContentSchema, DeliveryChannelSchema, DeliverySchema];
