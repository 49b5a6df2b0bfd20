import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { GetCentreQuery, NetworkEvents, type CentreRegisteredIntegrationEvent } from '@modules/network';
import { Desk, ServiceQueue } from '../../domain/queue';
import { CentreQueueSettings, QueueStateStore } from '../../infrastructure/persistence';

/** Default queues: services grouped by the institutions that own them. */
const GROUPS: Array<{ prefix: string; nameLv: string; nameEn: string; institutions: string[] | null }> = [
  { prefix: 'A', nameLv: 'Sociālie pakalpojumi un nodarbinātība', nameEn: 'Social services and employment', institutions: ['VSAA', 'NVA', 'VDEAVK', 'VBTAI', 'NVD'] },
  { prefix: 'B', nameLv: 'Nodokļi, īpašums un uzņēmumi', nameEn: 'Taxes, property and business', institutions: ['VID', 'VZD', 'UR', 'LAD', 'LDC', 'VVD', 'VTUA'] },
  { prefix: 'C', nameLv: 'Dokumenti un citi pakalpojumi', nameEn: 'Documents and other services', institutions: null },
];

const institutionOf = (serviceCode: string): string => serviceCode.split('-')[0] ?? '';

/**
 * Gives every newly registered centre its queues, desks and queue settings
 * (ProvisionQueuesWhenCentreRegistered). Idempotent: a centre that has queues is left alone.
 */
@Injectable()
export class ProvisionQueuesWhenCentreRegistered implements OnModuleInit {
  private readonly logger = new Logger(ProvisionQueuesWhenCentreRegistered.name);

  constructor(
    private readonly bus: IntegrationEventBus,
    private readonly queries: QueryBus,
    private readonly store: QueueStateStore,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe<CentreRegisteredIntegrationEvent>('scheduling.provision-centre-queues', [NetworkEvents.CentreRegistered], (event, em) =>
      this.provision(event.payload.centreId, event.payload.kind, em),
    );
  }

  async provision(centreId: string, kind: string, em: EntityManager): Promise<void> {
    if ((await em.count(ServiceQueue, { centreId })) > 0) return;
    const centre = await this.queries.execute(new GetCentreQuery(centreId));
    if (!centre) {
      this.logger.warn({ centreId }, 'centre not found; queues not provisioned');
      return;
    }
    const queues: ServiceQueue[] = [];
    let assigned = new Set<string>();
    GROUPS.forEach((group, i) => {
      const codes = centre.serviceCodes.filter((code) => !assigned.has(code) && (group.institutions === null || group.institutions.includes(institutionOf(code))));
      if (codes.length === 0 && group.institutions !== null) return;
      assigned = new Set([...assigned, ...codes]);
      const queue = ServiceQueue.create({ centreId, nameLv: group.nameLv, nameEn: group.nameEn, prefix: group.prefix, serviceCodes: codes, sortOrder: i + 1 }, queues);
      queues.push(queue);
      em.persist(queue);
    });
    const deskCount = kind === 'regional' ? 4 : kind === 'county' ? 3 : kind === 'local' ? 2 : 1;
    for (let n = 1; n <= deskCount; n++) em.persist(Desk.create({ centreId, number: String(n) }));
    const settings = await em.findOne(CentreQueueSettings, { centreId });
    if (!settings) em.persist(Object.assign(new CentreQueueSettings(), { centreId }));
    await em.flush();
    // A copy of this centre's queue state held in memory (QueueStateStore) is now out of date.
    await em.getConnection().execute('update scheduling.centre_queue_settings set seq = seq + 1 where centre_id = ?', [centreId], 'run', em.isInTransaction() ? em.getTransactionContext() : undefined);
    this.store.invalidate(centreId);
  }
}
