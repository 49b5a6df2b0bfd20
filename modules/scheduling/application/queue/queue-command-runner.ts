import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { integrationEvent, invalid, DomainError } from '@modules/shared-kernel';
import type { Principal } from '@infrastructure/auth/principal';
import { lit } from '@infrastructure/database/sql-literal';
import { Outbox } from '@infrastructure/messaging/outbox';
import { positionOf, type Ticket } from '../../domain/queue';
import { QueueEstimator } from './queue-estimator';
import { QueueClock } from './queue-clock';
import type { TrackUpdate } from './queue-broadcaster';
import { QueueEvents, SCHEDULING_MODULE, type QueueChange, type TicketApproachingPayload } from '../../contracts';
import { insertQueueSql, insertReceiptSql, QueueStateStore, type CentreLock, settingsChanged, StaleQueueStateError, updateSettingsSql, upsertDeskSql, type CentreQueueState } from '../../infrastructure/persistence';
import { QueueBroadcaster, type CommittedQueueChanges } from './queue-broadcaster';
import { QueueUnitOfWork } from './queue-unit-of-work';

export interface QueueCommandContext {
  centreId: string;
  actor: Principal | { subject: string };
  /** Client-supplied id: a retried command returns the first answer and changes nothing. */
  requestId?: string;
  command: string;
}

// Another instance committing to the same centre makes a commit stale. Each stale attempt means
// someone else made progress, but an instance can lose that race again and again while another
// commits to the centre as fast (two instances, clerks of one centre on both: measured 16 of ~700
// commands giving up after 30 optimistic attempts). So after a few optimistic attempts the command
// runs under the centre's row lock (QueueStateStore.lock), where it cannot go stale.
const OPTIMISTIC_ATTEMPTS = 3;
/** Attempts in all; only a transient rollback (deadlock, lock timeout) makes a locked attempt fail. */
const MAX_ATTEMPTS = 6;

/** 503 with Retry-After: the command did nothing and may be sent again (with the same Idempotency-Key). */
export const queueBusy = (): DomainError =>
  new DomainError('QUEUE.BUSY', 'unavailable', { lv: 'Centra rinda šobrīd ir ļoti noslogota; mēģiniet vēlreiz', en: 'The centre’s queue is very busy right now; try again' }, [], { retryAfterSeconds: 1 });
const UNIQUE_VIOLATION = '23505';
/** Fields of command answers that are never stored with the request id (ticket views' visit notes). */
const NOT_IN_RECEIPTS = new Set(['notes', 'notesUpdatedAt']);

/**
 * Runs one queue command against the centre's in-memory state (QueueStateStore): commands of a
 * centre take turns in this process; the work runs on copies; the commit — ticket and desk rows,
 * number counters, the centre's sequence number, integration events (outbox) and the request
 * receipt — is one transaction in one round trip that first checks, under the centre's row lock,
 * that no other instance changed the centre meanwhile (else the state is reloaded and the command
 * re-run). Then the changes go to every console, display and tracker of the centre.
 */
@Injectable()
export class QueueCommandRunner {
  private readonly logger = new Logger(QueueCommandRunner.name);
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly em: EntityManager,
    private readonly store: QueueStateStore,
    private readonly outbox: Outbox,
    private readonly broadcaster: QueueBroadcaster,
    private readonly estimator: QueueEstimator,
    private readonly clock: QueueClock,
  ) {}

  async run<T>(ctx: QueueCommandContext, work: (uow: QueueUnitOfWork) => Promise<T>): Promise<T> {
    // Commands of one centre wait their turn here, in this process, without holding a connection.
    const previous = this.turns.get(ctx.centreId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const turn = previous.then(() => mine);
    this.turns.set(ctx.centreId, turn);
    await previous;
    try {
      return await this.runInTurn(ctx, work);
    } finally {
      release();
      if (this.turns.get(ctx.centreId) === turn) this.turns.delete(ctx.centreId);
    }
  }

  private async runInTurn<T>(ctx: QueueCommandContext, work: (uow: QueueUnitOfWork) => Promise<T>): Promise<T> {
    const held: { lock?: CentreLock } = {};
    try {
      return await this.attempts(ctx, work, held);
    } finally {
      await held.lock?.release();
    }
  }

  /**
   * Runs the command on the centre's state until a commit goes through. Optimistic first (the
   * cached copy, checked at commit); after `OPTIMISTIC_ATTEMPTS` stale commits — another instance
   * keeps committing to the centre — under the centre's row lock, which cannot go stale.
   */
  private async attempts<T>(ctx: QueueCommandContext, work: (uow: QueueUnitOfWork) => Promise<T>, held: { lock?: CentreLock }): Promise<T> {
    const receiptCommand = `${ctx.centreId}:${ctx.command}`;
    for (let attempt = 1; ; attempt++) {
      if (attempt > OPTIMISTIC_ATTEMPTS) {
        await held.lock?.release(); // a failed locked attempt's (already ended)
        held.lock = await this.store.lock(ctx.centreId, ctx.requestId).catch((err: unknown) => {
          if (!(err instanceof StaleQueueStateError)) throw err;
          this.logger.warn({ centreId: ctx.centreId, command: ctx.command.split(':')[0], attempts: attempt }, 'queue command: the centre stayed locked by another instance');
          throw queueBusy();
        });
        if (held.lock.receipt) return this.replay(held.lock.receipt, receiptCommand) as T;
      }
      const lock = held.lock;
      const state = lock?.state ?? this.store.cached(ctx.centreId) ?? (await this.store.load(ctx.centreId));
      if (ctx.requestId) {
        const known = state.receipts.get(ctx.requestId);
        if (known) return this.replay({ command: known.command, response: JSON.parse(known.json) as unknown }, receiptCommand) as T;
      }
      const uow = new QueueUnitOfWork(state, this.clock.now(), (id) => this.store.closedTicket(ctx.centreId, id));
      let result: T;
      try {
        result = await work(uow);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // Under the lock, or alone, the copy is the truth (and a request id's receipt is in memory
        // since this start, or in the database from before: read with the lock).
        if (lock || (!ctx.requestId && (await this.store.alone()))) throw err;
        // A retried command whose first attempt committed (maybe on another instance) gets the first
        // answer; a refusal based on a copy another instance has since changed is tried again.
        const { seq, receipt } = await this.store.recheck(ctx.centreId, ctx.requestId);
        if (receipt) return this.replay(receipt, receiptCommand) as T;
        if (seq !== state.seq && attempt < MAX_ATTEMPTS) {
          if (attempt < OPTIMISTIC_ATTEMPTS) await this.store.load(ctx.centreId);
          continue;
        }
        throw err;
      }
      this.stageApproaching(uow);
      const committed = await this.commit(ctx, state, uow, result, receiptCommand, lock).catch(async (err: unknown) => {
        if (err instanceof StaleQueueStateError && attempt < MAX_ATTEMPTS) {
          if (attempt < OPTIMISTIC_ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 2));
            await this.store.load(ctx.centreId);
          }
          return null;
        }
        this.store.invalidate(ctx.centreId);
        // Nothing was written, but the centre kept changing under it: a clear, retryable answer
        // (the consoles retry with the same Idempotency-Key), not an internal error.
        if (err instanceof StaleQueueStateError) {
          this.logger.warn({ centreId: ctx.centreId, command: ctx.command.split(':')[0], attempts: attempt, reason: err.reason }, 'queue command gave up after repeated stale commits');
          throw queueBusy();
        }
        if (ctx.requestId && (err as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION && (err as { constraint?: string }).constraint === 'command_receipt_pkey') {
          const stored = await this.store.receipt(ctx.requestId);
          if (stored) return { replayed: this.replay(stored, receiptCommand) };
        }
        throw err;
      });
      if (committed === null) continue;
      if ('replayed' in committed) return committed.replayed as T;
      this.outbox.nudge(uow.events);
      this.broadcaster.publish(committed).catch((err: unknown) => this.logger.error({ err }, 'queue broadcast failed'));
      return result;
    }
  }

  private replay(receipt: { command: string; response: unknown }, command: string): unknown {
    if (receipt.command !== command) {
      throw invalid('QUEUE.REQUEST_ID_REUSED', 'Šis pieprasījuma identifikators jau izmantots citai darbībai', 'This request id was already used for another command');
    }
    return receipt.response;
  }

  /** Writes the command's work in one round trip; on success applies it to the in-memory state. */
  private async commit<T>(ctx: QueueCommandContext, state: CentreQueueState, uow: QueueUnitOfWork, result: T, receiptCommand: string, lock?: CentreLock): Promise<CommittedQueueChanges> {
    const firstSeq = state.seq + 1;
    const count = uow.changes.length;
    const lastSeq = state.seq + count;
    const at = uow.now.toISOString();
    const c = lit(ctx.centreId);
    const statements: string[] = [];
    for (const q of uow.newQueues) statements.push(insertQueueSql(q));
    for (const d of uow.workingDesks.values()) statements.push(upsertDeskSql(d));
    // A ticket of the live state is updated in the columns this command changed; a new one inserted.
    for (const t of uow.workingTickets.values()) statements.push(this.store.ticketSql(t, state.active.get(t.id)));
    for (const [key, last] of uow.counters) {
      const [day, prefix] = key.split('|') as [string, string];
      statements.push(`insert into scheduling.ticket_counter (centre_id, service_day, prefix, last_seq) values (${c}, ${lit(day)}::date, ${lit(prefix)}, ${lit(last)})
        on conflict (centre_id, service_day, prefix) do update set last_seq = excluded.last_seq`);
    }
    if (uow.notified.size > 0) statements.push(`insert into scheduling.ticket_notification (ticket_id) values ${[...uow.notified].map((id) => `(${lit(id)})`).join(', ')} on conflict do nothing`);
    if (settingsChanged(state.settings, uow.settings)) statements.push(updateSettingsSql(ctx.centreId, uow.settings));
    const outbox = this.outbox.insertSql(uow.events);
    if (outbox) statements.push(outbox);
    // The stored answer leaves out visit notes (personal data is not copied into receipts): a retry gets the answer without them.
    const receiptJson = ctx.requestId ? JSON.stringify(result ?? null, (key, value: unknown) => (NOT_IN_RECEIPTS.has(key) ? undefined : value)) : 'null';
    if (ctx.requestId) {
      statements.push(insertReceiptSql(ctx.requestId, ctx.centreId, ctx.actor.subject, receiptCommand, receiptJson));
    }
    if (lock) await lock.commit(state.seq, lastSeq, statements);
    else await this.store.commit(ctx.centreId, state.seq, lastSeq, statements);

    // Committed: the copies become the state.
    for (const q of uow.newQueues) state.queues = [...state.queues, q].sort((a, b) => a.sortOrder - b.sortOrder || a.prefix.localeCompare(b.prefix));
    for (const d of uow.workingDesks.values()) state.desks.set(d.id, d);
    for (const t of uow.workingTickets.values()) {
      if (t.isClosed()) {
        state.active.delete(t.id);
        state.notified.delete(t.id);
      } else state.active.set(t.id, t);
    }
    for (const [key, last] of uow.counters) state.counters.set(key, last);
    for (const id of uow.notified) state.notified.add(id);
    if (uow.calls.length > 0) state.recentCalls = [...uow.calls.map((call) => ({ number: call.number, deskNumber: call.deskNumber, at: uow.now })).reverse(), ...state.recentCalls].slice(0, 8);
    state.settings = Object.assign(uow.settings, { seq: lastSeq });
    state.seq = lastSeq;
    if (ctx.requestId) this.store.remember(state, ctx.requestId, receiptCommand, receiptJson);

    const changes: QueueChange[] = uow.changes.map((change, i) => ({ centreId: ctx.centreId, seq: firstSeq + i, at, ...change }));
    return {
      centreId: ctx.centreId,
      changes,
      calls: uow.calls.map((call) => ({ ...call, at, seq: lastSeq })),
      track: (await this.broadcaster.tracking(ctx.centreId)) ? await this.trackViews(uow, lastSeq) : [],
      displayChanged: uow.affectsDisplay,
    };
  }

  private async trackViews(uow: QueueUnitOfWork, seq: number): Promise<TrackUpdate[]> {
    if (uow.trackedAfter.size === 0) return [];
    const [active, queues, samples] = await Promise.all([uow.activeTickets(), uow.queues(), this.estimator.samples(() => this.em.fork(), uow.centreId)]);
    const desks = uow.desks();
    const waiting = active.filter((t) => t.status === 'waiting');
    const updatedAt = uow.now.toISOString();
    return [...uow.trackedAfter.values()].map((t) => {
      const position = t.status === 'waiting' ? positionOf(t, waiting) : null;
      const queue = queues.find((q) => q.id === t.queueId);
      const estimate = position !== null && queue ? this.estimator.estimate(samples, queue, desks, position, uow.now, t.requests[0]?.serviceCode) : null;
      const deskNumber = (t.status === 'called' || t.status === 'serving') && t.deskId ? (desks.find((d) => d.id === t.deskId)?.number ?? null) : null;
      return { trackingToken: t.trackingToken, view: { seq, number: t.number, status: t.status, position, estimate, deskNumber, updatedAt } };
    });
  }

  /**
   * Tickets whose place in line changed are refreshed on their trackers; a ticket that reaches the
   * centre's notification place for the first time produces TicketApproaching (once, ever).
   */
  private stageApproaching(uow: QueueUnitOfWork): void {
    if (uow.touchedQueueIds.size === 0) return;
    const active: Ticket[] = [];
    for (const t of uow.state.active.values()) active.push(uow.workingTickets.get(t.id) ?? t);
    for (const t of uow.workingTickets.values()) if (!uow.state.active.has(t.id)) active.push(t);
    const waiting = active.filter((t) => t.status === 'waiting');
    const candidates = waiting.filter((t) => uow.touchedQueueIds.has(t.queueId));
    for (const t of [...candidates, ...uow.touchedTickets.values()]) uow.trackedAfter.set(t.id, t);
    const limit = uow.settings.notifyAtPosition;
    if (limit <= 0) return;
    for (const ticket of candidates) {
      const position = positionOf(ticket, waiting);
      if (position === null || position > limit) continue;
      if (uow.state.notified.has(ticket.id) || uow.notified.has(ticket.id)) continue;
      uow.notified.add(ticket.id);
      const payload: TicketApproachingPayload = {
        ticketId: ticket.id,
        centreId: ticket.centreId,
        queueId: ticket.queueId,
        number: ticket.number,
        serviceDay: ticket.serviceDay,
        position,
        trackingToken: ticket.trackingToken,
      };
      uow.publish(integrationEvent(SCHEDULING_MODULE, QueueEvents.TicketApproaching, payload, ticket.id, uow.now));
    }
  }
}
