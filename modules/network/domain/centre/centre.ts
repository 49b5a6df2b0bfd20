import { newId } from '@modules/shared-kernel';
import type { OpeningHoursSpec } from '../opening-hours';
import type { CentreKind } from './centre-kind';
import { canMoveCentre, type CentreStatus } from './centre-status';
import { illegalStatusChange } from './centre-errors';

export interface Coordinates {
  lat: number;
  lon: number;
}

export interface StatusChange {
  id: string;
  centreId: string;
  from: CentreStatus | null;
  to: CentreStatus;
  effectiveOn: string;
  changedAt: Date;
  changedBy: string;
  reason?: string;
}

/** A VPVKAC or contact point: where citizens are served in person. */
export class Centre {
  id: string = newId();
  code!: string;
  nameLv!: string;
  shortName!: string;
  kind!: CentreKind;
  municipalityAtvk!: string;
  placeName!: string;
  placeType!: 'town' | 'parish' | 'village';
  address!: string;
  postcode!: string;
  lat?: number;
  lon?: number;
  phone!: string;
  email!: string;
  languages: string[] = ['lv'];
  status: CentreStatus = 'planned';
  statusSince!: string;
  generated = false;
  openingHours!: OpeningHoursSpec;
  serviceCodes: string[] = [];
  version = 1;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();

  /** Moves along the lifecycle; returns the history entry to store. */
  changeStatus(to: CentreStatus, effectiveOn: string, changedBy: string, reason?: string, now = new Date()): StatusChange {
    if (!canMoveCentre(this.status, to)) throw illegalStatusChange(this.status, to);
    const change: StatusChange = { id: newId(), centreId: this.id, from: this.status, to, effectiveOn, changedAt: now, changedBy, reason };
    this.status = to;
    this.statusSince = effectiveOn;
    this.updatedAt = now;
    return change;
  }

}
