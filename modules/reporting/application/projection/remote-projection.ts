import type { IntegrationEvent } from '@modules/shared-kernel';
import {
  RemoteEvents,
  type RemoteSessionAbandonedPayload,
  type RemoteSessionAcceptedPayload,
  type RemoteSessionEndedPayload,
  type RemoteSessionFailedPayload,
  type RemoteSessionRequestedPayload,
  type RemoteSessionStartedPayload,
} from '@modules/remote-official';
import { BookingEvents, type BookingCancelledPayload, type BookingConfirmedPayload, type BookingNoShowPayload, type BookingRescheduledPayload } from '@modules/scheduling';
import { rigaDayAndHour } from '../../domain';
import { jsonRows, raw, sql, type SqlFragment, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';
import type { ServiceMonthDeltas } from './service-month-deltas';

/** RemoteOfficial's session events and Scheduling's booking events Reporting projects. */
export const REMOTE_EVENT_TYPES: readonly string[] = [
  RemoteEvents.RemoteSessionRequested,
  RemoteEvents.RemoteSessionAccepted,
  RemoteEvents.RemoteSessionStarted,
  RemoteEvents.RemoteSessionEnded,
  RemoteEvents.RemoteSessionFailed,
  RemoteEvents.RemoteSessionAbandoned,
  BookingEvents.BookingConfirmed,
  BookingEvents.BookingRescheduled,
  BookingEvents.BookingCancelled,
  BookingEvents.BookingNoShow,
];

/** What every remote event carries (older RemoteOfficial events lack origin and bookingId). */
interface RemoteRef {
  requestId?: string | null;
  sessionId?: string | null;
  bookingId?: string | null;
  origin?: string;
  centreId: string;
  serviceCode: string;
  institutionCode?: string;
}

const ts = (iso: string | null | undefined): string | null => (iso ? new Date(iso).toISOString() : null);

interface Columns {
  /** Riga date the consultation belongs to, and whether this event fixes it (request or booked start) or only suggests it. */
  day: { at: string; anchor: boolean };
  /** Columns of reporting.remote_fact (see REMOTE_COLUMNS for their types and merge rules). */
  set: Record<string, { value: unknown }>;
}

function columnsOf(event: IntegrationEvent): Columns | null {
  const col = (value: unknown) => ({ value });
  switch (event.type) {
    case RemoteEvents.RemoteSessionRequested: {
      const p = event.payload as RemoteSessionRequestedPayload;
      return { day: { at: p.requestedAt, anchor: true }, set: { requested_at: col(ts(p.requestedAt)) } };
    }
    case RemoteEvents.RemoteSessionAccepted: {
      const p = event.payload as RemoteSessionAcceptedPayload;
      return {
        day: { at: p.requestedAt, anchor: true },
        set: {
          requested_at: col(ts(p.requestedAt)),
          session_id: col(p.sessionId),
          accepted_at: col(ts(p.acceptedAt)),
          answer_seconds: col(Math.max(0, Math.round(p.waitSeconds))),
        },
      };
    }
    case RemoteEvents.RemoteSessionStarted: {
      const p = event.payload as RemoteSessionStartedPayload;
      return { day: { at: p.startedAt, anchor: false }, set: { session_id: col(p.sessionId), started_at: col(ts(p.startedAt)) } };
    }
    case RemoteEvents.RemoteSessionEnded: {
      const p = event.payload as RemoteSessionEndedPayload;
      return {
        day: { at: p.startedAt ?? p.acceptedAt, anchor: false },
        set: {
          session_id: col(p.sessionId),
          accepted_at: col(ts(p.acceptedAt)),
          started_at: col(ts(p.startedAt)),
          ended_at: col(ts(p.endedAt)),
          duration_seconds: col(Math.max(0, Math.round(p.durationSeconds))),
          call_seconds: col(p.callSeconds === null ? null : Math.max(0, Math.round(p.callSeconds))),
          outcome: col(p.outcome),
          interruptions: col(p.interruptions),
        },
      };
    }
    case RemoteEvents.RemoteSessionFailed: {
      const p = event.payload as RemoteSessionFailedPayload;
      return {
        day: { at: p.startedAt ?? p.failedAt, anchor: false },
        set: {
          session_id: col(p.sessionId),
          started_at: col(ts(p.startedAt)),
          failed_at: col(ts(p.failedAt)),
          failure_reason: col(p.reason),
          interruptions: col(p.interruptions ?? null),
        },
      };
    }
    case RemoteEvents.RemoteSessionAbandoned: {
      const p = event.payload as RemoteSessionAbandonedPayload;
      return { day: { at: p.abandonedAt, anchor: false }, set: { session_id: col(p.sessionId), abandoned_at: col(ts(p.abandonedAt)), failure_reason: col(p.reason) } };
    }
    case BookingEvents.BookingConfirmed: {
      const p = event.payload as BookingConfirmedPayload;
      return { day: { at: p.start, anchor: true }, set: { requested_at: col(ts(p.start)), confirmed_at: col(ts(p.confirmedAt)), booked_minutes: col(p.durationMinutes) } };
    }
    case BookingEvents.BookingRescheduled: {
      const p = event.payload as BookingRescheduledPayload;
      return { day: { at: p.start, anchor: true }, set: { requested_at: col(ts(p.start)), rescheduled_at: col(ts(p.rescheduledAt)) } };
    }
    case BookingEvents.BookingCancelled: {
      const p = event.payload as BookingCancelledPayload;
      return { day: { at: p.start, anchor: true }, set: { requested_at: col(ts(p.start)), cancelled_at: col(ts(p.cancelledAt)), cancel_reason: col(p.reason) } };
    }
    case BookingEvents.BookingNoShow: {
      const p = event.payload as BookingNoShowPayload;
      return { day: { at: p.start, anchor: true }, set: { requested_at: col(ts(p.start)), no_show_at: col(ts(p.markedAt)) } };
    }
    default:
      return null;
  }
}

const isBooking = (type: string): boolean => (Object.values(BookingEvents) as string[]).includes(type);

/** A booked consultation is one row per booking; an on-demand one per request (a session without either: per session). */
function identityOf(event: IntegrationEvent): { id: string; kind: 'on_demand' | 'booked' } | null {
  const p = event.payload as RemoteRef;
  if (isBooking(event.type)) return { id: p.bookingId!, kind: 'booked' };
  if (p.bookingId) return { id: p.bookingId, kind: 'booked' };
  if (p.origin === 'booking') return p.sessionId ? { id: p.sessionId, kind: 'booked' } : null;
  const id = p.requestId ?? p.sessionId;
  return id ? { id, kind: 'on_demand' } : null;
}

/** Every column a remote event may set, and how a later value merges with a known one. */
const REMOTE_COLUMNS: Record<string, { cast: string; merge: 'first' | 'earliest' }> = {
  requested_at: { cast: 'timestamptz', merge: 'first' },
  session_id: { cast: 'uuid', merge: 'first' },
  accepted_at: { cast: 'timestamptz', merge: 'earliest' },
  answer_seconds: { cast: 'int', merge: 'first' },
  started_at: { cast: 'timestamptz', merge: 'earliest' },
  ended_at: { cast: 'timestamptz', merge: 'first' },
  duration_seconds: { cast: 'int', merge: 'first' },
  call_seconds: { cast: 'int', merge: 'first' },
  outcome: { cast: 'text', merge: 'first' },
  interruptions: { cast: 'int', merge: 'first' },
  failed_at: { cast: 'timestamptz', merge: 'first' },
  failure_reason: { cast: 'text', merge: 'first' },
  abandoned_at: { cast: 'timestamptz', merge: 'first' },
  confirmed_at: { cast: 'timestamptz', merge: 'first' },
  booked_minutes: { cast: 'int', merge: 'first' },
  cancelled_at: { cast: 'timestamptz', merge: 'first' },
  cancel_reason: { cast: 'text', merge: 'first' },
  no_show_at: { cast: 'timestamptz', merge: 'first' },
  rescheduled_at: { cast: 'timestamptz', merge: 'first' },
};
const NAMES = Object.keys(REMOTE_COLUMNS);

/** What a batch says about one consultation: its events folded with the rules the upsert applies to the stored row. */
interface RemoteDelta {
  fact_id: string;
  kind: 'on_demand' | 'booked';
  centre_id: string;
  service_code: string;
  institution_code: string | null;
  day: string;
  /**
   * The day comes from the request or the booked start (it then replaces a day only suggested by a
   * later moment). Exactly the events that anchor the day set requested_at, which is how the upsert
   * tells an anchored day.
   */
  anchor: boolean;
  [column: string]: unknown;
}

function fold(deltas: Map<string, RemoteDelta>, event: IntegrationEvent): boolean {
  const columns = columnsOf(event);
  const identity = identityOf(event);
  if (!columns || !identity) return false;
  const p = event.payload as RemoteRef;
  const day = rigaDayAndHour(columns.day.at).day;
  const d: RemoteDelta = deltas.get(identity.id) ?? {
    fact_id: identity.id,
    kind: identity.kind,
    centre_id: p.centreId,
    service_code: p.serviceCode,
    institution_code: p.institutionCode ?? null,
    day,
    anchor: columns.day.anchor,
  };
  if (identity.kind === 'booked') d.kind = 'booked';
  d.institution_code ??= p.institutionCode ?? null;
  // Like the upsert: an anchoring event sets the day, another only fills it in.
  if (columns.day.anchor) Object.assign(d, { day, anchor: true });
  for (const [name, { value }] of Object.entries(columns.set)) {
    if (value === null || value === undefined) continue;
    const known = d[name];
    if (known === null || known === undefined) d[name] = value;
    else if (REMOTE_COLUMNS[name]!.merge === 'earliest' && String(value) < String(known)) d[name] = value;
  }
  deltas.set(identity.id, d);
  return true;
}

function upsertOf(deltas: RemoteDelta[]): SqlFragment {
  const rows = deltas.map((d) => Object.fromEntries([...['fact_id', 'kind', 'centre_id', 'service_code', 'institution_code', 'day'], ...NAMES].map((n) => [n, d[n] ?? null])));
  const recordType = raw(NAMES.map((n) => `${n} ${REMOTE_COLUMNS[n]!.cast}`).join(', '));
  const merges = raw(
    NAMES.map((n) => (REMOTE_COLUMNS[n]!.merge === 'earliest' ? `${n} = least(remote_fact.${n}, excluded.${n})` : `${n} = coalesce(remote_fact.${n}, excluded.${n})`)).join(',\n      '),
  );
  return sql`
    insert into reporting.remote_fact (fact_id, kind, centre_id, service_code, institution_code, day, ${raw(NAMES.join(', '))})
    select x.fact_id, x.kind, x.centre_id, x.service_code, x.institution_code, x.day, ${raw(NAMES.map((n) => `x.${n}`).join(', '))}
      from jsonb_to_recordset(${jsonRows(rows)}) as x(fact_id uuid, kind text, centre_id uuid, service_code text, institution_code text, day date, ${recordType})
     order by 1
    on conflict (fact_id) do update set
      kind = case when excluded.kind = 'booked' then 'booked' else remote_fact.kind end,
      institution_code = coalesce(remote_fact.institution_code, excluded.institution_code),
      day = case when excluded.requested_at is not null then excluded.day else coalesce(remote_fact.day, excluded.day) end,
      ${merges}
    returning fact_id, service_code, counted_day::text as old_day, counted_centre as old_centre,
      case when started_at is not null and ended_at is not null and failed_at is null then (started_at at time zone 'Europe/Riga')::date::text end as new_day,
      case when started_at is not null and ended_at is not null and failed_at is null then centre_id end as new_centre`;
}

/** Where a merged row is counted in the rollups, and where it should be. */
interface CountedPlace {
  fact_id: string;
  service_code: string;
  old_day: string | null;
  old_centre: string | null;
  new_day: string | null;
  new_centre: string | null;
}

/**
 * Projects remote consultations into reporting.remote_fact and keeps their place in the monthly
 * services rollup: a session that ended after both participants joined (and did not fail) is a
 * service provided through channel `remote_video`, on the Riga day the call started.
 *
 * One statement here: the upsert (an anchoring event's day replaces a day only suggested before),
 * which returns where each merged row is counted and where it should be. Moving it is returned as
 * a statement for the caller to run with the other streams' (`runTogether`); the rollup changes
 * are added to `rollups`.
 */
export async function projectRemoteSessions(
  events: readonly IntegrationEvent[],
  run: SqlRunner,
  rollups: ServiceMonthDeltas,
): Promise<{ settle: SqlFragment | null; centreIds: string[]; serviceCodes: string[] }> {
  const deltas = new Map<string, RemoteDelta>();
  for (const event of events) fold(deltas, event);
  if (deltas.size === 0) return { settle: null, centreIds: [], serviceCodes: [] };
  const rows = [...deltas.values()];
  const places = await run<CountedPlace>(upsertOf(rows));
  const moved = places.filter((m) => m.old_day !== m.new_day || m.old_centre !== m.new_centre);
  for (const m of moved) {
    if (m.old_day && m.old_centre) rollups.add(m.old_day, m.old_centre, [m.service_code], ['remote_video'], [1], -1);
    if (m.new_day && m.new_centre) rollups.add(m.new_day, m.new_centre, [m.service_code], ['remote_video'], [1], +1);
  }
  const settle =
    moved.length === 0
      ? null
      : sql`
    update reporting.remote_fact f set counted_day = x.day, counted_centre = x.centre
      from jsonb_to_recordset(${jsonRows(moved.map((m) => ({ id: m.fact_id, day: m.new_day, centre: m.new_centre })))}) as x(id uuid, day date, centre uuid)
     where f.fact_id = x.id`;
  return { settle, centreIds: [...new Set(rows.map((d) => d.centre_id))], serviceCodes: [...new Set(rows.map((d) => d.service_code))] };
}
