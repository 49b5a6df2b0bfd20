import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rigaDateOf, type IntegrationEvent } from '@modules/shared-kernel';
import {
  NetworkEvents,
  type CentreRegisteredPayload,
  type CentreStatusChangedPayload,
  type ServiceCatalogueChangedPayload,
} from '@modules/network';
import { QueueEvents, type VisitEndedPayload } from '@modules/scheduling';
import { IntakeEvents, type EFormPublishedPayload } from '@modules/intake';
import { serviceLinesOf, visitFactOf, type VisitFact } from '../../domain';
import { jsonRows, sql, sqlRunner, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { DimensionLookup, type ServiceDetails } from './dimension-lookup';
import { ServiceMonthDeltas, addToMonthlyRollups, monthlyRollupStatements, runTogether } from './service-month-deltas';
import { VisitTimeDeltas, addToTimeRollups, type TimedVisit } from './visit-time-rollups';
import { APPLICATION_EVENT_TYPES, projectApplications } from './application-projection';
import { REMOTE_EVENT_TYPES, projectRemoteSessions } from './remote-projection';

/** Every event type the read models are built from. */
export const PROJECTED_EVENT_TYPES: readonly string[] = [
  NetworkEvents.CentreRegistered,
  NetworkEvents.CentreStatusChanged,
  NetworkEvents.ServiceCatalogueChanged,
  QueueEvents.VisitEnded,
  IntakeEvents.EFormPublished,
  ...APPLICATION_EVENT_TYPES,
  ...REMOTE_EVENT_TYPES,
];
const APPLICATION_EVENTS = new Set(APPLICATION_EVENT_TYPES);
const REMOTE_EVENTS = new Set(REMOTE_EVENT_TYPES);
const PROJECTED = new Set(PROJECTED_EVENT_TYPES);

interface VisitRow extends VisitFact {
  eventAt: string;
  lineCodes: string[];
  lineChannels: string[];
  lineQuantities: number[];
}

/**
 * Applies integration events to the read models, in batches. Idempotent by construction, so an
 * event applied twice (a redelivery, or the live consumer catching up with a rebuild) changes
 * nothing: every write is an upsert keyed by the thing it describes (ticket, centre, status change,
 * e-form) and guarded by the event's time, so a later announcement wins and an older one arriving
 * late is ignored. The live consumer calls it with one event; the rebuild and the benchmark with
 * thousands.
 */
@Injectable()
export class ReportingProjector {
  constructor(private readonly dimensions: DimensionLookup) {}

  /** Returns how many of the events were ones the read models are built from. */
  async apply(events: readonly IntegrationEvent[], em: EntityManager): Promise<number> {
    const run = sqlRunner(em);
    const relevant = events.filter((e) => PROJECTED.has(e.type));
    if (relevant.length === 0) return 0;
    await this.dimensions.prefetchCentres(relevant.filter((e) => e.type === NetworkEvents.CentreRegistered).map((e) => (e.payload as CentreRegisteredPayload).centreId));
    const visits: Array<IntegrationEvent<string, VisitEndedPayload>> = [];
    const applications: IntegrationEvent[] = [];
    const remote: IntegrationEvent[] = [];
    for (const event of relevant) {
      if (APPLICATION_EVENTS.has(event.type)) {
        applications.push(event);
        continue;
      }
      if (REMOTE_EVENTS.has(event.type)) {
        remote.push(event);
        continue;
      }
      switch (event.type) {
        case NetworkEvents.CentreRegistered:
          await this.centreRegistered(event as IntegrationEvent<string, CentreRegisteredPayload>, run);
          break;
        case NetworkEvents.CentreStatusChanged:
          await this.centreStatusChanged(event as IntegrationEvent<string, CentreStatusChangedPayload>, run);
          break;
        case NetworkEvents.ServiceCatalogueChanged:
          await this.catalogueChanged(event.payload as ServiceCatalogueChangedPayload, run);
          break;
        case IntakeEvents.EFormPublished:
          await this.eformPublished(event as IntegrationEvent<string, EFormPublishedPayload>, run);
          break;
        default:
          visits.push(event as IntegrationEvent<string, VisitEndedPayload>);
      }
    }
    await this.visitsEnded(visits, run);
    if (applications.length + remote.length > 0) {
      // Each stream upserts its rows; what follows from the merged rows (working times, places in
      // the rollups) and the rollups themselves are then written in one statement.
      const rollups = new ServiceMonthDeltas();
      const apps = await projectApplications(applications, run, rollups);
      const sessions = await projectRemoteSessions(remote, run, rollups);
      await runTogether(run, [...[apps.settle, sessions.settle].filter((s) => s !== null), ...monthlyRollupStatements(rollups)]);
      await this.dimensions.ensureCentres([...apps.centreIds, ...sessions.centreIds], run);
      await this.dimensions.ensureServices([...apps.serviceCodes, ...sessions.serviceCodes], run);
    }
    return relevant.length;
  }

  private async centreRegistered(event: IntegrationEvent<string, CentreRegisteredPayload>, run: SqlRunner): Promise<void> {
    const p = event.payload;
    const details = await this.dimensions.centre(p.centreId);
    await run(sql`
      insert into reporting.centre_dim (centre_id, code, name, kind, municipality_atvk, municipality_name, planning_region, registered_status, status, status_since, status_event_at, registered_on, generated)
      values (${p.centreId}, ${p.code}, ${details?.name ?? null}, ${p.kind}, ${p.municipalityAtvk}, ${details?.municipalityName ?? null}, ${details?.planningRegion ?? null},
              ${p.status}, ${p.status}, ${details?.statusSince ?? rigaDateOf(new Date(event.occurredAt))}::date, ${event.occurredAt}::timestamptz, ${rigaDateOf(new Date(event.occurredAt))}::date, ${p.generated})
      on conflict (centre_id) do update set
        code = excluded.code, kind = excluded.kind, municipality_atvk = excluded.municipality_atvk, generated = excluded.generated,
        registered_on = excluded.registered_on, registered_status = excluded.registered_status,
        name = coalesce(excluded.name, centre_dim.name),
        municipality_name = coalesce(excluded.municipality_name, centre_dim.municipality_name),
        planning_region = coalesce(excluded.planning_region, centre_dim.planning_region),
        status = case when centre_dim.status_event_at is null or centre_dim.status_event_at <= excluded.status_event_at then excluded.status else centre_dim.status end,
        status_since = case when centre_dim.status_event_at is null or centre_dim.status_event_at <= excluded.status_event_at then excluded.status_since else centre_dim.status_since end,
        status_event_at = greatest(centre_dim.status_event_at, excluded.status_event_at)`);
  }

  private async centreStatusChanged(event: IntegrationEvent<string, CentreStatusChangedPayload>, run: SqlRunner): Promise<void> {
    const p = event.payload;
    await run(sql`
      insert into reporting.centre_status_event (event_id, centre_id, kind, municipality_atvk, from_status, to_status, effective_on, occurred_at)
      values (${event.id}, ${p.centreId}, ${p.kind}, ${p.municipalityAtvk}, ${p.from}, ${p.to}, ${p.effectiveOn}::date, ${event.occurredAt}::timestamptz)
      on conflict do nothing`);
    await this.dimensions.ensureCentres([p.centreId], run);
    // Deliveries may arrive out of order: the latest change wins.
    await run(sql`
      update reporting.centre_dim set status = ${p.to}, status_since = ${p.effectiveOn}::date, status_event_at = ${event.occurredAt}::timestamptz
       where centre_id = ${p.centreId} and (status_event_at is null or status_event_at <= ${event.occurredAt}::timestamptz)`);
  }

  private async catalogueChanged(payload: ServiceCatalogueChangedPayload, run: SqlRunner): Promise<void> {
    const rows: ServiceDetails[] = [];
    for (const id of payload.serviceIds) {
      const details = await this.dimensions.serviceById(id);
      if (details) rows.push(details);
    }
    await this.dimensions.upsertServices(rows, run);
  }

  /** An e-form with a published version can be re-used for applications: the mission's 0 → 5. */
  private async eformPublished(event: IntegrationEvent<string, EFormPublishedPayload>, run: SqlRunner): Promise<void> {
    const p = event.payload;
    await run(sql`
      insert into reporting.eform (form_id, form_code, institution_code, latest_version, first_published_on)
      values (${p.formId}::uuid, ${p.formCode}, ${p.institutionCode}, ${p.version}, ${rigaDateOf(new Date(event.occurredAt))}::date)
      on conflict (form_id) do update set latest_version = greatest(eform.latest_version, excluded.latest_version),
        first_published_on = least(eform.first_published_on, excluded.first_published_on)`);
  }

  private async visitsEnded(events: Array<IntegrationEvent<string, VisitEndedPayload>>, run: SqlRunner): Promise<void> {
    if (events.length === 0) return;
    // A ticket announced twice in one batch: the later announcement wins.
    const latest = new Map<string, VisitRow>();
    for (const event of events) {
      const lines = serviceLinesOf(event.payload);
      const row: VisitRow = {
        ...visitFactOf(event.payload),
        eventAt: event.occurredAt,
        lineCodes: lines.map((l) => l.serviceCode),
        lineChannels: lines.map((l) => l.channel),
        lineQuantities: lines.map((l) => l.quantity),
      };
      const seen = latest.get(row.ticketId);
      if (!seen || Date.parse(seen.eventAt) <= Date.parse(row.eventAt)) latest.set(row.ticketId, row);
    }
    const visits = [...latest.values()];
    await this.dimensions.ensureCentres(visits.map((v) => v.centreId), run);
    await this.dimensions.ensureServices(visits.flatMap((v) => v.serviceCodes), run);
    // The old lines of a replaced visit come back through RETURNING (prev_lines is set from the
    // row being replaced, under its lock), so the rollup correction is exact even when two
    // announcements of one ticket are projected at the same time.
    const applied = await run<{ ticket_id: string; prev_lines: PreviousLines | null }>(sql`
      insert into reporting.visit_fact (ticket_id, event_at, centre_id, queue_id, ticket_number, service_day, issue_hour, issued_at, closed_at, status, outcome, outcome_stage,
                                        priority, wait_ms, walk_ms, service_ms, hold_ms, requeues, service_codes, served_by, line_codes, line_channels, line_quantities)
      select v."ticketId", v."eventAt", v."centreId", v."queueId", v."ticketNumber", v."serviceDay", v."issueHour", v."issuedAt", v."closedAt", v.status, v.outcome, v."outcomeStage",
             v.priority, v."waitMs", v."walkMs", v."serviceMs", v."holdMs", v.requeues, v."serviceCodes", v."servedBy", v."lineCodes", v."lineChannels", v."lineQuantities"
        from jsonb_to_recordset(${jsonRows(visits)}) as v("ticketId" uuid, "eventAt" timestamptz, "centreId" uuid, "queueId" uuid, "ticketNumber" text,
             "serviceDay" date, "issueHour" smallint, "issuedAt" timestamptz, "closedAt" timestamptz, status text, outcome text, "outcomeStage" text, priority smallint,
             "waitMs" int, "walkMs" int, "serviceMs" int, "holdMs" int, requeues smallint, "serviceCodes" text[], "servedBy" text, "lineCodes" text[], "lineChannels" text[], "lineQuantities" int[])
      on conflict (ticket_id) do update set
        event_at = excluded.event_at, centre_id = excluded.centre_id, queue_id = excluded.queue_id, ticket_number = excluded.ticket_number, service_day = excluded.service_day,
        issue_hour = excluded.issue_hour, issued_at = excluded.issued_at, closed_at = excluded.closed_at, status = excluded.status, outcome = excluded.outcome,
        outcome_stage = excluded.outcome_stage, priority = excluded.priority, wait_ms = excluded.wait_ms, walk_ms = excluded.walk_ms, service_ms = excluded.service_ms,
        hold_ms = excluded.hold_ms, requeues = excluded.requeues, service_codes = excluded.service_codes, served_by = excluded.served_by,
        line_codes = excluded.line_codes, line_channels = excluded.line_channels, line_quantities = excluded.line_quantities,
        prev_lines = jsonb_build_object('served', visit_fact.outcome = 'served', 'day', visit_fact.service_day, 'centreId', visit_fact.centre_id,
                                        'codes', visit_fact.line_codes, 'channels', visit_fact.line_channels, 'quantities', visit_fact.line_quantities,
                                        'outcome', visit_fact.outcome, 'serviceCodes', visit_fact.service_codes, 'waitMs', visit_fact.wait_ms,
                                        'walkMs', visit_fact.walk_ms, 'serviceMs', visit_fact.service_ms, 'holdMs', visit_fact.hold_ms)
      where visit_fact.event_at <= excluded.event_at
      returning ticket_id, prev_lines`);
    if (applied.length === 0) return;
    const byId = new Map(visits.map((v) => [v.ticketId.toLowerCase(), v]));
    const deltas = new ServiceMonthDeltas();
    const times = new VisitTimeDeltas();
    for (const { ticket_id, prev_lines: prev } of applied) {
      const visit = byId.get(ticket_id)!;
      if (visit.outcome === 'served') deltas.add(visit.serviceDay, visit.centreId, visit.lineCodes, visit.lineChannels, visit.lineQuantities, +1);
      if (prev?.served) deltas.add(prev.day, prev.centreId, prev.codes, prev.channels, prev.quantities, -1);
      times.add({ ...visit, day: visit.serviceDay }, +1);
      if (prev) times.add(prev, -1);
    }
    await addToMonthlyRollups(deltas, run);
    await addToTimeRollups(times, run);
  }
}

/** The replaced row as the upsert returns it (`prev_lines`): its lines and its times. */
interface PreviousLines extends TimedVisit {
  served: boolean;
  day: string;
  centreId: string;
  codes: string[];
  channels: string[];
  quantities: number[];
}

export { ServiceMonthDeltas, addToMonthlyRollups };
