import { EntitySchema } from '@mikro-orm/core';

// The read models of Reporting. They are written and read with SQL (set-based upserts and
// aggregates); the schemas exist so that migrations are generated and nothing is hand-managed.
// No table holds personal data: no names, personal codes, clerk ids, IP addresses or free text.

/** Centres as Network announced them, with names and the planning region looked up once. */
export class CentreDimRow {
  centreId!: string;
  code?: string;
  name?: string;
  kind?: string;
  municipalityAtvk?: string;
  municipalityName?: string;
  planningRegion?: string;
  /** The status the centre was registered with (the start of its history). */
  registeredStatus?: string;
  status?: string;
  statusSince?: string;
  statusEventAt?: Date;
  registeredOn?: string;
  generated!: boolean;
}

export const CentreDimSchema = new EntitySchema<CentreDimRow>({
  class: CentreDimRow,
  tableName: 'centre_dim',
  schema: 'reporting',
  indexes: [{ properties: ['municipalityAtvk'] }],
  properties: {
    centreId: { type: 'uuid', primary: true },
    code: { type: 'text', nullable: true },
    name: { type: 'text', nullable: true },
    kind: { type: 'text', nullable: true },
    municipalityAtvk: { type: 'text', nullable: true },
    municipalityName: { type: 'text', nullable: true },
    planningRegion: { type: 'text', nullable: true },
    registeredStatus: { type: 'text', nullable: true },
    status: { type: 'text', nullable: true },
    statusSince: { type: 'date', nullable: true },
    statusEventAt: { type: 'datetime', nullable: true },
    registeredOn: { type: 'date', nullable: true },
    generated: { type: 'boolean', default: false },
  },
});

/** Every CentreStatusChanged, for the roll-out indicators over time. */
export class CentreStatusEventRow {
  eventId!: string;
  centreId!: string;
  kind!: string;
  municipalityAtvk!: string;
  fromStatus?: string;
  toStatus!: string;
  effectiveOn!: string;
  occurredAt!: Date;
}

export const CentreStatusEventSchema = new EntitySchema<CentreStatusEventRow>({
  class: CentreStatusEventRow,
  tableName: 'centre_status_event',
  schema: 'reporting',
  indexes: [{ properties: ['centreId', 'effectiveOn'] }],
  properties: {
    eventId: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    kind: { type: 'text' },
    municipalityAtvk: { type: 'text' },
    fromStatus: { type: 'text', nullable: true },
    toStatus: { type: 'text' },
    effectiveOn: { type: 'date' },
    occurredAt: { type: 'datetime' },
  },
});

/** Services and their institutions (Network's catalogue, looked up when a code is first seen). */
export class ServiceDimRow {
  serviceCode!: string;
  serviceId?: string;
  institutionId?: string;
  institutionCode!: string;
  institutionName?: string;
  nameLv?: string;
  nameEn?: string;
}

export const ServiceDimSchema = new EntitySchema<ServiceDimRow>({
  class: ServiceDimRow,
  tableName: 'service_dim',
  schema: 'reporting',
  indexes: [{ properties: ['institutionId'] }],
  properties: {
    serviceCode: { type: 'text', primary: true },
    serviceId: { type: 'uuid', nullable: true },
    institutionId: { type: 'uuid', nullable: true },
    institutionCode: { type: 'text' },
    institutionName: { type: 'text', nullable: true },
    nameLv: { type: 'text', nullable: true },
    nameEn: { type: 'text', nullable: true },
  },
});

/**
 * One row per queue visit (the latest VisitEnded of the ticket wins: marking a period inaccurate
 * after closing announces the visit again). Durations in milliseconds; null = left out.
 */
export class VisitFactRow {
  ticketId!: string;
  eventAt!: Date;
  centreId!: string;
  queueId!: string;
  ticketNumber!: string;
  serviceDay!: string;
  issueHour!: number;
  issuedAt!: Date;
  closedAt!: Date;
  status!: string;
  outcome?: string;
  outcomeStage?: string;
  priority!: number;
  waitMs?: number;
  walkMs?: number;
  serviceMs?: number;
  holdMs?: number;
  requeues!: number;
  serviceCodes!: string[];
}

export const VisitFactSchema = new EntitySchema<VisitFactRow>({
  class: VisitFactRow,
  tableName: 'visit_fact',
  schema: 'reporting',
  indexes: [
    { properties: ['serviceDay', 'centreId'] },
    { properties: ['centreId', 'serviceDay', 'ticketNumber'] },
  ],
  properties: {
    ticketId: { type: 'uuid', primary: true },
    eventAt: { type: 'datetime' },
    centreId: { type: 'uuid' },
    queueId: { type: 'uuid' },
    ticketNumber: { type: 'text' },
    serviceDay: { type: 'date' },
    issueHour: { type: 'smallint' },
    issuedAt: { type: 'datetime' },
    closedAt: { type: 'datetime' },
    status: { type: 'text' },
    outcome: { type: 'text', nullable: true },
    outcomeStage: { type: 'text', nullable: true },
    priority: { type: 'smallint' },
    waitMs: { type: 'integer', nullable: true },
    walkMs: { type: 'integer', nullable: true },
    serviceMs: { type: 'integer', nullable: true },
    holdMs: { type: 'integer', nullable: true },
    requeues: { type: 'smallint', default: 0 },
    serviceCodes: { type: 'text[]' },
  },
});

/**
 * One row per service line, whatever brought it: `source` 'queue' (a visit's requests) today;
 * 'intake' (forwarded applications) and 'remote' (video sessions) when those modules publish.
 */
export class ServiceFactRow {
  source!: string;
  sourceId!: string;
  line!: number;
  day!: string;
  centreId?: string;
  serviceCode!: string;
  channel!: string;
  sourceChannel!: string;
  quantity!: number;
  provided!: boolean;
}

export const ServiceFactSchema = new EntitySchema<ServiceFactRow>({
  class: ServiceFactRow,
  tableName: 'service_fact',
  schema: 'reporting',
  indexes: [{ properties: ['day', 'centreId'] }],
  properties: {
    source: { type: 'text', primary: true },
    sourceId: { type: 'uuid', primary: true },
    line: { type: 'smallint', primary: true },
    day: { type: 'date' },
    centreId: { type: 'uuid', nullable: true },
    serviceCode: { type: 'text' },
    channel: { type: 'text' },
    sourceChannel: { type: 'text' },
    quantity: { type: 'integer' },
    provided: { type: 'boolean' },
  },
});

/**
 * A citizen's rating of a visit. Primary data (not rebuilt from events). Keyed by the hash of the
 * token they hold, or by the centre, day and ticket number; no IP, no time of day, no free text.
 */
export class FeedbackRow {
  id!: string;
  centreId!: string;
  visitDay!: string;
  ticketNumber?: string;
  tokenHash?: string;
  rating!: number;
  answers!: Record<string, string | boolean>;
  lang!: string;
}

export const FeedbackSchema = new EntitySchema<FeedbackRow>({
  class: FeedbackRow,
  tableName: 'feedback',
  schema: 'reporting',
  uniques: [{ properties: ['tokenHash'] }, { properties: ['centreId', 'visitDay', 'ticketNumber'] }],
  indexes: [{ properties: ['visitDay', 'centreId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    visitDay: { type: 'date' },
    ticketNumber: { type: 'text', nullable: true },
    tokenHash: { type: 'text', nullable: true },
    rating: { type: 'smallint' },
    answers: { type: 'json' },
    lang: { type: 'text' },
  },
});

/** E-forms configured for re-use (the mission's 0 → 5): forms with a published version (Intake's EFormPublished). */
export class EformRow {
  formId!: string;
  formCode!: string;
  institutionCode!: string;
  latestVersion!: number;
  firstPublishedOn!: string;
}

export const EformSchema = new EntitySchema<EformRow>({
  class: EformRow,
  tableName: 'eform',
  schema: 'reporting',
  properties: {
    formId: { type: 'uuid', primary: true },
    formCode: { type: 'text' },
    institutionCode: { type: 'text' },
    latestVersion: { type: 'integer' },
    firstPublishedOn: { type: 'date' },
  },
});

export const REPORTING_ENTITIES = [
  CentreDimSchema,
  CentreStatusEventSchema,
  ServiceDimSchema,
  VisitFactSchema,
  ServiceFactSchema,
  FeedbackSchema,
  EformSchema,
];

/** Tables a rebuild empties and fills again from the outbox (feedback is primary data and stays). */
export const REBUILT_TABLES = ['centre_dim', 'centre_status_event', 'service_dim', 'visit_fact', 'service_fact', 'eform'] as const;
