import type { FieldError } from '@modules/shared-kernel';

// Stable codes for problems in a form definition (schema, UI schema, labels, sensitive fields).
const MESSAGES = {
  'FORM_SCHEMA.NOT_AN_OBJECT': ['Shēmai jābūt JSON objektam.', 'The schema must be a JSON object.'],
  'FORM_SCHEMA.ROOT_MUST_BE_OBJECT': ['Formas saknei jābūt objektam ("type": "object").', 'The form root must be an object ("type": "object").'],
  'FORM_SCHEMA.ROOT_MUST_CLOSE_PROPERTIES': [
    'Saknes objektā jānorāda "additionalProperties": false (vai "unevaluatedProperties": false).',
    'The root object must set "additionalProperties": false (or "unevaluatedProperties": false).',
  ],
  'FORM_SCHEMA.UNSUPPORTED_DIALECT': ['Atbalstīta tikai JSON Schema 2020-12.', 'Only JSON Schema 2020-12 is supported.'],
  'FORM_SCHEMA.META_INVALID': ['Shēma neatbilst JSON Schema specifikācijai.', 'The schema does not conform to JSON Schema.'],
  'FORM_SCHEMA.COMPILE_FAILED': ['Shēmu nevar kompilēt.', 'The schema cannot be compiled.'],
  'FORM_SCHEMA.INVALID_POINTER': ['Nederīga JSON norāde (jāsākas ar "/").', 'Invalid JSON pointer (must start with "/").'],
  'FORM_SCHEMA.UNKNOWN_FIELD': ['Shēmā nav tāda lauka.', 'The schema has no such field.'],
  'FORM_SCHEMA.UNKNOWN_REQUIRED': ['Obligātais lauks nav aprakstīts laukos (properties).', 'A required field is not declared in properties.'],
  'FORM_SCHEMA.UNKNOWN_OPTION': ['Laukam nav tādas izvēles vērtības.', 'The field has no such option.'],
  'FORM_SCHEMA.UNKNOWN_WIDGET': ['Nezināms ievades elements.', 'Unknown widget.'],
  'FORM_SCHEMA.INVALID_UI_SCHEMA': ['UI shēmai jābūt { order: [], fields: {} }.', 'The UI schema must be { order: [], fields: {} }.'],
  'FORM_SCHEMA.INVALID_LABELS': ['Nosaukumiem jābūt { lv: {}, en: {} } ar teksta vērtībām.', 'Labels must be { lv: {}, en: {} } with text values.'],
  'FORM_SCHEMA.PERSONAL_CODE_NOT_SENSITIVE': [
    'Personas koda lauks jāatzīmē kā sensitīvs (sensitiveFields).',
    'A personal code field must be listed in sensitiveFields.',
  ],
} as const;

export type FormSchemaErrorCode = keyof typeof MESSAGES;

export function formSchemaError(field: string, code: FormSchemaErrorCode, detail?: string): FieldError {
  const [lv, en] = MESSAGES[code];
  return detail ? { field, code, messageLv: `${lv} ${detail}`, messageEn: `${en} ${detail}` } : { field, code, messageLv: lv, messageEn: en };
}
