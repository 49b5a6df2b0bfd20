import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { GetServiceQuery } from '@modules/network';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, integrationEvent, invalid, notFound } from '@modules/shared-kernel';
import { AppConfig } from '@infrastructure/config/app-config';
import { assertAppointmentCheckIn, chooseNextTicket, Desk, earliestWaitingAt, periodDurations, positionOf, queueError, queueForService, serviceDayOf, Ticket } from '../../domain/queue';
import { QueueEvents, SCHEDULING_MODULE, type DeskView, type TicketView, type VisitEndedPayload } from '../../contracts';
import { CalendarRepository } from '../../infrastructure/persistence/calendar.repository';
import { assertOperatesCentre } from './queue-access';
import { centreOfDesk, centreOfTicket, remember } from './centre-of';
import { QueueCommandRunner } from './queue-command-runner';
import { ActOnTicketCommand, CallNextCommand, CallTicketCommand, IssueTicketCommand, OpenDeskCommand, SetDeskStateCommand, SetTicketNotesCommand, type Issued } from './queue-commands';
import type { QueueUnitOfWork } from './queue-unit-of-work';
import { rememberTracking } from './tracking-index';
import { toClerkTicketView, toDeskView, toTicketView } from './queue-views.mapper';

const ref = (t: Ticket) => ({ ticketId: t.id, centreId: t.centreId, queueId: t.queueId, number: t.number, serviceDay: t.serviceDay });
const requestsOf = (t: Ticket) => t.requests.map((r) => ({ serviceCode: r.serviceCode, channel: r.channel, quantity: r.quantity }));
const iso = (d: Date | string | undefined): string | null => (d ? new Date(d).toISOString() : null);

function visitEnded(uow: QueueUnitOfWork, t: Ticket): void {
  const payload: VisitEndedPayload = {
    ...ref(t),
    status: t.status,
    priority: t.priority,
    issuedAt: t.issuedAt.toISOString(),
    closedAt: iso(t.closedAt) ?? uow.now.toISOString(),
    outcome: t.outcome ?? null,
    requests: requestsOf(t),
    periods: t.periods.map((p) => ({
      state: p.state,
      startedAt: new Date(p.startedAt).toISOString(),
      endedAt: iso(p.endedAt),
      deskId: p.deskId ?? null,
      clerkId: p.clerkId ?? null,
      queueId: p.queueId,
      accurate: p.accurate,
    })),
    durations: periodDurations(t),
  };
  uow.publish(integrationEvent(SCHEDULING_MODULE, QueueEvents.VisitEnded, payload, t.id, uow.now));
}

@CommandHandler(IssueTicketCommand)
export class IssueTicketHandler implements ICommandHandler<IssueTicketCommand> {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly config: AppConfig,
    private readonly calendar: CalendarRepository,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Who the visitor is (name, personal code) is taken only for a service that needs it (the
   * catalogue's `citizenIdentity`): for any other, or without a service, the queue keeps no
   * personal data and refuses it.
   */
  private async assertCitizenWanted(serviceCode: string | undefined): Promise<void> {
    const service = serviceCode ? await this.queries.execute(new GetServiceQuery(serviceCode)) : null;
    if (service?.citizenIdentity) return;
    throw invalid('QUEUE.CITIZEN_NOT_NEEDED', 'Šim pakalpojumam rindā personas dati netiek ņemti', 'The queue takes no personal data for this service', [
      serviceCode
        ? { field: 'citizen', code: 'not_needed', messageLv: 'Šim pakalpojumam vārds un personas kods nav jānorāda', messageEn: 'This service needs no name or personal code' }
        : { field: 'citizen', code: 'service_required', messageLv: 'Vārdu un personas kodu var norādīt tikai kopā ar pakalpojumu, kam tie vajadzīgi', messageEn: 'A name and personal code go only with a service that needs them' },
    ]);
  }

  async execute(cmd: IssueTicketCommand): Promise<Issued> {
    if (cmd.issuer.kind === 'clerk') assertOperatesCentre(cmd.issuer.principal, cmd.centreId);
    if (cmd.input.citizen) await this.assertCitizenWanted(cmd.input.serviceCode);
    const issuedBy = cmd.issuer.kind === 'clerk' ? cmd.issuer.principal.subject : `kiosk:${cmd.issuer.deviceId}`;
    const bookingId = cmd.input.appointmentBookingId;
    // Read before the centre's turn (a booking is not queue state); whether a ticket already holds
    // it is checked in the turn, against the live queue, so two kiosks cannot both claim it.
    const booking = bookingId ? await this.calendar.booking(bookingId) : null;
    return this.runner.run({ centreId: cmd.centreId, actor: { subject: issuedBy }, requestId: cmd.requestId, command: 'issue' }, async (uow) => {
      if (bookingId) {
        const holder = (await uow.activeTickets()).find((t) => t.appointment?.bookingId === bookingId);
        assertAppointmentCheckIn(booking, cmd.centreId, uow.now, holder);
      }
      const queues = await uow.queues();
      if (queues.length === 0) throw notFound('QUEUE.CENTRE_HAS_NO_QUEUES', 'Šim centram nav rindu', 'This centre has no queues');
      const queue = cmd.input.queueId
        ? await uow.queue(cmd.input.queueId)
        : cmd.input.serviceCode
          ? queueForService(queues, cmd.input.serviceCode)
          : null;
      if (!queue) {
        throw invalid('QUEUE.NO_QUEUE_FOR_SERVICE', 'Norādiet rindu vai pakalpojumu, ko centrs sniedz', 'Give a queue or a service the centre offers', [
          { field: cmd.input.serviceCode ? 'serviceCode' : 'queueId', code: 'unknown', messageLv: 'Nav atbilstošas rindas', messageEn: 'No matching queue' },
        ]);
      }
      const serviceDay = serviceDayOf(uow.now);
      const seq = await uow.nextSeq(serviceDay, queue.prefix);
      const ticket = Ticket.issue({
        queue,
        seq,
        issuedBy,
        now: uow.now,
        priority: cmd.input.priority,
        serviceCode: cmd.input.serviceCode,
        appointment: cmd.input.appointmentBookingId ? { bookingId: cmd.input.appointmentBookingId } : undefined,
        citizen: cmd.input.citizen,
      });
      uow.issued(ticket);
      remember(ticket.id, ticket.centreId);
      rememberTracking(ticket.trackingToken, ticket.id, ticket.centreId);
      uow.publish(
        integrationEvent(SCHEDULING_MODULE, QueueEvents.TicketIssued, {
          ...ref(ticket),
          priority: ticket.priority,
          appointment: !!ticket.appointment,
          serviceCodes: ticket.requests.map((r) => r.serviceCode),
          issuedAt: ticket.issuedAt.toISOString(),
        }, ticket.id, uow.now),
      );
      const waiting = (await uow.activeTickets()).filter((t) => t.status === 'waiting');
      return {
        ticket: toTicketView(ticket, positionOf(ticket, waiting)),
        trackingToken: ticket.trackingToken,
        trackingUrl: `${this.config.publicBaseUrl}/api/v1/queue/track/${ticket.trackingToken}`,
      };
    });
  }
}

@CommandHandler(OpenDeskCommand)
export class OpenDeskHandler implements ICommandHandler<OpenDeskCommand> {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly em: EntityManager,
  ) {}

  async execute(cmd: OpenDeskCommand): Promise<DeskView> {
    const centreId = await centreOfDesk(() => this.em.fork(), cmd.deskId);
    assertOperatesCentre(cmd.actor, centreId);
    return this.runner.run({ centreId, actor: cmd.actor, requestId: cmd.requestId, command: `open-desk:${cmd.deskId}` }, async (uow) => {
      const desk = await uow.desk(cmd.deskId);
      const queues = await uow.queues();
      const queueIds = cmd.queueIds ?? queues.filter((q) => q.active).map((q) => q.id);
      for (const id of queueIds) await uow.queue(id);
      desk.open(cmd.actor.subject, queueIds, uow.now);
      uow.deskChanged(desk);
      return toDeskView(desk);
    });
  }
}

@CommandHandler(SetDeskStateCommand)
export class SetDeskStateHandler implements ICommandHandler<SetDeskStateCommand> {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly em: EntityManager,
  ) {}

  async execute(cmd: SetDeskStateCommand): Promise<DeskView> {
    const centreId = await centreOfDesk(() => this.em.fork(), cmd.deskId);
    assertOperatesCentre(cmd.actor, centreId);
    return this.runner.run({ centreId, actor: cmd.actor, requestId: cmd.requestId, command: `desk-state:${cmd.deskId}:${cmd.state}` }, async (uow) => {
      const desk = await uow.desk(cmd.deskId);
      desk.switchState(cmd.actor.subject, cmd.state, uow.now);
      uow.deskChanged(desk);
      return toDeskView(desk);
    });
  }
}

function recordCall(uow: QueueUnitOfWork, ticket: Ticket, desk: Desk, clerkId: string, recall: boolean): void {
  uow.ticketChanged(ticket);
  uow.deskChanged(desk);
  uow.called(ticket, desk, recall);
  const waitedMs = uow.now.getTime() - new Date(ticket.queueEnteredAt).getTime();
  uow.publish(
    integrationEvent(SCHEDULING_MODULE, QueueEvents.TicketCalled, { ...ref(ticket), deskId: desk.id, deskNumber: desk.number, clerkId, calledCount: ticket.calledCount, waitedMs }, ticket.id, uow.now),
  );
}

@CommandHandler(CallNextCommand)
export class CallNextHandler implements ICommandHandler<CallNextCommand> {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly em: EntityManager,
  ) {}

  async execute(cmd: CallNextCommand): Promise<TicketView> {
    const centreId = await centreOfDesk(() => this.em.fork(), cmd.deskId);
    assertOperatesCentre(cmd.actor, centreId);
    return this.runner.run({ centreId, actor: cmd.actor, requestId: cmd.requestId, command: `call-next:${cmd.deskId}` }, async (uow) => {
      const desk = await uow.desk(cmd.deskId);
      desk.mustBeAbleToCall(cmd.actor.subject);
      const queues = await uow.queues();
      const chosen = chooseNextTicket(await uow.activeTickets(), desk, cmd.actor.subject, { fallbackQueueIds: queues.filter((q) => q.active).map((q) => q.id) });
      if (!chosen) {
        throw new DomainError('QUEUE.NOBODY_WAITING', 'conflict', { lv: 'Rindā neviena nav', en: 'Nobody is waiting' });
      }
      const next = await uow.ticket(chosen.id);
      next.call(desk, cmd.actor.subject, uow.now);
      recordCall(uow, next, desk, cmd.actor.subject, false);
      return toClerkTicketView(next, null, uow.settings.undoWindowSeconds);
    });
  }
}

@CommandHandler(CallTicketCommand)
export class CallTicketHandler implements ICommandHandler<CallTicketCommand> {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly em: EntityManager,
  ) {}

  async execute(cmd: CallTicketCommand): Promise<TicketView> {
    const centreId = await centreOfDesk(() => this.em.fork(), cmd.deskId);
    assertOperatesCentre(cmd.actor, centreId);
    return this.runner.run({ centreId, actor: cmd.actor, requestId: cmd.requestId, command: `call:${cmd.deskId}:${cmd.ticketId}` }, async (uow) => {
      const desk = await uow.desk(cmd.deskId);
      const ticket = await uow.ticket(cmd.ticketId);
      ticket.call(desk, cmd.actor.subject, uow.now);
      recordCall(uow, ticket, desk, cmd.actor.subject, false);
      return toClerkTicketView(ticket, null, uow.settings.undoWindowSeconds);
    });
  }
}

@CommandHandler(ActOnTicketCommand)
export class ActOnTicketHandler implements ICommandHandler<ActOnTicketCommand> {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly em: EntityManager,
  ) {}

  async execute(cmd: ActOnTicketCommand): Promise<TicketView> {
    const centreId = await centreOfTicket(() => this.em.fork(), cmd.ticketId);
    assertOperatesCentre(cmd.actor, centreId);
    const clerk = cmd.actor.subject;
    return this.runner.run({ centreId, actor: cmd.actor, requestId: cmd.requestId, command: `${cmd.action.name}:${cmd.ticketId}` }, async (uow) => {
      const ticket = await uow.ticket(cmd.ticketId);
      const previousDeskId = ticket.deskId;
      const previousQueueId = ticket.queueId;
      const now = uow.now;
      const a = cmd.action;
      const { settings } = uow;
      let deskForCall: Desk | undefined;
      switch (a.name) {
        case 'recall':
          ticket.recall(clerk, settings.recallDelaySeconds, now);
          deskForCall = await uow.desk(ticket.deskId!);
          recordCall(uow, ticket, deskForCall, clerk, true);
          break;
        case 'no_show':
          ticket.markNoShow(clerk, settings.maxCalls, now);
          break;
        case 'start':
          ticket.startService(clerk, now);
          uow.publish(integrationEvent(SCHEDULING_MODULE, QueueEvents.ServiceStarted, { ...ref(ticket), deskId: ticket.deskId!, clerkId: clerk }, ticket.id, now));
          break;
        case 'add_service':
          ticket.addService(a.serviceCode, a.channel, a.quantity, clerk, now);
          break;
        case 'transfer': {
          if (a.toQueueId) await uow.queue(a.toQueueId);
          // A named clerk must be working in this centre now (at a desk that is not closed), as the console offers.
          if (a.toClerkId !== undefined && !uow.desks().some((d) => d.clerkId === a.toClerkId && d.state !== 'closed')) throw queueError('QUEUE.TRANSFER_CLERK_UNKNOWN');
          const targetQueue = a.toQueueId ?? ticket.queueId;
          const earliest = earliestWaitingAt((await uow.activeTickets()).filter((t) => t.id !== ticket.id), targetQueue);
          ticket.transfer({ toQueueId: a.toQueueId, toClerkId: a.toClerkId, placement: a.placement, earliestWaitingAt: earliest }, clerk, now);
          uow.publish(
            integrationEvent(SCHEDULING_MODULE, QueueEvents.TicketTransferred, { ...ref(ticket), fromQueueId: previousQueueId, toClerkId: a.toClerkId ?? null, placement: a.placement }, ticket.id, now),
          );
          break;
        }
        case 'park':
          ticket.park(clerk, now, a.reason);
          uow.publish(integrationEvent(SCHEDULING_MODULE, QueueEvents.TicketParked, { ...ref(ticket), reason: a.reason ?? null }, ticket.id, now));
          break;
        case 'resume': {
          const desk = await uow.desk(a.deskId);
          ticket.resume(desk, clerk, now);
          uow.deskChanged(desk);
          break;
        }
        case 'return':
          ticket.returnToQueue(clerk, now);
          break;
        case 'finish':
          ticket.finish(a.outcome, clerk, now);
          if (a.outcome.kind !== 'left_before_service') {
            uow.publish(
              integrationEvent(SCHEDULING_MODULE, QueueEvents.ServiceFinished, { ...ref(ticket), clerkId: clerk, deskId: previousDeskId ?? null, outcome: ticket.outcome!, requests: requestsOf(ticket) }, ticket.id, now),
            );
          }
          break;
        case 'undo':
          ticket.undoLast(clerk, now, settings.undoWindowSeconds);
          break;
        case 'set_priority':
          if (!ticket.setPriority(a.priority, clerk, now)) return toClerkTicketView(ticket, null, settings.undoWindowSeconds);
          break;
        case 'mark_inaccurate':
          // Already flagged: nothing to announce again.
          if (!ticket.markInaccurate(a.periodId)) return toClerkTicketView(ticket, null, settings.undoWindowSeconds);
          break;
        default: {
          const never: never = a;
          throw new Error(`unknown action ${JSON.stringify(never)}`);
        }
      }
      // The desk the ticket was at lets it go (or, after undo, takes it back).
      const deskIds = new Set([previousDeskId, ticket.deskId].filter((d): d is string => !!d));
      for (const id of deskIds) {
        if (a.name === 'resume' || deskForCall?.id === id) continue;
        const desk = await uow.desk(id);
        const before = desk.currentTicketId;
        desk.syncWith(ticket);
        if (desk.currentTicketId !== before) uow.deskChanged(desk);
      }
      if (a.name !== 'recall') uow.ticketChanged(ticket);
      if (ticket.isClosed()) visitEnded(uow, ticket);
      return toClerkTicketView(ticket, null, settings.undoWindowSeconds);
    });
  }
}

/**
 * The visit's notes: any clerk of the centre, while the ticket is active. Only the centre's clerk
 * consoles hear of it (no integration event, no display or tracker refresh); the text is never
 * logged and not kept in the command receipt.
 */
@CommandHandler(SetTicketNotesCommand)
export class SetTicketNotesHandler implements ICommandHandler<SetTicketNotesCommand> {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly em: EntityManager,
  ) {}

  async execute(cmd: SetTicketNotesCommand): Promise<TicketView> {
    const centreId = await centreOfTicket(() => this.em.fork(), cmd.ticketId);
    assertOperatesCentre(cmd.actor, centreId);
    return this.runner.run({ centreId, actor: cmd.actor, requestId: cmd.requestId, command: `notes:${cmd.ticketId}` }, async (uow) => {
      const ticket = await uow.ticket(cmd.ticketId);
      if (ticket.setNotes(cmd.notes, uow.now)) uow.notesChanged(ticket);
      return toClerkTicketView(ticket, null, uow.settings.undoWindowSeconds);
    });
  }
}
