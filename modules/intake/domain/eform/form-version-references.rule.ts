import type { FieldError } from '@modules/shared-kernel';
import type { JsonSchema } from './json-schema';
import type { FormLabels } from './form-labels';
import { splitLabelKey } from './form-labels';
import type { UiSchema } from './ui-schema';
import { UI_WIDGETS } from './ui-schema';
import { isJsonPointer, isRecord, parsePointer, patternCovers } from './json-pointer';
import { keywordOf, listSchemaFields, propertyNamesOf, schemaHasPointer, subschemasAt, expandSchema } from './schema-navigator';
import { formSchemaError } from './form-schema-errors';

export interface FormVersionContent {
  jsonSchema: JsonSchema;
  uiSchema: UiSchema;
  labels: FormLabels;
  sensitiveFields: string[];
}

/**
 * Every pointer a version mentions (sensitive fields, UI schema, labels) must name a field
 * of its schema, and every personal-code field must be marked sensitive.
 */
export function formVersionReferenceErrors(content: FormVersionContent): FieldError[] {
  const { jsonSchema } = content;
  const errors: FieldError[] = [];
  const checkPointer: PointerCheck = (field, pointer) => {
    if (!isJsonPointer(pointer) || pointer === '') return formSchemaError(field, 'FORM_SCHEMA.INVALID_POINTER', String(pointer));
    if (!schemaHasPointer(jsonSchema, pointer)) return formSchemaError(field, 'FORM_SCHEMA.UNKNOWN_FIELD', pointer);
    return undefined;
  };

  if (!Array.isArray(content.sensitiveFields)) errors.push(formSchemaError('sensitiveFields', 'FORM_SCHEMA.INVALID_POINTER'));
  else content.sensitiveFields.forEach((p, i) => pushIf(errors, checkPointer(`sensitiveFields.${i}`, p)));

  errors.push(...uiSchemaErrors(content.uiSchema, jsonSchema, checkPointer));
  errors.push(...labelErrors(content.labels, jsonSchema, checkPointer));

  const sensitive = Array.isArray(content.sensitiveFields) ? content.sensitiveFields : [];
  for (const field of listSchemaFields(jsonSchema)) {
    if (keywordOf(field.schemas, 'format') !== 'lv-personal-code') continue;
    if (!sensitive.some((p) => patternCovers(p, field.pointer))) {
      errors.push(formSchemaError('sensitiveFields', 'FORM_SCHEMA.PERSONAL_CODE_NOT_SENSITIVE', field.pointer));
    }
  }
  return errors;
}

type PointerCheck = (field: string, pointer: unknown) => FieldError | undefined;

function pushIf(errors: FieldError[], error: FieldError | undefined): boolean {
  if (error) errors.push(error);
  return error !== undefined;
}

function uiSchemaErrors(ui: unknown, schema: JsonSchema, checkPointer: PointerCheck): FieldError[] {
  if (!isRecord(ui) || !Array.isArray(ui.order) || !isRecord(ui.fields)) return [formSchemaError('uiSchema', 'FORM_SCHEMA.INVALID_UI_SCHEMA')];
  const errors: FieldError[] = [];
  const rootNames = propertyNamesOf(expandSchema(schema, schema));
  ui.order.forEach((name, i) => {
    if (typeof name !== 'string' || !rootNames.includes(name)) errors.push(formSchemaError(`uiSchema.order.${i}`, 'FORM_SCHEMA.UNKNOWN_FIELD', String(name)));
  });
  for (const [pointer, field] of Object.entries(ui.fields)) {
    if (pushIf(errors, checkPointer(`uiSchema.fields.${pointer}`, pointer))) continue;
    if (!isRecord(field)) {
      errors.push(formSchemaError(`uiSchema.fields.${pointer}`, 'FORM_SCHEMA.INVALID_UI_SCHEMA'));
      continue;
    }
    if (field.widget !== undefined && !(UI_WIDGETS as readonly unknown[]).includes(field.widget)) {
      errors.push(formSchemaError(`uiSchema.fields.${pointer}.widget`, 'FORM_SCHEMA.UNKNOWN_WIDGET', String(field.widget)));
    }
    if (field.order !== undefined) {
      const names = propertyNamesOf(subschemasAt(schema, pointer));
      const order: unknown[] = Array.isArray(field.order) ? field.order : [field.order];
      order.forEach((name, i) => {
        if (typeof name !== 'string' || !names.includes(name)) {
          errors.push(formSchemaError(`uiSchema.fields.${pointer}.order.${i}`, 'FORM_SCHEMA.UNKNOWN_FIELD', String(name)));
        }
      });
    }
  }
  return errors;
}

function labelErrors(labels: unknown, schema: JsonSchema, checkPointer: PointerCheck): FieldError[] {
  if (!isRecord(labels) || !isRecord(labels.lv) || !isRecord(labels.en)) return [formSchemaError('labels', 'FORM_SCHEMA.INVALID_LABELS')];
  const errors: FieldError[] = [];
  for (const lang of ['lv', 'en'] as const) {
    for (const [key, text] of Object.entries(labels[lang] as Record<string, unknown>)) {
      const field = `labels.${lang}.${key}`;
      if (typeof text !== 'string') {
        errors.push(formSchemaError(field, 'FORM_SCHEMA.INVALID_LABELS'));
        continue;
      }
      const { pointer, option } = splitLabelKey(key);
      if (pushIf(errors, checkPointer(field, pointer)) || option === undefined) continue;
      if (!optionsAt(schema, pointer).includes(option)) errors.push(formSchemaError(field, 'FORM_SCHEMA.UNKNOWN_OPTION', option));
    }
  }
  return errors;
}

// Allowed values of a field, or of its items when it is an array of choices.
function optionsAt(schema: JsonSchema, pointer: string): string[] {
  const values: unknown[] = [];
  for (const node of [...subschemasAt(schema, pointer), ...subschemasAt(schema, `${pointer}/*`)]) {
    if (Array.isArray(node.enum)) values.push(...node.enum);
    if (node.const !== undefined) values.push(node.const);
  }
  return values.map(String);
}

/** A name in `required` that no `properties` of that object declares is a typo: the form could never be sent. */
export function undeclaredRequiredErrors(jsonSchema: JsonSchema): FieldError[] {
  const errors: FieldError[] = [];
  const locations = [{ pointer: '', schemas: expandSchema(jsonSchema, jsonSchema) }, ...listSchemaFields(jsonSchema)];
  for (const { pointer, schemas } of locations) {
    const declared = propertyNamesOf(schemas);
    if (declared.length === 0) continue; // an open object (no properties) may require anything
    for (const schema of schemas) {
      if (!Array.isArray(schema.required)) continue;
      for (const name of schema.required) {
        if (!declared.includes(String(name))) errors.push(formSchemaError(['jsonSchema', ...parsePointer(pointer)].join('.'), 'FORM_SCHEMA.UNKNOWN_REQUIRED', `${pointer}/${String(name)}`));
      }
    }
  }
  return errors;
}
