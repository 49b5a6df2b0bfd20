import type { ErrorObject } from 'ajv';
import type { FieldError } from '@modules/shared-kernel';
import { formatPointer, isRecord, parsePointer } from './json-pointer';
import { FORMAT_MESSAGES } from './latvian-formats';

type Texts = [lv: string, en: string];

const TYPE_TEXTS: Record<string, Texts> = {
  string: ['Jābūt tekstam', 'Must be text'],
  number: ['Jābūt skaitlim', 'Must be a number'],
  integer: ['Jābūt veselam skaitlim', 'Must be a whole number'],
  boolean: ['Jāizvēlas "jā" vai "nē"', 'Must be yes or no'],
  object: ['Jābūt objektam', 'Must be an object'],
  array: ['Jābūt sarakstam', 'Must be a list'],
  null: ['Jābūt tukšam', 'Must be empty'],
};

const UNKNOWN_FIELD: Texts = ['Nezināms lauks', 'Unknown field'];
const REQUIRED: Texts = ['Lauks ir obligāts', 'This field is required'];
const NO_MATCH: Texts = ['Vērtība neatbilst nevienam pieļaujamajam variantam', 'The value matches none of the allowed options'];

// Latvian number agreement is avoided with "rakstz." and a colon, so one text fits every limit.
function textsFor(error: ErrorObject): Texts {
  const p = error.params as Record<string, unknown>;
  const limit = String(p.limit ?? '');
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return REQUIRED;
    case 'type':
      return TYPE_TEXTS[String(p.type)] ?? ['Nederīgs vērtības tips', 'Wrong type of value'];
    case 'format':
      return FORMAT_MESSAGES[String(p.format)] ?? [`Nederīgs formāts (${String(p.format)})`, `Invalid format (${String(p.format)})`];
    case 'minLength':
      return p.limit === 1 ? ['Lauks nedrīkst būt tukšs', 'Must not be empty'] : [`Teksts ir par īsu (vismaz ${limit} rakstz.)`, `Too short (at least ${limit} characters)`];
    case 'maxLength':
      return [`Teksts ir par garu (ne vairāk kā ${limit} rakstz.)`, `Too long (at most ${limit} characters)`];
    case 'pattern':
      return ['Neatbilst prasītajam formātam', 'Does not match the required format'];
    case 'enum':
      return ['Izvēlieties vienu no piedāvātajām vērtībām', 'Choose one of the offered values'];
    case 'const':
      return p.allowedValue === true ? ['Jāapstiprina', 'Must be confirmed'] : ['Neatļauta vērtība', 'Value not allowed'];
    case 'minimum':
      return [`Vērtībai jābūt ne mazākai par ${limit}`, `Must be at least ${limit}`];
    case 'exclusiveMinimum':
      return [`Vērtībai jābūt lielākai par ${limit}`, `Must be greater than ${limit}`];
    case 'maximum':
      return [`Vērtībai jābūt ne lielākai par ${limit}`, `Must be at most ${limit}`];
    case 'exclusiveMaximum':
      return [`Vērtībai jābūt mazākai par ${limit}`, `Must be less than ${limit}`];
    case 'multipleOf':
      return [`Vērtībai jādalās ar ${String(p.multipleOf)}`, `Must be a multiple of ${String(p.multipleOf)}`];
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return UNKNOWN_FIELD;
    case 'minItems':
      return [`Par maz ierakstu (vismaz ${limit})`, `Too few items (at least ${limit})`];
    case 'maxItems':
      return [`Par daudz ierakstu (ne vairāk kā ${limit})`, `Too many items (at most ${limit})`];
    case 'uniqueItems':
      return ['Ieraksti nedrīkst atkārtoties', 'Items must not repeat'];
    case 'minProperties':
      return [`Jānorāda vismaz ${limit} lauki`, `At least ${limit} fields are needed`];
    case 'maxProperties':
      return [`Norādīts pārāk daudz lauku (ne vairāk kā ${limit})`, `Too many fields (at most ${limit})`];
    case 'anyOf':
    case 'oneOf':
      return NO_MATCH;
    default:
      return ['Nederīga vērtība', 'Invalid value'];
  }
}

// When one field breaks several rules, the first by this order is the one worth showing.
const PRIORITY = ['required', 'dependentRequired', 'additionalProperties', 'unevaluatedProperties', 'type', 'const', 'enum', 'format', 'pattern', 'minLength', 'maxLength'];
const rank = (keyword: string): number => (PRIORITY.includes(keyword) ? PRIORITY.indexOf(keyword) : PRIORITY.length);

// These only say "a subschema failed"; the subschema's own error says why.
const SILENT = new Set(['if', 'then', 'else', 'allOf']);

function fieldPointer(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  const child = p.missingProperty ?? p.additionalProperty ?? p.unevaluatedProperty;
  const segments = parsePointer(error.instancePath);
  return formatPointer(typeof child === 'string' ? [...segments, child] : segments);
}

// A form author may word a rule for one field: { "x-messages": { "pattern": { "lv": "…", "en": "…" } } }.
function customTexts(error: ErrorObject): Texts | undefined {
  const p = error.params as Record<string, unknown>;
  const parent = isRecord(error.parentSchema) ? error.parentSchema : {};
  const property = isRecord(parent.properties) && typeof p.missingProperty === 'string' ? parent.properties[p.missingProperty] : undefined;
  for (const owner of [property, parent]) {
    const messages = isRecord(owner) ? owner['x-messages'] : undefined;
    const entry = isRecord(messages) ? messages[error.keyword] : undefined;
    if (isRecord(entry) && typeof entry.lv === 'string' && typeof entry.en === 'string') return [entry.lv, entry.en];
  }
  return undefined;
}

export const formErrorCode = (keyword: string): string => `FORM.${keyword.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/\s+/g, '_').toUpperCase()}`;

/**
 * Turns Ajv errors into one field error per field: `field` is a dotted path
 * ('applicant.personalCode', 'children.0.birthDate'), `code` is `FORM.<KEYWORD>`.
 */
export function toFormFieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const best = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (SILENT.has(error.keyword)) continue;
    const pointer = fieldPointer(error);
    const current = best.get(pointer);
    if (!current || rank(error.keyword) < rank(current.keyword)) best.set(pointer, error);
  }
  // anyOf/oneOf say little; drop them where a more precise error sits on the same field or below it.
  const pointers = [...best.keys()];
  return [...best.entries()]
    .filter(([pointer, error]) => !['anyOf', 'oneOf'].includes(error.keyword) || !pointers.some((p) => p !== pointer && p.startsWith(pointer + '/')))
    .map(([pointer, error]) => {
      const [messageLv, messageEn] = customTexts(error) ?? textsFor(error);
      return { field: parsePointer(pointer).join('.'), code: formErrorCode(error.keyword), messageLv, messageEn };
    });
}
