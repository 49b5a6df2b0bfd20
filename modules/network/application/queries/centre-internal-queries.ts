import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { hasRole, Role, type Principal } from '@infrastructure/auth/principal';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { StaffAssignment } from '../../domain/centre';
import { CooperationAgreement } from '../../domain/municipality';
import { CentreStatusChangeRow } from '../../infrastructure/persistence';
import { toStaffView } from '../commands/centres/centre-command.handlers';
import type { StaffAssignmentView } from '../commands/centres/centre-commands';
import { toAgreementView } from '../commands/catalogue/catalogue-command.handlers';
import type { AgreementView } from '../commands/catalogue/catalogue-commands';
import { assertCanSeeCentreInternals } from '../network-access';
import { loadCentre } from './centre-lookup';

export class ListCentreStaffQuery extends Query<StaffAssignmentView[]> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
  ) {
    super();
  }
}

export interface StatusChangeView {
  from: string | null;
  to: string;
  effectiveOn: string;
  changedAt: string;
  changedBy: string;
  reason: string | null;
}

export class GetCentreStatusHistoryQuery extends Query<StatusChangeView[]> {
  constructor(readonly centreId: string) {
    super();
  }
}

export class ListCooperationAgreementsQuery extends Query<AgreementView[]> {
  constructor(
    readonly actor: Principal,
    readonly municipalityAtvk?: string,
  ) {
    super();
  }
}

/** Staff names are personal data: every read is written to the audit trail. */
@QueryHandler(ListCentreStaffQuery)
export class ListCentreStaffHandler implements IQueryHandler<ListCentreStaffQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditTrail,
  ) {}

  async execute(q: ListCentreStaffQuery): Promise<StaffAssignmentView[]> {
    const em = this.em.fork();
    const { centre } = await loadCentre(em, q.centreId);
    assertCanSeeCentreInternals(q.actor, centre.id, centre.municipalityAtvk);
    const staff = await em.find(StaffAssignment, { centreId: centre.id }, { orderBy: { displayName: 'asc' } });
    await this.audit.record(q.actor, { action: 'staff.personal-data.read', resourceType: 'centre', resourceId: centre.id, details: { count: staff.length } });
    return staff.map(toStaffView);
  }
}

@QueryHandler(GetCentreStatusHistoryQuery)
export class GetCentreStatusHistoryHandler implements IQueryHandler<GetCentreStatusHistoryQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: GetCentreStatusHistoryQuery): Promise<StatusChangeView[]> {
    const em = this.em.fork();
    const { centre } = await loadCentre(em, q.centreId);
    const rows = await em.find(CentreStatusChangeRow, { centreId: centre.id }, { orderBy: { changedAt: 'asc' } });
    return rows.map((r) => ({
      from: r.from,
      to: r.to,
      effectiveOn: r.effectiveOn,
      changedAt: r.changedAt.toISOString(),
      changedBy: r.changedBy,
      reason: r.reason ?? null,
    }));
  }
}

@QueryHandler(ListCooperationAgreementsQuery)
export class ListCooperationAgreementsHandler implements IQueryHandler<ListCooperationAgreementsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: ListCooperationAgreementsQuery): Promise<AgreementView[]> {
    // A coordinator sees only their own municipality's agreements.
    const own = hasRole(q.actor, Role.NetworkAdmin, Role.Auditor) ? q.municipalityAtvk : q.actor.municipalityAtvk;
    const where = own ? { municipalityAtvk: own } : {};
    const rows = await this.em.fork().find(CooperationAgreement, where, { orderBy: { municipalityAtvk: 'asc', validFrom: 'desc' } });
    return rows.map((a) => toAgreementView(a));
  }
}
