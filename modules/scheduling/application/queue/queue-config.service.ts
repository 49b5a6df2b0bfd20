import { Injectable } from '@nestjs/common';
import { invalid } from '@modules/shared-kernel';
import type { Principal } from '@infrastructure/auth/principal';
import { Desk, queueError, ServiceQueue } from '../../domain/queue';
import type { DeskView, QueueView } from '../../contracts';
import { assertMayConfigureCentre } from './queue-access';
import { QueueCommandRunner } from './queue-command-runner';
import { AuditTrail } from '@infrastructure/audit/audit-trail.service';
import { DeviceRegistry, type DeviceKind, type DeviceView } from './device';
import { toDeskView } from './queue-views.mapper';
import { QueueStateStore } from '../../infrastructure/persistence';

/** Queues, desks, devices and rules of a centre's queue. */
@Injectable()
export class QueueConfigService {
  constructor(
    private readonly runner: QueueCommandRunner,
    private readonly devices: DeviceRegistry,
    private readonly store: QueueStateStore,
    private readonly audit: AuditTrail,
  ) {}

  async createQueue(actor: Principal, centreId: string, input: { nameLv: string; nameEn: string; prefix: string; serviceCodes: string[] }): Promise<QueueView> {
    assertMayConfigureCentre(actor, centreId);
    return this.runner.run({ centreId, actor, command: 'create-queue' }, async (uow) => {
      const queues = await uow.queues();
      const queue = ServiceQueue.create({ centreId, ...input, sortOrder: queues.length + 1 }, queues);
      uow.addQueue(queue);
      return { id: queue.id, prefix: queue.prefix, nameLv: queue.nameLv, nameEn: queue.nameEn, serviceCodes: queue.serviceCodes, waiting: 0, estimate: null };
    });
  }

  async createDesk(actor: Principal, centreId: string, number: string): Promise<DeskView> {
    assertMayConfigureCentre(actor, centreId);
    return this.runner.run({ centreId, actor, command: 'create-desk' }, async (uow) => {
      const desk = Desk.create({ centreId, number });
      uow.addDesk(desk);
      return toDeskView(desk);
    });
  }

  async updateSettings(
    actor: Principal,
    centreId: string,
    changes: { recallDelaySeconds?: number; maxCalls?: number; undoWindowSeconds?: number; notifyAtPosition?: number; message?: string },
  ): Promise<Record<string, unknown>> {
    assertMayConfigureCentre(actor, centreId);
    return this.runner.run({ centreId, actor, command: 'settings' }, async (uow) => {
      // Only what was sent: an absent field keeps its value.
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(uow.settings, { [key]: value });
      uow.changes.push({ type: 'settings.updated' });
      const { recallDelaySeconds, maxCalls, undoWindowSeconds, notifyAtPosition, message } = uow.settings;
      return { recallDelaySeconds, maxCalls, undoWindowSeconds, notifyAtPosition, message: message ?? null };
    });
  }

  /** A kiosk, a waiting-room display, or (a display with `deskId`) a counter display at one of the centre's desks. */
  async registerDevice(actor: Principal, centreId: string, kind: DeviceKind, name: string, deskId?: string): Promise<{ id: string; token: string; kind: DeviceKind; name: string; deskId: string | null }> {
    assertMayConfigureCentre(actor, centreId);
    if (deskId !== undefined) {
      const field = { field: 'deskId', code: 'unknown' };
      if (kind !== 'display') throw invalid('QUEUE.DEVICE_DESK_NOT_ALLOWED', 'Galdam var piesaistīt tikai ekrānu', 'Only a display can belong to a desk', [{ ...field, code: 'not_allowed', messageLv: 'Kioskam galds nav jānorāda', messageEn: 'A kiosk has no desk' }]);
      if (!(await this.store.fresh(centreId)).desks.has(deskId)) {
        throw invalid('QUEUE.DESK_UNKNOWN', 'Šajā centrā nav tāda galda', 'This centre has no such desk', [{ ...field, messageLv: 'Nezināms galds', messageEn: 'Unknown desk' }]);
      }
    }
    const device = await this.devices.register(centreId, kind, name, deskId);
    await this.audit.record(actor, { action: 'scheduling.device.register', resourceType: 'device', resourceId: device.id, details: { centreId, kind, deskId: device.deskId } });
    return device;
  }

  async listDevices(actor: Principal, centreId: string): Promise<DeviceView[]> {
    assertMayConfigureCentre(actor, centreId);
    return this.devices.list(centreId);
  }

  /**
   * A lost or stolen kiosk or display: its token stops working at once (the caller also drops the
   * display's open connections). Revoking a revoked device again changes nothing.
   */
  async revokeDevice(actor: Principal, centreId: string, deviceId: string): Promise<void> {
    assertMayConfigureCentre(actor, centreId);
    const outcome = await this.devices.revoke(deviceId, centreId);
    if (outcome === 'unknown') throw queueError('QUEUE.DEVICE_NOT_FOUND', { deviceId });
    if (outcome === 'revoked') await this.audit.record(actor, { action: 'scheduling.device.revoke', resourceType: 'device', resourceId: deviceId, details: { centreId } });
  }
}
