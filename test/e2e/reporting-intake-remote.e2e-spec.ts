import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { Outbox } from '@infrastructure/messaging/outbox';
import { integrationEvent, type IntegrationEvent } from '@modules/shared-kernel';
import { INTAKE_MODULE, IntakeEvents } from '@modules/intake';
import { REMOTE_OFFICIAL_MODULE, RemoteEvents } from '@modules/remote-official';
import { BookingEvents, SCHEDULING_MODULE } from '@modules/scheduling';
import { ReportingProjector } from '../../modules/reporting/application/projection/reporting-projector';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Reporting's Intake and RemoteOfficial read models over a hand-computed March 2026: applications
 * (states, delivery latency, institutions' answers in working hours on the Latvian calendar, share
 * within target), remote consultations (booked, on demand, completed, failed, abandoned, time to
 * answer, durations), their services in the services report, access, exports, idempotency and a
 * rebuild that must give the same numbers. Every expected number below is worked out by hand in
 * the comments.
 */
describe('reporting: applications and remote consultations (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const centre = { cesis: '', grobina: '' };
  const institution = { VSAA: '', VID: '' };
  const events: IntegrationEvent[] = [];

  const at = (iso: string) => new Date(iso);
  const intake = (type: string, payload: object, occurredAt: string) => integrationEvent(INTAKE_MODULE, type, payload, undefined, at(occurredAt)) as IntegrationEvent;
  const remote = (type: string, payload: object, occurredAt: string) => integrationEvent(REMOTE_OFFICIAL_MODULE, type, payload, undefined, at(occurredAt)) as IntegrationEvent;
  const booking = (type: string, payload: object, occurredAt: string) => integrationEvent(SCHEDULING_MODULE, type, payload, undefined, at(occurredAt)) as IntegrationEvent;

  // ---------------------------------------------------------------- applications
  // Riga is UTC+2 until 29 March 2026, UTC+3 after. Institution hours 08:30–12:00, 12:30–17:00.
  interface App {
    id: string;
    service: string;
    inst: 'VSAA' | 'VID';
    centre: 'cesis' | 'grobina' | null;
    submitted: string;
    visit?: boolean;
    delivered?: string;
    statuses?: Array<{ to: string; at: string; outcome?: string }>;
    closed?: string;
    /** Stage this application's events newest first (they must give the same row). */
    reversed?: boolean;
  }
  const APPS: App[] = [
    // A1 Mon 9 Mar 09:00 → delivered 09:01 (latency 60 s) → accepted 11:01 (2 h = 7200 s) → decided Tue 10:01:
    //    Mon 09:01–12:00 2:59 + 12:30–17:00 4:30 + Tue 08:30–10:01 1:31 = 9 h = 32400 s.
    { id: randomUUID(), service: 'VSAA-001', inst: 'VSAA', centre: 'cesis', submitted: '2026-03-09T07:00:00Z', delivered: '2026-03-09T07:01:00Z', statuses: [{ to: 'accepted', at: '2026-03-09T09:01:00Z' }, { to: 'decided', at: '2026-03-10T08:01:00Z', outcome: 'granted' }] },
    // A2 Fri 13 Mar 16:00 → delivered 16:02 (120 s) → accepted Mon 16 Mar 10:02: Fri 0:58 + Mon 1:32 = 2.5 h = 9000 s
    //    → closed Wed 18 Mar 09:02: 0:58 + 8 h + 8 h + 0:32 = 17.5 h = 63000 s.
    { id: randomUUID(), service: 'VSAA-001', inst: 'VSAA', centre: 'cesis', submitted: '2026-03-13T14:00:00Z', delivered: '2026-03-13T14:02:00Z', statuses: [{ to: 'accepted', at: '2026-03-16T08:02:00Z' }, { to: 'closed', at: '2026-03-18T07:02:00Z', outcome: 'granted' }], closed: '2026-03-18T07:02:00Z' },
    // A3 Tue 10 Mar 10:00 Grobiņa → delivered 10:10 (600 s) → accepted Thu 12 Mar 10:10: Tue 1:50 + 4:30, Wed 8 h, Thu 1:40 = 16 h = 57600 s.
    //    Its events arrive newest first.
    { id: randomUUID(), service: 'VID-001', inst: 'VID', centre: 'grobina', submitted: '2026-03-10T08:00:00Z', delivered: '2026-03-10T08:10:00Z', statuses: [{ to: 'accepted', at: '2026-03-12T08:10:00Z' }], reversed: true },
    // A4 Tue 10 Mar 11:00 Grobiņa → delivered 11:05 (300 s), not answered.
    { id: randomUUID(), service: 'VID-001', inst: 'VID', centre: 'grobina', submitted: '2026-03-10T09:00:00Z', delivered: '2026-03-10T09:05:00Z' },
    // A5 Wed 11 Mar online (no centre), not delivered yet.
    { id: randomUUID(), service: 'VSAA-001', inst: 'VSAA', centre: null, submitted: '2026-03-11T10:00:00Z' },
    // A6 Mon 9 Mar 13:00 Cēsis during a queue visit → delivered 10 s later; the visit counts the service, not the application.
    { id: randomUUID(), service: 'VSAA-002', inst: 'VSAA', centre: 'cesis', submitted: '2026-03-09T11:00:00Z', visit: true, delivered: '2026-03-09T11:00:10Z' },
    // A7 Mon 16 Mar 09:00 → delivered 09:01 (60 s) → accepted Wed 18 Mar 09:01: Mon 2:59 + 4:30, Tue 8 h, Wed 0:31 = 16 h = 57600 s (over VSAA's 8 h).
    { id: randomUUID(), service: 'VSAA-001', inst: 'VSAA', centre: 'cesis', submitted: '2026-03-16T07:00:00Z', delivered: '2026-03-16T07:01:00Z', statuses: [{ to: 'accepted', at: '2026-03-18T07:01:00Z' }] },
  ];

  function applicationEvents(a: App): IntegrationEvent[] {
    const ref = {
      applicationId: a.id,
      reference: `VPV-2026-${a.id.slice(0, 6)}`,
      serviceCode: a.service,
      institutionId: institution[a.inst],
      institutionCode: a.inst,
      centreId: a.centre ? centre[a.centre] : null,
      formCode: `${a.inst}-FORM`,
      formVersion: 1,
    };
    const list: IntegrationEvent[] = [intake(IntakeEvents.ApplicationSubmitted, { ...ref, submittedAt: a.submitted, attachments: 0, visitTicketId: a.visit ? randomUUID() : null }, a.submitted)];
    if (a.delivered) {
      const latencyMs = Date.parse(a.delivered) - Date.parse(a.submitted);
      list.push(intake(IntakeEvents.ApplicationDelivered, { ...ref, channel: 'webhook', deliveredAt: a.delivered, attempts: 1, latencyMs }, a.delivered));
    }
    let from = 'delivered';
    for (const s of a.statuses ?? []) {
      // Intake's own working-time figure is deliberately wrong here: Reporting computes it from delivery on the shared calendar.
      list.push(intake(IntakeEvents.ApplicationStatusChanged, { ...ref, from, to: s.to, outcome: s.outcome ?? null, at: s.at, workingMsSinceDelivery: 1 }, s.at));
      from = s.to;
    }
    if (a.closed) list.push(intake(IntakeEvents.ApplicationClosed, { ...ref, outcome: 'granted', closedAt: a.closed }, a.closed));
    return a.reversed ? list.reverse() : list;
  }

  // ---------------------------------------------------------------- remote consultations
  const R = { r1: randomUUID(), r2: randomUUID(), r3: randomUUID(), r4: randomUUID(), r5: randomUUID() };
  const S = { s1: randomUUID(), s2: randomUUID(), s4: randomUUID(), s5: randomUUID(), b1: randomUUID() };
  const B = { b1: randomUUID(), b2: randomUUID(), b3: randomUUID(), b4: randomUUID(), b5: randomUUID() };

  function remoteEvents(): IntegrationEvent[] {
    const ref = (requestId: string | null, where: 'cesis' | 'grobina', service: string, inst: string) => ({ requestId, centreId: centre[where], serviceCode: service, institutionCode: inst });
    const onDemand = (requestId: string, sessionId: string | null, where: 'cesis' | 'grobina' = 'cesis', service = 'VSAA-001', inst = 'VSAA') => ({
      ...ref(requestId, where, service, inst),
      sessionId,
      origin: 'on_demand',
      bookingId: null,
    });
    const list: IntegrationEvent[] = [];
    // R1 Mon 9 Mar 10:00 Cēsis: answered in 90 s, call 10:02–10:12 (600 s; 630 s from acceptance) → completed.
    list.push(remote(RemoteEvents.RemoteSessionRequested, { ...ref(R.r1, 'cesis', 'VSAA-001', 'VSAA'), requestedAt: '2026-03-09T08:00:00Z' }, '2026-03-09T08:00:00Z'));
    list.push(remote(RemoteEvents.RemoteSessionAccepted, { ...onDemand(R.r1, S.s1), requestedAt: '2026-03-09T08:00:00Z', acceptedAt: '2026-03-09T08:01:30Z', waitSeconds: 90 }, '2026-03-09T08:01:30Z'));
    list.push(remote(RemoteEvents.RemoteSessionStarted, { ...onDemand(R.r1, S.s1), startedAt: '2026-03-09T08:02:00Z', delaySeconds: null }, '2026-03-09T08:02:00Z'));
    list.push(
      remote(
        RemoteEvents.RemoteSessionEnded,
        { ...onDemand(R.r1, S.s1), acceptedAt: '2026-03-09T08:01:30Z', startedAt: '2026-03-09T08:02:00Z', endedAt: '2026-03-09T08:12:00Z', durationSeconds: 630, callSeconds: 600, outcome: 'resolved', interruptions: 0 },
        '2026-03-09T08:12:00Z',
      ),
    );
    // R2 Mon 9 Mar 11:00: answered in 30 s, the video fails two minutes into the call → failed.
    list.push(remote(RemoteEvents.RemoteSessionRequested, { ...ref(R.r2, 'cesis', 'VSAA-001', 'VSAA'), requestedAt: '2026-03-09T09:00:00Z' }, '2026-03-09T09:00:00Z'));
    list.push(remote(RemoteEvents.RemoteSessionAccepted, { ...onDemand(R.r2, S.s2), requestedAt: '2026-03-09T09:00:00Z', acceptedAt: '2026-03-09T09:00:30Z', waitSeconds: 30 }, '2026-03-09T09:00:30Z'));
    list.push(remote(RemoteEvents.RemoteSessionStarted, { ...onDemand(R.r2, S.s2), startedAt: '2026-03-09T09:01:00Z', delaySeconds: null }, '2026-03-09T09:01:00Z'));
    list.push(remote(RemoteEvents.RemoteSessionFailed, { ...onDemand(R.r2, S.s2), failedAt: '2026-03-09T09:03:00Z', reason: 'media_failure', startedAt: '2026-03-09T09:01:00Z', interruptions: 1 }, '2026-03-09T09:03:00Z'));
    // R3 Tue 10 Mar 09:00: withdrawn after 5 minutes in line → abandoned.
    list.push(remote(RemoteEvents.RemoteSessionRequested, { ...ref(R.r3, 'cesis', 'VSAA-001', 'VSAA'), requestedAt: '2026-03-10T07:00:00Z' }, '2026-03-10T07:00:00Z'));
    list.push(remote(RemoteEvents.RemoteSessionAbandoned, { ...onDemand(R.r3, null), abandonedAt: '2026-03-10T07:05:00Z', reason: 'request_withdrawn', waitSeconds: 300 }, '2026-03-10T07:05:00Z'));
    // R4 Tue 10 Mar 10:00: answered in 120 s, ended 2 minutes later before both joined → not connected (session 120 s).
    list.push(remote(RemoteEvents.RemoteSessionRequested, { ...ref(R.r4, 'cesis', 'VSAA-001', 'VSAA'), requestedAt: '2026-03-10T08:00:00Z' }, '2026-03-10T08:00:00Z'));
    list.push(remote(RemoteEvents.RemoteSessionAccepted, { ...onDemand(R.r4, S.s4), requestedAt: '2026-03-10T08:00:00Z', acceptedAt: '2026-03-10T08:02:00Z', waitSeconds: 120 }, '2026-03-10T08:02:00Z'));
    list.push(
      remote(
        RemoteEvents.RemoteSessionEnded,
        { ...onDemand(R.r4, S.s4), acceptedAt: '2026-03-10T08:02:00Z', startedAt: null, endedAt: '2026-03-10T08:04:00Z', durationSeconds: 120, callSeconds: null, outcome: 'technical_problem', interruptions: 0 },
        '2026-03-10T08:04:00Z',
      ),
    );
    // R5 Wed 11 Mar 13:00 Grobiņa, VID: answered in 45 s, call 1200 s (1215 s from acceptance) → completed.
    list.push(remote(RemoteEvents.RemoteSessionRequested, { ...ref(R.r5, 'grobina', 'VID-001', 'VID'), requestedAt: '2026-03-11T11:00:00Z' }, '2026-03-11T11:00:00Z'));
    list.push(remote(RemoteEvents.RemoteSessionAccepted, { ...onDemand(R.r5, S.s5, 'grobina', 'VID-001', 'VID'), requestedAt: '2026-03-11T11:00:00Z', acceptedAt: '2026-03-11T11:00:45Z', waitSeconds: 45 }, '2026-03-11T11:00:45Z'));
    list.push(
      remote(
        RemoteEvents.RemoteSessionEnded,
        { ...onDemand(R.r5, S.s5, 'grobina', 'VID-001', 'VID'), acceptedAt: '2026-03-11T11:00:45Z', startedAt: '2026-03-11T11:01:00Z', endedAt: '2026-03-11T11:21:00Z', durationSeconds: 1215, callSeconds: 1200, outcome: 'resolved', interruptions: 0 },
        '2026-03-11T11:21:00Z',
      ),
    );
    // Bookings at Cēsis, VSAA-001.
    const bref = (bookingId: string, start: string) => ({
      bookingId,
      institutionId: institution.VSAA,
      serviceCode: 'VSAA-001',
      centreId: centre.cesis,
      boothId: randomUUID(),
      specialistId: randomUUID(),
      start,
      end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
      durationMinutes: 30,
    });
    const confirmed = (bookingId: string, start: string, rescheduledFromId: string | null = null) =>
      booking(BookingEvents.BookingConfirmed, { ...bref(bookingId, start), confirmedAt: '2026-03-02T08:00:00Z', leadMinutes: 1000, rescheduledFromId }, '2026-03-02T08:00:00Z');
    // B1 Thu 12 Mar 10:00: held; opened 09:58, call 10:00–10:25 (1500 s; 1620 s from opening) → completed.
    list.push(confirmed(B.b1, '2026-03-12T08:00:00Z'));
    const booked = { requestId: null, centreId: centre.cesis, serviceCode: 'VSAA-001', institutionCode: 'VSAA', sessionId: S.b1, origin: 'booking', bookingId: B.b1 };
    list.push(remote(RemoteEvents.RemoteSessionStarted, { ...booked, startedAt: '2026-03-12T08:00:00Z', delaySeconds: 0 }, '2026-03-12T08:00:00Z'));
    list.push(
      remote(
        RemoteEvents.RemoteSessionEnded,
        { ...booked, acceptedAt: '2026-03-12T07:58:00Z', startedAt: '2026-03-12T08:00:00Z', endedAt: '2026-03-12T08:25:00Z', durationSeconds: 1620, callSeconds: 1500, outcome: 'resolved', interruptions: 0 },
        '2026-03-12T08:25:00Z',
      ),
    );
    // B2 Fri 13 Mar 10:00 cancelled; B3 Fri 13 Mar 11:00 no-show.
    list.push(confirmed(B.b2, '2026-03-13T08:00:00Z'));
    list.push(booking(BookingEvents.BookingCancelled, { ...bref(B.b2, '2026-03-13T08:00:00Z'), cancelledAt: '2026-03-05T08:00:00Z', reason: 'citizen_request', previousStatus: 'confirmed' }, '2026-03-05T08:00:00Z'));
    list.push(confirmed(B.b3, '2026-03-13T09:00:00Z'));
    list.push(booking(BookingEvents.BookingNoShow, { ...bref(B.b3, '2026-03-13T09:00:00Z'), markedAt: '2026-03-13T09:20:00Z' }, '2026-03-13T09:20:00Z'));
    // B4 Mon 16 Mar rescheduled to B5 Tue 17 Mar (booked, nothing happened yet).
    list.push(confirmed(B.b4, '2026-03-16T08:00:00Z'));
    list.push(
      booking(
        BookingEvents.BookingRescheduled,
        { ...bref(B.b4, '2026-03-16T08:00:00Z'), rescheduledAt: '2026-03-06T08:00:00Z', newBookingId: B.b5, newStart: '2026-03-17T08:00:00Z', newEnd: '2026-03-17T08:30:00Z', newSpecialistId: randomUUID(), newBoothId: randomUUID() },
        '2026-03-06T08:00:00Z',
      ),
    );
    list.push(confirmed(B.b5, '2026-03-17T08:00:00Z', B.b4));
    return list;
  }

  const publish = async (list: IntegrationEvent[]): Promise<void> => {
    const outbox = t.app.get(Outbox);
    await t.app
      .get(EntityManager)
      .fork()
      .transactional(async (tx) => {
        outbox.stage(tx, ...list);
      });
    outbox.nudge();
    await t.drainEvents(60_000);
  };

  const get = (path: string, token: string = admin) => t.request('GET', `/api/v1/reporting/${path}`, { token });
  const ok = async (path: string, token: string = admin) => {
    const res = await get(path, token);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const MARCH = 'from=2026-03-01&to=2026-03-31';
  const seriesBy = (report: { series: Array<{ key: Record<string, unknown>; points: unknown[] }> }, field: string) =>
    Object.fromEntries(report.series.map((s) => [String(s.key[field]), s.points[0]])) as Record<string, any>;

  beforeAll(async () => {
    // VID answers within 16 working hours; everyone else within the default 8.
    t = await startTestApp({ REPORTING_RESPONSE_TARGETS: 'VID=16' });
    admin = await t.token('admin');
    const centresPage = (await t.request('GET', '/api/v1/network/centres?pageSize=500', { token: admin })).body.items as Array<{ id: string; shortName: string }>;
    centre.cesis = centresPage.find((c) => c.shortName === 'Cēsu VPVKAC')!.id;
    centre.grobina = centresPage.find((c) => c.shortName === 'Grobiņas pilsētas VPVKAC')!.id;
    const institutions = (await t.request('GET', '/api/v1/network/institutions', { token: admin })).body as Array<{ id: string; code: string }>;
    institution.VSAA = institutions.find((i) => i.code === 'VSAA')!.id;
    institution.VID = institutions.find((i) => i.code === 'VID')!.id;
    events.push(...APPS.flatMap(applicationEvents), ...remoteEvents());
    await publish(events);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('applications', () => {
    it('gives states, delivery latency, working-hour answer times and the share within target per institution', async () => {
      const report = await ok(`applications?${MARCH}&interval=total&groupBy=institution`);
      expect(report.targets).toEqual({ defaultWorkingHours: 8, byInstitution: { VID: 16 } });
      const by = seriesBy(report, 'institutionCode');
      expect(Object.keys(by).sort()).toEqual(['VID', 'VSAA']);
      // VSAA: A1, A2, A5, A6, A7.
      expect(by.VSAA).toMatchObject({
        submitted: 5,
        byState: { queued: 1, delivered: 1, accepted: 1, in_progress: 0, decided: 1, closed: 1 },
        delivered: 4,
        // 10, 60, 60, 120 s: p90 at 2.7 → 60 + 0.7 × 60.
        deliveryLatency: { n: 4, avgSeconds: 62.5, medianSeconds: 60, p90Seconds: 102 },
        answered: 3,
        awaitingAnswer: 1,
        // 7200, 9000, 57600: p90 at 1.8 → 9000 + 0.8 × 48600.
        responseWorkingTime: { n: 3, avgSeconds: 24600, medianSeconds: 9000, p90Seconds: 47880 },
        // 32400, 63000: p90 → 32400 + 0.9 × 30600.
        decisionWorkingTime: { n: 2, avgSeconds: 47700, medianSeconds: 47700, p90Seconds: 59940 },
        answeredWithinTarget: 2,
        withinTargetShare: 0.6667,
      });
      // VID: A3 (events arrived newest first), A4; 16 h is within VID's own 16-hour target.
      expect(by.VID).toMatchObject({
        submitted: 2,
        byState: { queued: 0, delivered: 1, accepted: 1, decided: 0, closed: 0 },
        delivered: 2,
        deliveryLatency: { n: 2, avgSeconds: 450, medianSeconds: 450, p90Seconds: 570 },
        answered: 1,
        awaitingAnswer: 1,
        responseWorkingTime: { n: 1, avgSeconds: 57600, medianSeconds: 57600, p90Seconds: 57600 },
        decisionWorkingTime: { n: 0, avgSeconds: null, medianSeconds: null, p90Seconds: null },
        answeredWithinTarget: 1,
        withinTargetShare: 1,
      });
    });

    it('puts applications on their submission day per centre and service', async () => {
      const report = await ok(`applications?from=2026-03-09&to=2026-03-16&interval=day&groupBy=centre,service`);
      expect(report.periods).toHaveLength(8);
      const cell = (centreId: string | null, service: string, day: string) => {
        const s = report.series.find((x: any) => x.key.centreId === centreId && x.key.serviceCode === service);
        return s ? s.points.find((p: any) => p.period === day).submitted : 0;
      };
      expect(cell(centre.cesis, 'VSAA-001', '2026-03-09')).toBe(1);
      expect(cell(centre.cesis, 'VSAA-002', '2026-03-09')).toBe(1);
      expect(cell(centre.cesis, 'VSAA-001', '2026-03-13')).toBe(1);
      expect(cell(centre.cesis, 'VSAA-001', '2026-03-16')).toBe(1);
      expect(cell(centre.grobina, 'VID-001', '2026-03-10')).toBe(2);
      expect(cell(null, 'VSAA-001', '2026-03-11')).toBe(1);
      const total = report.series.reduce((sum: number, s: any) => sum + s.points.reduce((a: number, p: any) => a + p.submitted, 0), 0);
      expect(total).toBe(7);
    });
  });

  describe('remote consultations', () => {
    it('counts booked, on-demand, completed, failed, not connected and abandoned sessions, time to answer and durations per institution', async () => {
      const by = seriesBy(await ok(`remote-sessions?${MARCH}&interval=total&groupBy=institution`), 'institutionCode');
      expect(Object.keys(by).sort()).toEqual(['VID', 'VSAA']);
      expect(by.VSAA).toMatchObject({
        // B1, B2, B3, B5 (B4 was replaced by B5).
        booked: 4,
        bookingsCancelled: 1,
        bookingsNoShow: 1,
        bookingsRescheduled: 1,
        onDemand: 4,
        answered: 3,
        completed: 2,
        failed: 1,
        notConnected: 1,
        abandoned: 1,
        // 30, 90, 120 s: p90 at 1.8 → 90 + 0.8 × 30.
        timeToAnswer: { n: 3, avgSeconds: 80, medianSeconds: 90, p90Seconds: 114 },
        // R1 600, B1 1500.
        callDuration: { n: 2, avgSeconds: 1050, medianSeconds: 1050, p90Seconds: 1410 },
        // R4 120, R1 630, B1 1620: p90 at 1.8 → 630 + 0.8 × 990.
        sessionDuration: { n: 3, avgSeconds: 790, medianSeconds: 630, p90Seconds: 1422 },
      });
      expect(by.VID).toMatchObject({
        booked: 0,
        onDemand: 1,
        answered: 1,
        completed: 1,
        failed: 0,
        abandoned: 0,
        timeToAnswer: { n: 1, avgSeconds: 45, medianSeconds: 45, p90Seconds: 45 },
        callDuration: { n: 1, avgSeconds: 1200 },
        sessionDuration: { n: 1, avgSeconds: 1215 },
      });
    });

    it('puts on-demand sessions on the day requested and bookings on the day booked for', async () => {
      const report = await ok(`remote-sessions?from=2026-03-09&to=2026-03-17&interval=day&centreId=${centre.cesis}`);
      const day = (d: string) => report.series[0].points.find((p: any) => p.period === d);
      expect(day('2026-03-09')).toMatchObject({ onDemand: 2, completed: 1, failed: 1 });
      expect(day('2026-03-10')).toMatchObject({ onDemand: 2, abandoned: 1, notConnected: 1 });
      expect(day('2026-03-12')).toMatchObject({ booked: 1, completed: 1 });
      expect(day('2026-03-13')).toMatchObject({ booked: 2, bookingsCancelled: 1, bookingsNoShow: 1 });
      expect(day('2026-03-16')).toMatchObject({ booked: 0, bookingsRescheduled: 1 });
      expect(day('2026-03-17')).toMatchObject({ booked: 1, completed: 0 });
    });
  });

  describe('services provided', () => {
    // application_forwarded: A1 (9 Mar), A2 (13 Mar), A7 (16 Mar) at Cēsis, A3 and A4 (10 Mar) at Grobiņa; not A5 (no centre, not
    // delivered) nor A6 (during a visit). remote_video: R1 (9 Mar) and B1 (12 Mar) at Cēsis, R5 (11 Mar) at Grobiņa.
    const expected = { [`cesis|application_forwarded`]: 3, [`grobina|application_forwarded`]: 2, [`cesis|remote_video`]: 2, [`grobina|remote_video`]: 1 };
    const cells = (report: any) => {
      const out: Record<string, number> = {};
      for (const s of report.series) {
        const where = s.key.centreId === centre.cesis ? 'cesis' : 'grobina';
        if (s.key.channel === 'application_forwarded' || s.key.channel === 'remote_video') out[`${where}|${s.key.channel}`] = s.total;
      }
      return out;
    };

    it('counts forwarded applications and completed video sessions, the same from the monthly rollup and from the days', async () => {
      const ids = `${centre.cesis},${centre.grobina}`;
      const monthly = await ok(`services?${MARCH}&interval=month&groupBy=centre,channel&centreId=${ids}`);
      const daily = await ok(`services?${MARCH}&interval=day&groupBy=centre,channel&centreId=${ids}`);
      expect(cells(monthly)).toEqual(expected);
      expect(cells(daily)).toEqual(expected);
      const remoteByDay = daily.series.find((s: any) => s.key.centreId === centre.cesis && s.key.channel === 'remote_video');
      expect(remoteByDay.data[8]).toBe(1); // 9 March
      expect(remoteByDay.data[11]).toBe(1); // 12 March
      const [{ n }] = await t.sql<{ n: number }>(
        `select coalesce(sum(services), 0)::int as n from reporting.service_month where month = '2026-03-01' and channel in ('application_forwarded', 'remote_video') and centre_id = any($1::uuid[])`,
        [[centre.cesis, centre.grobina]],
      );
      expect(n).toBe(8);
    });
  });

  describe('access', () => {
    it('shows an institution only its own applications and sessions', async () => {
      for (const [user, code] of [
        ['specialist.vsaa', 'VSAA'],
        ['specialist.vid', 'VID'],
      ] as const) {
        const token = await t.token(user);
        expect(Object.keys(seriesBy(await ok(`applications?${MARCH}&interval=total&groupBy=institution`, token), 'institutionCode'))).toEqual([code]);
        expect(Object.keys(seriesBy(await ok(`remote-sessions?${MARCH}&interval=total&groupBy=institution`, token), 'institutionCode'))).toEqual([code]);
      }
    });

    it('keeps a clerk and a coordinator to their centres, and refuses other centres and anonymous callers', async () => {
      const clerk = await t.token('clerk.grobina');
      const apps = await ok(`applications?${MARCH}&interval=total`, clerk);
      expect(apps.series[0].points[0].submitted).toBe(2);
      const sessions = await ok(`remote-sessions?${MARCH}&interval=total`, clerk);
      expect(sessions.series[0].points[0]).toMatchObject({ onDemand: 1, completed: 1, booked: 0 });
      const coordinator = await t.token('coordinator.cesis');
      // A1, A2, A6, A7 (A5 was submitted online, without a centre).
      expect((await ok(`applications?${MARCH}&interval=total`, coordinator)).series[0].points[0].submitted).toBe(4);
      const denied = await get(`applications?${MARCH}&centreId=${centre.cesis}`, clerk);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('REPORTING.SCOPE_DENIED');
      expect((await get(`remote-sessions?${MARCH}&centreId=${centre.cesis}`, clerk)).status).toBe(403);
      expect((await t.request('GET', `/api/v1/reporting/applications?${MARCH}`)).status).toBe(401);
      expect((await t.request('GET', `/api/v1/reporting/remote-sessions?${MARCH}`)).status).toBe(401);
      // A grouping these facts do not have: 422 problem+json, field groupBy.
      const bad = await get(`applications?${MARCH}&groupBy=queue`);
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(bad.body.code).toBe('REQUEST.INVALID');
      expect((await get(`remote-sessions?${MARCH}&groupBy=hour`)).status).toBe(422);
    });
  });

  describe('exports', () => {
    it('exports applications and remote sessions as CSV and XLSX with the same numbers', async () => {
      const csv = await get(`applications?${MARCH}&interval=total&groupBy=institution&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
      const vsaa = rows.find((r) => r.institutionCode === 'VSAA')!;
      expect(vsaa).toMatchObject({ submitted: '5', delivered: '4', answered: '3', answeredWithinTarget: '2', state_closed: '1', responseWorkingTime_median_s: '9000' });
      const xlsx = await fetch(`${t.baseUrl}/api/v1/reporting/remote-sessions?${MARCH}&interval=total&groupBy=institution&format=xlsx`, { headers: { authorization: `Bearer ${admin}` } });
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const vsaaRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(header.indexOf('institutionCode') + 1).value === 'VSAA')!;
      expect(vsaaRow.getCell(header.indexOf('booked') + 1).value).toBe(4);
      expect(vsaaRow.getCell(header.indexOf('completed') + 1).value).toBe(2);
    });
  });

  describe('idempotency and rebuild', () => {
    const snapshot = async () => ({
      applications: await ok(`applications?${MARCH}&interval=week&groupBy=centre,service`),
      remote: await ok(`remote-sessions?${MARCH}&interval=day&groupBy=centre,institution`),
      services: await ok(`services?${MARCH}&interval=month&groupBy=centre,service,channel&centreId=${centre.cesis},${centre.grobina}`),
      tables: await t.sql(`
        select (select md5(string_agg((a.application_id, a.status, a.submitted_day, a.delivered_at, a.first_response_at, a.first_response_working_ms, a.decided_at, a.decision_working_ms, a.counted_day, a.counted_centre)::text, ',' order by application_id))
                  from reporting.application_fact a) as applications,
               (select md5(string_agg((r.fact_id, r.kind, r.day, r.accepted_at, r.answer_seconds, r.started_at, r.ended_at, r.failed_at, r.abandoned_at, r.cancelled_at, r.no_show_at, r.rescheduled_at, r.counted_day)::text, ',' order by fact_id))
                  from reporting.remote_fact r) as remote,
               (select md5(string_agg(m::text, ',' order by month, centre_id, service_code, channel)) from reporting.service_month m where services <> 0 or visits <> 0) as services`),
    });

    it('counts every event once, however often it is delivered or applied', async () => {
      const before = await snapshot();
      const bus = t.app.get(IntegrationEventBus);
      expect(await bus.deliver('reporting.projections', events[0]!)).toBe(false);
      const projector = t.app.get(ReportingProjector);
      // Applied again, twice over, through the projection itself (as a live consumer catching up with a rebuild).
      await t.app.get(EntityManager).fork().transactional((tx) => projector.apply([...events, ...events], tx));
      expect(await snapshot()).toEqual(before);
    });

    it('gives the same rows and rollups whatever the order and the batches the events come in', async () => {
      const before = await snapshot();
      // Empty what these events built, then apply them shuffled (seeded), three per transaction: rows
      // are merged and settled (working times, places in the rollups) across many batches.
      await t.sql('truncate reporting.application_fact, reporting.remote_fact');
      await t.sql(`delete from reporting.service_month where channel in ('application_forwarded', 'remote_video')`);
      await t.sql(`delete from reporting.centre_month where channel in ('application_forwarded', 'remote_video')`);
      let seed = 42;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      const shuffled = [...events];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const projector = t.app.get(ReportingProjector);
      for (let i = 0; i < shuffled.length; i += 3) {
        await t.app.get(EntityManager).fork().transactional((tx) => projector.apply(shuffled.slice(i, i + 3), tx));
      }
      expect(await snapshot()).toEqual(before);
    });

    it('rebuilds from the outbox to exactly the same numbers', async () => {
      const before = await snapshot();
      const res = await t.request('POST', '/api/v1/reporting/rebuild', { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.rows.application_fact).toBeGreaterThanOrEqual(APPS.length);
      expect(res.body.rows.remote_fact).toBeGreaterThanOrEqual(10);
      expect(await snapshot()).toEqual(before);
    });
  });
});
