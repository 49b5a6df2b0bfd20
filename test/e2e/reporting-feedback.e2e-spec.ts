import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A day at Grobiņa through the real queue API, the centre closing at midday, and the citizens'
 * feedback on the visits: what the reports make of it.
 */
describe('reporting: a centre that closes mid-day, and feedback (e2e)', () => {
  const FEEDBACK_LIMIT = 20;
  let t: TestApp;
  let admin: string;
  let clerk: string;
  let grobina: string;
  let today: string;
  let before: { registered: number; active: number };
  const tickets: Array<{ id: string; number: string; trackingToken: string; serviceCode: string }> = [];
  const codes: { first: string; second: string } = { first: '', second: '' };
  let feedbackPosts = 0;

  const act = (path: string, body?: unknown) => t.request('POST', `/api/v1/queue/${path}`, { token: clerk, body });
  const ok = async (path: string, token = admin) => {
    const res = await t.request('GET', `/api/v1/reporting/${path}`, { token });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  const feedback = (body: Record<string, unknown>) => {
    feedbackPosts++;
    return t.request('POST', '/api/v1/reporting/feedback', { body });
  };

  beforeAll(async () => {
    // Through the app's validated configuration (AppConfig), as in production.
    t = await startTestApp({ REPORTING_FEEDBACK_PER_IP_PER_HOUR: String(FEEDBACK_LIMIT) });
    admin = await t.token('admin');
    clerk = await t.token('clerk.grobina');
    today = DateTime.now().setZone('Europe/Riga').toISODate()!;
    grobina = (await t.request('GET', '/api/v1/network/centres?pageSize=500')).body.items.find((c: { shortName: string }) => c.shortName === 'Grobiņas pilsētas VPVKAC').id;
    const kpis = await ok('kpis');
    before = { registered: kpis.centres.registered, active: kpis.centres.active };

    const state = (await t.request('GET', `/api/v1/queue/centres/${grobina}/state`, { token: clerk })).body;
    const queue = state.queues.find((q: { prefix: string }) => q.prefix === 'A');
    codes.first = queue.serviceCodes[0];
    codes.second = state.queues.find((q: { prefix: string }) => q.prefix === 'B').serviceCodes[0];
    await t.request('PUT', `/api/v1/queue/centres/${grobina}/settings`, { token: clerk, body: { maxCalls: 1, recallDelaySeconds: 0 } });
    const desk = state.desks[0];
    await act(`desks/${desk.id}/open`, {});
    for (let i = 0; i < 5; i++) {
      const issued = await t.request('POST', `/api/v1/queue/centres/${grobina}/tickets`, { token: clerk, body: { serviceCode: codes.first } });
      expect(issued.status).toBe(201);
      tickets.push({ id: issued.body.ticket.id, number: issued.body.ticket.number, trackingToken: issued.body.trackingToken, serviceCode: codes.first });
    }
    // Morning: two served (the first also had a phone consultation on another service), one no-show.
    for (const [i, extra] of [[0, true], [1, false]] as const) {
      expect((await act(`desks/${desk.id}/call-next`)).body.id).toBe(tickets[i]!.id);
      await act(`tickets/${tickets[i]!.id}/start`);
      if (extra) expect((await act(`tickets/${tickets[i]!.id}/services`, { serviceCode: codes.second, channel: 'phone' })).status).toBe(200);
      expect((await act(`tickets/${tickets[i]!.id}/finish`, { outcome: 'served' })).body.status).toBe('finished');
    }
    expect((await act(`desks/${desk.id}/call-next`)).body.id).toBe(tickets[2]!.id);
    expect((await act(`tickets/${tickets[2]!.id}/no-show`)).body.status).toBe('no_show');
    // Midday: the centre closes; the two still waiting leave.
    const closed = await t.request('POST', `/api/v1/network/centres/${grobina}/status`, { token: admin, body: { status: 'closed', effectiveOn: today, reason: 'Telpu avārija' } });
    expect(closed.status).toBe(200);
    for (const ticket of tickets.slice(3)) expect((await act(`tickets/${ticket.id}/finish`, { outcome: 'left_before_service' })).body.status).toBe('left');
    await t.drainEvents();
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  describe('the centre that closed at midday', () => {
    it('keeps the morning’s services and counts those who left when it closed', async () => {
      const services = await ok(`services?from=${today}&to=${today}&groupBy=centre,service,channel&centreId=${grobina}`);
      const cells = Object.fromEntries(services.series.map((s: { key: { serviceCode: string; channel: string }; total: number }) => [`${s.key.serviceCode}/${s.key.channel}`, s.total]));
      expect(cells).toEqual({ [`${codes.first}/in_person`]: 2, [`${codes.second}/consultation_only`]: 1 });
      expect(services.totals).toEqual({ services: 3 });
      const [p] = (await ok(`wait-times?from=${today}&to=${today}&centreId=${grobina}`)).series[0].points;
      expect(p).toMatchObject({ visits: 5, served: 2, noShow: 1, leftBeforeService: 2, leftBeforeServiceRate: 0.4, noShowRate: 0.2 });
      // Waits of those who left while waiting are unknown; the no-show waited and was called.
      expect(p.wait.n).toBe(3);
      expect(p.walk.n).toBe(2);
      expect(p.service.n).toBe(2);
    });

    it('gives wait and service times per clerk to those who manage centres, and not to clerks', async () => {
      type Series = { key: { clerkId: string | null }; points: Array<{ visits: number; served: number; service: { n: number }; wait: { n: number } }> };
      const cells = (report: { series: Series[] }) => Object.fromEntries(report.series.map((s) => [s.key.clerkId ?? 'never served', s.points[0]!]));
      const audited = async () =>
        (await t.sql<{ actor_id: string; details: { groupBy: string[] } }>("select actor_id, details from platform.audit_log where action = 'reporting.clerk-figures.read' order by seq")).map((r) => [r.actor_id, r.details.groupBy]);
      const auditBefore = (await audited()).length;
      const byClerk = cells(await ok(`wait-times?from=${today}&to=${today}&centreId=${grobina}&groupBy=clerk`));
      expect(byClerk['demo:clerk.grobina']).toMatchObject({ visits: 2, served: 2, service: { n: 2 }, wait: { n: 2 } });
      expect(byClerk['never served']).toMatchObject({ visits: 3, served: 0, service: { n: 0 } });
      const coordinator = await ok(`wait-times?from=${today}&to=${today}&groupBy=clerk`, await t.token('coordinator.dienvidkurzeme'));
      expect(cells(coordinator)['demo:clerk.grobina']).toMatchObject({ visits: 2, served: 2 });
      const elsewhere = await ok(`wait-times?from=${today}&to=${today}&groupBy=clerk`, await t.token('coordinator.cesis'));
      expect(cells(elsewhere)['demo:clerk.grobina']).toBeUndefined();
      const refused = await t.request('GET', `/api/v1/reporting/wait-times?from=${today}&to=${today}&groupBy=clerk`, { token: clerk });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('REPORTING.CLERK_FIGURES_DENIED');
      // Each answered read of staff figures is in the audit trail; the refused one is not; other reports add nothing.
      await ok(`wait-times?from=${today}&to=${today}&groupBy=centre`);
      expect((await audited()).slice(auditBefore)).toEqual([
        ['demo:admin', ['clerk']],
        ['demo:coordinator.dienvidkurzeme', ['clerk']],
        ['demo:coordinator.cesis', ['clerk']],
      ]);
    });

    it('takes the centre out of the roll-out count from the day it closed, as Network does', async () => {
      const kpis = await ok(`kpis?from=${today}&to=${today}`);
      expect(kpis.centres.registered).toBe(before.registered - 1);
      expect(kpis.centres.active).toBe(before.active - 1);
      expect(kpis.centres.byStatus.closed).toBe(1);
      expect(kpis.network).toEqual({ registered: before.registered - 1, active: before.active - 1, contactPoints: kpis.newContactPoints.registered });
      expect(kpis.series.registered).toEqual([before.registered - 1]);
      const coordinator = await ok('kpis', await t.token('coordinator.dienvidkurzeme'));
      expect(coordinator.byMunicipality).toHaveLength(1);
      expect(coordinator.centres.byStatus.closed).toBe(1);
      const [row] = await t.sql<{ status: string; status_since: string }>("select status, to_char(status_since, 'YYYY-MM-DD') as status_since from reporting.centre_dim where centre_id = $1", [grobina]);
      expect(row).toEqual({ status: 'closed', status_since: today });
    });
  });

  describe('feedback', () => {
    it('publishes the questionnaire in Latvian, English and Russian', async () => {
      const res = await t.request('GET', '/api/v1/reporting/feedback/questions');
      expect(res.status).toBe(200);
      expect(res.body.languages).toEqual(['lv', 'en', 'ru']);
      expect(res.body.questions.map((q: { id: string }) => q.id)).toEqual(['resolved', 'waitAcceptable', 'staffHelpful', 'wouldRecommend']);
      expect(res.body.questions[0].text.ru).toMatch(/вопрос/);
    });

    it('takes one anonymous rating per visit, by ticket number or by token', async () => {
      const first = await feedback({ centreId: grobina, ticketNumber: tickets[0]!.number, rating: 5, answers: { resolved: 'yes', waitAcceptable: true }, lang: 'lv' });
      expect(first.status).toBe(201);
      const again = await feedback({ centreId: grobina, ticketNumber: tickets[0]!.number.toLowerCase(), rating: 1, answers: {}, lang: 'lv' });
      expect([again.status, again.body.code]).toEqual([409, 'REPORTING.FEEDBACK_ALREADY_GIVEN']);
      expect((await feedback({ centreId: grobina, ticketNumber: tickets[1]!.number, rating: 3, answers: { resolved: 'partly', staffHelpful: false }, lang: 'ru' })).status).toBe(201);
      expect((await feedback({ centreId: grobina, token: tickets[2]!.trackingToken, rating: 1, answers: { wouldRecommend: false }, lang: 'en' })).status).toBe(201);
      const sameToken = await feedback({ centreId: grobina, token: tickets[2]!.trackingToken, rating: 4, lang: 'en' });
      expect(sameToken.status).toBe(409);
      const stored = await t.sql<Record<string, unknown>>('select * from reporting.feedback order by rating');
      expect(stored).toHaveLength(3);
      expect(Object.keys(stored[0]!).sort()).toEqual(['answers', 'centre_id', 'id', 'lang', 'rating', 'ticket_number', 'token_hash', 'visit_day']);
      expect(JSON.stringify(stored)).not.toContain(tickets[2]!.trackingToken);
    });

    it('refuses unknown centres, questions, free text, ratings out of range and days out of the window', async () => {
      expect((await feedback({ centreId: randomUUID(), rating: 4 })).status).toBe(404);
      const cases: Array<Record<string, unknown>> = [
        { centreId: grobina, rating: 6 },
        { centreId: grobina, rating: 0 },
        { centreId: grobina, rating: 4, answers: { resolved: 'maybe' } },
        { centreId: grobina, rating: 4, answers: { comment: 'Jānis Bērziņš, 010101-10101' } },
        { centreId: grobina, rating: 4, lang: 'de' },
        { centreId: grobina, rating: 4, visitDay: DateTime.fromISO(today).plus({ days: 1 }).toISODate() },
        { centreId: grobina, rating: 4, visitDay: DateTime.fromISO(today).minus({ days: 30 }).toISODate() },
        { centreId: grobina, rating: 4, ipAddress: '10.0.0.1' },
      ];
      for (const body of cases) {
        const res = await feedback(body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 422]);
      }
    });

    it('reports ratings by centre and by service, scoped like every report', async () => {
      const byCentre = await ok(`feedback?from=${today}&to=${today}&groupBy=centre`);
      expect(byCentre.series).toHaveLength(1);
      const [p] = byCentre.series[0].points;
      expect(p).toMatchObject({ responses: 3, averageRating: 3, ratings: [1, 0, 1, 0, 1] });
      expect(p.answers).toEqual({
        resolved: { yes: 1, partly: 1, no: 0 },
        waitAcceptable: { yes: 1, no: 0 },
        staffHelpful: { yes: 0, no: 1 },
        wouldRecommend: { yes: 0, no: 1 },
      });
      const byService = await ok(`feedback?from=${today}&to=${today}&groupBy=service`);
      const rated = Object.fromEntries(byService.series.map((s: { key: { serviceCode: string | null }; points: Array<{ responses: number; averageRating: number }> }) => [s.key.serviceCode ?? 'none', [s.points[0]!.responses, s.points[0]!.averageRating]]));
      // The token rating names no ticket, so it reaches no service.
      expect(rated).toEqual({ [codes.first]: [2, 4], [codes.second]: [1, 5], none: [1, 1] });
      expect((await ok(`feedback?from=${today}&to=${today}&groupBy=centre`, await t.token('clerk.grobina'))).series).toHaveLength(1);
      expect((await ok(`feedback?from=${today}&to=${today}&groupBy=centre`, await t.token('clerk.cesis'))).series).toHaveLength(0);
      const csv = await t.request('GET', `/api/v1/reporting/feedback?from=${today}&to=${today}&groupBy=centre&format=csv`, { token: admin });
      expect(csv.text.split('\r\n')[0]).toBe(
        'period,centreId,centreCode,centreName,responses,averageRating,rating_1,rating_2,rating_3,rating_4,rating_5,resolved_yes,resolved_partly,resolved_no,waitAcceptable_yes,waitAcceptable_no,staffHelpful_yes,staffHelpful_no,wouldRecommend_yes,wouldRecommend_no',
      );
    });

    it('limits how many ratings one address may send in an hour', async () => {
      while (feedbackPosts < FEEDBACK_LIMIT) await feedback({ centreId: grobina, rating: 4 });
      const limited = await feedback({ centreId: grobina, rating: 4 });
      expect([limited.status, limited.body.code]).toEqual([429, 'REQUEST.TOO_MANY']);
    });
  });
});
