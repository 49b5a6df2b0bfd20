import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { invalid, isUuid, notFound } from '@modules/shared-kernel';
import { AppConfig } from '@infrastructure/config/app-config';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import type { Principal } from '@infrastructure/auth/principal';
import { Application } from '../../domain/application/application';
import { EFormDefinition, EFormVersion } from '../../domain/eform';
import { DeliveryRecord, type DeliveryEvent } from '../../infrastructure/persistence';
import { assertActsForInstitutionId } from '../intake-access';
import { deliveryPayload, withdrawalPayload } from './delivery-payload';
import { DeliveryService } from './delivery.service';

export interface InboxItem {
  /** The item's id: acknowledge it with `POST /inbox/{deliveryId}/ack`. */
  deliveryId: string;
  applicationId: string;
  /** `application.submitted` (the application is in `application`) or `application.withdrawn` (the notice is in `withdrawal`). */
  type: DeliveryEvent;
  leasedUntil: string;
  application?: Record<string, unknown>;
  withdrawal?: Record<string, unknown>;
}

/**
 * Cursor: created_at + id of the last item, base64url. created_at is kept as PostgreSQL's text
 * (microseconds): a JavaScript Date would cut it to milliseconds and the last item would come again.
 */
const encodeCursor = (createdAt: string, id: string): string => Buffer.from(`${createdAt}|${id}`).toString('base64url');
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!createdAt || !TIMESTAMP.test(createdAt) || !id || !isUuid(id)) {
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
      const rows = await em.getConnection().execute<Array<{ id: string; application_id: string; event: DeliveryEvent; created_us: string; cursor_at: string }>>(
        `update intake.delivery d set leased_until = now() + make_interval(secs => ?)
          where d.id in (
            select id from intake.delivery
             where institution_id = ? and kind = 'inbox' and status = 'pending' and (leased_until is null or leased_until < now())
               ${after ? 'and (created_at, id) > (?::timestamptz, ?::uuid)' : ''}
             order by created_at, id limit ? for update skip locked)
          returning d.id, d.application_id, d.event, (extract(epoch from d.created_at) * 1000000)::bigint::text as created_us, d.created_at::text as cursor_at`,
        [this.config.INBOX_LEASE_SECONDS, institutionId, ...(after ? [after.createdAt, after.id] : []), limit],
        'all',
        em.getTransactionContext(),
      );
      // In the cursor's order, to the microsecond (RETURNING keeps none).
      const key = (r: { created_us: string; id: string }): [bigint, string] => [BigInt(r.created_us), r.id];
      rows.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        return x[0] === y[0] ? (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) : x[0] < y[0] ? -1 : 1;
      });
      const leasedUntil = new Date(Date.now() + this.config.INBOX_LEASE_SECONDS * 1000).toISOString();
      const items: InboxItem[] = [];
      for (const row of rows) {
        const app = await em.findOneOrFail(Application, { id: row.application_id });
        if (row.event === 'application.withdrawn') {
          items.push({ deliveryId: row.id, applicationId: app.id, type: row.event, leasedUntil, withdrawal: withdrawalPayload(app, this.config.publicBaseUrl) });
          continue;
        }
        const form = await em.findOneOrFail(EFormDefinition, { id: app.formId });
        const version = await em.findOneOrFail(EFormVersion, { id: app.formVersionId });
        items.push({ deliveryId: row.id, applicationId: app.id, type: row.event, leasedUntil, application: deliveryPayload(app, form, version, this.config.publicBaseUrl) });
      }
      if (items.length > 0) {
        await this.audit.record(actor, { action: 'application.personal-data.read', resourceType: 'inbox', resourceId: institutionId, purpose: 'hand-over', details: { applications: items.map((i) => i.applicationId) } }, em);
      }
      const last = rows[rows.length - 1];
      return { items, nextCursor: last && rows.length === limit ? encodeCursor(last.cursor_at, last.id) : null };
    });
  }

  /**
   * Acknowledges an item by its `deliveryId`, or — as before withdrawal notices existed — the
   * application's own item by the application's id.
   */
  async ack(actor: Principal, id: string): Promise<{ applicationId: string; deliveryId: string; type: DeliveryEvent; status: 'delivered' }> {
    const em = this.em.fork();
    const mine = { institutionId: actor.institutionId, kind: 'inbox' as const };
    const delivery =
      actor.institutionId && isUuid(id)
        ? ((await em.findOne(DeliveryRecord, { id, ...mine })) ?? (await em.findOne(DeliveryRecord, { applicationId: id, event: 'application.submitted', ...mine })))
        : null;
    if (!delivery) throw notFound('INTAKE.INBOX_ITEM_NOT_FOUND', 'Pieteikums nav jūsu iestādes iesūtnē', 'No such application in your inbox');
    await this.deliveries.markDelivered(delivery.id, 'inbox');
    return { applicationId: delivery.applicationId, deliveryId: delivery.id, type: delivery.event, status: 'delivered' };
  }
}
