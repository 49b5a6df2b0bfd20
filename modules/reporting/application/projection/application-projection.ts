import { rigaDateOf, type IntegrationEvent } from '@modules/shared-kernel';
import {
  IntakeEvents,
  type ApplicationClosedPayload,
  type ApplicationDeliveredPayload,
  type ApplicationStatusChangedPayload,
  type ApplicationSubmittedPayload,
} from '@modules/intake';
import { applicationStateRank, isDecision, workingMsBetween } from '../../domain';
import { jsonRows, sql, type SqlFragment, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { ServiceMonthDeltas, addToMonthlyRollups } from './service-month-deltas';

/** Intake's application events Reporting projects (EFormPublished is handled beside them). */
export const APPLICATION_EVENT_TYPES: readonly string[] = [
  IntakeEvents.ApplicationSubmitted,
  IntakeEvents.ApplicationDelivered,
  IntakeEvents.ApplicationStatusChanged,
  IntakeEvents.ApplicationClosed,
];

type AnyApplicationPayload = ApplicationSubmittedPayload | ApplicationDeliveredPayload | ApplicationStatusChangedPayload | ApplicationClosedPayload;

const ts = (iso: string | null | undefined): string | null => (iso ? new Date(iso).toISOString() : null);

/** What a batch says about one application: its events merged with the same rules the upsert applies to the stored row. */
interface ApplicationDelta {
  applicationId: string;
  serviceCode: string;
  institutionId: string | null;
  institutionCode: string;
  centreId: string | null;
  formCode: string;
  status: string;
  statusRank: number;
  submittedAt: string | null;
  submittedDay: string | null;
  fromVisit: boolean;
  deliveredAt: string | null;
  deliveredDay: string | null;
  deliveryChannel: string | null;
  deliveryAttempts: number | null;
  deliveryLatencyMs: number | null;
  firstResponseAt: string | null;
  firstResponseStatus: string | null;
  firstResponseWorkingMs: number | null;
  decidedAt: string | null;
  decisionWorkingMs: number | null;
  outcome: string | null;
  closedAt: string | null;
}

function emptyDelta(p: AnyApplicationPayload): ApplicationDelta {
  return {
    applicationId: p.applicationId,
    serviceCode: p.serviceCode,
    institutionId: p.institutionId || null,
    institutionCode: p.institutionCode,
    centreId: p.centreId ?? null,
    formCode: p.formCode,
    status: 'queued',
    statusRank: -2,
    submittedAt: null,
    submittedDay: null,
    fromVisit: false,
    deliveredAt: null,
    deliveredDay: null,
    deliveryChannel: null,
    deliveryAttempts: null,
    deliveryLatencyMs: null,
    firstResponseAt: null,
    firstResponseStatus: null,
    firstResponseWorkingMs: null,
    decidedAt: null,
    decisionWorkingMs: null,
    outcome: null,
    closedAt: null,
  };
}

function moveTo(d: ApplicationDelta, status: string): void {
  const rank = applicationStateRank(status);
  if (rank > d.statusRank) Object.assign(d, { status, statusRank: rank });
}

/** Folds one event into the batch's delta for its application; false for events this projection does not know. */
function fold(d: ApplicationDelta, event: IntegrationEvent): boolean {
  const p = event.payload as AnyApplicationPayload;
  d.centreId ??= p.centreId ?? null;
  d.institutionId ??= p.institutionId || null;
  switch (event.type) {
    case IntakeEvents.ApplicationSubmitted: {
      const s = p as ApplicationSubmittedPayload;
      moveTo(d, 'queued');
      d.submittedAt ??= ts(s.submittedAt);
      d.submittedDay ??= rigaDateOf(new Date(s.submittedAt));
      d.fromVisit ||= s.visitTicketId !== null && s.visitTicketId !== undefined;
      return true;
    }
    case IntakeEvents.ApplicationDelivered: {
      const x = p as ApplicationDeliveredPayload;
      moveTo(d, 'delivered');
      if (d.deliveredAt === null) {
        Object.assign(d, { deliveredAt: ts(x.deliveredAt), deliveredDay: rigaDateOf(new Date(x.deliveredAt)), deliveryChannel: x.channel, deliveryAttempts: x.attempts, deliveryLatencyMs: Math.max(0, Math.round(x.latencyMs)) });
      }
      return true;
    }
    case IntakeEvents.ApplicationStatusChanged: {
      const c = p as ApplicationStatusChangedPayload;
      const at = ts(c.at);
      moveTo(d, c.to);
      if (d.firstResponseAt === null || (at !== null && at < d.firstResponseAt)) Object.assign(d, { firstResponseAt: at, firstResponseStatus: c.to, firstResponseWorkingMs: c.workingMsSinceDelivery });
      if (isDecision(c.to)) {
        if (d.decidedAt === null || (at !== null && at < d.decidedAt)) Object.assign(d, { decidedAt: at, decisionWorkingMs: c.workingMsSinceDelivery });
        d.outcome ??= c.outcome;
      }
      return true;
    }
    case IntakeEvents.ApplicationClosed: {
      const c = p as ApplicationClosedPayload;
      moveTo(d, 'closed');
      d.closedAt ??= ts(c.closedAt);
      d.outcome ??= c.outcome;
      return true;
    }
    default:
      return false;
  }
}

// The stored row and the batch's delta merge by the same rules the delta was folded with: the
// status only moves forward (by rank), first moments keep the earliest value, the rest keep the
// first value known. So the events may come in any order, in any batches, and twice.
const UPSERT_APPLICATIONS = (deltas: ApplicationDelta[]): SqlFragment => sql`
  insert into reporting.application_fact (application_id, service_code, institution_id, institution_code, centre_id, form_code, status, status_rank,
         submitted_at, submitted_day, from_visit, delivered_at, delivered_day, delivery_channel, delivery_attempts, delivery_latency_ms,
         first_response_at, first_response_status, first_response_working_ms, decided_at, decision_working_ms, outcome, closed_at)
  select x."applicationId", x."serviceCode", x."institutionId", x."institutionCode", x."centreId", x."formCode", x.status, x."statusRank",
         x."submittedAt", x."submittedDay", x."fromVisit", x."deliveredAt", x."deliveredDay", x."deliveryChannel", x."deliveryAttempts", x."deliveryLatencyMs",
         x."firstResponseAt", x."firstResponseStatus", x."firstResponseWorkingMs", x."decidedAt", x."decisionWorkingMs", x.outcome, x."closedAt"
    from jsonb_to_recordset(${jsonRows(deltas)}) as x("applicationId" uuid, "serviceCode" text, "institutionId" uuid, "institutionCode" text, "centreId" uuid, "formCode" text,
         status text, "statusRank" smallint, "submittedAt" timestamptz, "submittedDay" date, "fromVisit" boolean, "deliveredAt" timestamptz, "deliveredDay" date,
         "deliveryChannel" text, "deliveryAttempts" int, "deliveryLatencyMs" bigint, "firstResponseAt" timestamptz, "firstResponseStatus" text,
         "firstResponseWorkingMs" bigint, "decidedAt" timestamptz, "decisionWorkingMs" bigint, outcome text, "closedAt" timestamptz)
   order by 1
  on conflict (application_id) do update set
    status = case when excluded.status_rank > application_fact.status_rank then excluded.status else application_fact.status end,
    status_rank = greatest(application_fact.status_rank, excluded.status_rank),
    centre_id = coalesce(application_fact.centre_id, excluded.centre_id),
    institution_id = coalesce(application_fact.institution_id, excluded.institution_id),
    submitted_at = coalesce(application_fact.submitted_at, excluded.submitted_at),
    submitted_day = coalesce(application_fact.submitted_day, excluded.submitted_day),
    from_visit = application_fact.from_visit or excluded.from_visit,
    delivered_at = coalesce(application_fact.delivered_at, excluded.delivered_at),
    delivered_day = coalesce(application_fact.delivered_day, excluded.delivered_day),
    delivery_channel = coalesce(application_fact.delivery_channel, excluded.delivery_channel),
    delivery_attempts = coalesce(application_fact.delivery_attempts, excluded.delivery_attempts),
    delivery_latency_ms = coalesce(application_fact.delivery_latency_ms, excluded.delivery_latency_ms),
    first_response_status = case when excluded.first_response_at < application_fact.first_response_at or application_fact.first_response_at is null
                                 then coalesce(excluded.first_response_status, application_fact.first_response_status) else application_fact.first_response_status end,
    first_response_working_ms = case when excluded.first_response_at < application_fact.first_response_at or application_fact.first_response_at is null
                                 then coalesce(excluded.first_response_working_ms, application_fact.first_response_working_ms) else application_fact.first_response_working_ms end,
    first_response_at = least(application_fact.first_response_at, excluded.first_response_at),
    decision_working_ms = case when excluded.decided_at < application_fact.decided_at or application_fact.decided_at is null
                               then coalesce(excluded.decision_working_ms, application_fact.decision_working_ms) else application_fact.decision_working_ms end,
    decided_at = least(application_fact.decided_at, excluded.decided_at),
    outcome = coalesce(application_fact.outcome, excluded.outcome),
    closed_at = coalesce(application_fact.closed_at, excluded.closed_at)`;

/**
 * Projects Intake's application events into reporting.application_fact, then settles what follows
 * from the merged rows: working times from delivery (computed here on the Latvian calendar, so they
 * do not depend on the order the events came in) and the application's place in the monthly
 * services rollup (channel `application_forwarded`, on its delivery day, when it was submitted at a
 * centre outside a queue visit — a visit already counts its services).
 */
export async function projectApplications(events: readonly IntegrationEvent[], run: SqlRunner): Promise<{ centreIds: string[]; serviceCodes: string[] }> {
  const deltas = new Map<string, ApplicationDelta>();
  for (const event of events) {
    const p = event.payload as AnyApplicationPayload;
    const delta = deltas.get(p.applicationId) ?? emptyDelta(p);
    if (fold(delta, event)) deltas.set(p.applicationId, delta);
  }
  if (deltas.size === 0) return { centreIds: [], serviceCodes: [] };
  const rows = [...deltas.values()];
  await run(UPSERT_APPLICATIONS(rows));
  const ids = [...deltas.keys()];
  await settleWorkingTimes(ids, run);
  await settleRollup(ids, run);
  return { centreIds: [...new Set(rows.flatMap((d) => (d.centreId ? [d.centreId] : [])))], serviceCodes: [...new Set(rows.map((d) => d.serviceCode))] };
}

async function settleWorkingTimes(ids: string[], run: SqlRunner): Promise<void> {
  const rows = await run<{ application_id: string; delivered_at: Date; first_response_at: Date | null; decided_at: Date | null; first_ms: string | null; decision_ms: string | null }>(sql`
    select application_id, delivered_at, first_response_at, decided_at, first_response_working_ms::text as first_ms, decision_working_ms::text as decision_ms
      from reporting.application_fact
     where application_id = any(${ids}::uuid[]) and delivered_at is not null and (first_response_at is not null or decided_at is not null)`);
  const changed = rows.flatMap((r) => {
    const first = r.first_response_at ? workingMsBetween(new Date(r.delivered_at), new Date(r.first_response_at)) : null;
    const decision = r.decided_at ? workingMsBetween(new Date(r.delivered_at), new Date(r.decided_at)) : null;
    const same = String(first) === String(r.first_ms) && String(decision) === String(r.decision_ms);
    return same ? [] : [{ id: r.application_id, first, decision }];
  });
  if (changed.length === 0) return;
  await run(sql`
    update reporting.application_fact f set first_response_working_ms = x.first, decision_working_ms = x.decision
      from jsonb_to_recordset(${jsonRows(changed)}) as x(id uuid, first bigint, decision bigint)
     where f.application_id = x.id`);
}

async function settleRollup(ids: string[], run: SqlRunner): Promise<void> {
  const moved = await run<{ service_code: string; old_day: string | null; old_centre: string | null; new_day: string | null; new_centre: string | null }>(sql`
    with t as (
      select application_id, service_code, counted_day as old_day, counted_centre as old_centre,
             case when delivered_at is not null and centre_id is not null and not from_visit then delivered_day end as new_day,
             case when delivered_at is not null and centre_id is not null and not from_visit then centre_id end as new_centre
        from reporting.application_fact where application_id = any(${ids}::uuid[]) order by application_id for update)
    update reporting.application_fact f set counted_day = t.new_day, counted_centre = t.new_centre
      from t
     where f.application_id = t.application_id and (t.old_day is distinct from t.new_day or t.old_centre is distinct from t.new_centre)
    returning t.service_code, t.old_day::text as old_day, t.old_centre, t.new_day::text as new_day, t.new_centre`);
  if (moved.length === 0) return;
  const deltas = new ServiceMonthDeltas();
  for (const m of moved) {
    if (m.old_day && m.old_centre) deltas.add(m.old_day, m.old_centre, [m.service_code], ['application_forwarded'], [1], -1);
    if (m.new_day && m.new_centre) deltas.add(m.new_day, m.new_centre, [m.service_code], ['application_forwarded'], [1], +1);
  }
  await addToMonthlyRollups(deltas, run);
}
