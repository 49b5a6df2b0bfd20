import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, maskPersonalCode, validatePersonalCode } from '@modules/shared-kernel';
import { Public, Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import type { CentreQueueSnapshot, DeskView, TicketDetailView, TicketView, TrackView } from '../../contracts';
import {
  ActOnTicketCommand,
  CallNextCommand,
  CallTicketCommand,
  IssueTicketCommand,
  OpenDeskCommand,
  SetDeskStateCommand,
  SetTicketNotesCommand,
  type Issued,
  type Issuer,
  type TicketAction,
} from '../../application/queue/queue-commands';
import { GetCentreQueueStateQuery, GetTicketDetailQuery, TrackTicketQuery } from '../../application/queue/queue-queries';
import { DeviceRegistry } from '../../application/queue/device';
import { AddServiceDto, CallTicketDto, DeskStateDto, FinishDto, IssueTicketDto, OpenDeskDto, ParkDto, PriorityDto, ResumeDto, TicketNotesDto, TransferDto } from './queue.dto';
import { RequestId } from './request-id';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgs identifikators', en: 'Invalid identifier' }) });
const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Retry-safe: the same key returns the first answer' };

function citizenOf(dto: IssueTicketDto): { name?: string; personalCodeMasked?: string } | undefined {
  if (!dto.citizen) return undefined;
  let masked: string | undefined;
  if (dto.citizen.personalCode !== undefined) {
    const result = validatePersonalCode(dto.citizen.personalCode);
    if (!result.valid) {
      throw new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgi dati', en: 'Invalid data' }, [
        { field: 'citizen.personalCode', code: result.code, messageLv: 'Nederīgs personas kods', messageEn: 'Invalid personal code' },
      ]);
    }
    masked = maskPersonalCode(result.normalized);
  }
  return { name: dto.citizen.name, personalCodeMasked: masked };
}

/** The walk-in queue: clerks' commands, kiosks, and the public tracker. */
@ApiTags('queue')
@Controller('api/v1/queue')
export class QueueController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly devices: DeviceRegistry,
  ) {}

  @Post('centres/:centreId/tickets')
  @Public()
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader({ name: 'X-Device-Token', required: false, description: 'A kiosk of the centre (instead of a clerk token)' })
  @ApiOperation({ summary: 'Issue a ticket (clerk with a token, or a kiosk with its device token)' })
  async issue(
    @CurrentPrincipal() principal: Principal | undefined,
    @Headers('x-device-token') deviceToken: string | undefined,
    @Param('centreId', uuid) centreId: string,
    @Body() dto: IssueTicketDto,
    @RequestId() requestId?: string,
  ): Promise<Issued> {
    let issuer: Issuer;
    if (principal) issuer = { kind: 'clerk', principal };
    else {
      const kiosk = await this.devices.resolve(deviceToken, 'kiosk');
      if (!kiosk) throw new DomainError('AUTH.UNAUTHENTICATED', 'unauthenticated', { lv: 'Nepieciešama autentifikācija', en: 'Authentication required' });
      if (kiosk.centreId !== centreId) throw new DomainError('QUEUE.CENTRE_ACCESS_DENIED', 'forbidden', { lv: 'Kiosks pieder citam centram', en: 'This kiosk belongs to another centre' });
      issuer = { kind: 'kiosk', deviceId: kiosk.id };
    }
    return this.commands.execute(
      new IssueTicketCommand(issuer, centreId, { queueId: dto.queueId, serviceCode: dto.serviceCode, priority: dto.priority, appointmentBookingId: dto.appointmentBookingId, citizen: citizenOf(dto) }, requestId),
    );
  }

  @Get('centres/:centreId/state')
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.Auditor)
  @ApiOperation({ summary: 'Snapshot of a centre’s queue with its sequence number' })
  state(@CurrentPrincipal() actor: Principal, @Param('centreId', uuid) centreId: string): Promise<CentreQueueSnapshot> {
    return this.queries.execute(new GetCentreQueueStateQuery(centreId, actor));
  }

  @Post('desks/:deskId/open')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Open a desk (take it) with the queues it serves' })
  open(@CurrentPrincipal() actor: Principal, @Param('deskId', uuid) deskId: string, @Body() dto: OpenDeskDto, @RequestId() requestId?: string): Promise<DeskView> {
    return this.commands.execute(new OpenDeskCommand(actor, deskId, dto.queueIds, requestId));
  }

  @Post('desks/:deskId/state')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Pause, break, back office, back open, or close the desk' })
  setState(@CurrentPrincipal() actor: Principal, @Param('deskId', uuid) deskId: string, @Body() dto: DeskStateDto, @RequestId() requestId?: string): Promise<DeskView> {
    return this.commands.execute(new SetDeskStateCommand(actor, deskId, dto.state, requestId));
  }

  @Post('desks/:deskId/call-next')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Call the next ticket (desk skills, priority, waiting time; fallback to other queues); 409 QUEUE.NOBODY_WAITING' })
  callNext(@CurrentPrincipal() actor: Principal, @Param('deskId', uuid) deskId: string, @RequestId() requestId?: string): Promise<TicketView> {
    return this.commands.execute(new CallNextCommand(actor, deskId, requestId));
  }

  @Post('desks/:deskId/call')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Call a specific ticket' })
  call(@CurrentPrincipal() actor: Principal, @Param('deskId', uuid) deskId: string, @Body() dto: CallTicketDto, @RequestId() requestId?: string): Promise<TicketView> {
    return this.commands.execute(new CallTicketCommand(actor, deskId, dto.ticketId, requestId));
  }

  private act(actor: Principal, ticketId: string, action: TicketAction, requestId?: string): Promise<TicketView> {
    return this.commands.execute(new ActOnTicketCommand(actor, ticketId, action, requestId));
  }

  @Post('tickets/:id/recall')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Call again (not before the centre’s recall delay)' })
  recall(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'recall' }, r);
  }

  @Post('tickets/:id/no-show')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Did not come: back in line, or out after the centre’s maximum number of calls' })
  noShow(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'no_show' }, r);
  }

  @Post('tickets/:id/start')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'The citizen arrived at the desk: service starts' })
  start(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'start' }, r);
  }

  @Post('tickets/:id/services')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Add another service to the visit' })
  addService(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Body() dto: AddServiceDto, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'add_service', serviceCode: dto.serviceCode, channel: dto.channel ?? 'in_person', quantity: dto.quantity ?? 1 }, r);
  }

  @Post('tickets/:id/transfer')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Transfer to another queue or a named clerk (one at a desk of the centre now, else 422 QUEUE.TRANSFER_CLERK_UNKNOWN); placed first, last or by original arrival' })
  transfer(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Body() dto: TransferDto, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'transfer', toQueueId: dto.toQueueId, toClerkId: dto.toClerkId, placement: dto.placement }, r);
  }

  @Post('tickets/:id/priority')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({
    summary: 'Set the visitor’s priority level (0 normal, 1 priority, 2 high) while the visit is active',
    description: 'A clerk of the ticket’s centre; it orders the queue from then on (checked-in appointments still first). Undoable by the same clerk within the undo window. Setting the level it already has changes nothing. 409 QUEUE.TICKET_CLOSED once the visit has ended; 422 REQUEST.INVALID with a field error on `priority` for any other value.',
  })
  setPriority(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Body() dto: PriorityDto, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'set_priority', priority: dto.priority }, r);
  }

  @Post('tickets/:id/park')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Park (e.g. the citizen fetches a document)' })
  park(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Body() dto: ParkDto, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'park', reason: dto.reason }, r);
  }

  @Post('tickets/:id/resume')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Resume a parked ticket at a desk' })
  resume(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Body() dto: ResumeDto, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'resume', deskId: dto.deskId }, r);
  }

  @Post('tickets/:id/return')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Send back to the queue, keeping its place' })
  returnToQueue(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'return' }, r);
  }

  @Post('tickets/:id/finish')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Finish: served, not served (with reason), or left before service' })
  finish(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Body() dto: FinishDto, @RequestId() r?: string): Promise<TicketView> {
    const outcome = dto.outcome === 'not_served' ? { kind: 'not_served' as const, reason: dto.reason ?? '' } : { kind: dto.outcome, reason: dto.reason };
    return this.act(a, id, { name: 'finish', outcome }, r);
  }

  @Post('tickets/:id/undo')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Undo your last action on this ticket within the centre’s undo window' })
  undo(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @RequestId() r?: string): Promise<TicketView> {
    return this.act(a, id, { name: 'undo' }, r);
  }

  @Put('tickets/:id/notes')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({
    summary: 'Replace the clerks’ notes on the visit (a clerk of the ticket’s centre, while it is waiting, called, served or parked)',
    description:
      'Answers the ticket with `notes` and `notesUpdatedAt`. 422 REQUEST.INVALID (or QUEUE.NOTES_TOO_LONG) with a field error on `notes` when it is not text or longer than 2,000 characters; 403 QUEUE.CENTRE_ACCESS_DENIED for a clerk of another centre; 404 QUEUE.TICKET_NOT_FOUND; 409 QUEUE.TICKET_CLOSED once the visit has ended. ' +
      'The centre’s clerk consoles get a `ticket.updated` change on `/queue`; display boards, trackers, kiosks and integration events never carry notes. A retry with the same Idempotency-Key returns the first answer without the notes (they are not kept in command receipts).',
  })
  setNotes(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Body() dto: TicketNotesDto, @RequestId() r?: string): Promise<TicketView> {
    return this.commands.execute(new SetTicketNotesCommand(a, id, dto.notes, r));
  }

  @Get('tickets/:id')
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.Auditor)
  @ApiOperation({
    summary: 'One visit in full: services, every period (state, times, desk, clerk, accurate), outcome',
    description:
      'For the centre’s clerks (with the visit notes and the citizen as given at issue, the personal code masked) and for administrators and auditors (without either). Active and closed tickets alike. 403 QUEUE.CENTRE_ACCESS_DENIED for a clerk of another centre, 404 QUEUE.TICKET_NOT_FOUND. The periods’ ids are what `POST …/periods/{periodId}/inaccurate` takes.',
  })
  detail(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string): Promise<TicketDetailView> {
    return this.queries.execute(new GetTicketDetailQuery(id, a));
  }

  @Post('tickets/:id/periods/:periodId/inaccurate')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiOperation({
    summary: 'Mark a timing as inaccurate (left out of reports)',
    description:
      'A clerk of the ticket’s centre flags one period (ids from `GET tickets/{id}`) — also after the visit has ended, when it is most often noticed (e.g. a service left running). Marking twice changes nothing more. A closed visit is announced again (VisitEnded with the flag), and Reporting replaces its figures. 404 QUEUE.PERIOD_NOT_FOUND for a period of another ticket.',
  })
  inaccurate(@CurrentPrincipal() a: Principal, @Param('id', uuid) id: string, @Param('periodId', uuid) periodId: string): Promise<TicketView> {
    return this.act(a, id, { name: 'mark_inaccurate', periodId });
  }

  @Get('track/:token')
  @Public()
  @ApiOperation({ summary: 'My place in line (by the ticket’s tracking token; no personal data)' })
  track(@Param('token') token: string): Promise<TrackView> {
    return this.queries.execute(new TrackTicketQuery(token));
  }
}
