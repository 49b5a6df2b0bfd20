import { EntitySchema } from '@mikro-orm/core';
import { Desk, ServiceQueue, Ticket } from '../../domain/queue';
import { DateRevivingJsonType } from '@infrastructure/database/date-reviving-json.type';

export const ServiceQueueSchema = new EntitySchema<ServiceQueue>({
  class: ServiceQueue,
  tableName: 'service_queue',
  schema: 'scheduling',
  uniques: [{ properties: ['centreId', 'prefix'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    nameLv: { type: 'text' },
    nameEn: { type: 'text' },
    prefix: { type: 'text' },
    serviceCodes: { type: 'text[]' },
    sortOrder: { type: 'integer' },
    active: { type: 'boolean' },
  },
});

export const DeskSchema = new EntitySchema<Desk>({
  class: Desk,
  tableName: 'desk',
  schema: 'scheduling',
  uniques: [{ properties: ['centreId', 'number'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    number: { type: 'text' },
    state: { type: 'text' },
    clerkId: { type: 'text', nullable: true },
    queueIds: { type: 'text[]' },
    currentTicketId: { type: 'uuid', nullable: true },
    stateChangedAt: { type: 'datetime', nullable: true },
    version: { type: 'integer' },
  },
});

type PersistedTicket = Omit<Ticket, 'isClosed' | 'openPeriod'>;

export const TicketSchema = new EntitySchema<PersistedTicket>({
  class: Ticket,
  tableName: 'ticket',
  schema: 'scheduling',
  indexes: [
    { name: 'ticket_active_idx', expression: `create index "ticket_active_idx" on "scheduling"."ticket" ("centre_id", "status") where "closed_at" is null` },
    { properties: ['centreId', 'serviceDay'] },
  ],
  uniques: [{ properties: ['centreId', 'serviceDay', 'prefix', 'seq'] }, { properties: ['trackingToken'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    queueId: { type: 'uuid' },
    serviceDay: { type: 'date' },
    prefix: { type: 'text' },
    seq: { type: 'integer' },
    number: { type: 'text' },
    priority: { type: 'smallint' },
    appointment: { type: DateRevivingJsonType, nullable: true },
    status: { type: 'text' },
    queueEnteredAt: { type: 'datetime' },
    issuedAt: { type: 'datetime' },
    issuedBy: { type: 'text' },
    calledCount: { type: 'integer' },
    lastCalledAt: { type: 'datetime', nullable: true },
    deskId: { type: 'uuid', nullable: true },
    clerkId: { type: 'text', nullable: true },
    assignedClerkId: { type: 'text', nullable: true },
    parkReason: { type: 'text', nullable: true },
    trackingToken: { type: 'text' },
    citizen: { type: 'json', nullable: true },
    requests: { type: DateRevivingJsonType },
    periods: { type: DateRevivingJsonType },
    outcome: { type: 'json', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
    version: { type: 'integer' },
    lastAction: { type: DateRevivingJsonType, nullable: true },
    /** Sealed (NotesCipher in queue-state.store.ts): only the queue store reads and writes it. */
    notes: { type: 'text', nullable: true },
    notesUpdatedAt: { type: 'datetime', nullable: true },
  },
});

/** Per centre: the realtime sequence number and the queue rules. */
export class CentreQueueSettings {
  centreId!: string;
  /** Incremented by every change in the centre; every realtime event carries it. */
  seq = 0;
  recallDelaySeconds = 30;
  maxCalls = 3;
  undoWindowSeconds = 10;
  notifyAtPosition = 3;
  message?: string;
}

export const CentreQueueSettingsSchema = new EntitySchema<CentreQueueSettings>({
  class: CentreQueueSettings,
  tableName: 'centre_queue_settings',
  schema: 'scheduling',
  properties: {
    centreId: { type: 'uuid', primary: true },
    seq: { type: 'bigint', columnType: 'bigint' },
    recallDelaySeconds: { type: 'integer' },
    maxCalls: { type: 'integer' },
    undoWindowSeconds: { type: 'integer' },
    notifyAtPosition: { type: 'integer' },
    message: { type: 'text', nullable: true },
  },
});

/** A waiting-room screen: read-only access by a token (hash stored). */
export class DisplayBoard {
  id!: string;
  centreId!: string;
  name!: string;
  tokenHash!: string;
  /** A counter display: the desk it stands at (null: a waiting-room board, or a kiosk). */
  deskId?: string;
  createdAt: Date = new Date();
  revokedAt?: Date;
}

export const DisplayBoardSchema = new EntitySchema<DisplayBoard>({
  class: DisplayBoard,
  tableName: 'display_board',
  schema: 'scheduling',
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    name: { type: 'text' },
    tokenHash: { type: 'text', unique: true },
    deskId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime' },
    revokedAt: { type: 'datetime', nullable: true },
  },
});

export const SCHEDULING_ENTITIES = [ServiceQueueSchema, DeskSchema, TicketSchema, CentreQueueSettingsSchema, DisplayBoardSchema];
