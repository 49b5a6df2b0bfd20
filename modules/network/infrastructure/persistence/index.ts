import { CentreSchema, CentreStatusChangeSchema, StaffAssignmentSchema, VideoBoothSchema } from './centre.schema';
import { InstitutionSchema, KnowledgeArticleSchema, ServiceSchema } from './catalogue.schema';
import { CooperationAgreementSchema, MunicipalitySchema } from './municipality.schema';

export * from './centre.schema';
export * from './catalogue.schema';
export * from './municipality.schema';

export const NETWORK_ENTITIES = [
  MunicipalitySchema,
  CooperationAgreementSchema,
  CentreSchema,
  CentreStatusChangeSchema,
  VideoBoothSchema,
  StaffAssignmentSchema,
  InstitutionSchema,
  ServiceSchema,
  KnowledgeArticleSchema,
];
