import { startTestApp, type TestApp } from '../support/test-app';

/** The public read API: no login, no personal data, everything from the seeded demo network. */
describe('network public API (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists the 42 municipalities, 34 of them with centres (the order's 35 counted Varakļāni before its 2025 merger)", async () => {
    const res = await t.request('GET', '/api/v1/network/municipalities');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(42);
    expect(res.body.filter((m: { hasVpvkac: boolean }) => m.hasVpvkac)).toHaveLength(34);
    const cesis = res.body.find((m: { atvk: string }) => m.atvk === '0026000');
    expect(cesis).toMatchObject({ nameLv: 'Cēsu novads', iso3166_2: 'LV-022', planningRegion: 'Vidzeme' });
    expect(cesis.centres.active).toBeGreaterThan(0);
    const riga = res.body.find((m: { atvk: string }) => m.atvk === '0001000');
    expect(riga.centres.registered).toBe(0);
    expect((await t.request('GET', '/api/v1/network/municipalities/0026000')).body.nameEn).toBe('Cēsis Municipality');
    expect((await t.request('GET', '/api/v1/network/municipalities/9999999')).body.code).toBe('NETWORK.MUNICIPALITY_NOT_FOUND');
  });

  it('shows the roll-out: 216 active of 315 registered, 99 new contact points', async () => {
    const res = await t.request('GET', '/api/v1/network/kpis');
    expect(res.body.centres).toMatchObject({ registered: 315, active: 216, baseline: 216, target: 315 });
    expect(res.body.newContactPoints).toMatchObject({ registered: 99, active: 0, target: 99 });
    expect(res.body.municipalitiesWithCentres).toBe(34);
    const sum = res.body.byMunicipality.reduce((s: number, m: { registered: number }) => s + m.registered, 0);
    expect(sum).toBe(315);
  });

  it('filters centres by municipality, status, kind, service, video booth and text, with paging', async () => {
    const all = await t.request('GET', '/api/v1/network/centres?pageSize=500');
    expect(all.body.total).toBe(315);
    const active = await t.request('GET', '/api/v1/network/centres?status=active&pageSize=500');
    expect(active.body.total).toBe(216);
    const cesis = await t.request('GET', '/api/v1/network/centres?municipality=0026000&pageSize=500');
    expect(cesis.body.items.every((c: { municipalityAtvk: string }) => c.municipalityAtvk === '0026000')).toBe(true);
    const points = await t.request('GET', '/api/v1/network/centres?kind=parish_contact_point&pageSize=500');
    expect(points.body.total).toBe(99);
    const booths = await t.request('GET', '/api/v1/network/centres?hasVideoBooth=true&pageSize=500');
    expect(booths.body.total).toBeGreaterThan(0);
    expect(booths.body.items.every((c: { videoBooths: unknown[] }) => c.videoBooths.length > 0)).toBe(true);
    const service = active.body.items[0].serviceCodes[0];
    const byService = await t.request('GET', `/api/v1/network/centres?service=${service}&pageSize=500`);
    expect(byService.body.total).toBeGreaterThan(0);
    expect(byService.body.items.every((c: { serviceCodes: string[] }) => c.serviceCodes.includes(service))).toBe(true);
    const text = await t.request('GET', '/api/v1/network/centres?q=Grobiņ');
    expect(text.body.items.map((c: { email: string }) => c.email)).toContain('grobina@pakalpojumucentri.lv');
    const page2 = await t.request('GET', '/api/v1/network/centres?page=2&pageSize=10');
    expect(page2.body).toMatchObject({ page: 2, pageSize: 10, total: 315 });
    expect(page2.body.items[0].id).toBe(all.body.items[10].id);
    const openNow = await t.request('GET', '/api/v1/network/centres?openNow=true&pageSize=500');
    expect(openNow.body.items.every((c: { openNow: boolean; status: string }) => c.openNow && c.status === 'active')).toBe(true);
  });

  it('rejects bad filters with field errors', async () => {
    const res = await t.request('GET', '/api/v1/network/centres?status=flying&pageSize=0&openNow=maybe&extra=1', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('REQUEST.INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['status', 'pageSize', 'openNow', 'extra']));
  });

  it('returns one centre by id or code, and a problem for an unknown one', async () => {
    const list = await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC');
    const centre = list.body.items[0];
    expect((await t.request('GET', `/api/v1/network/centres/${centre.id}`)).body.code).toBe(centre.code);
    expect((await t.request('GET', `/api/v1/network/centres/${centre.code}`)).body.id).toBe(centre.id);
    const missing = await t.request('GET', '/api/v1/network/centres/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NETWORK.CENTRE_NOT_FOUND');
  });

  it('computes the effective opening hours with Latvian holidays', async () => {
    const centre = (await t.request('GET', '/api/v1/network/centres?q=Grobiņ')).body.items[0];
    const res = await t.request('GET', `/api/v1/network/centres/${centre.id}/opening-hours?from=2026-12-21&to=2026-12-27`);
    expect(res.status).toBe(200);
    expect(res.body.days).toHaveLength(7);
    const byDate = Object.fromEntries(res.body.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2026-12-21'].closed).toBe(false);
    expect(byDate['2026-12-24']).toMatchObject({ closed: true, reason: 'holiday' });
    expect(byDate['2026-12-25']).toMatchObject({ closed: true, reason: 'holiday' });
    expect(byDate['2026-12-23'].reason).toBe('shortened');
    expect(res.body.weeklyDescription.lv).toMatch(/P\./);
    expect(typeof res.body.openNow).toBe('boolean');
    const bad = await t.request('GET', `/api/v1/network/centres/${centre.id}/opening-hours?from=2026-12-21&to=2027-12-21`);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('to');
    expect((await t.request('GET', `/api/v1/network/centres/${centre.id}/opening-hours?from=2026-02-30`)).status).toBe(422);
  });

  it('publishes a GeoJSON feed with [lon, lat] points', async () => {
    const res = await t.request('GET', '/api/v1/network/centres.geojson');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toHaveLength(315);
    const [lon, lat] = res.body.features[0].geometry.coordinates;
    expect(lat).toBeGreaterThan(55.6);
    expect(lat).toBeLessThan(58.1);
    expect(lon).toBeGreaterThan(20.9);
    expect(lon).toBeLessThan(28.3);
    expect(res.body.features[0].properties).not.toHaveProperty('staff');
  });

  it('lists institutions and services with filters', async () => {
    const institutions = await t.request('GET', '/api/v1/network/institutions');
    expect(institutions.body.length).toBe(19);
    const vsaa = institutions.body.find((i: { code: string }) => i.code === 'VSAA');
    expect(vsaa.videoConsultations).toBe(true);
    expect(vsaa.serviceCount).toBeGreaterThan(0);
    const vsaaServices = await t.request('GET', '/api/v1/network/services?institution=VSAA');
    expect(vsaaServices.body).toHaveLength(vsaa.serviceCount);
    const video = await t.request('GET', '/api/v1/network/services?channel=remote_video');
    expect(video.body.every((s: { channels: string }) => s.channels !== 'in_person')).toBe(true);
    const one = await t.request('GET', `/api/v1/network/services/${vsaaServices.body[0].code}`);
    expect(one.body.institutionCode).toBe('VSAA');
    expect((await t.request('GET', '/api/v1/network/institutions/NOPE')).status).toBe(404);
  });

  it('keeps internal data behind a login', async () => {
    const centre = (await t.request('GET', '/api/v1/network/centres')).body.items[0];
    expect((await t.request('GET', `/api/v1/network/centres/${centre.id}/staff`)).status).toBe(401);
    expect((await t.request('GET', '/api/v1/network/knowledge-base?q=pabalsts')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/network/cooperation-agreements')).status).toBe(401);
  });
});
