import { Command } from '@nestjs/cqrs';
import type { Principal } from '@infrastructure/auth/principal';
import type { FinishOutcome, RequestChannel, TicketPriority, TransferPlacement, DeskState } from '../../domain/queue';
import type { DeskView, TicketView } from '../../contracts';

export interface Issued {
  ticket: TicketView;
  trackingToken: string;
  trackingUrl: string;
}

/** Who issues: a clerk (principal) or a kiosk device of the centre. */
export type Issuer = { kind: 'clerk'; principal: Principal } | { kind: 'kiosk'; deviceId: string };

export class IssueTicketCommand extends Command<Issued> {
  constructor(
    readonly issuer: Issuer,
    readonly centreId: string,
    readonly input: { queueId?: string; serviceCode?: string; priority?: TicketPriority; appointmentBookingId?: string; citizen?: { name?: string; personalCodeMasked?: string } },
    readonly requestId?: string,
  ) {
    super();
  }
}

export class OpenDeskCommand extends Command<DeskView> {
  constructor(
    readonly actor: Principal,
    readonly deskId: string,
    readonly queueIds: string[] | undefined,
    readonly requestId?: string,
  ) {
    super();
  }
}

export class SetDeskStateCommand extends Command<DeskView> {
  constructor(
    readonly actor: Principal,
    readonly deskId: string,
    readonly state: DeskState,
    readonly requestId?: string,
  ) {
    super();
  }
}

export class CallNextCommand extends Command<TicketView> {
  constructor(
    readonly actor: Principal,
    readonly deskId: string,
    readonly requestId?: string,
  ) {
    super();
  }
}

export class CallTicketCommand extends Command<TicketView> {
  constructor(
    readonly actor: Principal,
    readonly deskId: string,
    readonly ticketId: string,
    readonly requestId?: string,
  ) {
    super();
  }
}

/** Replaces the visit's notes (any clerk of the centre, while the ticket is active). */
export class SetTicketNotesCommand extends Command<TicketView> {
  constructor(
    readonly actor: Principal,
    readonly ticketId: string,
    readonly notes: string,
    readonly requestId?: string,
  ) {
    super();
  }
}

export type TicketAction =
  | { name: 'recall' }
  | { name: 'no_show' }
  | { name: 'start' }
  | { name: 'add_service'; serviceCode: string; channel: RequestChannel; quantity: number }
  | { name: 'transfer'; toQueueId?: string; toClerkId?: string; placement: TransferPlacement }
  | { name: 'park'; reason?: string }
  | { name: 'resume'; deskId: string }
  | { name: 'return' }
  | { name: 'finish'; outcome: FinishOutcome }
  | { name: 'undo' }
  | { name: 'mark_inaccurate'; periodId: string }
  | { name: 'set_priority'; priority: TicketPriority };

export class ActOnTicketCommand extends Command<TicketView> {
  constructor(
    readonly actor: Principal,
    readonly ticketId: string,
    readonly action: TicketAction,
    readonly requestId?: string,
  ) {
    super();
  }
}
