import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { isUuid, type LatvianCalendar } from '@modules/shared-kernel';
import {
  FindCentreIdsByEmailsQuery,
  GetCentreQuery,
  GetInstitutionQuery,
  GetServiceQuery,
  IsCentreOpenQuery,
  type CentreView,
  type InstitutionView,
  type ServiceView,
} from '../../contracts';
import { Centre } from '../../domain/centre';
import { Institution, Service } from '../../domain/catalogue';
import { nextOpening } from '../../domain/opening-hours';
import { toCentreView, toInstitutionView, toServiceView } from '../mappers';
import { NETWORK_CALENDAR } from '../network-calendar';
import { loadCentre } from './centre-lookup';

@QueryHandler(GetCentreQuery)
export class GetCentreHandler implements IQueryHandler<GetCentreQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: GetCentreQuery): Promise<CentreView | null> {
    try {
      const { centre, booths, municipality } = await loadCentre(this.em.fork(), q.centreId);
      return toCentreView(centre, booths, municipality?.nameLv);
    } catch {
      return null;
    }
  }
}

@QueryHandler(GetServiceQuery)
export class GetServiceHandler implements IQueryHandler<GetServiceQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: GetServiceQuery): Promise<ServiceView | null> {
    const em = this.em.fork();
    const service = await em.findOne(Service, isUuid(q.idOrCode) ? { id: q.idOrCode } : { code: q.idOrCode });
    if (!service) return null;
    const institution = await em.findOneOrFail(Institution, { id: service.institutionId });
    return toServiceView(service, institution.code);
  }
}

@QueryHandler(GetInstitutionQuery)
export class GetInstitutionHandler implements IQueryHandler<GetInstitutionQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: GetInstitutionQuery): Promise<InstitutionView | null> {
    const em = this.em.fork();
    const institution = await em.findOne(Institution, isUuid(q.idOrCode) ? { id: q.idOrCode } : { code: q.idOrCode });
    if (!institution) return null;
    return toInstitutionView(institution, await em.count(Service, { institutionId: institution.id, active: true }));
  }
}

@QueryHandler(FindCentreIdsByEmailsQuery)
export class FindCentreIdsByEmailsHandler implements IQueryHandler<FindCentreIdsByEmailsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: FindCentreIdsByEmailsQuery): Promise<Record<string, string>> {
    const centres = await this.em.fork().find(Centre, { email: { $in: q.emails } }, { fields: ['id', 'email'] });
    return Object.fromEntries(centres.map((c) => [c.email, c.id]));
  }
}

@QueryHandler(IsCentreOpenQuery)
export class IsCentreOpenHandler implements IQueryHandler<IsCentreOpenQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(NETWORK_CALENDAR) private readonly calendar: LatvianCalendar,
  ) {}

  async execute(q: IsCentreOpenQuery): Promise<{ open: boolean; opensAt: string | null; closesAt: string | null }> {
    const { centre } = await loadCentre(this.em.fork(), q.centreId);
    if (centre.status !== 'active') return { open: false, opensAt: null, closesAt: null };
    const window = nextOpening(centre.openingHours, q.at, this.calendar);
    const open = !!window && window.opensAt <= q.at && q.at < window.closesAt;
    return { open, opensAt: window?.opensAt.toISOString() ?? null, closesAt: window?.closesAt.toISOString() ?? null };
  }
}
