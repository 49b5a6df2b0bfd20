import type { EFormDefinition, EFormVersion } from '../../domain/eform';

export interface EFormVersionView {
  id: string;
  formId: string;
  version: number;
  status: string;
  jsonSchema: unknown;
  uiSchema: unknown;
  labels: unknown;
  sensitiveFields: string[];
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  retiredAt: string | null;
  changeNote: string | null;
}

export interface EFormView {
  id: string;
  code: string;
  institutionCode: string;
  serviceCodes: string[];
  titleLv: string;
  titleEn: string;
  versions: Array<{ version: number; status: string; publishedAt: string | null }>;
  published: EFormVersionView | null;
}

export const toVersionView = (v: EFormVersion): EFormVersionView => ({
  id: v.id,
  formId: v.formId,
  version: v.version,
  status: v.status,
  jsonSchema: v.jsonSchema,
  uiSchema: v.uiSchema,
  labels: v.labels,
  sensitiveFields: v.sensitiveFields,
  createdBy: v.createdBy,
  createdAt: v.createdAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
  retiredAt: v.retiredAt?.toISOString() ?? null,
  changeNote: v.changeNote ?? null,
});

export const toFormView = (f: EFormDefinition, versions: EFormVersion[]): EFormView => {
  const published = versions.find((v) => v.status === 'published');
  return {
    id: f.id,
    code: f.code,
    institutionCode: f.institutionCode,
    serviceCodes: f.serviceCodes,
    titleLv: f.titleLv,
    titleEn: f.titleEn,
    versions: versions.sort((a, b) => a.version - b.version).map((v) => ({ version: v.version, status: v.status, publishedAt: v.publishedAt?.toISOString() ?? null })),
    published: published ? toVersionView(published) : null,
  };
};
