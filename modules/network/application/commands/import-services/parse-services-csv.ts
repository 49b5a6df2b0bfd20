import { parse } from 'csv-parse/sync';
import type { FieldError } from '@modules/shared-kernel';
import { SERVICE_CHANNELS, type ServiceChannels } from '../../../domain/catalogue';

export interface ServiceCsvRow {
  code: string;
  institutionCode: string;
  latvijaGovLvId: string | null;
  nameLv: string;
  nameEn: string;
  channels: ServiceChannels;
  defaultDurationMin: number;
  citizenIdentity: boolean;
  descriptionLv: string | null;
  descriptionEn: string | null;
}

export const SERVICE_CSV_COLUMNS = [
  'code',
  'institution_code',
  'latvija_gov_lv_id',
  'name_lv',
  'name_en',
  'channels',
  'default_duration_min',
  'description_lv',
  'description_en',
] as const;

/** Optional: `true` where the walk-in queue may take the visitor's name and personal code (empty or absent: false). */
export const SERVICE_CSV_OPTIONAL_COLUMNS = ['citizen_identity'] as const;

const err = (field: string, code: string, lv: string, en: string): FieldError => ({ field, code, messageLv: lv, messageEn: en });

/**
 * Parses the service catalogue CSV (the format of the official list of services offered in VPVKAC;
 * `,` or `;` separated, UTF-8 with or without BOM). Returns every row error, with line numbers.
 */
export function parseServicesCsv(text: string): { rows: ServiceCsvRow[]; errors: FieldError[] } {
  const delimiter = (text.split('\n')[0] ?? '').includes(';') ? ';' : ',';
  let records: Array<Record<string, string>>;
  try {
    records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, delimiter, skip_empty_lines: true, trim: true });
  } catch (e) {
    return { rows: [], errors: [err('file', 'csv.malformed', `CSV nav nolasāms: ${(e as Error).message}`, `Malformed CSV: ${(e as Error).message}`)] };
  }
  const errors: FieldError[] = [];
  const first = records[0];
  const missing = first ? SERVICE_CSV_COLUMNS.filter((c) => !(c in first)) : [...SERVICE_CSV_COLUMNS];
  if (missing.length > 0) {
    return { rows: [], errors: [err('file', 'csv.missing_columns', `Trūkst kolonnu: ${missing.join(', ')}`, `Missing columns: ${missing.join(', ')}`)] };
  }
  const rows: ServiceCsvRow[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = `line ${i + 2}`;
    const code = r.code ?? '';
    const duration = Number(r.default_duration_min);
    const channels = (r.channels ?? '') as ServiceChannels;
    const before = errors.length;
    if (!/^[A-Z0-9ĀČĒĢĪĶĻŅŠŪŽ-]{2,32}$/.test(code)) errors.push(err(`${line}.code`, 'invalid', 'Nederīgs pakalpojuma kods', 'Invalid service code'));
    if (seen.has(code)) errors.push(err(`${line}.code`, 'duplicate', 'Kods atkārtojas failā', 'Code repeated in the file'));
    if (!r.institution_code) errors.push(err(`${line}.institution_code`, 'required', 'Obligāts lauks', 'Required'));
    if (!r.name_lv) errors.push(err(`${line}.name_lv`, 'required', 'Obligāts lauks', 'Required'));
    if (!r.name_en) errors.push(err(`${line}.name_en`, 'required', 'Obligāts lauks', 'Required'));
    if (!SERVICE_CHANNELS.includes(channels)) errors.push(err(`${line}.channels`, 'invalid', 'Kanālam jābūt in_person, remote_video vai both', 'Channels must be in_person, remote_video or both'));
    if (!Number.isInteger(duration) || duration < 5 || duration > 240) errors.push(err(`${line}.default_duration_min`, 'invalid', 'Ilgumam jābūt 5–240 minūtēm', 'Duration must be 5–240 minutes'));
    const identity = (r.citizen_identity ?? '').toLowerCase();
    if (!['', 'true', 'false'].includes(identity)) errors.push(err(`${line}.citizen_identity`, 'invalid', 'Jābūt true vai false', 'Must be true or false'));
    if (r.latvija_gov_lv_id && !/^\d{1,10}$/.test(r.latvija_gov_lv_id)) errors.push(err(`${line}.latvija_gov_lv_id`, 'invalid', 'Nederīgs Latvija.gov.lv identifikators', 'Invalid latvija.gov.lv id'));
    seen.add(code);
    if (errors.length > before) return;
    rows.push({
      code,
      institutionCode: r.institution_code!,
      latvijaGovLvId: r.latvija_gov_lv_id || null,
      nameLv: r.name_lv!,
      nameEn: r.name_en!,
      channels,
      defaultDurationMin: duration,
      citizenIdentity: identity === 'true',
      descriptionLv: r.description_lv || null,
      descriptionEn: r.description_en || null,
    });
  });
  return { rows, errors };
}
