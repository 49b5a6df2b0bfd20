import { EntitySchema } from '@mikro-orm/core';
import { CooperationAgreement, Municipality } from '../../domain/municipality';

export const MunicipalitySchema = new EntitySchema<Municipality>({
  class: Municipality,
  tableName: 'municipality',
  schema: 'network',
  properties: {
    atvk: { type: 'text', primary: true },
    type: { type: 'text' },
    nameLv: { type: 'text' },
    nameEn: { type: 'text' },
    iso3166_2: { type: 'text', fieldName: 'iso3166_2' },
    varCode: { type: 'text' },
    planningRegion: { type: 'text' },
    hasVpvkac: { type: 'boolean' },
  },
});

export const CooperationAgreementSchema = new EntitySchema<CooperationAgreement>({
  class: CooperationAgreement,
  tableName: 'cooperation_agreement',
  schema: 'network',
  indexes: [{ properties: ['municipalityAtvk'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    municipalityAtvk: { type: 'text' },
    number: { type: 'text', unique: true },
    signedOn: { type: 'date' },
    validFrom: { type: 'date' },
    validTo: { type: 'date', nullable: true },
    coFinancingShare: { type: 'double' },
    createdAt: { type: 'datetime' },
  },
});
