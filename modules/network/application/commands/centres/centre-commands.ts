import { Command } from '@nestjs/cqrs';
import type { Principal } from '@infrastructure/auth/principal';
import type { CentreView, VideoBoothView } from '../../../contracts';
import type { CentreKind, CentreStatus, StaffRole } from '../../../domain/centre';
import type { OpeningHoursSpec } from '../../../domain/opening-hours';

export interface CentreDetails {
  code: string;
  nameLv: string;
  shortName: string;
  kind: CentreKind;
  municipalityAtvk: string;
  placeName: string;
  placeType: 'town' | 'parish' | 'village';
  address: string;
  postcode: string;
  coordinates?: { lat: number; lon: number };
  phone: string;
  email: string;
  languages: string[];
}

export class RegisterCentreCommand extends Command<CentreView> {
  constructor(
    readonly actor: Principal,
    readonly details: CentreDetails,
    readonly openingHours: OpeningHoursSpec,
    readonly serviceCodes: string[],
    readonly status: CentreStatus = 'planned',
  ) {
    super();
  }
}

export class UpdateCentreCommand extends Command<CentreView> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
    readonly changes: Partial<Omit<CentreDetails, 'code' | 'municipalityAtvk'>>,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

export class ChangeCentreStatusCommand extends Command<CentreView> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
    readonly to: CentreStatus,
    readonly effectiveOn: string,
    readonly reason?: string,
  ) {
    super();
  }
}

export class SetOpeningHoursCommand extends Command<CentreView> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
    readonly openingHours: OpeningHoursSpec,
  ) {
    super();
  }
}

export class SetCentreServicesCommand extends Command<CentreView> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
    readonly serviceCodes: string[],
  ) {
    super();
  }
}

export class AddVideoBoothCommand extends Command<VideoBoothView> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
    readonly name: string,
    readonly capacity: number,
    readonly accessible: boolean,
  ) {
    super();
  }
}

export class AssignStaffCommand extends Command<StaffAssignmentView> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
    readonly userId: string,
    readonly displayName: string,
    readonly role: StaffRole,
    readonly validFrom: string,
    readonly validTo?: string,
    readonly personalCode?: string,
  ) {
    super();
  }
}

/** Ends an employee's assignment to a centre: the last day they work there (default: today in Riga). */
export class EndStaffAssignmentCommand extends Command<StaffAssignmentView> {
  constructor(
    readonly actor: Principal,
    readonly centreId: string,
    readonly assignmentId: string,
    readonly endOn?: string,
  ) {
    super();
  }
}

export interface StaffAssignmentView {
  id: string;
  centreId: string;
  userId: string;
  displayName: string;
  personalCodeMasked: string | null;
  role: StaffRole;
  validFrom: string;
  validTo: string | null;
}
