import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, LatvianCalendar, defaultStateInstitutionSchedule, integrationEvent, workingMillisBetween } from '@modules/shared-kernel';
import { Outbox } from '@infrastructure/messaging/outbox';
import { Role, hasRole, type Principal } from '@infrastructure/auth/principal';
import { Application } from '../../domain/application/application';
import type { DecisionOutcome, InstitutionStatus } from '../../domain/application/application-status';
import { EFormDefinition } from '../../domain/eform';
import { INTAKE_MODULE, IntakeEvents, type ApplicationClosedPayload, type ApplicationStatusChangedPayload } from '../../contracts';
import { assertActsForInstitutionId } from '../intake-access';
import { DeliveryService } from './delivery.service';
import { applicationRef } from '../applications/application-ref';

export interface StatusEventInput {
  eventId: string;
  status: InstitutionStatus;
  outcome?: DecisionOutcome;
  messageLv?: string;
  messageEn?: string;
  occurredAt: string;
}

const calendar = new LatvianCalendar();

/**
 * Status reports from the institution: authenticated as that institution (and signed with its
 * channel secret when sent by a machine), idempotent by event id, out-of-order safe.
 */
@Injectable()
export class StatusEventService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
    private readonly deliveries: DeliveryService,
  ) {}

  async receive(actor: Principal, applicationId: string, input: StatusEventInput, rawBody: string, headers: Record<string, string | undefined>): Promise<{ result: 'applied' | 'ignored' | 'duplicate'; status: string }> {
    const em = this.em.fork();
    const app = await em.findOne(Application, { id: applicationId });
    if (!app || !app.institutionId) throw new DomainError('INTAKE.APPLICATION_NOT_FOUND', 'not_found', { lv: 'Pieteikums nav atrasts', en: 'Application not found' });
    assertActsForInstitutionId(actor, app.institutionId);
    if (hasRole(actor, Role.InstitutionIntegration) && !(await this.deliveries.verifyInstitutionSignature(app.institutionId, rawBody, headers))) {
      throw new DomainError('INTAKE.INVALID_SIGNATURE', 'unauthenticated', { lv: 'Paraksts nav derīgs', en: 'The signature is not valid' });
    }
    const outcome = await this.em.fork().transactional(async (tx) => {
      const fresh = await tx.getConnection().execute<unknown[]>(
        `insert into intake.institution_status_event (institution_id, event_id, application_id, status) values (?, ?, ?, ?) on conflict do nothing returning event_id`,
        [app.institutionId, input.eventId, applicationId, input.status],
        'all',
        tx.getTransactionContext(),
      );
      // Lock the row with plain SQL, then read it: MikroORM's locking read came back empty now and
      // then in CI while a delivery of the same application committed (500 NotFoundError).
      await tx.getConnection().execute('select id from intake.application where id = ? for update', [applicationId], 'all', tx.getTransactionContext());
      const current = await tx.findOneOrFail(Application, { id: applicationId });
      if (fresh.length === 0) return { result: 'duplicate' as const, status: current.status };
      const from = current.status;
      const result = current.applyInstitutionStatus(
        { status: input.status, outcome: input.outcome, messageLv: input.messageLv, messageEn: input.messageEn, occurredAt: new Date(input.occurredAt) },
        actor.subject,
      );
      if (result === 'applied' && current.status !== from) {
        const form = await tx.findOneOrFail(EFormDefinition, { id: current.formId });
        const ref = applicationRef(current, form.code);
        const at = new Date(input.occurredAt);
        const changed: ApplicationStatusChangedPayload = {
          ...ref,
          from,
          to: current.status,
          outcome: current.decision?.outcome ?? null,
          at: at.toISOString(),
          workingMsSinceDelivery: current.deliveredAt ? workingMillisBetween(new Date(current.deliveredAt), at, defaultStateInstitutionSchedule, calendar) : null,
        };
        this.outbox.stage(tx, integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationStatusChanged, changed, current.id));
        if (current.status === 'closed') {
          const closed: ApplicationClosedPayload = { ...ref, outcome: current.decision?.outcome ?? null, closedAt: at.toISOString(), finalStatus: 'closed' };
          this.outbox.stage(tx, integrationEvent(INTAKE_MODULE, IntakeEvents.ApplicationClosed, closed, current.id));
        }
      }
      await tx.flush();
      return { result, status: current.status };
    });
    this.outbox.nudge();
    return outcome;
  }
}
