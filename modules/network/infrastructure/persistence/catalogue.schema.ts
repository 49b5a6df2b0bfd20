import { EntitySchema } from '@mikro-orm/core';
import { Institution, KnowledgeArticle, Service } from '../../domain/catalogue';

export const InstitutionSchema = new EntitySchema<Institution>({
  class: Institution,
  tableName: 'institution',
  schema: 'network',
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'text', unique: true },
    nameLv: { type: 'text' },
    nameEn: { type: 'text' },
    regNo: { type: 'text', nullable: true },
    videoConsultations: { type: 'boolean' },
    active: { type: 'boolean' },
    createdAt: { type: 'datetime' },
  },
});

export const ServiceSchema = new EntitySchema<Service>({
  class: Service,
  tableName: 'service',
  schema: 'network',
  indexes: [{ properties: ['institutionId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    code: { type: 'text', unique: true },
    institutionId: { type: 'uuid' },
    latvijaGovLvId: { type: 'text', nullable: true },
    nameLv: { type: 'text' },
    nameEn: { type: 'text' },
    channels: { type: 'text' },
    defaultDurationMin: { type: 'integer' },
    citizenIdentity: { type: 'boolean', default: false },
    descriptionLv: { type: 'text', nullable: true },
    descriptionEn: { type: 'text', nullable: true },
    active: { type: 'boolean' },
    updatedAt: { type: 'datetime' },
  },
});

/** searchTokens holds app-stemmed Latvian tokens; the migration adds a generated tsvector + GIN index over it. */
export class KnowledgeArticleRow extends KnowledgeArticle {
  searchTokens!: string;
}

export const KnowledgeArticleSchema = new EntitySchema<KnowledgeArticleRow>({
  class: KnowledgeArticleRow,
  tableName: 'knowledge_article',
  schema: 'network',
  uniques: [{ properties: ['serviceId', 'version'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    serviceId: { type: 'uuid' },
    version: { type: 'integer' },
    content: { type: 'json' },
    current: { type: 'boolean' },
    authorId: { type: 'text' },
    changeNote: { type: 'text', nullable: true },
    createdAt: { type: 'datetime' },
    searchTokens: { type: 'text' },
  },
});
