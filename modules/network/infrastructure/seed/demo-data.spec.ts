import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { validateOpeningHoursSpec } from '../../domain/opening-hours';
import type { AgreementSeed, CentreSeed, MunicipalityRow } from './demo-data-files';

const DATA_DIR = join(__dirname, 'data');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as T;
const readCsv = <T>(file: string): T[] =>
  parse(readFileSync(join(DATA_DIR, file), 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as T[];

const centres = readJson<CentreSeed[]>('centres.json');
const agreements = readJson<AgreementSeed[]>('cooperation-agreements.json');
const municipalities = readCsv<MunicipalityRow>('municipalities.csv');
const withCentres = new Set(municipalities.filter((m) => m.has_vpvkac === 'true').map((m) => m.atvk));
const servicesFile = join(DATA_DIR, 'services.csv');
const hasServices = existsSync(servicesFile);

const active = centres.filter((c) => c.status === 'active');
const points = centres.filter((c) => c.kind === 'parish_contact_point');
const count = (list: CentreSeed[], pred: (c: CentreSeed) => boolean) => list.filter(pred).length;
const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
const parishOf = (c: CentreSeed) => /, ([^,]+) pag\.,/.exec(c.address)?.[1];

describe('demo network seed data', () => {
  it('has 315 centres: 216 active and 99 new parish contact points', () => {
    expect(centres).toHaveLength(315);
    expect(active).toHaveLength(216);
    expect(points).toHaveLength(99);
    expect(points.every((c) => c.status !== 'active')).toBe(true);
    expect(count(points, (c) => c.status === 'planned')).toBe(60);
    expect(count(points, (c) => c.status === 'premises_ready')).toBe(25);
    expect(count(points, (c) => c.status === 'equipped')).toBe(14);
  });

  it('places centres only in the 34 municipalities with VPVKAC and covers each of them', () => {
    expect(withCentres.size).toBe(34);
    expect(centres.every((c) => withCentres.has(c.municipalityAtvk))).toBe(true);
    expect(new Set(active.map((c) => c.municipalityAtvk))).toEqual(withCentres);
  });

  it('puts every parish contact point in a parish without an active centre', () => {
    for (const p of points) {
      const parish = parishOf(p);
      expect(parish).toBeDefined();
      const clash = active.find((c) => c.municipalityAtvk === p.municipalityAtvk && parishOf(c) === parish);
      expect(clash).toBeUndefined();
    }
  });

  it('contains the 37 real centres, unchanged and not generated', () => {
    const real = centres.filter((c) => !c.generated);
    expect(real).toHaveLength(37);
    expect(real.every((c) => c.status === 'active')).toBe(true);
    const byEmail = (local: string) => centres.find((c) => c.email === `${local}@pakalpojumucentri.lv`);
    expect(byEmail('cesis')).toMatchObject({ generated: false, shortName: 'Cēsu VPVKAC', phone: '66954884', address: 'Raunas iela 4, Cēsu pilsēta, Cēsu nov., LV-4101' });
    expect(byEmail('grobina')).toMatchObject({ generated: false, shortName: 'Grobiņas pilsētas VPVKAC', phone: '66954818' });
    expect(byEmail('grobina')?.openingHours.weekly['2']).toEqual([{ from: '08:30', to: '12:00' }, { from: '12:30', to: '19:00' }]);
    expect(byEmail('sala')).toMatchObject({ generated: false, phone: '66954845', address: 'Susējas iela 9, Sala, Salas pag., Jēkabpils nov., LV-5230' });
    expect(byEmail('sala')?.openingHours.weekly['5']).toEqual([{ from: '08:30', to: '12:00' }, { from: '13:00', to: '16:00' }]);
    expect(byEmail('aizkraukle')).toMatchObject({ generated: false, phone: '66954880', kind: 'regional' });
  });

  it('has unique codes, e-mails, phones and short names', () => {
    for (const field of ['code', 'email', 'phone', 'shortName'] as const) {
      expect(duplicates(centres.map((c) => c[field]))).toEqual([]);
    }
  });

  it('has well-formed fields', () => {
    for (const c of centres) {
      expect(c.code).toMatch(/^[A-Z]{3}-\d{3}$/);
      expect(c.postcode).toMatch(/^LV-\d{4}$/);
      expect(c.address.endsWith(c.postcode)).toBe(true);
      expect(c.phone).toMatch(/^6\d{7}$/);
      expect(c.email).toMatch(/^[a-z0-9.]+@pakalpojumucentri\.lv$/);
      expect(c.nameLv).toMatch(/ novada .+ valsts un pašvaldības vienotais klientu apkalpošanas centrs$/);
      expect(c.shortName).toMatch(/ VPVKAC$/);
      expect(c.languages).toContain('lv');
      expect(c.statusSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isInteger(c.videoBooths) && c.videoBooths >= 0).toBe(true);
      expect(c.coordinates).toBeDefined();
      const { lat, lon } = c.coordinates!;
      expect(lat >= 55.6 && lat <= 58.1 && lon >= 20.9 && lon <= 28.3).toBe(true);
    }
    expect(active.every((c) => c.statusSince >= '2015' && c.statusSince < '2026')).toBe(true);
    expect(points.filter((c) => c.status === 'planned').every((c) => c.statusSince.startsWith('2026'))).toBe(true);
    expect(points.every((c) => c.videoBooths === (c.status === 'equipped' ? 1 : 0))).toBe(true);
  });

  it('has valid opening hours for every centre', () => {
    for (const c of centres) expect({ code: c.code, errors: validateOpeningHoursSpec(c.openingHours) }).toEqual({ code: c.code, errors: [] });
  });

  (hasServices ? it : it.skip)('offers only services from services.csv', () => {
    const codes = new Set(readCsv<{ code: string }>('services.csv').map((s) => s.code));
    for (const c of centres) expect(c.services.filter((s) => !codes.has(s))).toEqual([]);
    expect(active.every((c) => c.services.length > 0)).toBe(true);
  });

  it('has one cooperation agreement per municipality with centres', () => {
    const atvks = new Set(municipalities.map((m) => m.atvk));
    expect(agreements.every((a) => atvks.has(a.municipalityAtvk))).toBe(true);
    expect(new Set(agreements.map((a) => a.municipalityAtvk))).toEqual(withCentres);
    expect(agreements).toHaveLength(withCentres.size);
    for (const a of agreements) {
      expect(a.number).toMatch(/^VARAM\/2024\/\d+$/);
      expect(a.coFinancingShare >= 0.3 && a.coFinancingShare <= 0.7).toBe(true);
      expect(a.validFrom >= a.signedOn).toBe(true);
      expect(a.validTo && a.validTo > a.validFrom).toBe(true);
    }
  });
});
