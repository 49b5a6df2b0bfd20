import { EntitySchema } from '@mikro-orm/core';
import { Centre, type StatusChange, StaffAssignment, VideoBooth } from '../../domain/centre';

export const CentreSchema = new EntitySchema<Centre>({
  class: Centre,
  tableName: 'centre',
  schema: 'network',
  indexes: [{ properties: ['municipalityAtvk'] }, { properties: ['status'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'text', unique: true },
    nameLv: { type: 'text' },
    shortName: { type: 'text' },
    kind: { type: 'text' },
    municipalityAtvk: { type: 'text' },
    placeName: { type: 'text' },
    placeType: { type: 'text' },
    address: { type: 'text' },
    postcode: { type: 'text' },
    lat: { type: 'double', nullable: true },
    lon: { type: 'double', nullable: true },
    phone: { type: 'text' },
    email: { type: 'text' },
    languages: { type: 'text[]' },
    status: { type: 'text' },
    statusSince: { type: 'date' },
    generated: { type: 'boolean' },
    openingHours: { type: 'json' },
    serviceCodes: { type: 'text[]' },
    version: { type: 'integer', version: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

export class CentreStatusChangeRow implements StatusChange {
  id!: string;
  centreId!: string;
  from!: StatusChange['from'];
  to!: StatusChange['to'];
  effectiveOn!: string;
  changedAt!: Date;
  changedBy!: string;
  reason?: string;
}

export const CentreStatusChangeSchema = new EntitySchema<CentreStatusChangeRow>({
  class: CentreStatusChangeRow,
  tableName: 'centre_status_change',
  schema: 'network',
  indexes: [{ properties: ['centreId', 'changedAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    from: { type: 'text', nullable: true, fieldName: 'from_status' },
    to: { type: 'text', fieldName: 'to_status' },
    effectiveOn: { type: 'date' },
    changedAt: { type: 'datetime' },
    changedBy: { type: 'text' },
    reason: { type: 'text', nullable: true },
  },
});

export const VideoBoothSchema = new EntitySchema<VideoBooth>({
  class: VideoBooth,
  tableName: 'video_booth',
  schema: 'network',
  indexes: [{ properties: ['centreId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    name: { type: 'text' },
    capacity: { type: 'integer' },
    accessible: { type: 'boolean' },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime' },
  },
});

export const StaffAssignmentSchema = new EntitySchema<StaffAssignment>({
  class: StaffAssignment,
  tableName: 'staff_assignment',
  schema: 'network',
  indexes: [{ properties: ['centreId'] }, { properties: ['userId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    centreId: { type: 'uuid' },
    userId: { type: 'text' },
    displayName: { type: 'text' },
    personalCodeHash: { type: 'text', nullable: true },
    personalCodeMasked: { type: 'text', nullable: true },
    role: { type: 'text' },
    validFrom: { type: 'date' },
    validTo: { type: 'date', nullable: true },
    createdAt: { type: 'datetime' },
    createdBy: { type: 'text' },
  },
});
