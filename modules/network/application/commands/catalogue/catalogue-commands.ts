import { Command } from '@nestjs/cqrs';
import type { Principal } from '@infrastructure/auth/principal';
import type { InstitutionView, ServiceView } from '../../../contracts';
import type { GuideContent, ServiceChannels } from '../../../domain/catalogue';
import type { GuideView } from '../../queries/catalogue-queries';

export class RegisterInstitutionCommand extends Command<InstitutionView> {
  constructor(
    readonly actor: Principal,
    readonly code: string,
    readonly nameLv: string,
    readonly nameEn: string,
    readonly regNo: string | undefined,
    readonly videoConsultations: boolean,
  ) {
    super();
  }
}

export interface ServiceDetails {
  code: string;
  institutionCode: string;
  latvijaGovLvId: string | null;
  nameLv: string;
  nameEn: string;
  channels: ServiceChannels;
  defaultDurationMin: number;
  citizenIdentity: boolean;
  descriptionLv: string | null;
  descriptionEn: string | null;
}

export class RegisterServiceCommand extends Command<ServiceView> {
  constructor(
    readonly actor: Principal,
    readonly details: ServiceDetails,
  ) {
    super();
  }
}

export interface ImportServicesResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Upserts services by code from the catalogue CSV; all rows or none. */
export class ImportServicesCommand extends Command<ImportServicesResult> {
  constructor(
    readonly actor: Principal,
    readonly csv: string,
  ) {
    super();
  }
}

export class PublishServiceGuideCommand extends Command<GuideView> {
  constructor(
    readonly actor: Principal,
    readonly serviceIdOrCode: string,
    readonly content: GuideContent,
    readonly changeNote?: string,
    /** The version the author edited; a newer current version means someone else published first. */
    readonly baseVersion?: number,
  ) {
    super();
  }
}

export interface AgreementView {
  id: string;
  municipalityAtvk: string;
  number: string;
  signedOn: string;
  validFrom: string;
  validTo: string | null;
  coFinancingShare: number;
  validToday: boolean;
}

export class RecordCooperationAgreementCommand extends Command<AgreementView> {
  constructor(
    readonly actor: Principal,
    readonly municipalityAtvk: string,
    readonly number: string,
    readonly signedOn: string,
    readonly validFrom: string,
    readonly validTo: string | undefined,
    readonly coFinancingShare: number,
  ) {
    super();
  }
}
