import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { invalid, notFound } from '@modules/shared-kernel';
import { AppConfig } from '@infrastructure/config/app-config';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import type { Principal } from '@infrastructure/auth/principal';
import { Application } from '../../domain/application/application';
import { EFormDefinition, EFormVersion } from '../../domain/eform';
import { DeliveryRecord } from '../../infrastructure/persistence';
import { assertActsForInstitutionId } from '../intake-access';
import { deliveryPayload } from './delivery-payload';
import { DeliveryService } from './delivery.service';

export interface InboxItem {
  deliveryId: string;
  applicationId: string;
  leasedUntil: string;
  application: Record<string, unknown>;
}

/** Cursor: created_at + id of the last item, base64url. */
const encodeCursor = (createdAt: Date, id: string): string => Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [{ field: 'cursor', code: 'invalid', messageLv: 'Nederīgs kursors', messageEn: 'Invalid cursor' }]);
  }
  return { createdAt, id };
}

/**
 * The pull channel: an institution lists new applications (each fetch leases them for
 * INBOX_LEASE_SECONDS) and acknowledges each; what is not acknowledged comes back.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly deliveries: DeliveryService,
    private readonly audit: AuditTrail,
  ) {}

  async fetch(actor: Principal, limit: number, cursor?: string): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
    const institutionId = actor.institutionId;
    if (!institutionId) throw invalid('INTAKE.NO_INSTITUTION', 'Lietotājs nav saistīts ar iestādi', 'The caller is bound to no institution');
    assertActsForInstitutionId(actor, institutionId);
    const after = cursor ? decodeCursor(cursor) : null;
    return this.em.fork().transactional(async (em) => {
      const rows = await em.getConnection().execute<Array<{ id: string; application_id: string; created_at: Date }>>(
        `update intake.delivery d set leased_until = now() + make_interval(secs => ?)
          where d.id in (
            select id from intake.delivery
             where institution_id = ? and kind = 'inbox' and status = 'pending' and (leased_until is null or leased_until < now())
               ${after ? 'and (created_at, id) > (?, ?)' : ''}
             order by created_at, id limit ? for update skip locked)
          returning d.id, d.application_id, d.created_at`,
        [this.config.INBOX_LEASE_SECONDS, institutionId, ...(after ? [after.createdAt, after.id] : []), limit],
        'all',
        em.getTransactionContext(),
      );
      rows.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id));
      const leasedUntil = new Date(Date.now() + this.config.INBOX_LEASE_SECONDS * 1000).toISOString();
      const items: InboxItem[] = [];
      for (const row of rows) {
        const app = await em.findOneOrFail(Application, { id: row.application_id });
        const form = await em.findOneOrFail(EFormDefinition, { id: app.formId });
        const version = await em.findOneOrFail(EFormVersion, { id: app.formVersionId });
        items.push({ deliveryId: row.id, applicationId: app.id, leasedUntil, application: deliveryPayload(app, form, version, this.config.publicBaseUrl) });
      }
      if (items.length > 0) {
        await this.audit.record(actor, { action: 'application.personal-data.read', resourceType: 'inbox', resourceId: institutionId, purpose: 'hand-over', details: { applications: items.map((i) => i.applicationId) } }, em);
      }
      const last = rows[rows.length - 1];
      return { items, nextCursor: last && rows.length === limit ? encodeCursor(new Date(last.created_at), last.id) : null };
    });
  }

  async ack(actor: Principal, applicationId: string): Promise<{ applicationId: string; status: 'delivered' }> {
    const em = this.em.fork();
    const delivery = actor.institutionId ? await em.findOne(DeliveryRecord, { applicationId, institutionId: actor.institutionId, kind: 'inbox' }) : null;
    if (!delivery) throw notFound('INTAKE.INBOX_ITEM_NOT_FOUND', 'Pieteikums nav jūsu iestādes iesūtnē', 'No such application in your inbox');
    await this.deliveries.markDelivered(delivery.id, 'inbox');
    return { applicationId, status: 'delivered' };
  }
}
