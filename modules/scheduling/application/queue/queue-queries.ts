import { Query } from '@nestjs/cqrs';
import type { Principal } from '@infrastructure/auth/principal';
import type { CentreQueueSnapshot, CounterState, DisplayState, TicketDetailView, TrackView } from '../../contracts';

export class GetCentreQueueStateQuery extends Query<CentreQueueSnapshot> {
  constructor(
    readonly centreId: string,
    readonly actor?: Principal,
  ) {
    super();
  }
}

export class GetDisplayStateQuery extends Query<DisplayState> {
  constructor(readonly centreId: string) {
    super();
  }
}

export class TrackTicketQuery extends Query<TrackView> {
  constructor(readonly trackingToken: string) {
    super();
  }
}

/** The centre of a ticket by its tracking token (null when unknown). */
export class FindTicketCentreQuery extends Query<string | null> {
  constructor(readonly trackingToken: string) {
    super();
  }
}

/** One visit in full (periods, services, outcome), for a reader who may see its centre's queue. */
export class GetTicketDetailQuery extends Query<TicketDetailView> {
  constructor(
    readonly ticketId: string,
    readonly actor: Principal,
  ) {
    super();
  }
}

/** What a counter display at one desk shows now (without a chime: the broadcaster sets it for a call). */
export class GetCounterStateQuery extends Query<CounterState> {
  constructor(
    readonly centreId: string,
    readonly deskId: string,
  ) {
    super();
  }
}
