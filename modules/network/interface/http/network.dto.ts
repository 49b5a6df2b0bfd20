import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CENTRE_KINDS, CENTRE_STATUSES, STAFF_ROLES, type CentreKind, type CentreStatus, type StaffRole } from '../../domain/centre';
import { SERVICE_CHANNELS, type ServiceChannels } from '../../domain/catalogue';
import type { OpeningHoursSpec } from '../../domain/opening-hours';
import { LOCAL_DATE, QueryBoolean, QueryList } from './query-transforms';

export class PageQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}

export class CentreFilterDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Municipality ATVK code' }) @IsOptional() @Matches(/^\d{7}$/) municipality?: string;
  @ApiPropertyOptional({ description: 'Service code offered in the centre' }) @IsOptional() @IsString() @MaxLength(32) service?: string;
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean() openNow?: boolean;
  @ApiPropertyOptional() @IsOptional() @QueryBoolean() @IsBoolean() hasVideoBooth?: boolean;
  @ApiPropertyOptional({ enum: CENTRE_STATUSES, isArray: true, description: 'Comma-separated' })
  @IsOptional() @QueryList() @IsArray() @IsIn(CENTRE_STATUSES, { each: true }) status?: CentreStatus[];
  @ApiPropertyOptional({ enum: CENTRE_KINDS }) @IsOptional() @IsIn(CENTRE_KINDS) kind?: CentreKind;
  @ApiPropertyOptional({ description: 'Planning region (Rīga, Kurzeme, Zemgale, Vidzeme, Latgale)' }) @IsOptional() @IsString() @MaxLength(40) planningRegion?: string;
  @ApiPropertyOptional({ description: 'Text in the name, place or address' }) @IsOptional() @IsString() @MinLength(2) @MaxLength(100) q?: string;
}

export class OpeningHoursRangeDto {
  @ApiPropertyOptional({ description: 'First local date (default: today in Riga)' }) @IsOptional() @Matches(LOCAL_DATE) from?: string;
  @ApiPropertyOptional({ description: 'Last local date (default: 6 days later), at most 92 days after from' }) @IsOptional() @Matches(LOCAL_DATE) to?: string;
}

export class CoordinatesDto {
  @ApiProperty() @IsLatitude() lat!: number;
  @ApiProperty() @IsLongitude() lon!: number;
}

export class RegisterCentreDto {
  @ApiProperty({ example: 'CES-010' }) @Matches(/^[A-Z]{2,4}-\d{3}$/) code!: string;
  @ApiProperty() @IsString() @MinLength(5) @MaxLength(300) nameLv!: string;
  @ApiProperty({ example: 'Vecpiebalgas VPVKAC' }) @IsString() @MinLength(3) @MaxLength(120) shortName!: string;
  @ApiProperty({ enum: CENTRE_KINDS }) @IsIn(CENTRE_KINDS) kind!: CentreKind;
  @ApiProperty({ example: '0026000' }) @Matches(/^\d{7}$/) municipalityAtvk!: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(120) placeName!: string;
  @ApiProperty({ enum: ['town', 'parish', 'village'] }) @IsIn(['town', 'parish', 'village']) placeType!: 'town' | 'parish' | 'village';
  @ApiProperty() @IsString() @MinLength(5) @MaxLength(300) address!: string;
  @ApiProperty({ example: 'LV-4101' }) @Matches(/^LV-\d{4}$/) postcode!: string;
  @ApiPropertyOptional({ type: CoordinatesDto }) @IsOptional() @ValidateNested() @Type(() => CoordinatesDto) coordinates?: CoordinatesDto;
  @ApiProperty({ example: '66954884' }) @Matches(/^(\+371)?[2689]\d{7}$/) phone!: string;
  @ApiProperty() @IsEmail() @MaxLength(200) email!: string;
  @ApiProperty({ example: ['lv', 'en'] }) @IsArray() @ArrayMaxSize(10) @IsIn(['lv', 'en', 'ru', 'uk', 'lt', 'et', 'de'], { each: true }) languages!: string[];
  @ApiProperty({ description: 'OpeningHoursSpec: weekly hours, seasons, monthly closed days, exceptions' }) @IsObject() openingHours!: OpeningHoursSpec;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) serviceCodes?: string[];
  @ApiPropertyOptional({ enum: CENTRE_STATUSES, default: 'planned' }) @IsOptional() @IsIn(['planned', 'premises_ready', 'equipped']) status?: CentreStatus;
}

export class UpdateCentreDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(5) @MaxLength(300) nameLv?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(120) shortName?: string;
  @ApiPropertyOptional({ enum: CENTRE_KINDS }) @IsOptional() @IsIn(CENTRE_KINDS) kind?: CentreKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(5) @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^LV-\d{4}$/) postcode?: string;
  @ApiPropertyOptional({ type: CoordinatesDto }) @IsOptional() @ValidateNested() @Type(() => CoordinatesDto) coordinates?: CoordinatesDto;
  @ApiPropertyOptional() @IsOptional() @Matches(/^(\+371)?[2689]\d{7}$/) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsArray() @IsIn(['lv', 'en', 'ru', 'uk', 'lt', 'et', 'de'], { each: true }) languages?: string[];
  @ApiPropertyOptional({ description: 'Optimistic concurrency: the version you read' }) @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

export class ChangeCentreStatusDto {
  @ApiProperty({ enum: CENTRE_STATUSES }) @IsIn(CENTRE_STATUSES) status!: CentreStatus;
  @ApiProperty({ example: '2026-12-01' }) @Matches(LOCAL_DATE) effectiveOn!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class SetOpeningHoursDto {
  @ApiProperty({ description: 'OpeningHoursSpec' }) @IsObject() openingHours!: OpeningHoursSpec;
}

export class SetCentreServicesDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) serviceCodes!: string[];
}

export class AddVideoBoothDto {
  @ApiProperty({ example: 'Videokabīne 1' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @ApiPropertyOptional({ default: 2 }) @IsOptional() @IsInt() @Min(1) @Max(10) capacity?: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() accessible?: boolean;
}

export class AssignStaffDto {
  @ApiProperty({ description: 'Subject at the identity provider' }) @IsString() @MinLength(1) @MaxLength(200) userId!: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) displayName!: string;
  @ApiPropertyOptional({ description: 'Latvian personal code (validated; stored only as a keyed hash and a mask)' })
  @IsOptional() @IsString() @MaxLength(20) personalCode?: string;
  @ApiPropertyOptional({ enum: STAFF_ROLES, default: 'clerk' }) @IsOptional() @IsIn(STAFF_ROLES) role?: StaffRole;
  @ApiProperty() @Matches(LOCAL_DATE) validFrom!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(LOCAL_DATE) validTo?: string;
}

export class EndStaffAssignmentDto {
  @ApiPropertyOptional({ description: 'The last day of the assignment (default: today in Riga); not before validFrom' }) @IsOptional() @Matches(LOCAL_DATE) endOn?: string;
}

export class RegisterInstitutionDto {
  @ApiProperty({ example: 'VSAA' }) @Matches(/^[A-ZĀČĒĢĪĶĻŅŠŪŽ]{2,10}$/) code!: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) nameLv!: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) nameEn!: string;
  @ApiPropertyOptional({ example: '90000030432' }) @IsOptional() @IsString() @MaxLength(11) regNo?: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() videoConsultations?: boolean;
}

export class RegisterServiceDto {
  @ApiProperty({ example: 'VSAA-020' }) @Matches(/^[A-Z0-9-]{2,32}$/) code!: string;
  @ApiProperty({ example: 'VSAA' }) @IsString() @MaxLength(10) institutionCode!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{1,10}$/) latvijaGovLvId?: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(300) nameLv!: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(300) nameEn!: string;
  @ApiProperty({ enum: SERVICE_CHANNELS }) @IsIn(SERVICE_CHANNELS) channels!: ServiceChannels;
  @ApiProperty({ example: 20 }) @IsInt() @Min(5) @Max(240) defaultDurationMin!: number;
  @ApiPropertyOptional({ default: false, description: 'The walk-in queue may take the visitor’s name and personal code for this service (otherwise it takes none)' })
  @IsOptional() @IsBoolean() citizenIdentity?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) descriptionLv?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) descriptionEn?: string;
}

export class ServiceFilterDto {
  @ApiPropertyOptional({ description: 'Institution id or code' }) @IsOptional() @IsString() @MaxLength(64) institution?: string;
  @ApiPropertyOptional({ enum: ['in_person', 'remote_video'] }) @IsOptional() @IsIn(['in_person', 'remote_video']) channel?: 'in_person' | 'remote_video';
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(100) q?: string;
  @ApiPropertyOptional({ description: 'Only services offered in this centre (id or code)' }) @IsOptional() @IsString() @MaxLength(64) centre?: string;
}

export class FaqDto {
  @ApiProperty() @IsString() @MaxLength(500) qLv!: string;
  @ApiProperty() @IsString() @MaxLength(4000) aLv!: string;
  @ApiProperty() @IsString() @MaxLength(500) qEn!: string;
  @ApiProperty() @IsString() @MaxLength(4000) aEn!: string;
}

export class GuideContentDto {
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) titleLv!: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) titleEn!: string;
  @ApiProperty() @IsString() @MaxLength(4000) summaryLv!: string;
  @ApiProperty() @IsString() @MaxLength(4000) summaryEn!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) checklistLv!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) checklistEn!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) documentsLv!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) documentsEn!: string[];
  @ApiProperty() @IsString() @MaxLength(1000) feesLv!: string;
  @ApiProperty() @IsString() @MaxLength(1000) feesEn!: string;
  @ApiProperty({ type: [FaqDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FaqDto) faq!: FaqDto[];
  @ApiProperty({ nullable: true, type: String }) @IsOptional() @Matches(/^https:\/\/(www\.)?latvija\.gov\.lv\//) latvijaGovLvUrl!: string | null;
}

export class PublishGuideDto {
  @ApiProperty({ type: GuideContentDto }) @ValidateNested() @Type(() => GuideContentDto) content!: GuideContentDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) changeNote?: string;
  @ApiPropertyOptional({ description: 'The version you edited (409 if someone published since)' }) @IsOptional() @IsInt() @Min(0) baseVersion?: number;
}

export class GuideQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
}

export class KnowledgeSearchDto {
  @ApiProperty({ example: 'deklarācija' }) @IsString() @MinLength(2) @MaxLength(200) q!: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class RecordAgreementDto {
  @ApiProperty() @Matches(/^\d{7}$/) municipalityAtvk!: string;
  @ApiProperty({ example: 'VARAM/2026/17' }) @IsString() @MinLength(3) @MaxLength(60) number!: string;
  @ApiProperty() @Matches(LOCAL_DATE) signedOn!: string;
  @ApiProperty() @Matches(LOCAL_DATE) validFrom!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(LOCAL_DATE) validTo?: string;
  @ApiProperty({ example: 0.5 }) @IsNumber() @Min(0) @Max(1) coFinancingShare!: number;
}

export class AgreementFilterDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{7}$/) municipality?: string;
}

export class IssueApiKeyDto {
  @ApiProperty({ example: 'VSAA lietvedības sistēma' }) @IsString() @MinLength(3) @MaxLength(100) name!: string;
}
