import { ANY_ITEM, parsePointer, formatPointer } from './json-pointer';

export type FormLanguage = 'lv' | 'en';

/**
 * Field labels per language, keyed by data pointer (`/applicant/personalCode`; array items use `*`).
 * The label of an object or array is its section title. Labels of enum options are keyed
 * `<pointer>#<value>` (`/deliveryMethod#email`); for an array of enum values either
 * `/incomeTypes#salary` or the item pointer works.
 */
export interface FormLabels {
  lv: Record<string, string>;
  en: Record<string, string>;
}

export const OPTION_SEPARATOR = '#';

export const emptyLabels = (): FormLabels => ({ lv: {}, en: {} });

/** The label in the language asked for, falling back to Latvian, then to `fallback`. */
export function labelFor(labels: FormLabels, lang: FormLanguage, pointer: string, fallback: string): string {
  return labels[lang]?.[pointer] ?? labels.lv?.[pointer] ?? fallback;
}

export function optionLabelFor(labels: FormLabels, lang: FormLanguage, pointer: string, value: unknown): string | undefined {
  const keys = [`${pointer}${OPTION_SEPARATOR}${String(value)}`];
  const segments = parsePointer(pointer);
  if (segments[segments.length - 1] === ANY_ITEM) keys.push(`${formatPointer(segments.slice(0, -1))}${OPTION_SEPARATOR}${String(value)}`);
  for (const lang_ of [lang, 'lv'] as const) for (const key of keys) if (labels[lang_]?.[key] !== undefined) return labels[lang_][key];
  return undefined;
}

/** Splits a label key into its field pointer and, for option labels, the option value. */
export function splitLabelKey(key: string): { pointer: string; option?: string } {
  const at = key.indexOf(OPTION_SEPARATOR);
  return at < 0 ? { pointer: key } : { pointer: key.slice(0, at), option: key.slice(at + 1) };
}
