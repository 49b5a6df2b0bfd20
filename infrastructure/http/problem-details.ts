import type { FieldError } from '@modules/shared-kernel';
import type { Lang } from './language';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://vpvkac.example.lv/problems/';

/** RFC 9457 body, with our stable `code` and per-field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: Array<{ field: string; code: string; message: string }>;
  [extension: string]: unknown;
}

export function problem(
  status: number,
  code: string,
  messages: { lv: string; en: string },
  lang: Lang,
  fieldErrors: FieldError[] = [],
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  // Extensions never override the RFC 9457 members (a domain error may carry e.g. a ticket's `status`).
  const { type: _t, title: _ti, status: extStatus, code: _c, errors: _e, instance: _i, ...rest } = extensions;
  const body: ProblemDetails = {
    ...rest,
    ...(extStatus !== undefined ? { resourceStatus: extStatus } : {}),
    type: PROBLEM_TYPE_BASE + code.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title: messages[lang],
    status,
    code,
  };
  if (fieldErrors.length > 0) {
    body.errors = fieldErrors.map((e) => ({ field: e.field, code: e.code, message: lang === 'en' ? e.messageEn : e.messageLv }));
  }
  return body;
}
