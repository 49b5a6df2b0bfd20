import Ajv2020 from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '@modules/shared-kernel';
import type { JsonSchema } from './json-schema';
import { JSON_SCHEMA_2020_12 } from './json-schema';
import { isRecord, parsePointer } from './json-pointer';
import { LATVIAN_FORMATS } from './latvian-formats';
import { toFormFieldErrors } from './form-error-messages';
import { formSchemaError } from './form-schema-errors';
import { formDataInvalid, formSchemaInvalid } from './eform-errors';
import { formVersionReferenceErrors, undeclaredRequiredErrors, type FormVersionContent } from './form-version-references.rule';
import type { EFormVersionStatus } from './eform-version-status';

export interface FormValidationResult {
  valid: boolean;
  errors: FieldError[];
}

/** What the validator needs to know about a version. */
export interface ValidatableVersion {
  id: string;
  status: EFormVersionStatus;
  jsonSchema: JsonSchema;
}

/** The `x-` keywords form schemas may use (Ajv strict mode rejects any other unknown keyword). */
export const FORM_SCHEMA_EXTENSIONS = {
  /** Per-field wording of a rule: `{ "x-messages": { "pattern": { "lv": "…", "en": "…" } } }`. */
  'x-messages': {
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['lv', 'en'],
      properties: { lv: { type: 'string' }, en: { type: 'string' } },
      additionalProperties: false,
    },
  },
} as const;

const DEFAULT_CACHE_SIZE = 500;

interface CacheEntry {
  /** The version's schema object, to notice a draft being edited. */
  schema: JsonSchema;
  /** The object handed to Ajv, to release it from Ajv's own cache. */
  compiled: JsonSchema;
  /** Compiled from a published or retired version. */
  immutable: boolean;
  validate: ValidateFunction;
}

/**
 * Validates form data against a version's JSON Schema (2020-12) with Ajv, and checks new schemas.
 * Compiled validators are cached by version id; a draft is recompiled when its schema object changes.
 */
export class EFormValidator {
  private readonly ajv = createAjv();
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly cacheSize = DEFAULT_CACHE_SIZE) {}

  /** Validates answers; throws INTAKE.FORM_SCHEMA_INVALID if the version's schema does not compile. */
  validate(version: ValidatableVersion, data: unknown): FormValidationResult {
    const validate = this.validatorFor(version);
    const valid = validate(data) as boolean;
    return { valid, errors: valid ? [] : toFormFieldErrors(validate.errors ?? []) };
  }

  /** Throws INTAKE.FORM_DATA_INVALID (with the field errors) unless the answers are valid. */
  assertValid(version: ValidatableVersion, data: unknown): void {
    const { valid, errors } = this.validate(version, data);
    if (!valid) throw formDataInvalid(errors);
  }

  /** Validates sample answers against a draft while it is being designed; schema problems come back as errors. */
  previewWithSample(version: ValidatableVersion & Partial<FormVersionContent>, sample: unknown): FormValidationResult {
    const schemaErrors = this.validateSchema(version.jsonSchema);
    if (schemaErrors.length > 0) return { valid: false, errors: schemaErrors };
    return this.validate(version, sample);
  }

  /**
   * Checks a schema for a new draft: an object, JSON Schema 2020-12, root `additionalProperties: false`
   * (or `unevaluatedProperties: false`), valid against the meta-schema and compilable in strict mode.
   */
  validateSchema(jsonSchema: unknown): FieldError[] {
    if (!isRecord(jsonSchema)) return [formSchemaError('jsonSchema', 'FORM_SCHEMA.NOT_AN_OBJECT')];
    const errors: FieldError[] = [];
    if (jsonSchema.$schema !== undefined && jsonSchema.$schema !== JSON_SCHEMA_2020_12) {
      errors.push(formSchemaError('jsonSchema.$schema', 'FORM_SCHEMA.UNSUPPORTED_DIALECT'));
    }
    if (jsonSchema.type !== 'object') errors.push(formSchemaError('jsonSchema.type', 'FORM_SCHEMA.ROOT_MUST_BE_OBJECT'));
    if (jsonSchema.additionalProperties !== false && jsonSchema.unevaluatedProperties !== false) {
      errors.push(formSchemaError('jsonSchema.additionalProperties', 'FORM_SCHEMA.ROOT_MUST_CLOSE_PROPERTIES'));
    }
    if (errors.some((e) => e.code === 'FORM_SCHEMA.UNSUPPORTED_DIALECT')) return errors;

    const prepared = withoutRootId(jsonSchema);
    if (!this.ajv.validateSchema(prepared)) {
      for (const e of this.ajv.errors ?? []) {
        const at = ['jsonSchema', ...parsePointer(e.instancePath)].join('.');
        errors.push(formSchemaError(at, 'FORM_SCHEMA.META_INVALID', e.message ?? ''));
      }
      return errors;
    }
    errors.push(...undeclaredRequiredErrors(jsonSchema));
    try {
      this.ajv.compile(prepared);
    } catch (e) {
      errors.push(formSchemaError('jsonSchema', 'FORM_SCHEMA.COMPILE_FAILED', (e as Error).message));
    } finally {
      this.release(prepared);
    }
    return errors;
  }

  /** Everything that stops a version from being published: schema problems and dangling pointers. */
  publishErrors(version: FormVersionContent): FieldError[] {
    const schemaErrors = this.validateSchema(version.jsonSchema);
    if (schemaErrors.length > 0) return schemaErrors;
    return formVersionReferenceErrors(version);
  }

  /** Drops a cached validator (e.g. after a draft was deleted). */
  forget(versionId: string): void {
    const entry = this.cache.get(versionId);
    if (!entry) return;
    this.cache.delete(versionId);
    this.release(entry.compiled);
  }

  private validatorFor(version: ValidatableVersion): ValidateFunction {
    const cached = this.cache.get(version.id);
    // A published version never changes, so its id is enough; a draft must still be the same object.
    if (cached && (cached.schema === version.jsonSchema || (cached.immutable && version.status !== 'draft'))) {
      // Re-insert so the map's order is least-recently-used first.
      this.cache.delete(version.id);
      this.cache.set(version.id, cached);
      return cached.validate;
    }
    this.forget(version.id);
    const compiled = withoutRootId(version.jsonSchema);
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(compiled);
    } catch (e) {
      this.release(compiled);
      throw formSchemaInvalid([formSchemaError('jsonSchema', 'FORM_SCHEMA.COMPILE_FAILED', (e as Error).message)]);
    }
    this.cache.set(version.id, { schema: version.jsonSchema, compiled, immutable: version.status !== 'draft', validate });
    if (this.cache.size > this.cacheSize) this.forget(this.cache.keys().next().value as string);
    return validate;
  }

  // Ajv keeps every compiled schema; without this, previews of many drafts would pile up.
  private release(schema: JsonSchema): void {
    try {
      this.ajv.removeSchema(schema);
    } catch {
      // not registered: nothing to release
    }
  }
}

function createAjv(): Ajv2020 {
  // strictRequired would reject the usual "required if" idiom (`then: { required: [...] }`);
  // undeclared required names are caught by undeclaredRequiredErrors instead.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  addFormats(ajv);
  for (const [name, validate] of Object.entries(LATVIAN_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  for (const [keyword, metaSchema] of Object.entries(FORM_SCHEMA_EXTENSIONS)) ajv.addKeyword({ keyword, metaSchema });
  return ajv;
}

// Versions of one form often share a root $id; Ajv would refuse to register the second one.
function withoutRootId(schema: JsonSchema): JsonSchema {
  if (!('$id' in schema)) return schema;
  const { $id: _ignored, ...rest } = schema;
  return rest;
}

let shared: EFormValidator | undefined;

/** One validator for the process, so compiled schemas are shared. */
export function defaultEFormValidator(): EFormValidator {
  shared ??= new EFormValidator();
  return shared;
}
