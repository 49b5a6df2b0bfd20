// Validation of e-form answers in the browser with exactly the server's rules, under the console's
// Content-Security-Policy (`script-src 'self'`, no 'unsafe-eval'): Ajv compiles schemas with
// `new Function`, which that policy forbids, so
//  - the Latvian formats are checked instantly in the browser with the very validators the server
//    registers with Ajv (modules/shared-kernel/src/identity: plain TypeScript, no Node APIs), and
//  - the whole schema is checked by the server's own validator through the preview endpoint
//    (POST /api/v1/intake/forms/{id}/versions/{v}/validate), whose field errors come in Latvian and
//    English, worded as on submit.
// RJSF still needs a validator to resolve `if/then` conditions while rendering: `schemaMatcher` is
// a small, eval-free evaluator of the keywords conditions use.
import type { ErrorSchema, RJSFSchema, ValidatorType } from '@rjsf/utils';
import { post } from '../../lib/api';
import {
  isValidLatvianPhone,
  isValidLatvianPostcode,
  validateCompanyRegistrationNumber,
  validatePersonalCode,
} from '../../../../../modules/shared-kernel/src/identity';

/** The server's custom `format` values (modules/intake/domain/eform/latvian-formats.ts). */
export const LATVIAN_FORMATS: Record<string, (value: string) => boolean> = {
  'lv-personal-code': (v) => validatePersonalCode(v).valid,
  'lv-company-reg-no': (v) => validateCompanyRegistrationNumber(v).valid,
  'lv-postcode': (v) => isValidLatvianPostcode(v),
  'lv-phone': (v) => isValidLatvianPhone(v),
};

// The server's wording for them (latvian-formats.ts FORMAT_MESSAGES).
const FORMAT_TEXTS: Record<string, { lv: string; en: string }> = {
  'lv-personal-code': { lv: 'Nederīgs personas kods', en: 'Invalid personal code' },
  'lv-company-reg-no': { lv: 'Nederīgs reģistrācijas numurs', en: 'Invalid registration number' },
  'lv-postcode': { lv: 'Nederīgs pasta indekss (formāts LV-1234)', en: 'Invalid postcode (format LV-1234)' },
  'lv-phone': { lv: 'Nederīgs tālruņa numurs', en: 'Invalid phone number' },
};

export interface FieldProblem {
  /** Dotted path: 'applicant.personalCode', 'children.0.birthDate'. */
  field: string;
  messageLv: string;
  messageEn: string;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolve(schema: unknown, root: Json): Json {
  let s = isRecord(schema) ? schema : {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string' && s.$ref.startsWith('#/'); i++) {
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) target = isRecord(target) ? target[part] : undefined;
    s = isRecord(target) ? target : {};
  }
  return s;
}

/** Latvian-format fields with a value that fails the server's validator. */
export function localFormatProblems(schema: Json, data: unknown): FieldProblem[] {
  const out: FieldProblem[] = [];
  const walk = (node: unknown, value: unknown, path: string[]): void => {
    const s = resolve(node, schema);
    if (typeof s.format === 'string' && LATVIAN_FORMATS[s.format] && typeof value === 'string' && value !== '') {
      if (!LATVIAN_FORMATS[s.format]!(value)) out.push({ field: path.join('.'), messageLv: FORMAT_TEXTS[s.format]!.lv, messageEn: FORMAT_TEXTS[s.format]!.en });
    }
    if (isRecord(s.properties) && isRecord(value)) for (const [k, child] of Object.entries(s.properties)) walk(child, value[k], [...path, k]);
    if (s.items && Array.isArray(value)) value.forEach((item, i) => walk(s.items, item, [...path, String(i)]));
  };
  walk(schema, data, []);
  return out;
}

/** The server's validation of the answers against the version (the rules applied on submit). */
export async function serverProblems(formId: string, version: number, data: unknown): Promise<FieldProblem[]> {
  const result = await post<{ valid: boolean; errors: FieldProblem[] }>(`/api/v1/intake/forms/${encodeURIComponent(formId)}/versions/${version}/validate`, { data });
  return result.valid ? [] : result.errors;
}

/** One message per field and text, as RJSF's error schema (shown under each field and in the list). */
export function toErrorSchema(problems: FieldProblem[], lang: 'lv' | 'en'): ErrorSchema | undefined {
  if (problems.length === 0) return undefined;
  const root: Json = {};
  for (const p of problems) {
    let node = root;
    for (const part of p.field.split('.').filter(Boolean)) {
      node[part] ??= {};
      node = node[part] as Json;
    }
    const text = lang === 'en' ? p.messageEn : p.messageLv;
    const list = (node.__errors as string[] | undefined) ?? [];
    if (!list.includes(text)) node.__errors = [...list, text];
  }
  return root as ErrorSchema;
}

/** Does `data` satisfy `schema`? The keywords `if` conditions use; anything else is not restrictive here. */
export function schemaMatcher(schema: unknown, data: unknown, root: Json): boolean {
  const s = resolve(schema, root);
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(data)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((v) => JSON.stringify(v) === JSON.stringify(data))) return false;
  if (typeof s.type === 'string' && data !== undefined) {
    const t = Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data === 'number' && Number.isInteger(data) && s.type === 'integer' ? 'integer' : typeof data;
    if (t !== s.type && !(s.type === 'number' && t === 'integer')) return false;
  }
  if (Array.isArray(s.required) && isRecord(data) && s.required.some((k) => !(String(k) in data))) return false;
  if (Array.isArray(s.required) && s.required.length > 0 && !isRecord(data)) return false;
  if (isRecord(s.properties) && isRecord(data)) {
    for (const [k, child] of Object.entries(s.properties)) if (k in data && !schemaMatcher(child, data[k], root)) return false;
  }
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => schemaMatcher(x, data, root))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => schemaMatcher(x, data, root))) return false;
  if (Array.isArray(s.oneOf) && s.oneOf.filter((x) => schemaMatcher(x, data, root)).length !== 1) return false;
  if (isRecord(s.not) && schemaMatcher(s.not, data, root)) return false;
  return true;
}

/**
 * RJSF's validator without Ajv: conditions resolve with `schemaMatcher`; the form's own
 * validation is off (`noValidate`) and errors come from `localFormatProblems` + `serverProblems`.
 */
export const cspSafeValidator: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: (schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema) => schemaMatcher(schema, formData, rootSchema as Json),
  rawValidation: () => ({ errors: [] }),
};
