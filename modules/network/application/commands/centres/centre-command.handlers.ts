import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHmac } from 'node:crypto';
import { conflict, integrationEvent, invalid, isUuid, maskPersonalCode, notFound, rigaDateOf, validatePersonalCode } from '@modules/shared-kernel';
import { AppConfig } from '@infrastructure/config/app-config';
import { Outbox } from '@infrastructure/messaging/outbox';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { NETWORK_MODULE, NetworkEvents, type CentreView, type VideoBoothView } from '../../../contracts';
import { Centre, StaffAssignment, VideoBooth, centreCodeTaken } from '../../../domain/centre';
import { Municipality } from '../../../domain/municipality';
import { Service } from '../../../domain/catalogue';
import { validateOpeningHoursSpec, type OpeningHoursSpec } from '../../../domain/opening-hours';
import { CentreStatusChangeRow } from '../../../infrastructure/persistence';
import { toBoothView, toCentreView } from '../../mappers';
import { assertCanManageCentre } from '../../network-access';
import { loadCentre } from '../../queries/centre-lookup';
import {
  AddVideoBoothCommand,
  AssignStaffCommand,
  ChangeCentreStatusCommand,
  EndStaffAssignmentCommand,
  RegisterCentreCommand,
  SetCentreServicesCommand,
  SetOpeningHoursCommand,
  UpdateCentreCommand,
  type StaffAssignmentView,
} from './centre-commands';

function assertOpeningHours(spec: OpeningHoursSpec): void {
  const errors = validateOpeningHoursSpec(spec).map((e) => ({ ...e, field: `openingHours.${e.field}`.replace(/\.$/, '') }));
  if (errors.length > 0) throw invalid('NETWORK.INVALID_OPENING_HOURS', 'Nederīgs darba laiks', 'Invalid opening hours', errors);
}

async function assertServicesExist(em: EntityManager, codes: string[]): Promise<void> {
  const found = await em.find(Service, { code: { $in: codes } }, { fields: ['code'] });
  const known = new Set(found.map((s) => s.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw invalid('NETWORK.UNKNOWN_SERVICE', 'Nezināms pakalpojums', 'Unknown service', [
      { field: 'serviceCodes', code: 'unknown', messageLv: `Nezināmi kodi: ${unknown.join(', ')}`, messageEn: `Unknown codes: ${unknown.join(', ')}` },
    ]);
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);

@CommandHandler(RegisterCentreCommand)
export class RegisterCentreHandler implements ICommandHandler<RegisterCentreCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: RegisterCentreCommand): Promise<CentreView> {
    assertCanManageCentre(cmd.actor, cmd.details.municipalityAtvk);
    assertOpeningHours(cmd.openingHours);
    const view = await this.em.fork().transactional(async (em) => {
      const municipality = await em.findOne(Municipality, { atvk: cmd.details.municipalityAtvk });
      if (!municipality) {
        throw invalid('NETWORK.UNKNOWN_MUNICIPALITY', 'Nezināma pašvaldība', 'Unknown municipality', [
          { field: 'municipalityAtvk', code: 'unknown', messageLv: 'Nav tādas pašvaldības', messageEn: 'No such municipality' },
        ]);
      }
      if (await em.count(Centre, { code: cmd.details.code })) throw centreCodeTaken();
      await assertServicesExist(em, cmd.serviceCodes);
      const { coordinates, ...details } = cmd.details;
      const centre = Object.assign(new Centre(), {
        ...details,
        lat: coordinates?.lat,
        lon: coordinates?.lon,
        status: cmd.status,
        statusSince: today(),
        openingHours: cmd.openingHours,
        serviceCodes: cmd.serviceCodes,
      });
      em.persist(centre);
      em.persist(Object.assign(new CentreStatusChangeRow(), { id: crypto.randomUUID(), centreId: centre.id, from: null, to: centre.status, effectiveOn: centre.statusSince, changedAt: new Date(), changedBy: cmd.actor.subject, reason: 'Reģistrēts' }));
      this.outbox.stage(
        em,
        integrationEvent(NETWORK_MODULE, NetworkEvents.CentreRegistered, {
          centreId: centre.id,
          code: centre.code,
          municipalityAtvk: centre.municipalityAtvk,
          kind: centre.kind,
          status: centre.status,
          generated: false,
        }, centre.id),
      );
      await em.flush();
      return toCentreView(centre, [], municipality.nameLv);
    });
    this.outbox.nudge();
    return view;
  }
}

@CommandHandler(UpdateCentreCommand)
export class UpdateCentreHandler implements ICommandHandler<UpdateCentreCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute(cmd: UpdateCentreCommand): Promise<CentreView> {
    return this.em.fork().transactional(async (em) => {
      const { centre, booths, municipality } = await loadCentre(em, cmd.centreId);
      assertCanManageCentre(cmd.actor, centre.municipalityAtvk);
      if (cmd.expectedVersion !== undefined && cmd.expectedVersion !== centre.version) {
        throw conflict('NETWORK.STALE_CENTRE', 'Centru vienlaikus mainīja kāds cits; atjaunojiet datus', 'Someone else changed the centre; reload and retry', {
          currentVersion: centre.version,
        });
      }
      const { coordinates, ...rest } = cmd.changes;
      Object.assign(centre, rest, coordinates ? { lat: coordinates.lat, lon: coordinates.lon } : {}, { updatedAt: new Date() });
      await em.flush();
      return toCentreView(centre, booths, municipality?.nameLv);
    });
  }
}

@CommandHandler(ChangeCentreStatusCommand)
export class ChangeCentreStatusHandler implements ICommandHandler<ChangeCentreStatusCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: ChangeCentreStatusCommand): Promise<CentreView> {
    const view = await this.em.fork().transactional(async (em) => {
      const { centre, booths, municipality } = await loadCentre(em, cmd.centreId);
      assertCanManageCentre(cmd.actor, centre.municipalityAtvk);
      const change = centre.changeStatus(cmd.to, cmd.effectiveOn, cmd.actor.subject, cmd.reason);
      em.persist(Object.assign(new CentreStatusChangeRow(), change));
      this.outbox.stage(
        em,
        integrationEvent(NETWORK_MODULE, NetworkEvents.CentreStatusChanged, {
          centreId: centre.id,
          municipalityAtvk: centre.municipalityAtvk,
          kind: centre.kind,
          from: change.from,
          to: change.to,
          effectiveOn: change.effectiveOn,
        }, centre.id),
      );
      await em.flush();
      return toCentreView(centre, booths, municipality?.nameLv);
    });
    this.outbox.nudge();
    return view;
  }
}

@CommandHandler(SetOpeningHoursCommand)
export class SetOpeningHoursHandler implements ICommandHandler<SetOpeningHoursCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: SetOpeningHoursCommand): Promise<CentreView> {
    assertOpeningHours(cmd.openingHours);
    const view = await this.em.fork().transactional(async (em) => {
      const { centre, booths, municipality } = await loadCentre(em, cmd.centreId);
      assertCanManageCentre(cmd.actor, centre.municipalityAtvk);
      centre.openingHours = cmd.openingHours;
      centre.updatedAt = new Date();
      this.outbox.stage(em, integrationEvent(NETWORK_MODULE, NetworkEvents.OpeningHoursChanged, { centreId: centre.id }, centre.id));
      await em.flush();
      return toCentreView(centre, booths, municipality?.nameLv);
    });
    this.outbox.nudge();
    return view;
  }
}

@CommandHandler(SetCentreServicesCommand)
export class SetCentreServicesHandler implements ICommandHandler<SetCentreServicesCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: SetCentreServicesCommand): Promise<CentreView> {
    const view = await this.em.fork().transactional(async (em) => {
      const { centre, booths, municipality } = await loadCentre(em, cmd.centreId);
      assertCanManageCentre(cmd.actor, centre.municipalityAtvk);
      const codes = [...new Set(cmd.serviceCodes)];
      await assertServicesExist(em, codes);
      centre.serviceCodes = codes;
      centre.updatedAt = new Date();
      this.outbox.stage(
        em,
        integrationEvent(NETWORK_MODULE, NetworkEvents.ServiceCatalogueChanged, { change: 'centre_services_changed', institutionIds: [], serviceIds: [], centreId: centre.id }, centre.id),
      );
      await em.flush();
      return toCentreView(centre, booths, municipality?.nameLv);
    });
    this.outbox.nudge();
    return view;
  }
}

@CommandHandler(AddVideoBoothCommand)
export class AddVideoBoothHandler implements ICommandHandler<AddVideoBoothCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute(cmd: AddVideoBoothCommand): Promise<VideoBoothView> {
    return this.em.fork().transactional(async (em) => {
      const { centre } = await loadCentre(em, cmd.centreId);
      assertCanManageCentre(cmd.actor, centre.municipalityAtvk);
      const booth = Object.assign(new VideoBooth(), { centreId: centre.id, name: cmd.name, capacity: cmd.capacity, accessible: cmd.accessible });
      em.persist(booth);
      await em.flush();
      return toBoothView(booth);
    });
  }
}

@CommandHandler(AssignStaffCommand)
export class AssignStaffHandler implements ICommandHandler<AssignStaffCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly audit: AuditTrail,
  ) {}

  async execute(cmd: AssignStaffCommand): Promise<StaffAssignmentView> {
    let hash: string | undefined;
    let masked: string | undefined;
    if (cmd.personalCode !== undefined) {
      const result = validatePersonalCode(cmd.personalCode);
      if (!result.valid) {
        throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [
          { field: 'personalCode', code: result.code, messageLv: 'Nederīgs personas kods', messageEn: 'Invalid personal code' },
        ]);
      }
      hash = createHmac('sha256', this.config.personalDataKey).update(result.normalized).digest('hex');
      masked = maskPersonalCode(result.normalized);
    }
    return this.em.fork().transactional(async (em) => {
      const { centre } = await loadCentre(em, cmd.centreId);
      assertCanManageCentre(cmd.actor, centre.municipalityAtvk);
      const assignment = Object.assign(new StaffAssignment(), {
        centreId: centre.id,
        userId: cmd.userId,
        displayName: cmd.displayName,
        personalCodeHash: hash,
        personalCodeMasked: masked,
        role: cmd.role,
        validFrom: cmd.validFrom,
        validTo: cmd.validTo,
        createdBy: cmd.actor.subject,
      });
      em.persist(assignment);
      await em.flush();
      await this.audit.record(cmd.actor, { action: 'staff.personal-data.write', resourceType: 'staff_assignment', resourceId: assignment.id, details: { centreId: centre.id, fields: ['displayName', ...(hash ? ['personalCode'] : [])] } }, em);
      return toStaffView(assignment);
    });
  }
}

/**
 * Ends an assignment: its last day becomes `endOn` (default today in Riga). The row is kept (who
 * worked where and when); authorized and audited like assigning.
 */
@CommandHandler(EndStaffAssignmentCommand)
export class EndStaffAssignmentHandler implements ICommandHandler<EndStaffAssignmentCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditTrail,
  ) {}

  async execute(cmd: EndStaffAssignmentCommand): Promise<StaffAssignmentView> {
    return this.em.fork().transactional(async (em) => {
      const { centre } = await loadCentre(em, cmd.centreId);
      assertCanManageCentre(cmd.actor, centre.municipalityAtvk);
      const assignment = isUuid(cmd.assignmentId) ? await em.findOne(StaffAssignment, { id: cmd.assignmentId, centreId: centre.id }) : null;
      if (!assignment) throw notFound('NETWORK.STAFF_ASSIGNMENT_NOT_FOUND', 'Šim centram nav tāda darbinieka norīkojuma', 'No such staff assignment at this centre');
      const endOn = cmd.endOn ?? rigaDateOf(new Date());
      if (assignment.validTo && assignment.validTo <= endOn) {
        throw conflict('NETWORK.STAFF_ASSIGNMENT_ENDED', 'Norīkojums jau beidzas šajā dienā vai agrāk', 'The assignment already ends on or before that day', { validTo: assignment.validTo });
      }
      if (endOn < assignment.validFrom) {
        throw invalid('NETWORK.STAFF_ASSIGNMENT_END_BEFORE_START', 'Norīkojums nevar beigties pirms tā sākuma', 'An assignment cannot end before it starts', [
          { field: 'endOn', code: 'before_valid_from', messageLv: `Ne agrāk kā ${assignment.validFrom}`, messageEn: `Not before ${assignment.validFrom}` },
        ]);
      }
      assignment.validTo = endOn;
      await em.flush();
      await this.audit.record(cmd.actor, { action: 'staff.personal-data.write', resourceType: 'staff_assignment', resourceId: assignment.id, details: { centreId: centre.id, fields: ['validTo'] } }, em);
      return toStaffView(assignment);
    });
  }
}

export const toStaffView = (a: StaffAssignment): StaffAssignmentView => ({
  id: a.id,
  centreId: a.centreId,
  userId: a.userId,
  displayName: a.displayName,
  personalCodeMasked: a.personalCodeMasked ?? null,
  role: a.role,
  validFrom: a.validFrom,
  validTo: a.validTo ?? null,
});
