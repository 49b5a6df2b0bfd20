import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import type { IntegrationEvent } from '@modules/shared-kernel';
import { NetworkEvents } from '@modules/network';
import { startTestApp, type TestApp } from '../support/test-app';

const openingHours = {
  weekly: {
    '1': [{ from: '08:30', to: '12:00' }, { from: '12:30', to: '17:00' }],
    '3': [{ from: '08:30', to: '12:00' }, { from: '12:30', to: '17:00' }],
  },
  monthlyClosedDays: [{ weekday: 3, nth: 2, reasonLv: 'Metodiskā diena' }],
};

const newCentre = (code: string, municipalityAtvk = '0026000') => ({
  code,
  nameLv: 'Cēsu novada Zosēnu pagasta valsts un pašvaldības vienotais klientu apkalpošanas centrs',
  shortName: `Zosēnu VPVKAC ${code}`,
  kind: 'parish_contact_point',
  municipalityAtvk,
  placeName: 'Zosēnu pagasts',
  placeType: 'parish',
  address: '"Zosēnu skola", Zosēni, Zosēnu pag., Cēsu nov., LV-4121',
  postcode: 'LV-4121',
  coordinates: { lat: 57.13, lon: 26.06 },
  phone: '66954999',
  email: `${code.toLowerCase()}@pakalpojumucentri.lv`,
  languages: ['lv', 'ru'],
  openingHours,
  serviceCodes: [] as string[],
});

describe('network management API (e2e)', () => {
  let t: TestApp;
  const received: IntegrationEvent[] = [];
  const centreCount = async (): Promise<number> => Number((await t.sql<{ n: string }>('select count(*) as n from network.centre'))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(IntegrationEventBus).subscribe('test.network-observer', Object.values(NetworkEvents), async (event) => {
      received.push(event);
    });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('registering a centre', () => {
    it('lets an administrator register one and publishes CentreRegistered once', async () => {
      const res = await t.request('POST', '/api/v1/network/centres', { token: await t.token('admin'), body: newCentre('CES-901') });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: 'CES-901', status: 'planned', municipalityNameLv: 'Cēsu novads', coordinates: { lat: 57.13, lon: 26.06 } });
      await t.drainEvents();
      const mine = received.filter((e) => e.type === NetworkEvents.CentreRegistered && (e.payload as { centreId: string }).centreId === res.body.id);
      expect(mine).toHaveLength(1);
      // A redelivered event is not applied twice.
      const bus = t.app.get(IntegrationEventBus);
      expect(await bus.deliver('test.network-observer', mine[0]!)).toBe(false);
      expect(received.filter((e) => e.id === mine[0]!.id)).toHaveLength(1);
    });

    it('lets a coordinator register only in their own municipality', async () => {
      const coordinator = await t.token('coordinator.cesis');
      expect((await t.request('POST', '/api/v1/network/centres', { token: coordinator, body: newCentre('CES-902') })).status).toBe(201);
      const other = await t.request('POST', '/api/v1/network/centres', { token: coordinator, body: newCentre('ALU-902', '0021000') });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('NETWORK.CENTRE_ACCESS_DENIED');
    });

    it('refuses clerks, specialists and anonymous callers', async () => {
      for (const user of ['clerk.cesis', 'specialist.vsaa', 'auditor']) {
        const res = await t.request('POST', '/api/v1/network/centres', { token: await t.token(user), body: newCentre('CES-903') });
        expect(res.status).toBe(403);
      }
      expect((await t.request('POST', '/api/v1/network/centres', { body: newCentre('CES-903') })).status).toBe(401);
    });

    it('rejects bad input with field errors and writes nothing', async () => {
      const admin = await t.token('admin');
      const before = await centreCount();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...newCentre('CES-904'), phone: 12345 }, 'phone'],
        [{ ...newCentre('CES-904'), kind: 'castle' }, 'kind'],
        [{ ...newCentre('CES-904'), postcode: '4101' }, 'postcode'],
        [{ ...newCentre('CES-904'), coordinates: { lat: 'north', lon: 26 } }, 'coordinates.lat'],
        [{ ...newCentre('CES-904'), isAdmin: true }, 'isAdmin'],
        [{ ...newCentre('CES-904'), openingHours: { weekly: { '1': [{ from: '17:00', to: '08:00' }] } } }, 'openingHours.weekly.1[0]'],
        [{ ...newCentre('CES-904'), municipalityAtvk: '0099999' }, 'municipalityAtvk'],
        [{ ...newCentre('CES-904'), serviceCodes: ['NOPE-1'] }, 'serviceCodes'],
      ];
      for (const [body, field] of cases) {
        const res = await t.request('POST', '/api/v1/network/centres', { token: admin, body });
        expect(res.status).toBe(422);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
      }
      const duplicate = await t.request('POST', '/api/v1/network/centres', { token: admin, body: newCentre('CES-901') });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('NETWORK.CENTRE_CODE_TAKEN');
      expect(await centreCount()).toBe(before);
    });
  });

  describe('status lifecycle', () => {
    it('moves along the lifecycle, refuses illegal jumps, and keeps the history', async () => {
      const admin = await t.token('admin');
      const centre = (await t.request('GET', '/api/v1/network/centres/CES-901')).body;
      const step = (status: string) => t.request('POST', `/api/v1/network/centres/${centre.id}/status`, { token: admin, body: { status, effectiveOn: '2026-12-01', reason: 'test' } });
      const jump = await step('active');
      expect(jump.status).toBe(409);
      expect(jump.body).toMatchObject({ code: 'NETWORK.ILLEGAL_STATUS_CHANGE', from: 'planned', to: 'active' });
      for (const status of ['premises_ready', 'equipped', 'active']) expect((await step(status)).body.status).toBe(status);
      const history = await t.request('GET', `/api/v1/network/centres/${centre.id}/status-history`, { token: admin });
      expect(history.body.map((h: { to: string }) => h.to)).toEqual(['planned', 'premises_ready', 'equipped', 'active']);
      expect(history.body[3]).toMatchObject({ from: 'equipped', changedBy: 'demo:admin' });
      await t.drainEvents();
      const changes = received.filter((e) => e.type === NetworkEvents.CentreStatusChanged && e.aggregateId === centre.id);
      expect(changes.map((e) => (e.payload as { to: string }).to)).toEqual(['premises_ready', 'equipped', 'active']);
      const kpis = await t.request('GET', '/api/v1/network/kpis');
      expect(kpis.body.centres.active).toBe(217);
    });

    it('changes opening hours, services and booths', async () => {
      const admin = await t.token('admin');
      const id = (await t.request('GET', '/api/v1/network/centres/CES-901')).body.id;
      const services = (await t.request('GET', '/api/v1/network/services?institution=VSAA')).body.map((s: { code: string }) => s.code);
      const withServices = await t.request('PUT', `/api/v1/network/centres/${id}/services`, { token: admin, body: { serviceCodes: services.slice(0, 2) } });
      expect(withServices.body.serviceCodes).toEqual(services.slice(0, 2));
      const booth = await t.request('POST', `/api/v1/network/centres/${id}/video-booths`, { token: admin, body: { name: 'Videokabīne 1', capacity: 3 } });
      expect(booth.status).toBe(201);
      expect((await t.request('GET', `/api/v1/network/centres/${id}`)).body.videoBooths).toEqual([expect.objectContaining({ name: 'Videokabīne 1', capacity: 3 })]);
      const hours = { weekly: { '5': [{ from: '09:00', to: '13:00' }] }, exceptions: [{ date: '2026-12-11', closed: true, noteLv: 'Remonts' }] };
      expect((await t.request('PUT', `/api/v1/network/centres/${id}/opening-hours`, { token: admin, body: { openingHours: hours } })).status).toBe(200);
      const week = await t.request('GET', `/api/v1/network/centres/${id}/opening-hours?from=2026-12-04&to=2026-12-11`);
      const days = Object.fromEntries(week.body.days.map((d: { date: string }) => [d.date, d]));
      expect(days['2026-12-04'].intervals).toEqual([{ from: '09:00', to: '13:00' }]);
      expect(days['2026-12-11']).toMatchObject({ closed: true, reason: 'exception', noteLv: 'Remonts' });
      await t.drainEvents();
      expect(received.some((e) => e.type === NetworkEvents.OpeningHoursChanged && e.aggregateId === id)).toBe(true);

      // "Is it open now / when does it next open" follows the new hours: the only window is Friday 09:00–13:00 (Riga).
      const riga = (iso: string) =>
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Riga', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
      const now = await t.request('GET', `/api/v1/network/centres/${id}/opening-hours`);
      expect(now.status).toBe(200);
      const next = now.body.nextOpening as { opensAt: string; closesAt: string };
      expect(riga(next.opensAt)).toBe('Fri 09:00');
      expect(riga(next.closesAt)).toBe('Fri 13:00');
      expect(new Date(next.closesAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(now.body.openNow).toBe(new Date(next.opensAt).getTime() <= Date.now());
    });

    it('detects a lost update with expectedVersion', async () => {
      const admin = await t.token('admin');
      const centre = (await t.request('GET', '/api/v1/network/centres/CES-902')).body;
      const ok = await t.request('PATCH', `/api/v1/network/centres/${centre.id}`, { token: admin, body: { phone: '66954998', expectedVersion: 1 } });
      expect(ok.status).toBe(200);
      const stale = await t.request('PATCH', `/api/v1/network/centres/${centre.id}`, { token: admin, body: { phone: '66954997', expectedVersion: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('NETWORK.STALE_CENTRE');
    });

    it('suspends, resumes and closes a centre; a closed centre stays closed; each change keeps its date and author', async () => {
      const coordinator = await t.token('coordinator.cesis');
      const centre = (await t.request('GET', '/api/v1/network/centres/CES-902')).body;
      const steps: Array<[string, string]> = [
        ['premises_ready', '2027-01-04'],
        ['equipped', '2027-01-11'],
        ['active', '2027-01-18'],
        ['suspended', '2027-03-01'],
        ['active', '2027-03-15'],
        ['suspended', '2027-06-01'],
        ['closed', '2027-06-30'],
      ];
      for (const [status, effectiveOn] of steps) {
        const res = await t.request('POST', `/api/v1/network/centres/${centre.id}/status`, { token: coordinator, body: { status, effectiveOn, reason: `uz ${status}` } });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(status);
      }
      const reopen = await t.request('POST', `/api/v1/network/centres/${centre.id}/status`, { token: coordinator, body: { status: 'active', effectiveOn: '2027-07-01' } });
      expect(reopen.status).toBe(409);
      expect(reopen.body).toMatchObject({ code: 'NETWORK.ILLEGAL_STATUS_CHANGE', from: 'closed', to: 'active' });
      expect((await t.request('POST', `/api/v1/network/centres/${centre.id}/status`, { token: await t.token('coordinator.dienvidkurzeme'), body: { status: 'active', effectiveOn: '2027-07-01' } })).status).toBe(403);
      const history = (await t.request('GET', `/api/v1/network/centres/${centre.id}/status-history`, { token: await t.token('auditor') })).body as Array<{ from: string | null; to: string; effectiveOn: string; changedBy: string }>;
      expect(history.slice(1).map((h) => [h.from, h.to, h.effectiveOn, h.changedBy])).toEqual(
        steps.map(([status, effectiveOn], i) => [i === 0 ? 'planned' : steps[i - 1]![0], status, effectiveOn, 'demo:coordinator.cesis']),
      );
      expect((await t.request('GET', `/api/v1/network/centres/${centre.id}`)).body.status).toBe('closed');
      await t.drainEvents();
      const changes = received.filter((e) => e.type === NetworkEvents.CentreStatusChanged && e.aggregateId === centre.id).map((e) => (e.payload as { to: string }).to);
      expect(changes).toEqual(steps.map(([status]) => status));
    });
  });

  describe('staff', () => {
    it('validates personal codes, stores only a mask, and audits every read', async () => {
      const coordinator = await t.token('coordinator.cesis');
      const cesis = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0];
      const before = Number((await t.sql<{ n: string }>('select count(*) as n from network.staff_assignment'))[0]!.n);
      for (const personalCode of ['161375-19997', '111112-11111', 'abc']) {
        const bad = await t.request('POST', `/api/v1/network/centres/${cesis.id}/staff`, {
          token: coordinator,
          body: { userId: 'lv-federation:123', displayName: 'Jānis Bērziņš', personalCode, validFrom: '2026-12-01' },
        });
        expect(bad.status).toBe(422);
        expect(bad.body.errors[0].field).toBe('personalCode');
      }
      expect(Number((await t.sql<{ n: string }>('select count(*) as n from network.staff_assignment'))[0]!.n)).toBe(before);
      const ok = await t.request('POST', `/api/v1/network/centres/${cesis.id}/staff`, {
        token: coordinator,
        body: { userId: 'lv-federation:123', displayName: 'Jānis Bērziņš', personalCode: '161175-19997', validFrom: '2026-12-01' },
      });
      expect(ok.status).toBe(201);
      expect(ok.body.personalCodeMasked).toBe('161175-*****');
      const raw = await t.sql('select * from network.staff_assignment where id = $1', [ok.body.id]);
      expect(JSON.stringify(raw)).not.toContain('19997');

      const clerkOwn = await t.request('GET', `/api/v1/network/centres/${cesis.id}/staff`, { token: await t.token('clerk.cesis') });
      expect(clerkOwn.status).toBe(200);
      expect(clerkOwn.body.map((s: { displayName: string }) => s.displayName)).toContain('Jānis Bērziņš');
      const grobina = (await t.request('GET', '/api/v1/network/centres?q=Grobiņ')).body.items[0];
      const clerkOther = await t.request('GET', `/api/v1/network/centres/${grobina.id}/staff`, { token: await t.token('clerk.cesis') });
      expect(clerkOther.status).toBe(403);
      const otherCoordinator = await t.request('POST', `/api/v1/network/centres/${grobina.id}/staff`, {
        token: coordinator,
        body: { userId: 'x', displayName: 'X Y', validFrom: '2026-12-01' },
      });
      expect(otherCoordinator.status).toBe(403);
      const audit = await t.sql<{ action: string; actor_id: string }>(
        "select action, actor_id from platform.audit_log where resource_id in ($1, $2) order by seq",
        [cesis.id, ok.body.id],
      );
      expect(audit).toEqual([
        { action: 'staff.personal-data.write', actor_id: 'demo:coordinator.cesis' },
        { action: 'staff.personal-data.read', actor_id: 'demo:clerk.cesis' },
      ]);
    });

    it('ends an assignment: managers of the centre only, not before it starts, once; the row is kept and the change audited', async () => {
      const coordinator = await t.token('coordinator.cesis');
      const cesis = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC')).body.items[0];
      const assigned = await t.request('POST', `/api/v1/network/centres/${cesis.id}/staff`, {
        token: coordinator,
        body: { userId: 'lv-federation:456', displayName: 'Anna Kalniņa', role: 'clerk', validFrom: '2026-01-05' },
      });
      expect(assigned.status).toBe(201);
      expect(assigned.body.validTo).toBeNull();
      const end = (body: object, token = coordinator, centre = cesis.id as string, id = assigned.body.id as string) =>
        t.request('POST', `/api/v1/network/centres/${centre}/staff/${id}/end`, { token, body });

      // Who may: not a clerk of the centre, not another municipality's coordinator.
      expect((await end({}, await t.token('clerk.cesis'))).status).toBe(403);
      const foreign = await end({}, await t.token('coordinator.dienvidkurzeme'));
      expect(foreign.status).toBe(403);
      expect(foreign.body.code).toBe('NETWORK.CENTRE_ACCESS_DENIED');
      // Which: the assignment must belong to that centre.
      const grobina = (await t.request('GET', '/api/v1/network/centres?q=Grobiņ')).body.items[0];
      const elsewhere = await end({}, await t.token('admin'), grobina.id);
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.code).toBe('NETWORK.STAFF_ASSIGNMENT_NOT_FOUND');
      expect((await end({}, coordinator, cesis.id, 'not-an-id')).status).toBe(404);
      // When: a date, and not before the assignment starts.
      const badDate = await end({ endOn: '5.1.2026' });
      expect(badDate.status).toBe(422);
      expect(badDate.body.errors[0].field).toBe('endOn');
      const early = await end({ endOn: '2026-01-04' });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('NETWORK.STAFF_ASSIGNMENT_END_BEFORE_START');
      expect(early.body.errors[0].field).toBe('endOn');
      expect((await t.sql<{ valid_to: string | null }>('select valid_to from network.staff_assignment where id = $1', [assigned.body.id]))[0]!.valid_to).toBeNull();

      const ended = await end({ endOn: '2026-06-30' });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ id: assigned.body.id, displayName: 'Anna Kalniņa', validFrom: '2026-01-05', validTo: '2026-06-30' });
      const again = await end({ endOn: '2026-07-01' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('NETWORK.STAFF_ASSIGNMENT_ENDED');
      // Ending earlier than a planned last day is allowed.
      expect((await end({ endOn: '2026-03-31' })).body.validTo).toBe('2026-03-31');

      const listed = (await t.request('GET', `/api/v1/network/centres/${cesis.id}/staff`, { token: coordinator })).body as Array<{ id: string; validTo: string | null }>;
      expect(listed.find((s) => s.id === assigned.body.id)?.validTo).toBe('2026-03-31');
      const audit = await t.sql<{ action: string; actor_id: string; details: { fields: string[] } }>(
        'select action, actor_id, details from platform.audit_log where resource_id = $1 order by seq',
        [assigned.body.id],
      );
      expect(audit.map((a) => [a.action, a.actor_id, a.details.fields])).toEqual([
        ['staff.personal-data.write', 'demo:coordinator.cesis', ['displayName']],
        ['staff.personal-data.write', 'demo:coordinator.cesis', ['validTo']],
        ['staff.personal-data.write', 'demo:coordinator.cesis', ['validTo']],
      ]);

      // Without a date it ends today (Riga).
      const other = await t.request('POST', `/api/v1/network/centres/${cesis.id}/staff`, {
        token: coordinator,
        body: { userId: 'lv-federation:789', displayName: 'Pēteris Ozols', validFrom: '2026-01-05' },
      });
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
      const endedToday = await end({}, coordinator, cesis.id, other.body.id);
      expect(endedToday.status).toBe(200);
      expect(endedToday.body.validTo).toBe(today);
    });
  });

  describe('service catalogue', () => {
    const header = 'code,institution_code,latvija_gov_lv_id,name_lv,name_en,channels,default_duration_min,description_lv,description_en';

    it('imports the official list from CSV (upsert by code, all or nothing)', async () => {
      const admin = await t.token('admin');
      const csv = `${header}\nVZD-900,VZD,,Kadastra izziņas pieprasīšana,Cadastral statement request,both,20,,\nVZD-901,VZD,,Zemes vienības robežu konsultācija,Land boundary consultation,remote_video,30,,\n`;
      const res = await t.request('POST', '/api/v1/network/services/import', { token: admin, rawBody: csv, headers: { 'content-type': 'text/csv' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 2, updated: 0, unchanged: 0 });
      const again = await t.request('POST', '/api/v1/network/services/import', {
        token: admin,
        rawBody: csv.replace('Cadastral statement request', 'Cadastral statement'),
        headers: { 'content-type': 'text/csv' },
      });
      expect(again.body).toEqual({ created: 0, updated: 1, unchanged: 1 });
      const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from network.service'))[0]!.n);
      const before = await count();
      const bad = await t.request('POST', '/api/v1/network/services/import', {
        token: admin,
        rawBody: `${header}\nVZD-902,VZD,,Labs,Good,both,20,,\nVZD-903,NOPE,,Slikts,Bad,both,20,,\n`,
        headers: { 'content-type': 'text/csv' },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('NETWORK.UNKNOWN_INSTITUTION');
      expect(await count()).toBe(before);
      const specialist = await t.request('POST', '/api/v1/network/services/import', { token: await t.token('specialist.vzd'), rawBody: csv, headers: { 'content-type': 'text/csv' } });
      expect(specialist.status).toBe(403);
    });

    it('adds one service: administrators only, checked input, nothing written on error, ServiceCatalogueChanged published', async () => {
      const admin = await t.token('admin');
      const count = async () => Number((await t.sql<{ n: string }>('select count(*) as n from network.service'))[0]!.n);
      const before = await count();
      const service = { code: 'VSAA-950', institutionCode: 'VSAA', latvijaGovLvId: '950', nameLv: 'Bērna kopšanas pabalsta pārrēķins', nameEn: 'Childcare benefit recalculation', channels: 'both', defaultDurationMin: 25 };
      const bad: Array<[Record<string, unknown>, string]> = [
        [{ ...service, defaultDurationMin: '25' }, 'defaultDurationMin'],
        [{ ...service, channels: 'telepathy' }, 'channels'],
        [{ ...service, code: 'vsaa 950' }, 'code'],
        [{ ...service, priceEur: 0 }, 'priceEur'],
      ];
      for (const [body, field] of bad) {
        const res = await t.request('POST', '/api/v1/network/services', { token: admin, body });
        expect(res.status).toBe(422);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const unknownInstitution = await t.request('POST', '/api/v1/network/services', { token: admin, body: { ...service, institutionCode: 'NOPE' } });
      expect(unknownInstitution.status).toBe(422);
      expect(unknownInstitution.body.code).toBe('NETWORK.UNKNOWN_INSTITUTION');
      for (const user of ['coordinator.cesis', 'specialist.vsaa', 'integration.vsaa', 'auditor', 'clerk.cesis']) {
        expect((await t.request('POST', '/api/v1/network/services', { token: await t.token(user), body: service })).status).toBe(403);
      }
      expect((await t.request('POST', '/api/v1/network/services', { body: service })).status).toBe(401);
      expect(await count()).toBe(before);

      const created = await t.request('POST', '/api/v1/network/services', { token: admin, body: service });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: 'VSAA-950', institutionCode: 'VSAA', channels: 'both', defaultDurationMin: 25 });
      expect((await t.request('GET', '/api/v1/network/services/VSAA-950')).body).toMatchObject({ nameEn: 'Childcare benefit recalculation', latvijaGovLvId: '950' });
      const duplicate = await t.request('POST', '/api/v1/network/services', { token: admin, body: service });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('NETWORK.SERVICE_CODE_TAKEN');
      expect(await count()).toBe(before + 1);
      await t.drainEvents();
      const changes = received.filter((e) => e.type === NetworkEvents.ServiceCatalogueChanged).map((e) => e.payload as { change: string; serviceIds: string[] });
      expect(changes.filter((c) => c.change === 'service_registered' && c.serviceIds.includes(created.body.id))).toHaveLength(1);
      // The CSV import of the previous test announced its changes too.
      expect(changes.some((c) => c.change === 'services_imported')).toBe(true);
    });

    it('registers institutions with a checked registration number', async () => {
      const admin = await t.token('admin');
      const bad = await t.request('POST', '/api/v1/network/institutions', { token: admin, body: { code: 'DAP', nameLv: 'Dabas aizsardzības pārvalde', nameEn: 'Nature Conservation Agency', regNo: '90009099028' } });
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('regNo');
      const ok = await t.request('POST', '/api/v1/network/institutions', { token: admin, body: { code: 'DAP', nameLv: 'Dabas aizsardzības pārvalde', nameEn: 'Nature Conservation Agency', regNo: '90009099027' } });
      expect(ok.status).toBe(201);
    });
  });

  describe('knowledge base', () => {
    it('finds guides in Latvian regardless of case endings and diacritics', async () => {
      const clerk = await t.token('clerk.cesis');
      for (const q of ['deklarāciju', 'deklaracija', 'pabalstu']) {
        const res = await t.request('GET', `/api/v1/network/knowledge-base?q=${encodeURIComponent(q)}`, { token: clerk });
        expect(res.status).toBe(200);
        expect(res.body.length).toBeGreaterThan(0);
      }
      const declaration = await t.request('GET', `/api/v1/network/knowledge-base?q=${encodeURIComponent('deklarāciju')}`, { token: clerk });
      expect(declaration.body.map((h: { institutionCode: string }) => h.institutionCode)).toEqual(expect.arrayContaining(['VID']));
      const nothing = await t.request('GET', `/api/v1/network/knowledge-base?q=${encodeURIComponent('&|!:*()')}`, { token: clerk });
      expect(nothing.status).toBe(200);
    });

    it('lets only the owning institution publish a new guide version', async () => {
      const hit = (await t.request('GET', `/api/v1/network/knowledge-base?q=pabalsts`, { token: await t.token('clerk.cesis') })).body.find(
        (h: { institutionCode: string }) => h.institutionCode === 'VSAA',
      );
      const current = await t.request('GET', `/api/v1/network/services/${hit.serviceCode}/guide`, { token: await t.token('specialist.vsaa') });
      const content = { ...current.body.content, summaryLv: `${current.body.content.summaryLv} Jaunums: iesniegumu var iesniegt arī attālināti.` };
      const wrong = await t.request('PUT', `/api/v1/network/services/${hit.serviceCode}/guide`, { token: await t.token('specialist.vid'), body: { content } });
      expect(wrong.status).toBe(403);
      const published = await t.request('PUT', `/api/v1/network/services/${hit.serviceCode}/guide`, {
        token: await t.token('specialist.vsaa'),
        body: { content, changeNote: 'Attālinātā iesniegšana', baseVersion: current.body.version },
      });
      expect(published.status).toBe(200);
      expect(published.body.version).toBe(current.body.version + 1);
      const stale = await t.request('PUT', `/api/v1/network/services/${hit.serviceCode}/guide`, {
        token: await t.token('specialist.vsaa'),
        body: { content, baseVersion: current.body.version },
      });
      expect(stale.status).toBe(409);
      const versions = await t.request('GET', `/api/v1/network/services/${hit.serviceCode}/guide/versions`, { token: await t.token('clerk.cesis') });
      expect(versions.body.map((v: { version: number }) => v.version)).toEqual([current.body.version + 1, current.body.version]);
      const old = await t.request('GET', `/api/v1/network/services/${hit.serviceCode}/guide?version=${current.body.version}`, { token: await t.token('clerk.cesis') });
      expect(old.body.content.summaryLv).toBe(current.body.content.summaryLv);
      const found = await t.request('GET', `/api/v1/network/knowledge-base?q=${encodeURIComponent('attālināti')}`, { token: await t.token('clerk.cesis') });
      expect(found.body.map((h: { serviceCode: string }) => h.serviceCode)).toContain(hit.serviceCode);
    });
  });

  describe('cooperation agreements', () => {
    it('shows a coordinator only their own municipality', async () => {
      const mine = await t.request('GET', '/api/v1/network/cooperation-agreements', { token: await t.token('coordinator.cesis') });
      expect(mine.status).toBe(200);
      expect(mine.body.length).toBeGreaterThan(0);
      expect(mine.body.every((a: { municipalityAtvk: string }) => a.municipalityAtvk === '0026000')).toBe(true);
      const all = await t.request('GET', '/api/v1/network/cooperation-agreements', { token: await t.token('admin') });
      expect(all.body.length).toBe(34);
      const created = await t.request('POST', '/api/v1/network/cooperation-agreements', {
        token: await t.token('admin'),
        body: { municipalityAtvk: '0026000', number: 'VARAM/2027/1', signedOn: '2026-12-01', validFrom: '2027-01-01', validTo: '2029-12-31', coFinancingShare: 0.6 },
      });
      expect(created.status).toBe(201);
      expect(created.body.validToday).toBe(false);
      const invalidShare = await t.request('POST', '/api/v1/network/cooperation-agreements', {
        token: await t.token('admin'),
        body: { municipalityAtvk: '0026000', number: 'VARAM/2027/2', signedOn: '2026-12-01', validFrom: '2027-01-01', coFinancingShare: 1.5 },
      });
      expect(invalidShare.status).toBe(422);
    });
  });
});
