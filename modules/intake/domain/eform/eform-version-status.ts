export const EFORM_VERSION_STATUSES = ['draft', 'published', 'retired'] as const;

/** draft → published → retired; only a draft may change. */
export type EFormVersionStatus = (typeof EFORM_VERSION_STATUSES)[number];
