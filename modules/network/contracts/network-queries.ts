import { Query } from '@nestjs/cqrs';
import type { CentreView, InstitutionView, NetworkIndicators, ServiceView } from './network-views';

/** Public queries other modules may send on the QueryBus. */
export class GetCentreQuery extends Query<CentreView | null> {
  constructor(readonly centreId: string) {
    super();
  }
}

export class GetServiceQuery extends Query<ServiceView | null> {
  /** By id or by code. */
  constructor(readonly idOrCode: string) {
    super();
  }
}

export class GetInstitutionQuery extends Query<InstitutionView | null> {
  /** By id or by code. */
  constructor(readonly idOrCode: string) {
    super();
  }
}

/** Centre ids by their e-mail address (the stable public key of a centre, e.g. cesis@pakalpojumucentri.lv). */
export class FindCentreIdsByEmailsQuery extends Query<Record<string, string>> {
  constructor(readonly emails: string[]) {
    super();
  }
}

export class GetNetworkIndicatorsQuery extends Query<NetworkIndicators> {}

/** Is the centre open at this instant (opening hours, season, exceptions, Latvian holidays)? */
export class IsCentreOpenQuery extends Query<{ open: boolean; opensAt: string | null; closesAt: string | null }> {
  constructor(
    readonly centreId: string,
    readonly at: Date,
  ) {
    super();
  }
}

/**
 * The centre's opening hours as UTC instants (ISO strings) for the local dates `fromDate` to
 * `toDate` (inclusive, 'YYYY-MM-DD', Europe/Riga): holidays, seasons and exceptions applied.
 * Empty for an unknown or inactive centre.
 */
export class GetCentreOpeningRangesQuery extends Query<Array<{ start: string; end: string }>> {
  constructor(
    readonly centreId: string,
    readonly fromDate: string,
    readonly toDate: string,
  ) {
    super();
  }
}
