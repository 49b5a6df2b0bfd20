import { EntitySchema } from '@mikro-orm/core';

// Tables of RemoteOfficial. They are written and read with SQL under a per-institution advisory
// lock (see application/remote-official.service.ts); the schemas exist for migrations and tooling.

/** A clerk's request for a consultation now, waiting in the institution's line. */
export class RemoteRequestRow {
  id!: string;
  institutionId!: string;
  institutionCode!: string;
  serviceId!: string;
  serviceCode!: string;
  centreId!: string;
  boothId?: string;
  sharedNote?: string;
  requestedBy!: string;
  status!: string;
  ringingBy?: string;
  ringingUntil?: Date;
  sessionId?: string;
  requestedAt!: Date;
  acceptedAt?: Date;
}

export const RemoteRequestSchema = new EntitySchema<RemoteRequestRow>({
  class: RemoteRequestRow,
  tableName: 'remote_request',
  schema: 'remote_official',
  indexes: [{ properties: ['institutionId', 'status', 'requestedAt'] }, { properties: ['centreId', 'status'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    institutionId: { type: 'uuid' },
    institutionCode: { type: 'text' },
    serviceId: { type: 'uuid' },
    serviceCode: { type: 'text' },
    centreId: { type: 'uuid' },
    boothId: { type: 'text', nullable: true },
    sharedNote: { type: 'text', nullable: true },
    requestedBy: { type: 'text' },
    status: { type: 'text' },
    ringingBy: { type: 'text', nullable: true },
    ringingUntil: { type: 'timestamptz', nullable: true },
    sessionId: { type: 'uuid', nullable: true },
    requestedAt: { type: 'timestamptz' },
    acceptedAt: { type: 'timestamptz', nullable: true },
  },
});

/**
 * One consultation: a Janus room and the two participants' tokens. On-demand sessions come from a
 * request; booked ones from a confirmed booking (`bookingId`, the booked times, and only what the
 * clerk shared: `sharedName`, `sharedMaskedCode`, `sharedNote`).
 */
export class RemoteSessionRow {
  id!: string;
  requestId?: string;
  origin!: string;
  bookingId?: string;
  scheduledStart?: Date;
  scheduledEnd?: Date;
  sharedName?: string;
  sharedMaskedCode?: string;
  sharedNote?: string;
  institutionId!: string;
  institutionCode!: string;
  serviceCode!: string;
  centreId!: string;
  boothId?: string;
  clerkSubject!: string;
  specialistSubject!: string;
  status!: string;
  videoServer?: string;
  room?: string;
  pin?: string;
  roomSecret?: string;
  boothToken?: string;
  specialistToken?: string;
  acceptedAt!: Date;
  startedAt?: Date;
  endedAt?: Date;
  outcome?: string;
  notes?: string;
  failureReason?: string;
  interruptions!: number;
}

export const RemoteSessionSchema = new EntitySchema<RemoteSessionRow>({
  class: RemoteSessionRow,
  tableName: 'remote_session',
  schema: 'remote_official',
  indexes: [{ properties: ['institutionId', 'status'] }, { properties: ['status'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    requestId: { type: 'uuid', unique: true, nullable: true },
    origin: { type: 'text', default: 'on_demand' },
    bookingId: { type: 'uuid', unique: true, nullable: true },
    scheduledStart: { type: 'timestamptz', nullable: true },
    scheduledEnd: { type: 'timestamptz', nullable: true },
    sharedName: { type: 'text', nullable: true },
    sharedMaskedCode: { type: 'text', nullable: true },
    sharedNote: { type: 'text', nullable: true },
    institutionId: { type: 'uuid' },
    institutionCode: { type: 'text' },
    serviceCode: { type: 'text' },
    centreId: { type: 'uuid' },
    boothId: { type: 'text', nullable: true },
    clerkSubject: { type: 'text' },
    specialistSubject: { type: 'text' },
    status: { type: 'text' },
    videoServer: { type: 'text', nullable: true },
    room: { type: 'bigint', nullable: true },
    pin: { type: 'text', nullable: true },
    roomSecret: { type: 'text', nullable: true },
    boothToken: { type: 'text', nullable: true },
    specialistToken: { type: 'text', nullable: true },
    acceptedAt: { type: 'timestamptz' },
    startedAt: { type: 'timestamptz', nullable: true },
    endedAt: { type: 'timestamptz', nullable: true },
    outcome: { type: 'text', nullable: true },
    notes: { type: 'text', nullable: true },
    failureReason: { type: 'text', nullable: true },
    interruptions: { type: 'int', default: 0 },
  },
});

export const REMOTE_OFFICIAL_ENTITIES = [RemoteRequestSchema, RemoteSessionSchema];
