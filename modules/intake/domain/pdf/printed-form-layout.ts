import { DateTime } from 'luxon';
import type { FormData, JsonSchema } from '../eform/json-schema';
import type { UiSchema } from '../eform/ui-schema';
import { labelFor, optionLabelFor, type FormLabels, type FormLanguage } from '../eform/form-labels';
import { ANY_ITEM, formatPointer, isRecord, parsePointer } from '../eform/json-pointer';
import { expandSchema, keywordOf, propertyNamesOf, subschemasAt } from '../eform/schema-navigator';

/** One line of a printed application: a section heading, a labelled value or a list item. */
export type PrintedLine =
  | { kind: 'section'; depth: number; title: string }
  | { kind: 'field'; depth: number; label: string; value: string }
  | { kind: 'item'; depth: number; value: string };

export interface PrintableVersion {
  jsonSchema: JsonSchema;
  uiSchema: UiSchema;
  labels: FormLabels;
}

const YES_NO: Record<FormLanguage, [string, string]> = { lv: ['Jā', 'Nē'], en: ['Yes', 'No'] };

/**
 * The answers as lines in the UI order: top level by `uiSchema.order`, sections by their
 * `order`, then the rest in schema order. Nested objects become sections, arrays lists;
 * unanswered fields are left out.
 */
export function layoutPrintedForm(version: PrintableVersion, data: FormData, lang: FormLanguage, timeZone = 'Europe/Riga'): PrintedLine[] {
  const lines: PrintedLine[] = [];
  const root = version.jsonSchema;

  const keysOf = (pattern: string, value: Record<string, unknown>): string[] => {
    const preferred = pattern === '' ? version.uiSchema?.order ?? [] : version.uiSchema?.fields?.[pattern]?.order ?? [];
    const schemaOrder = propertyNamesOf(pattern === '' ? expandSchema(root, root) : subschemasAt(root, pattern));
    return [...new Set([...preferred, ...schemaOrder, ...Object.keys(value)])].filter((k) => hasAnswer(value[k]));
  };

  const label = (pattern: string): string => {
    const segments = parsePointer(pattern);
    const fallback = keywordOf(subschemasAt(root, pattern), 'title');
    return labelFor(version.labels, lang, pattern, typeof fallback === 'string' ? fallback : humanise(segments[segments.length - 1] ?? ''));
  };

  const scalar = (pattern: string, value: unknown): string => {
    if (typeof value === 'boolean') return YES_NO[lang][value ? 0 : 1];
    const option = optionLabelFor(version.labels, lang, pattern, value);
    if (option !== undefined) return option;
    if (typeof value === 'number') return lang === 'lv' ? String(value).replace('.', ',') : String(value);
    if (typeof value !== 'string') return JSON.stringify(value);
    const format = keywordOf(subschemasAt(root, pattern), 'format');
    if (format === 'date') {
      const d = DateTime.fromISO(value);
      return d.isValid ? d.toFormat('dd.MM.yyyy') : value;
    }
    if (format === 'date-time') {
      const d = DateTime.fromISO(value, { zone: timeZone });
      return d.isValid ? d.setZone(timeZone).toFormat('dd.MM.yyyy HH:mm') : value;
    }
    return value;
  };

  const walkObject = (segments: string[], value: Record<string, unknown>, depth: number): void => {
    const pattern = formatPointer(segments);
    for (const key of keysOf(pattern, value)) walk([...segments, key], value[key], depth);
  };

  const walk = (segments: string[], value: unknown, depth: number): void => {
    const pattern = formatPointer(segments);
    if (isRecord(value)) {
      lines.push({ kind: 'section', depth, title: label(pattern) });
      walkObject(segments, value, depth + 1);
    } else if (Array.isArray(value)) {
      const itemSegments = [...segments, ANY_ITEM];
      const items = value.filter(hasAnswer);
      if (items.some(isRecord)) {
        lines.push({ kind: 'section', depth, title: label(pattern) });
        items.forEach((item, i) => {
          lines.push({ kind: 'section', depth: depth + 1, title: `${i + 1}.` });
          if (isRecord(item)) walkObject(itemSegments, item, depth + 2);
          else lines.push({ kind: 'item', depth: depth + 2, value: scalar(formatPointer(itemSegments), item) });
        });
      } else {
        lines.push({ kind: 'field', depth, label: label(pattern), value: '' });
        for (const item of items) lines.push({ kind: 'item', depth: depth + 1, value: scalar(formatPointer(itemSegments), item) });
      }
    } else {
      lines.push({ kind: 'field', depth, label: label(pattern), value: scalar(pattern, value) });
    }
  };

  walkObject([], data, 0);
  return lines;
}

function hasAnswer(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(hasAnswer);
  if (isRecord(value)) return Object.values(value).some(hasAnswer);
  return true;
}

// 'previousAddress' → 'Previous address', for fields a form author left without a label.
function humanise(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
