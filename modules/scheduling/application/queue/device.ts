import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DisplayBoard } from '../../infrastructure/persistence';

export type DeviceKind = 'display' | 'kiosk';

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Waiting-room displays, counter displays (a display bound to one desk) and ticket kiosks: each
 * holds a long random token, stored hashed.
 */
@Injectable()
export class DeviceRegistry {
  constructor(private readonly em: EntityManager) {}

  async register(centreId: string, kind: DeviceKind, name: string, deskId?: string): Promise<{ id: string; token: string; kind: DeviceKind; name: string; deskId: string | null }> {
    const token = `${kind === 'display' ? 'dsp' : 'ksk'}_${randomBytes(24).toString('base64url')}`;
    const board = Object.assign(new DisplayBoard(), { id: randomUUID(), centreId, name: `${kind}:${name}`, tokenHash: hash(token), ...(deskId ? { deskId } : {}) });
    const em = this.em.fork();
    await em.persistAndFlush(board);
    return { id: board.id, token, kind, name, deskId: deskId ?? null };
  }

  /** The centre a device token belongs to, or null (unknown, revoked, or the wrong kind). */
  async resolve(token: string | undefined, kind: DeviceKind): Promise<{ id: string; centreId: string; deskId: string | null } | null> {
    if (!token || !token.startsWith(kind === 'display' ? 'dsp_' : 'ksk_')) return null;
    const board = await this.em.fork().findOne(DisplayBoard, { tokenHash: hash(token), revokedAt: null });
    return board && board.name.startsWith(`${kind}:`) ? { id: board.id, centreId: board.centreId, deskId: board.deskId ?? null } : null;
  }

  /** The centre's devices, newest first; revoked ones too (with when), never their tokens. */
  async list(centreId: string): Promise<DeviceView[]> {
    const boards = await this.em.fork().find(DisplayBoard, { centreId }, { orderBy: { createdAt: 'desc', id: 'asc' } });
    return boards.map(toDeviceView);
  }

  /** Revokes a device's token: 'revoked', 'already' (revoked before: nothing changes), or 'unknown' (none such in the centre). */
  async revoke(id: string, centreId: string): Promise<'revoked' | 'already' | 'unknown'> {
    const em = this.em.fork();
    const board = await em.findOne(DisplayBoard, { id, centreId });
    if (!board) return 'unknown';
    if (board.revokedAt) return 'already';
    board.revokedAt = new Date();
    await em.flush();
    return 'revoked';
  }
}

export interface DeviceView {
  id: string;
  kind: DeviceKind;
  name: string;
  /** A counter display: its desk. */
  deskId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

function toDeviceView(board: DisplayBoard): DeviceView {
  const [kind, ...name] = board.name.split(':');
  return {
    id: board.id,
    kind: kind === 'kiosk' ? 'kiosk' : 'display',
    name: name.join(':'),
    deskId: board.deskId ?? null,
    createdAt: board.createdAt.toISOString(),
    revokedAt: board.revokedAt ? board.revokedAt.toISOString() : null,
  };
}
