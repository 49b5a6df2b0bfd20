import { EntitySchema } from '@mikro-orm/core';

// The read models of Reporting. They are written and read with SQL (set-based upserts and
// aggregates); the schemas exist so that migrations are generated and nothing is hand-managed.
// No table holds citizens' personal data: no names, personal codes, IP addresses or free text. Staff appear only as the
// subject of the clerk who served a visit (visit_fact.served_by, ADR 0012).

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
 * after closing announces the visit again). Durations in milliseconds; null = left out. The
 * visit's service lines are kept as parallel arrays (code, reporting channel, quantity).
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
  /** Distinct service codes of the visit (for slicing times by service). */
  serviceCodes!: string[];
  /** The clerk (subject) of the last service period, for per-clerk times; null when never served. */
  servedBy?: string;
  lineCodes!: string[];
  lineChannels!: string[];
  lineQuantities!: number[];
  /** The lines a re-announcement replaced, returned by the upsert to take them out of the rollup. */
  prevLines?: Record<string, unknown>;
}

const VISIT_MEASURES = '"queue_id", "issue_hour", "outcome", "wait_ms", "walk_ms", "service_ms", "hold_ms", "service_codes"';

export const VisitFactSchema = new EntitySchema<VisitFactRow>({
  class: VisitFactRow,
  tableName: 'visit_fact',
  schema: 'reporting',
  // Covering indexes: the time reports read only these columns, so a year of visits is scanned
  // from the narrow index (index-only), by day nationally or by centre for scoped callers.
  indexes: [
    {
      name: 'visit_fact_day_cover_idx',
      expression: `create index "visit_fact_day_cover_idx" on "reporting"."visit_fact" ("service_day", "centre_id") include (${VISIT_MEASURES})`,
    },
    {
      name: 'visit_fact_centre_cover_idx',
      expression: `create index "visit_fact_centre_cover_idx" on "reporting"."visit_fact" ("centre_id", "service_day", "ticket_number") include (${VISIT_MEASURES})`,
    },
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
    servedBy: { type: 'text', nullable: true },
    lineCodes: { type: 'text[]', default: '{}' },
    lineChannels: { type: 'text[]', default: '{}' },
    lineQuantities: { type: 'integer[]', columnType: 'int[]', default: '{}' },
    prevLines: { type: 'json', nullable: true },
  },
});

/**
 * Services provided per month, centre, service and channel, kept up to date by the projection
 * (additions for new visits, corrections when a visit is announced again). Whatever brings a
 * service adds here: queue visits today ('in_person', 'consultation_only'); Intake's forwarded
 * applications and RemoteOfficial's video sessions when they are projected. `visits` counts the
 * visits (or applications, sessions) behind the cell: it adds up across centres and months, which
 * the small-cell rule of the open data relies on.
 */
export class ServiceMonthRow {
  month!: string;
  centreId!: string;
  serviceCode!: string;
  channel!: string;
  services!: number;
  visits!: number;
}

export const ServiceMonthSchema = new EntitySchema<ServiceMonthRow>({
  class: ServiceMonthRow,
  tableName: 'service_month',
  schema: 'reporting',
  properties: {
    month: { type: 'date', primary: true },
    centreId: { type: 'uuid', primary: true },
    serviceCode: { type: 'text', primary: true },
    channel: { type: 'text', primary: true },
    services: { type: 'integer' },
    visits: { type: 'integer' },
  },
});

/** The same, per centre and channel only: the national and regional charts read this small table. */
export class CentreMonthRow {
  month!: string;
  centreId!: string;
  channel!: string;
  services!: number;
  visits!: number;
}

export const CentreMonthSchema = new EntitySchema<CentreMonthRow>({
  class: CentreMonthRow,
  tableName: 'centre_month',
  schema: 'reporting',
  properties: {
    month: { type: 'date', primary: true },
    centreId: { type: 'uuid', primary: true },
    channel: { type: 'text', primary: true },
    services: { type: 'integer' },
    visits: { type: 'integer' },
  },
});

/**
 * Services provided per day (Europe/Riga), centre, service and channel: the same cells as
 * `service_month`, by day, kept by the same deltas (visits, forwarded applications, video
 * sessions). Reports by day or week read this instead of every visit's lines.
 */
export class ServiceDayRow {
  day!: string;
  centreId!: string;
  serviceCode!: string;
  channel!: string;
  services!: number;
  visits!: number;
}

export const ServiceDaySchema = new EntitySchema<ServiceDayRow>({
  class: ServiceDayRow,
  tableName: 'service_day',
  schema: 'reporting',
  properties: {
    day: { type: 'date', primary: true },
    centreId: { type: 'uuid', primary: true },
    serviceCode: { type: 'text', primary: true },
    channel: { type: 'text', primary: true },
    services: { type: 'integer' },
    visits: { type: 'integer' },
  },
});

/**
 * Times of the visits per month and centre (`VisitTimeMonthRow`) and per month and service
 * nationally (`ServiceTimeMonthRow`, a visit once under each service it had), kept by the
 * projection like the services rollups (a replaced visit is taken out exactly): the outcomes, and
 * per measure (wait, walk, service, hold) how many visits have it, the sum of milliseconds (exact
 * averages) and a mergeable histogram (domain/duration-histogram.ts: medians and p90 within 1 %).
 * Wait-time reports over large slices read these instead of every visit.
 */
export class TimeRollupColumns {
  visits!: number;
  served!: number;
  notServed!: number;
  leftBeforeService!: number;
  noShow!: number;
  waitN!: number;
  waitSumMs!: string;
  waitHist!: Buffer;
  walkN!: number;
  walkSumMs!: string;
  walkHist!: Buffer;
  serviceN!: number;
  serviceSumMs!: string;
  serviceHist!: Buffer;
  holdN!: number;
  holdSumMs!: string;
  holdHist!: Buffer;
}

const TIME_ROLLUP_PROPERTIES = {
  visits: { type: 'integer', default: 0 },
  served: { type: 'integer', default: 0 },
  notServed: { type: 'integer', default: 0 },
  leftBeforeService: { type: 'integer', default: 0 },
  noShow: { type: 'integer', default: 0 },
  ...Object.fromEntries(
    ['wait', 'walk', 'service', 'hold'].flatMap((m) => [
      [`${m}N`, { type: 'integer', default: 0 }],
      [`${m}SumMs`, { type: 'bigint', default: 0 }],
      [`${m}Hist`, { type: 'blob', columnType: 'bytea', default: '\\x' }],
    ]),
  ),
} as const;

export class VisitTimeMonthRow extends TimeRollupColumns {
  month!: string;
  centreId!: string;
}

export const VisitTimeMonthSchema = new EntitySchema<VisitTimeMonthRow>({
  class: VisitTimeMonthRow,
  tableName: 'visit_time_month',
  schema: 'reporting',
  properties: {
    month: { type: 'date', primary: true },
    centreId: { type: 'uuid', primary: true },
    ...TIME_ROLLUP_PROPERTIES,
  } as never,
});

export class ServiceTimeMonthRow extends TimeRollupColumns {
  month!: string;
  serviceCode!: string;
}

export const ServiceTimeMonthSchema = new EntitySchema<ServiceTimeMonthRow>({
  class: ServiceTimeMonthRow,
  tableName: 'service_time_month',
  schema: 'reporting',
  properties: {
    month: { type: 'date', primary: true },
    serviceCode: { type: 'text', primary: true },
    ...TIME_ROLLUP_PROPERTIES,
  } as never,
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

/**
 * One row per application (Intake's events), merged column by column so the events may arrive in
 * any order and twice: submission, delivery, the first status the institution reported and its
 * decision. Working times are milliseconds of the institutions' working time (Latvian calendar,
 * 08:30–17:00 with lunch) from delivery. No reference number, no answers, no applicant.
 */
export class ApplicationFactRow {
  applicationId!: string;
  serviceCode!: string;
  institutionId?: string;
  institutionCode!: string;
  centreId?: string;
  formCode!: string;
  submittedAt?: Date;
  submittedDay?: string;
  /** Submitted during a queue visit (the visit already counts the service). */
  fromVisit!: boolean;
  deliveredAt?: Date;
  deliveredDay?: string;
  deliveryChannel?: string;
  deliveryAttempts?: number;
  deliveryLatencyMs?: number;
  status!: string;
  statusRank!: number;
  firstResponseAt?: Date;
  firstResponseStatus?: string;
  firstResponseWorkingMs?: number;
  decidedAt?: Date;
  decisionWorkingMs?: number;
  outcome?: string;
  closedAt?: Date;
  /** Where the application is counted in the monthly services rollups (channel application_forwarded), if it is. */
  countedDay?: string;
  countedCentre?: string;
}

export const ApplicationFactSchema = new EntitySchema<ApplicationFactRow>({
  class: ApplicationFactRow,
  tableName: 'application_fact',
  schema: 'reporting',
  indexes: [{ properties: ['submittedDay', 'centreId'] }, { properties: ['institutionId', 'submittedDay'] }],
  properties: {
    applicationId: { type: 'uuid', primary: true },
    serviceCode: { type: 'text' },
    institutionId: { type: 'uuid', nullable: true },
    institutionCode: { type: 'text' },
    centreId: { type: 'uuid', nullable: true },
    formCode: { type: 'text' },
    submittedAt: { type: 'datetime', nullable: true },
    submittedDay: { type: 'date', nullable: true },
    fromVisit: { type: 'boolean', default: false },
    deliveredAt: { type: 'datetime', nullable: true },
    deliveredDay: { type: 'date', nullable: true },
    deliveryChannel: { type: 'text', nullable: true },
    deliveryAttempts: { type: 'integer', nullable: true },
    deliveryLatencyMs: { type: 'bigint', nullable: true },
    status: { type: 'text' },
    statusRank: { type: 'smallint' },
    firstResponseAt: { type: 'datetime', nullable: true },
    firstResponseStatus: { type: 'text', nullable: true },
    firstResponseWorkingMs: { type: 'bigint', nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    decisionWorkingMs: { type: 'bigint', nullable: true },
    outcome: { type: 'text', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
    countedDay: { type: 'date', nullable: true },
    countedCentre: { type: 'uuid', nullable: true },
  },
});

/**
 * One row per remote consultation: an on-demand request (RemoteOfficial's events, keyed by the
 * request) or a booking (Scheduling's booking events, keyed by the booking). Merged column by
 * column, so order and repetition do not matter. No specialist, clerk or citizen ids, no notes.
 */
export class RemoteFactRow {
  factId!: string;
  kind!: string;
  centreId!: string;
  serviceCode!: string;
  institutionCode?: string;
  /** Riga date of the request (on demand) or of the booked start. */
  day?: string;
  requestedAt?: Date;
  sessionId?: string;
  acceptedAt?: Date;
  answerSeconds?: number;
  startedAt?: Date;
  endedAt?: Date;
  durationSeconds?: number;
  callSeconds?: number;
  outcome?: string;
  interruptions?: number;
  failedAt?: Date;
  failureReason?: string;
  abandonedAt?: Date;
  confirmedAt?: Date;
  bookedMinutes?: number;
  cancelledAt?: Date;
  cancelReason?: string;
  noShowAt?: Date;
  rescheduledAt?: Date;
  countedDay?: string;
  countedCentre?: string;
}

export const RemoteFactSchema = new EntitySchema<RemoteFactRow>({
  class: RemoteFactRow,
  tableName: 'remote_fact',
  schema: 'reporting',
  indexes: [{ properties: ['day', 'centreId'] }],
  properties: {
    factId: { type: 'uuid', primary: true },
    kind: { type: 'text' },
    centreId: { type: 'uuid' },
    serviceCode: { type: 'text' },
    institutionCode: { type: 'text', nullable: true },
    day: { type: 'date', nullable: true },
    requestedAt: { type: 'datetime', nullable: true },
    sessionId: { type: 'uuid', nullable: true },
    acceptedAt: { type: 'datetime', nullable: true },
    answerSeconds: { type: 'integer', nullable: true },
    startedAt: { type: 'datetime', nullable: true },
    endedAt: { type: 'datetime', nullable: true },
    durationSeconds: { type: 'integer', nullable: true },
    callSeconds: { type: 'integer', nullable: true },
    outcome: { type: 'text', nullable: true },
    interruptions: { type: 'integer', nullable: true },
    failedAt: { type: 'datetime', nullable: true },
    failureReason: { type: 'text', nullable: true },
    abandonedAt: { type: 'datetime', nullable: true },
    confirmedAt: { type: 'datetime', nullable: true },
    bookedMinutes: { type: 'integer', nullable: true },
    cancelledAt: { type: 'datetime', nullable: true },
    cancelReason: { type: 'text', nullable: true },
    noShowAt: { type: 'datetime', nullable: true },
    rescheduledAt: { type: 'datetime', nullable: true },
    countedDay: { type: 'date', nullable: true },
    countedCentre: { type: 'uuid', nullable: true },
  },
});

export const REPORTING_ENTITIES = [
  CentreDimSchema,
  CentreStatusEventSchema,
  ServiceDimSchema,
  VisitFactSchema,
  ServiceMonthSchema,
  CentreMonthSchema,
  ServiceDaySchema,
  VisitTimeMonthSchema,
  ServiceTimeMonthSchema,
  FeedbackSchema,
  EformSchema,
  ApplicationFactSchema,
  RemoteFactSchema,
];

/** Tables a rebuild empties and fills again from the outbox (feedback is primary data and stays). */
export const REBUILT_TABLES = ['centre_dim', 'centre_status_event', 'service_dim', 'visit_fact', 'service_month', 'centre_month', 'service_day', 'visit_time_month', 'service_time_month', 'eform', 'application_fact', 'remote_fact'] as const;
