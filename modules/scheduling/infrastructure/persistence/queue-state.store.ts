import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool, type PoolClient, type QueryResult } from 'pg';
import { Counter, Histogram } from 'prom-client';
import { AppConfig } from '@infrastructure/config/app-config';
import { MetricsService } from '@infrastructure/observability/metrics.service';
import { FieldEncryption } from '@infrastructure/crypto/field-encryption';
import { DATABASE_URL } from '@infrastructure/database/database-url.token';
import { revive } from '@infrastructure/database/date-reviving-json.type';
import { assertStandardStrings, lit } from '@infrastructure/database/sql-literal';
import { Desk, ServiceQueue, Ticket, type ServiceRequest, type TicketPeriod } from '../../domain/queue';
import { CentreQueueSettings, CentreQueueSettingsSchema, DeskSchema, ServiceQueueSchema, TicketSchema } from './queue.schema';
import { GroupCommitter, type CommitFailure, type PendingCommit } from './group-commit';

/** A ticket call shown on the display board. */
export interface RecentCall {
  number: string;
  deskNumber: string;
  at: Date;
}

/**
 * One centre's live queue, held in memory: settings (with the realtime `seq`), queues, desks,
 * active tickets, today's number counters, tickets already notified, the last calls. It is only
 * ever replaced as a whole or changed after a successful commit, and every commit checks in the
 * database that `seq` is still the one this copy was built on — so another instance's change is
 * noticed and the copy rebuilt.
 */
export class CentreQueueState {
  constructor(
    readonly centreId: string,
    public seq: number,
    public settings: CentreQueueSettings,
    public queues: ServiceQueue[],
    readonly desks: Map<string, Desk>,
    readonly active: Map<string, Ticket>,
    /** `${serviceDay}|${prefix}` → last number issued. */
    readonly counters: Map<string, number>,
    /** Active tickets that got their TicketApproaching notification. */
    readonly notified: Set<string>,
    public recentCalls: RecentCall[],
    /** Request ids of recent commands → their stored answers as JSON text (the database keeps them all). */
    readonly receipts: Map<string, { command: string; json: string }>,
  ) {}
}

/**
 * Thrown by a commit that wrote nothing and may simply be run again on fresh state: its state copy
 * was out of date (another instance changed the centre), or PostgreSQL rolled it back for a
 * transient reason (`transient`: a deadlock or serialization failure with another transaction).
 */
export class StaleQueueStateError extends Error {
  constructor(readonly reason: 'stale' | 'transient' = 'stale') {
    super(reason === 'stale' ? 'queue state is stale' : 'queue commit rolled back (transient)');
  }
}

/** SQLSTATEs after which a rolled-back transaction may be retried as it is: deadlock, serialization failure, lock not available. */
const TRANSIENT_SQLSTATES = new Set(['40P01', '40001', '55P03']);

/** A commit PostgreSQL refused for a transient reason, known to be rolled back (nothing written). */
export function isTransientRollback(err: unknown): boolean {
  const failure = err as CommitFailure | undefined;
  return !!failure && failure.rolledBack === true && typeof failure.code === 'string' && TRANSIENT_SQLSTATES.has(failure.code);
}

const STALE_SQLSTATE = 'VQ001';

/**
 * After a statement of a transaction failed (the message stopped there; the transaction is open
 * and aborted): rolls it back and marks the error `rolledBack` (nothing written). False when the
 * connection did not survive (then it is not known whether a commit happened).
 */
async function rollBack(client: PoolClient, err: unknown): Promise<boolean> {
  const usable = await client.query('rollback').then(
    () => true,
    () => false,
  );
  if (usable && typeof (err as CommitFailure).code === 'string') (err as CommitFailure).rolledBack = true;
  return usable;
}

/** What a failed commit throws: a stale or transiently rolled-back one StaleQueueStateError (nothing written), else the error itself. */
function commitError(err: unknown): unknown {
  if ((err as CommitFailure).code === STALE_SQLSTATE) return new StaleQueueStateError();
  if (isTransientRollback(err)) return new StaleQueueStateError('transient');
  return err;
}
/** What one centre's queue state is read from (each a statement; see `stateFrom`). */
function loadSelects(centreId: string): string[] {
  const c = lit(centreId);
  return [
    `select centre_id, seq::text as seq, recall_delay_seconds, max_calls, undo_window_seconds, notify_at_position, message from scheduling.centre_queue_settings where centre_id = ${c}`,
    `select * from scheduling.service_queue where centre_id = ${c}`,
    `select * from scheduling.desk where centre_id = ${c}`,
    `select *, service_day::text as service_day from scheduling.ticket where centre_id = ${c} and status in ${ACTIVE}`,
    `select service_day::text as service_day, prefix, last_seq from scheduling.ticket_counter where centre_id = ${c} and service_day >= (now() at time zone 'Europe/Riga')::date - 1`,
    `select n.ticket_id from scheduling.ticket_notification n join scheduling.ticket t on t.id = n.ticket_id where t.centre_id = ${c} and t.status in ${ACTIVE}`,
    `select t.number, d.number as desk_number, t.last_called_at from scheduling.ticket t join scheduling.desk d on d.id = t.desk_id
      where t.centre_id = ${c} and t.last_called_at > now() - interval '12 hours' order by t.last_called_at desc limit ${RECENT_CALLS}`,
  ];
}
const LOAD_SELECTS = 7;

/** A centre locked for one command (QueueStateStore.lock). */
export interface CentreLock {
  /** The centre's state, read under the lock (also the store's cached copy now). */
  readonly state: CentreQueueState;
  /** The request id's stored answer, if a command with it was committed. */
  readonly receipt: { command: string; response: unknown } | null;
  /** Writes the command (seq check, statements) and commits, releasing the lock; on failure nothing is written. */
  commit(expectedSeq: number, nextSeq: number, statements: string[]): Promise<void>;
  /** Ends the transaction without writing (a no-op after `commit`). */
  release(): Promise<void>;
}
const RECENT_CALLS = 8;
const RECEIPTS_KEPT = 500;
const ACTIVE = "('waiting', 'called', 'serving', 'parked')";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- database rows: typed where mapped below
type Row = Record<string, any>;
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- revived JSON, typed by the entity it is assigned to
const json = (v: unknown): any => (v === null || v === undefined ? undefined : revive(v));

/**
 * Seals the tickets' visit notes at rest (AES-256-GCM with a key derived from PERSONAL_DATA_KEY
 * for this purpose only, ADR 0010): free text that may hold personal data. The column holds
 * `v1.<iv>.<tag>.<ciphertext>`; nothing else in the ticket row is sealed.
 */
export class NotesCipher {
  static readonly CONTEXT = 'vpvkac-is/queue-visit-notes';
  private readonly encryption: FieldEncryption;

  constructor(secret: string) {
    this.encryption = new FieldEncryption(secret, NotesCipher.CONTEXT);
  }

  seal(notes: string | undefined): string | null {
    return notes === undefined ? null : this.encryption.encrypt(notes);
  }

  open(sealed: string | null | undefined): string | undefined {
    return sealed === null || sealed === undefined ? undefined : this.encryption.decrypt(sealed);
  }
}

/**
 * The live state's objects are instances of the domain classes (their methods are the rules) whose
 * fields are plain own data properties. The classes are also MikroORM entities, and MikroORM puts
 * change-tracking setters on their prototypes: an object built by assignment (`new Ticket()`,
 * `Object.assign`) gets an accessor and a WrappedEntity per field, and every later read and write
 * goes through them. These objects never meet MikroORM (the queue writes SQL itself), so they are
 * made from a prototype placed between the object and the class's prototype that has a plain
 * writable data property for every field of the entity: assigning a field then creates an own data
 * property as on any object (the setter further up is never reached), and `instanceof` still holds.
 */
function plainPrototype(prototype: object, fields: readonly string[]): object {
  const descriptors: PropertyDescriptorMap = {};
  // The domain class's methods as they are when this module loads — before MikroORM's discovery
  // wraps every method of an entity's prototype in a guard (`this === prototype ? undefined :
  // fn.apply(this, args)`), which cost ~2 % of the server's CPU at the queue's peak rate. These
  // objects are never the prototype, so the guard never applied to them.
  for (let p: object | null = prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === 'constructor' || name in descriptors) continue;
      const d = Object.getOwnPropertyDescriptor(p, name)!;
      if (typeof d.value === 'function' || d.get || d.set) descriptors[name] = d;
    }
  }
  for (const key of fields) descriptors[key] = { value: undefined, writable: true, enumerable: false, configurable: true };
  return Object.create(prototype, descriptors) as object;
}

const FIELDS = {
  ticket: Object.keys(TicketSchema.meta.properties),
  desk: Object.keys(DeskSchema.meta.properties),
  queue: Object.keys(ServiceQueueSchema.meta.properties),
  settings: Object.keys(CentreQueueSettingsSchema.meta.properties),
};
const PLAIN = {
  ticket: plainPrototype(Ticket.prototype, FIELDS.ticket),
  desk: plainPrototype(Desk.prototype, FIELDS.desk),
  queue: plainPrototype(ServiceQueue.prototype, FIELDS.queue),
  settings: plainPrototype(CentreQueueSettings.prototype, FIELDS.settings),
};

function detached<T extends object>(plain: object, data: Record<string, unknown>): T {
  return Object.assign(Object.create(plain) as T, data);
}

/** The plain fields of a live-state object (the entity's fields only). */
function fieldsOf(value: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of fields) out[key] = (value as Record<string, unknown>)[key];
  return out;
}

export function ticketFromRow(r: Row, notes: NotesCipher): Ticket {
  return detached<Ticket>(PLAIN.ticket, {
    id: r.id,
    centreId: r.centre_id,
    queueId: r.queue_id,
    serviceDay: r.service_day,
    prefix: r.prefix,
    seq: Number(r.seq),
    number: r.number,
    priority: Number(r.priority),
    appointment: json(r.appointment),
    status: r.status,
    queueEnteredAt: r.queue_entered_at,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    calledCount: Number(r.called_count),
    lastCalledAt: opt(r.last_called_at),
    deskId: opt(r.desk_id),
    clerkId: opt(r.clerk_id),
    assignedClerkId: opt(r.assigned_clerk_id),
    parkReason: opt(r.park_reason),
    trackingToken: r.tracking_token,
    citizen: json(r.citizen),
    requests: json(r.requests) ?? [],
    periods: json(r.periods) ?? [],
    outcome: json(r.outcome),
    closedAt: opt(r.closed_at),
    version: Number(r.version),
    lastAction: json(r.last_action),
    notes: notes.open(r.notes),
    notesUpdatedAt: opt(r.notes_updated_at),
  });
}

function deskFromRow(r: Row): Desk {
  return detached<Desk>(PLAIN.desk, {
    id: r.id,
    centreId: r.centre_id,
    number: r.number,
    state: r.state,
    clerkId: opt(r.clerk_id),
    queueIds: r.queue_ids ?? [],
    currentTicketId: opt(r.current_ticket_id),
    stateChangedAt: opt(r.state_changed_at),
    version: Number(r.version),
  });
}

function queueFromRow(r: Row): ServiceQueue {
  return detached<ServiceQueue>(PLAIN.queue, {
    id: r.id,
    centreId: r.centre_id,
    nameLv: r.name_lv,
    nameEn: r.name_en,
    prefix: r.prefix,
    serviceCodes: r.service_codes ?? [],
    sortOrder: Number(r.sort_order),
    active: r.active,
  });
}

function settingsFromRow(r: Row): CentreQueueSettings {
  return detached<CentreQueueSettings>(PLAIN.settings, {
    centreId: r.centre_id,
    seq: Number(r.seq),
    recallDelaySeconds: Number(r.recall_delay_seconds),
    maxCalls: Number(r.max_calls),
    undoWindowSeconds: Number(r.undo_window_seconds),
    notifyAtPosition: Number(r.notify_at_position),
    message: opt(r.message),
  });
}

/**
 * A copy a command may change freely; the original stays as it was until the commit. What the
 * domain changes in place is copied: the ticket's own fields, the `periods` and `requests` arrays
 * and their (flat) items. What it only ever replaces as a whole is shared: `lastAction` (the undo
 * snapshot), `citizen`, `appointment`, `outcome` and every Date. Field by field, not through a
 * generic deep copy: ~3 % of the server's CPU at the queue's peak went to cloning. The unit tests
 * check that every field of the entity is copied and that no domain action on a copy changes the
 * original.
 */
export function cloneTicket(t: Ticket): Ticket {
  const c = Object.create(PLAIN.ticket) as Ticket;
  c.id = t.id;
  c.centreId = t.centreId;
  c.queueId = t.queueId;
  c.serviceDay = t.serviceDay;
  c.prefix = t.prefix;
  c.seq = t.seq;
  c.number = t.number;
  c.priority = t.priority;
  c.appointment = t.appointment;
  c.status = t.status;
  c.queueEnteredAt = t.queueEnteredAt;
  c.issuedAt = t.issuedAt;
  c.issuedBy = t.issuedBy;
  c.calledCount = t.calledCount;
  c.lastCalledAt = t.lastCalledAt;
  c.deskId = t.deskId;
  c.clerkId = t.clerkId;
  c.assignedClerkId = t.assignedClerkId;
  c.parkReason = t.parkReason;
  c.trackingToken = t.trackingToken;
  c.citizen = t.citizen;
  c.requests = t.requests.map((r) => ({ ...r }));
  c.periods = t.periods.map((p) => ({ ...p }));
  c.outcome = t.outcome;
  c.closedAt = t.closedAt;
  c.version = t.version;
  c.lastAction = t.lastAction;
  c.notes = t.notes;
  c.notesUpdatedAt = t.notesUpdatedAt;
  return c;
}

/** The fields cloneTicket copies (the unit test compares them with the entity's). */
export const TICKET_FIELDS: readonly string[] = FIELDS.ticket;

export function cloneDesk(d: Desk): Desk {
  return detached<Desk>(PLAIN.desk, { ...fieldsOf(d, FIELDS.desk), queueIds: [...d.queueIds] });
}
export function cloneSettings(s: CentreQueueSettings): CentreQueueSettings {
  return detached<CentreQueueSettings>(PLAIN.settings, fieldsOf(s, FIELDS.settings));
}

export const sortQueues = (queues: ServiceQueue[]): ServiceQueue[] =>
  [...queues].sort((a, b) => a.sortOrder - b.sortOrder || a.prefix.localeCompare(b.prefix));

// ---------------------------------------------------------------------------------------------- SQL text

export function upsertTicketSql(t: Ticket, notes: NotesCipher): string {
  const j = (v: unknown) => (v === undefined || v === null ? 'NULL' : lit({ json: v }));
  return `insert into scheduling.ticket (id, centre_id, queue_id, service_day, prefix, seq, number, priority, appointment, status, queue_entered_at, issued_at, issued_by,
 called_count, last_called_at, desk_id, clerk_id, assigned_clerk_id, park_reason, tracking_token, citizen, requests, periods, outcome, closed_at, version, last_action,
 notes, notes_updated_at) values (
 ${lit(t.id)}, ${lit(t.centreId)}, ${lit(t.queueId)}, ${lit(t.serviceDay)}::date, ${lit(t.prefix)}, ${lit(t.seq)}, ${lit(t.number)}, ${lit(t.priority)}, ${j(t.appointment)}, ${lit(t.status)},
 ${lit(t.queueEnteredAt)}, ${lit(t.issuedAt)}, ${lit(t.issuedBy)}, ${lit(t.calledCount)}, ${lit(t.lastCalledAt)}, ${lit(t.deskId)}, ${lit(t.clerkId)}, ${lit(t.assignedClerkId)},
 ${lit(t.parkReason)}, ${lit(t.trackingToken)}, ${j(t.citizen)}, ${j(t.requests)}, ${j(t.periods)}, ${j(t.outcome)}, ${lit(t.closedAt)}, ${lit(t.version)}, ${j(t.lastAction)},
 ${lit(notes.seal(t.notes))}, ${lit(t.notesUpdatedAt)})
 on conflict (id) do update set queue_id = excluded.queue_id, priority = excluded.priority, appointment = excluded.appointment, status = excluded.status,
 queue_entered_at = excluded.queue_entered_at, called_count = excluded.called_count, last_called_at = excluded.last_called_at, desk_id = excluded.desk_id,
 clerk_id = excluded.clerk_id, assigned_clerk_id = excluded.assigned_clerk_id, park_reason = excluded.park_reason, citizen = excluded.citizen,
 requests = excluded.requests, periods = excluded.periods, outcome = excluded.outcome, closed_at = excluded.closed_at, version = excluded.version,
 last_action = excluded.last_action, notes = excluded.notes, notes_updated_at = excluded.notes_updated_at`;
}

const sameTime = (a: Date | undefined, b: Date | undefined): boolean => (a === undefined || a === null ? b === undefined || b === null : !!b && a.getTime() === b.getTime());
const samePeriods = (a: readonly TicketPeriod[], b: readonly TicketPeriod[]): boolean =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i]!;
    return p.id === q.id && p.state === q.state && sameTime(p.startedAt, q.startedAt) && sameTime(p.endedAt, q.endedAt) && p.deskId === q.deskId && p.clerkId === q.clerkId && p.queueId === q.queueId && p.accurate === q.accurate;
  });
const sameRequests = (a: readonly ServiceRequest[], b: readonly ServiceRequest[]): boolean =>
  a.length === b.length &&
  a.every((r, i) => {
    const q = b[i]!;
    return r.id === q.id && r.serviceCode === q.serviceCode && r.channel === q.channel && r.quantity === q.quantity && sameTime(r.addedAt, q.addedAt) && r.addedBy === q.addedBy;
  });

/**
 * The commit statement for a ticket that is already stored and whose stored row is `before` (the
 * centre's live state — checked current by the commit's seq statement): an UPDATE of the columns
 * the command changed, not the upsert of every column. On a backend that is 0.16 instead of
 * 0.22–0.24 ms of CPU per statement; what costs is the JSON, and a command rarely changes more than
 * the periods and the undo snapshot. `citizen`, `appointment`, `outcome` and `lastAction` are only
 * ever replaced as a whole (see cloneTicket), so an unchanged one is the same object.
 */
export function updateTicketSql(before: Ticket, t: Ticket, notes: NotesCipher): string {
  const j = (v: unknown) => (v === undefined || v === null ? 'NULL' : lit({ json: v }));
  const set: string[] = [];
  if (t.queueId !== before.queueId) set.push(`queue_id = ${lit(t.queueId)}`);
  if (t.priority !== before.priority) set.push(`priority = ${lit(t.priority)}`);
  if (t.appointment !== before.appointment) set.push(`appointment = ${j(t.appointment)}`);
  if (t.status !== before.status) set.push(`status = ${lit(t.status)}`);
  if (!sameTime(t.queueEnteredAt, before.queueEnteredAt)) set.push(`queue_entered_at = ${lit(t.queueEnteredAt)}`);
  if (t.calledCount !== before.calledCount) set.push(`called_count = ${lit(t.calledCount)}`);
  if (!sameTime(t.lastCalledAt, before.lastCalledAt)) set.push(`last_called_at = ${lit(t.lastCalledAt)}`);
  if (t.deskId !== before.deskId) set.push(`desk_id = ${lit(t.deskId)}`);
  if (t.clerkId !== before.clerkId) set.push(`clerk_id = ${lit(t.clerkId)}`);
  if (t.assignedClerkId !== before.assignedClerkId) set.push(`assigned_clerk_id = ${lit(t.assignedClerkId)}`);
  if (t.parkReason !== before.parkReason) set.push(`park_reason = ${lit(t.parkReason)}`);
  if (t.citizen !== before.citizen) set.push(`citizen = ${j(t.citizen)}`);
  if (!sameRequests(t.requests, before.requests)) set.push(`requests = ${j(t.requests)}`);
  if (!samePeriods(t.periods, before.periods)) set.push(`periods = ${j(t.periods)}`);
  if (t.outcome !== before.outcome) set.push(`outcome = ${j(t.outcome)}`);
  if (!sameTime(t.closedAt, before.closedAt)) set.push(`closed_at = ${lit(t.closedAt)}`);
  set.push(`version = ${lit(t.version)}`);
  if (t.lastAction !== before.lastAction) set.push(`last_action = ${j(t.lastAction)}`);
  if (t.notes !== before.notes) set.push(`notes = ${lit(notes.seal(t.notes))}`);
  if (!sameTime(t.notesUpdatedAt, before.notesUpdatedAt)) set.push(`notes_updated_at = ${lit(t.notesUpdatedAt)}`);
  return `update scheduling.ticket set ${set.join(', ')} where id = ${lit(t.id)}`;
}

export function upsertDeskSql(d: Desk): string {
  return `insert into scheduling.desk (id, centre_id, number, state, clerk_id, queue_ids, current_ticket_id, state_changed_at, version) values (
 ${lit(d.id)}, ${lit(d.centreId)}, ${lit(d.number)}, ${lit(d.state)}, ${lit(d.clerkId)}, ${lit(d.queueIds)}, ${lit(d.currentTicketId)}, ${lit(d.stateChangedAt)}, ${lit(d.version)})
 on conflict (id) do update set state = excluded.state, clerk_id = excluded.clerk_id, queue_ids = excluded.queue_ids, current_ticket_id = excluded.current_ticket_id,
 state_changed_at = excluded.state_changed_at, version = excluded.version`;
}

export function insertQueueSql(q: ServiceQueue): string {
  return `insert into scheduling.service_queue (id, centre_id, name_lv, name_en, prefix, service_codes, sort_order, active) values (
 ${lit(q.id)}, ${lit(q.centreId)}, ${lit(q.nameLv)}, ${lit(q.nameEn)}, ${lit(q.prefix)}, ${lit(q.serviceCodes)}, ${lit(q.sortOrder)}, ${lit(q.active)})`;
}

/** The centre's settings, when a command changed them (the commit's `seq` moves on in advanceSeqsSql). */
export function updateSettingsSql(centreId: string, s: Pick<CentreQueueSettings, 'recallDelaySeconds' | 'maxCalls' | 'undoWindowSeconds' | 'notifyAtPosition' | 'message'>): string {
  return `update scheduling.centre_queue_settings set recall_delay_seconds = ${lit(s.recallDelaySeconds)}, max_calls = ${lit(s.maxCalls)},
        undo_window_seconds = ${lit(s.undoWindowSeconds)}, notify_at_position = ${lit(s.notifyAtPosition)}, message = ${lit(s.message ?? null)} where centre_id = ${lit(centreId)}`;
}

/** Whether a command changed the centre's settings (then the commit writes them). */
export function settingsChanged(before: CentreQueueSettings, after: CentreQueueSettings): boolean {
  return (
    before.recallDelaySeconds !== after.recallDelaySeconds ||
    before.maxCalls !== after.maxCalls ||
    before.undoWindowSeconds !== after.undoWindowSeconds ||
    before.notifyAtPosition !== after.notifyAtPosition ||
    (before.message ?? null) !== (after.message ?? null)
  );
}

/** The stored answer of a command sent with a request id (Idempotency-Key). */
export function insertReceiptSql(requestId: string, centreId: string, actor: string, command: string, responseJson: string): string {
  return `insert into scheduling.command_receipt (request_id, centre_id, actor, command, response) values (${lit(requestId)}, ${lit(centreId)}, ${lit(actor)}, ${lit(command)}, ${lit(responseJson)}::jsonb)`;
}

/** A commit's first statement for one centre: locks its settings row, checks the copy's seq and moves it on. */
export function advanceSeqSql(centreId: string, expectedSeq: number, nextSeq: number): string {
  return advanceSeqsSql([{ centreId, expectedSeq, nextSeq }]);
}

/**
 * A (group) commit's first statement: for every centre in the given order, under its row lock,
 * `seq` moves from the seq the state copy was built on to the commit's last one, or SQLSTATE VQ001
 * rolls everything back (scheduling.advance_queue_seqs, migration 20261128230000).
 */
export function advanceSeqsSql(checks: readonly Pick<PendingCommit, 'centreId' | 'expectedSeq' | 'nextSeq'>[]): string {
  const ids = checks.map((c) => lit(c.centreId)).join(',');
  const expected = checks.map((c) => lit(c.expectedSeq)).join(',');
  const next = checks.map((c) => lit(c.nextSeq)).join(',');
  return `select scheduling.advance_queue_seqs(ARRAY[${ids}]::uuid[], ARRAY[${expected}]::bigint[], ARRAY[${next}]::bigint[])`;
}

/** The whole message of a (group) commit: begin, every centre's seq check and advance, every command's writes, commit. */
export function groupCommitSql(batch: readonly PendingCommit[]): string {
  return ['begin', advanceSeqsSql(batch), ...batch.flatMap((c) => c.statements), 'commit'].join(';\n');
}

/**
 * Loads and commits centres' queue states with raw SQL in as few round trips as possible: a
 * load is one round trip (a repeatable-read snapshot of every table), a command's commit is one
 * (`begin; check seq; writes; commit` as one simple-protocol message).
 */
@Injectable()
export class QueueStateStore implements OnApplicationShutdown {
  private readonly logger = new Logger(QueueStateStore.name);
  private pool?: Pool;
  private checked?: Promise<void>;
  private readonly listening = new WeakSet<PoolClient>();
  private readonly states = new Map<string, CentreQueueState>();

  /**
   * Whether this is known to be the only instance writing queues (set by the realtime layer from
   * socket.io's cluster heartbeats). Then a cached state needs no `seq` check before a read.
   */
  private aloneCheck: () => Promise<boolean> = () => Promise.resolve(false);

  private readonly notes: NotesCipher;
  private readonly committer: GroupCommitter;
  private readonly lockTimeoutMs: number;
  private readonly locked: Counter;

  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string, config: AppConfig, metrics: MetricsService) {
    this.notes = new NotesCipher(config.personalDataKey);
    this.lockTimeoutMs = config.QUEUE_LOCK_TIMEOUT_MS;
    this.locked = new Counter({
      name: 'queue_commands_locked_total',
      help: 'Queue commands run under the centre’s row lock after repeated stale commits (another instance committing to the same centre)',
      registers: [metrics.registry],
    });
    const batchSize = new Histogram({
      name: 'queue_commit_batch_size',
      help: 'Queue commands committed together in one transaction (group commit)',
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers: [metrics.registry],
    });
    const waited = new Histogram({
      name: 'queue_commit_wait_seconds',
      help: 'How long a queue command’s commit waited for a free commit slot (group commit: QUEUE_COMMITS_IN_FLIGHT)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [metrics.registry],
    });
    const sent = new Histogram({
      name: 'queue_commit_transaction_seconds',
      help: 'Round trip of one queue commit transaction (one message: begin … commit), from sending to its answer',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [metrics.registry],
    });
    this.committer = new GroupCommitter((sql) => this.send(sql), groupCommitSql, { maxInFlight: config.QUEUE_COMMITS_IN_FLIGHT, maxBatch: 64 }, (batch) => {
      batchSize.observe(batch.size);
      for (const ms of batch.waitedMs) waited.observe(ms / 1000);
      sent.observe(batch.sentMs / 1000);
    });
  }

  /**
   * The commit statement writing a ticket (its notes sealed): the changed columns of a stored one
   * whose stored row is `before`, else the whole row (a new ticket, or one read back from the table).
   */
  ticketSql(t: Ticket, before?: Ticket): string {
    return before ? updateTicketSql(before, t, this.notes) : upsertTicketSql(t, this.notes);
  }

  setAloneCheck(check: () => Promise<boolean>): void {
    this.aloneCheck = check;
  }

  alone(): Promise<boolean> {
    return this.aloneCheck().catch(() => false);
  }

  private async client(): Promise<PoolClient> {
    if (!this.pool) {
      this.pool = new Pool({ connectionString: this.databaseUrl, max: 8 });
      this.pool.on('error', (err) => this.logger.warn({ err }, 'queue store: database connection lost'));
    }
    const client = await this.pool.connect();
    // A connection that breaks while checked out reports it as an 'error' event: without a listener that would end the process.
    if (!this.listening.has(client)) {
      this.listening.add(client);
      client.on('error', (err) => this.logger.warn({ err }, 'queue store: database connection lost during a query'));
    }
    this.checked ??= assertStandardStrings((sql) => client.query(sql)).catch((err: unknown) => {
      this.checked = undefined;
      throw err;
    });
    try {
      await this.checked;
    } catch (err) {
      client.release();
      throw err;
    }
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  cached(centreId: string): CentreQueueState | undefined {
    return this.states.get(centreId);
  }

  invalidate(centreId: string): void {
    this.states.delete(centreId);
  }

  /** The cached copy when the database's seq still matches it, else a fresh load (for queries). */
  async fresh(centreId: string): Promise<CentreQueueState> {
    const cached = this.states.get(centreId);
    if (cached && (await this.alone()) && this.states.get(centreId) === cached) return cached;
    if (cached) {
      const { rows } = await this.query(`select seq::text as seq from scheduling.centre_queue_settings where centre_id = ${lit(centreId)}`);
      if (rows[0] && Number(rows[0].seq) === cached.seq && this.states.get(centreId) === cached) return cached;
    }
    return this.load(centreId);
  }

  /** Reads the centre's whole live queue in one round trip (creating its settings row if missing). */
  async load(centreId: string): Promise<CentreQueueState> {
    const sql = ['begin isolation level repeatable read read only', ...loadSelects(centreId), 'commit'].join(';\n');
    const results = (await this.query(sql, true)) as unknown as QueryResult[];
    if (results[1]!.rows.length === 0) {
      await this.createSettings(centreId);
      return this.load(centreId);
    }
    return this.stateFrom(centreId, results.slice(1, 1 + LOAD_SELECTS));
  }

  /** First use of the centre's queue: its settings row (seq 0). */
  private async createSettings(centreId: string): Promise<void> {
    const defaults = new CentreQueueSettings();
    await this.query(
      `insert into scheduling.centre_queue_settings (centre_id, seq, recall_delay_seconds, max_calls, undo_window_seconds, notify_at_position)
        values (${lit(centreId)}, 0, ${lit(defaults.recallDelaySeconds)}, ${lit(defaults.maxCalls)}, ${lit(defaults.undoWindowSeconds)}, ${lit(defaults.notifyAtPosition)}) on conflict do nothing`,
    );
  }

  /** The state from the results of `loadSelects`, cached as the centre's current copy. */
  private stateFrom(centreId: string, results: QueryResult[]): CentreQueueState {
    const [settingsRes, queuesRes, desksRes, ticketsRes, countersRes, notifiedRes, callsRes] = results;
    const settings = settingsFromRow(settingsRes!.rows[0]!);
    const state = new CentreQueueState(
      centreId,
      settings.seq,
      settings,
      sortQueues(queuesRes!.rows.map(queueFromRow)),
      new Map(desksRes!.rows.map((r) => [r.id as string, deskFromRow(r)])),
      new Map(ticketsRes!.rows.map((r) => [r.id as string, ticketFromRow(r, this.notes)])),
      new Map(countersRes!.rows.map((r) => [`${r.service_day}|${r.prefix}`, Number(r.last_seq)])),
      new Set(notifiedRes!.rows.map((r) => r.ticket_id as string)),
      callsRes!.rows.map((r) => ({ number: r.number, deskNumber: r.desk_number, at: r.last_called_at })),
      this.states.get(centreId)?.receipts ?? new Map(),
    );
    this.states.set(centreId, state);
    return state;
  }

  /**
   * Takes the centre's row lock in a transaction of its own, then reads the centre's state in it:
   * until the lock is released no other instance can commit to the centre, so a command run on
   * this state cannot turn out stale. For a centre whose commands keep going stale because another
   * instance commits to it as fast (optimistic retries could starve). One round trip; also reads
   * the request id's stored answer. Waits at most QUEUE_LOCK_TIMEOUT_MS for the lock, else
   * StaleQueueStateError('transient'). The caller must `release()` the lock (after `commit`, or
   * instead of it: then nothing is written).
   */
  async lock(centreId: string, requestId?: string): Promise<CentreLock> {
    const client = await this.client();
    let open = true;
    /** Ends the transaction: rolled back unless it already ended (`ended`: committed, or rolled back after a failed statement — then `usable` says whether the connection survived). */
    const end = async (ended = false, usable = true): Promise<void> => {
      if (!open) return;
      open = false;
      if (!ended) usable = await client.query('rollback').then(() => true, () => false);
      client.release(!usable);
    };
    let results: QueryResult[];
    try {
      const sql = [
        'begin',
        `set local lock_timeout = ${lit(this.lockTimeoutMs)}`,
        `select seq from scheduling.centre_queue_settings where centre_id = ${lit(centreId)} for update`,
        ...loadSelects(centreId),
        ...(requestId ? [`select command, response from scheduling.command_receipt where request_id = ${lit(requestId)}`] : []),
      ].join(';\n');
      results = (await client.query(sql)) as unknown as QueryResult[];
    } catch (err) {
      await end(true, await rollBack(client, err));
      throw commitError(err);
    }
    if (results[2]!.rows.length === 0) {
      await end();
      await this.createSettings(centreId);
      return this.lock(centreId, requestId);
    }
    this.locked.inc();
    const state = this.stateFrom(centreId, results.slice(3, 3 + LOAD_SELECTS));
    const row = requestId ? results[3 + LOAD_SELECTS]!.rows[0] : undefined;
    return {
      state,
      receipt: row ? { command: row.command, response: row.response } : null,
      commit: async (expectedSeq, nextSeq, statements) => {
        if (!open) throw new Error('centre lock already released');
        try {
          await client.query([advanceSeqsSql([{ centreId, expectedSeq, nextSeq }]), ...statements, 'commit'].join(';\n'));
        } catch (err) {
          await end(true, await rollBack(client, err));
          throw commitError(err);
        }
        await end(true);
      },
      release: () => end(),
    };
  }

  /** A ticket that is not active any more (read outside the commit; the commit's seq check guards it). */
  async closedTicket(centreId: string, id: string): Promise<Ticket | null> {
    const { rows } = await this.query(`select *, service_day::text as service_day from scheduling.ticket where id = ${lit(id)} and centre_id = ${lit(centreId)}`);
    return rows[0] ? ticketFromRow(rows[0], this.notes) : null;
  }

  /**
   * After a command failed on the cached state: the centre's seq in the database (if it differs,
   * the failure may come from a stale copy) and the stored receipt of the request id, if any.
   */
  async recheck(centreId: string, requestId?: string): Promise<{ seq: number | null; receipt: { command: string; response: unknown } | null }> {
    const sql = [`select seq::text as seq from scheduling.centre_queue_settings where centre_id = ${lit(centreId)}`];
    if (requestId) sql.push(`select command, response from scheduling.command_receipt where request_id = ${lit(requestId)}`);
    const result = await this.query(sql.join(';\n'));
    const [seqRes, receiptRes] = (Array.isArray(result) ? result : [result]) as QueryResult[];
    const row = receiptRes?.rows[0];
    return { seq: seqRes!.rows[0] ? Number(seqRes!.rows[0].seq) : null, receipt: row ? { command: row.command, response: row.response } : null };
  }

  async receipt(requestId: string): Promise<{ command: string; response: unknown } | null> {
    const { rows } = await this.query(`select command, response from scheduling.command_receipt where request_id = ${lit(requestId)}`);
    return rows[0] ? { command: rows[0].command, response: rows[0].response } : null;
  }

  /**
   * Runs `statements` in one transaction, in one round trip, after checking that the centre's seq
   * is still `expectedSeq` (and moving it to `nextSeq`) — together with other centres' commits waiting at the same time (group
   * commit, see GroupCommitter). Throws StaleQueueStateError if the seq moved on (nothing written).
   */
  async commit(centreId: string, expectedSeq: number, nextSeq: number, statements: string[]): Promise<void> {
    try {
      await this.committer.commit({ centreId, expectedSeq, nextSeq, statements });
    } catch (err) {
      throw commitError(err);
    }
  }

  /** One commit message on a pooled connection; a failed statement's transaction is rolled back. */
  private async send(sql: string): Promise<void> {
    const client = await this.client();
    let broken = false;
    try {
      await client.query(sql);
    } catch (err) {
      broken = !(await rollBack(client, err));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  remember(state: CentreQueueState, requestId: string, command: string, json: string): void {
    state.receipts.set(requestId, { command, json });
    if (state.receipts.size > RECEIPTS_KEPT) state.receipts.delete(state.receipts.keys().next().value!);
  }

  private async query(sql: string, multi = false): Promise<QueryResult> {
    const client = await this.client();
    try {
      const result = await client.query(sql);
      if (multi && !Array.isArray(result)) throw new Error('expected several results');
      return result;
    } catch (err) {
      if (multi) await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
