// The e-form's own presentation (uiSchema {order, fields} keyed by JSON pointer, labels per
// language keyed by pointer and `pointer#option`) turned into RJSF's nested uiSchema.
import type { UiSchema } from '@rjsf/utils';

export interface EFormUiField {
  widget?: 'text' | 'textarea' | 'select' | 'radio' | 'date' | 'checkbox' | 'email' | 'tel';
  helpLv?: string;
  helpEn?: string;
  placeholder?: string;
  order?: string[];
}

export interface EFormUi {
  order?: string[];
  fields?: Record<string, EFormUiField>;
}

export interface EFormLabels {
  lv?: Record<string, string>;
  en?: Record<string, string>;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const WIDGETS: Record<string, string> = { textarea: 'textarea', select: 'select', radio: 'radio', checkbox: 'checkbox', date: 'date', email: 'email', tel: 'text', text: 'text' };

/** Follows local `$ref`s (`#/$defs/address`) so nested fields get their labels too. */
function resolve(schema: unknown, root: Json): Json {
  let s = isRecord(schema) ? schema : {};
  for (let i = 0; i < 10 && typeof s.$ref === 'string' && s.$ref.startsWith('#/'); i++) {
    let target: unknown = root;
    for (const part of s.$ref.slice(2).split('/')) target = isRecord(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    s = isRecord(target) ? target : {};
  }
  return s;
}

/** RJSF uiSchema for a form version, with labels, help and enum names in `lang`. */
export function toRjsfUiSchema(jsonSchema: Json, ui: EFormUi, labels: EFormLabels, lang: 'lv' | 'en'): UiSchema {
  const label = (key: string): string | undefined => labels[lang]?.[key] ?? labels.lv?.[key];
  const fields = ui.fields ?? {};

  const build = (schema: Json, pointer: string, depth: number): UiSchema => {
    const s = resolve(schema, jsonSchema);
    const out: UiSchema = {};
    const field = fields[pointer];
    if (pointer) {
      const title = label(pointer);
      if (title) out['ui:title'] = title;
      if (field?.widget && WIDGETS[field.widget]) out['ui:widget'] = WIDGETS[field.widget];
      if (field?.widget === 'tel') out['ui:options'] = { inputType: 'tel' };
      if (field?.placeholder) out['ui:placeholder'] = field.placeholder;
      const help = lang === 'en' ? (field?.helpEn ?? field?.helpLv) : field?.helpLv;
      if (help) out['ui:help'] = help;
      const options = Array.isArray(s.enum) ? s.enum : null;
      if (options) {
        const names: Record<string, string> = {};
        for (const value of options) {
          const name = label(`${pointer}#${String(value)}`) ?? label(`${pointer.replace(/\/\*$/, '')}#${String(value)}`);
          if (name) names[String(value)] = name;
        }
        if (Object.keys(names).length > 0) out['ui:enumNames'] = options.map((v) => names[String(v)] ?? String(v));
      }
    }
    if (depth > 8) return out;
    if (s.type === 'object' || isRecord(s.properties)) {
      const props = isRecord(s.properties) ? s.properties : {};
      const order = pointer ? field?.order : ui.order;
      if (order && order.length > 0) out['ui:order'] = [...order.filter((k) => k in props), '*'];
      for (const [name, child] of Object.entries(props)) out[name] = build(child as Json, `${pointer}/${name}`, depth + 1);
    }
    if (s.type === 'array' && isRecord(s.items)) {
      const items = resolve(s.items, jsonSchema);
      const itemPointer = `${pointer}/*`;
      const itemUi = build(items, itemPointer, depth + 1);
      // Arrays of enum values are shown as checkboxes; their option labels sit on the array's pointer.
      if (Array.isArray(items.enum) && s.uniqueItems) out['ui:widget'] = 'checkboxes';
      if (Array.isArray(items.enum) && !itemUi['ui:enumNames']) {
        const names = items.enum.map((v) => label(`${pointer}#${String(v)}`) ?? String(v));
        itemUi['ui:enumNames'] = names;
      }
      out.items = itemUi;
    }
    return out;
  };

  const root = build(jsonSchema, '', 0);
  root['ui:submitButtonOptions'] = { norender: true };
  return root;
}

/** The title of the whole form in `lang`, without the schema's own title repeated. */
export function schemaForForm(jsonSchema: Json): Json {
  const { $id: _id, title: _title, ...rest } = jsonSchema;
  return rest;
}

/** Drops empty strings, empty objects and empty arrays of optional sections (RJSF leaves them behind). */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (isRecord(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p === undefined || p === '' || (isRecord(p) && Object.keys(p).length === 0)) continue;
      out[k] = p;
    }
    return out;
  }
  return value;
}
