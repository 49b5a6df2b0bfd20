import type { IntegrationEvent } from '@modules/shared-kernel';
import {
  IntakeEvents,
  type ApplicationClosedPayload,
  type ApplicationDeliveredPayload,
  type ApplicationStatusChangedPayload,
  type ApplicationSubmittedPayload,
} from '@modules/intake';
import { applicationStateRank, isDecision, isWithdrawal, rigaDayAndHour, workingMsBetween } from '../../domain';
import { jsonRows, raw, sql, type SqlFragment, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import type { ServiceMonthDeltas } from './service-month-deltas';

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
      d.submittedDay ??= rigaDayAndHour(s.submittedAt).day;
      d.fromVisit ||= s.visitTicketId !== null && s.visitTicketId !== undefined;
      return true;
    }
    case IntakeEvents.ApplicationDelivered: {
      const x = p as ApplicationDeliveredPayload;
      moveTo(d, 'delivered');
      if (d.deliveredAt === null) {
        Object.assign(d, { deliveredAt: ts(x.deliveredAt), deliveredDay: rigaDayAndHour(x.deliveredAt).day, deliveryChannel: x.channel, deliveryAttempts: x.attempts, deliveryLatencyMs: Math.max(0, Math.round(x.latencyMs)) });
      }
      return true;
    }
    case IntakeEvents.ApplicationStatusChanged: {
      const c = p as ApplicationStatusChangedPayload;
      const at = ts(c.at);
      moveTo(d, c.to);
      // The citizen withdrew it: not the institution's answer, nor its decision.
      if (isWithdrawal(c.to)) return true;
      if (d.firstResponseAt === null || (at !== null && at < d.firstResponseAt)) Object.assign(d, { firstResponseAt: at, firstResponseStatus: c.to, firstResponseWorkingMs: c.workingMsSinceDelivery });
      if (isDecision(c.to)) {
        if (d.decidedAt === null || (at !== null && at < d.decidedAt)) Object.assign(d, { decidedAt: at, decisionWorkingMs: c.workingMsSinceDelivery });
        d.outcome ??= c.outcome;
      }
      return true;
    }
    case IntakeEvents.ApplicationClosed: {
      const c = p as ApplicationClosedPayload;
      moveTo(d, isWithdrawal(c.finalStatus) ? 'withdrawn' : 'closed');
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
    closed_at = coalesce(application_fact.closed_at, excluded.closed_at)
  returning application_id, service_code, ${MERGED_ROW}`;

// What the settling needs of a merged row: instants as epoch milliseconds (the events carry
// milliseconds), and where the row should be counted in the rollups beside where it is.
const MERGED_ROW = raw(`
    floor(extract(epoch from delivered_at) * 1000)::float8 as delivered_ms,
    floor(extract(epoch from first_response_at) * 1000)::float8 as first_response_ms,
    floor(extract(epoch from decided_at) * 1000)::float8 as decided_ms,
    first_response_working_ms::float8 as first_working_ms, decision_working_ms::float8 as decision_working_ms,
    counted_day::text as old_day, counted_centre as old_centre,
    case when delivered_at is not null and centre_id is not null and not from_visit then delivered_day::text end as new_day,
    case when delivered_at is not null and centre_id is not null and not from_visit then centre_id end as new_centre`);

interface MergedApplication {
  application_id: string;
  service_code: string;
  delivered_ms: number | null;
  first_response_ms: number | null;
  decided_ms: number | null;
  first_working_ms: number | null;
  decision_working_ms: number | null;
  old_day: string | null;
  old_centre: string | null;
  new_day: string | null;
  new_centre: string | null;
}

/**
 * Projects Intake's application events into reporting.application_fact and settles what follows
 * from the merged rows: working times from delivery (computed here on the Latvian calendar, so they
 * do not depend on the order the events came in) and the application's place in the monthly
 * services rollup (channel `application_forwarded`, on its delivery day, when it was submitted at a
 * centre outside a queue visit — a visit already counts its services).
 *
 * One statement here: the upsert, which returns the merged rows (locked until the commit). The
 * settling is returned as a statement for the caller to run together with the other streams' and
 * the rollups' (`runTogether`); the rollup changes are added to `rollups`.
 */
export async function projectApplications(
  events: readonly IntegrationEvent[],
  run: SqlRunner,
  rollups: ServiceMonthDeltas,
): Promise<{ settle: SqlFragment | null; centreIds: string[]; serviceCodes: string[] }> {
  const deltas = new Map<string, ApplicationDelta>();
  for (const event of events) {
    const p = event.payload as AnyApplicationPayload;
    const delta = deltas.get(p.applicationId) ?? emptyDelta(p);
    if (fold(delta, event)) deltas.set(p.applicationId, delta);
  }
  if (deltas.size === 0) return { settle: null, centreIds: [], serviceCodes: [] };
  const rows = [...deltas.values()];
  const merged = await run<MergedApplication>(UPSERT_APPLICATIONS(rows));
  return {
    settle: settle(merged, rollups),
    centreIds: [...new Set(rows.flatMap((d) => (d.centreId ? [d.centreId] : [])))],
    serviceCodes: [...new Set(rows.map((d) => d.serviceCode))],
  };
}

/**
 * Working times from delivery, when the row has delivery and an answer or a decision (otherwise the
 * stored figures stay), and the place in the rollups: the rows where either changes are written
 * back by the returned statement, and a moved place corrects the rollups (-1 there, +1 here).
 */
function settle(merged: MergedApplication[], rollups: ServiceMonthDeltas): SqlFragment | null {
  const changed: Array<{ id: string; first: number | null; decision: number | null; day: string | null; centre: string | null }> = [];
  for (const r of merged) {
    let first = r.first_working_ms;
    let decision = r.decision_working_ms;
    if (r.delivered_ms !== null && (r.first_response_ms !== null || r.decided_ms !== null)) {
      const delivered = new Date(r.delivered_ms);
      first = r.first_response_ms !== null ? workingMsBetween(delivered, new Date(r.first_response_ms)) : null;
      decision = r.decided_ms !== null ? workingMsBetween(delivered, new Date(r.decided_ms)) : null;
    }
    const moved = r.old_day !== r.new_day || r.old_centre !== r.new_centre;
    if (moved) {
      if (r.old_day && r.old_centre) rollups.add(r.old_day, r.old_centre, [r.service_code], ['application_forwarded'], [1], -1);
      if (r.new_day && r.new_centre) rollups.add(r.new_day, r.new_centre, [r.service_code], ['application_forwarded'], [1], +1);
    }
    if (moved || first !== r.first_working_ms || decision !== r.decision_working_ms) changed.push({ id: r.application_id, first, decision, day: r.new_day, centre: r.new_centre });
  }
  if (changed.length === 0) return null;
  return sql`
    update reporting.application_fact f
       set first_response_working_ms = x.first, decision_working_ms = x.decision, counted_day = x.day, counted_centre = x.centre
      from jsonb_to_recordset(${jsonRows(changed)}) as x(id uuid, first bigint, decision bigint, day date, centre uuid)
     where f.application_id = x.id`;
}
