import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { OpeningHoursSpec } from '../../domain/opening-hours';
import type { GuideContent } from '../../domain/catalogue';

// The build copies this folder next to the compiled file, so the same relative path works in both.
const DATA_DIR = process.env.VPVKAC_DEMO_DATA_DIR ?? join(__dirname, 'data');

export interface MunicipalityRow {
  type: 'valstspilseta' | 'novads';
  name_lv: string;
  name_en: string;
  iso3166_2: string;
  atvk: string;
  var_kods: string;
  planning_region: string;
  has_vpvkac: string;
}

export interface InstitutionRow {
  code: string;
  name_lv: string;
  name_en: string;
  reg_no: string;
  video_consultations: string;
}

export interface CentreSeed {
  code: string;
  nameLv: string;
  shortName: string;
  kind: 'regional' | 'county' | 'local' | 'parish_contact_point';
  municipalityAtvk: string;
  placeName: string;
  placeType: 'town' | 'parish' | 'village';
  address: string;
  postcode: string;
  phone: string;
  email: string;
  languages: string[];
  status: 'planned' | 'premises_ready' | 'equipped' | 'active' | 'suspended' | 'closed';
  statusSince: string;
  generated: boolean;
  videoBooths: number;
  coordinates?: { lat: number; lon: number };
  openingHours: OpeningHoursSpec;
  services: string[];
}

export interface AgreementSeed {
  municipalityAtvk: string;
  number: string;
  signedOn: string;
  validFrom: string;
  validTo?: string;
  coFinancingShare: number;
}

export interface GuideSeed extends GuideContent {
  serviceCode: string;
}

const csv = <T>(file: string): T[] => parse(readFileSync(join(DATA_DIR, file), 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as T[];
const json = <T>(file: string): T => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as T;

export const readDemoData = () => ({
  municipalities: csv<MunicipalityRow>('municipalities.csv'),
  institutions: csv<InstitutionRow>('institutions.csv'),
  servicesCsv: readFileSync(join(DATA_DIR, 'services.csv'), 'utf8'),
  centres: json<CentreSeed[]>('centres.json'),
  agreements: json<AgreementSeed[]>('cooperation-agreements.json'),
  guides: json<GuideSeed[]>('knowledge-base.json'),
});
