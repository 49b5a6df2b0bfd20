import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormData, FormLabels, JsonSchema, UiSchema } from '../../domain';

/** One seeded e-form: its definition and the content of its first version. */
export interface EFormSeed {
  code: string;
  institutionCode: string;
  serviceCodes: string[];
  titleLv: string;
  titleEn: string;
  jsonSchema: JsonSchema;
  uiSchema: UiSchema;
  labels: FormLabels;
  sensitiveFields: string[];
}

// The build copies only `data` folders into dist/, so fall back to the source tree when run from there.
function seedDir(name: 'forms' | 'samples'): string {
  const candidates = [
    process.env.VPVKAC_EFORM_SEED_DIR ? join(process.env.VPVKAC_EFORM_SEED_DIR, name) : undefined,
    join(__dirname, name),
    join(process.cwd(), 'modules/intake/infrastructure/seed', name),
  ].filter((d): d is string => d !== undefined);
  const found = candidates.find((d) => existsSync(d));
  if (!found) throw new Error(`e-form seed folder "${name}" not found (looked in ${candidates.join(', ')})`);
  return found;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** The seeded e-forms, sorted by code. */
export function loadEFormSeeds(): EFormSeed[] {
  const dir = seedDir('forms');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readJson<EFormSeed>(join(dir, f)))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** A realistic filled-in example of a seeded form (for demo data and previews), by form code. */
export function loadEFormSample(code: string): FormData {
  return readJson<FormData>(join(seedDir('samples'), `${code.toLowerCase()}.sample.json`));
}
