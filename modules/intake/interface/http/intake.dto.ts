import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export class FormFilterDto {
  @ApiPropertyOptional({ example: 'PMLP' }) @IsOptional() @IsString() @MaxLength(10) institution?: string;
  @ApiPropertyOptional({ example: 'PMLP-001' }) @IsOptional() @IsString() @MaxLength(32) service?: string;
}

export class FormContentDto {
  @ApiProperty({ description: 'JSON Schema 2020-12 of the answers (root: object, additionalProperties: false)' }) @IsObject() jsonSchema!: Record<string, unknown>;
  @ApiProperty({ description: 'UI schema: field order, widgets, help texts' }) @IsObject() uiSchema!: Record<string, unknown>;
  @ApiProperty({ description: '{ lv: { pointer: label }, en: {…} }' }) @IsObject() labels!: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'JSON pointers of fields holding personal data' }) @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) sensitiveFields!: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) changeNote?: string;
}

export class CreateFormDto extends FormContentDto {
  @ApiProperty({ example: 'PMLP-DZIVESVIETA' }) @Matches(/^[A-Z0-9-]{3,40}$/) code!: string;
  @ApiProperty({ example: 'PMLP' }) @IsString() @MaxLength(10) institutionCode!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) serviceCodes!: string[];
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) titleLv!: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) titleEn!: string;
}

export class UpdateDraftDto {
  @ApiPropertyOptional() @IsOptional() @IsObject() jsonSchema?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsObject() uiSchema?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsObject() labels?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) sensitiveFields?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) changeNote?: string;
}

export class SampleDto {
  @ApiProperty({ description: 'Sample answers to validate against the version' }) @IsObject() data!: Record<string, unknown>;
}

export class ContactDto {
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^(\+371)?[2689]\d{7}$/) phone?: string;
}

export class ApplicantDto {
  @ApiProperty({ example: '161175-19997' }) @IsString() @MaxLength(20) personalCode!: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
}

export class StartApplicationDto {
  @ApiPropertyOptional({ example: 'PMLP-DZIVESVIETA' }) @IsOptional() @IsString() @MaxLength(40) formCode?: string;
  @ApiPropertyOptional({ example: 'PMLP-001' }) @IsOptional() @IsString() @MaxLength(32) serviceCode?: string;
  @ApiProperty() @IsUUID() centreId!: string;
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) applicant!: ApplicantDto;
  @ApiPropertyOptional() @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The queue visit (ticket id) during which the application was made: a ticket of the same centre, else 422 INTAKE.VISIT_TICKET_INVALID' }) @IsOptional() @IsUUID() visitTicketId?: string;
}

export class UpdateApplicationDto {
  @ApiPropertyOptional() @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiPropertyOptional({ type: ApplicantDto }) @IsOptional() @ValidateNested() @Type(() => ApplicantDto) applicant?: ApplicantDto;
}

export class SubmitDto {
  @ApiProperty({ description: 'The consent text shown to the citizen (recorded)' }) @IsString() @MinLength(10) @MaxLength(4000) consentTextLv!: string;
}

export class WithdrawDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class StatusEventDto {
  @ApiProperty({ description: 'The institution’s own id of this event (idempotency key)' }) @IsString() @MinLength(1) @MaxLength(100) eventId!: string;
  @ApiProperty({ enum: ['accepted', 'in_progress', 'decided', 'closed'] }) @IsIn(['accepted', 'in_progress', 'decided', 'closed']) status!: 'accepted' | 'in_progress' | 'decided' | 'closed';
  @ApiPropertyOptional({ enum: ['granted', 'refused', 'returned'] }) @IsOptional() @IsIn(['granted', 'refused', 'returned']) outcome?: 'granted' | 'refused' | 'returned';
  @ApiPropertyOptional({ description: 'Message to the citizen' }) @IsOptional() @IsString() @MaxLength(2000) messageLv?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) messageEn?: string;
  @ApiProperty({ description: 'When it happened at the institution (ordering key)' }) @IsISO8601({ strict: true }) occurredAt!: string;
}

export class InboxQueryDto {
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class AddChannelDto {
  @ApiProperty({ enum: ['webhook', 'inbox'] }) @IsIn(['webhook', 'inbox']) kind!: 'webhook' | 'inbox';
  @ApiPropertyOptional({ example: 'https://lietvediba.vsaa.lv/vpvkac/webhook' }) @IsOptional() @IsString() @MaxLength(500) url?: string;
}

export class RotateSecretDto {
  @ApiPropertyOptional({ default: false, description: 'Drop the old secrets now (otherwise both sign until the next rotation)' }) @IsOptional() @IsBoolean() retireOld?: boolean;
}

export class DeliveryFilterDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() institutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() applicationId?: string;
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'dead', 'disabled'] }) @IsOptional() @IsIn(['pending', 'delivered', 'dead', 'disabled']) status?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class PdfQueryDto {
  @ApiPropertyOptional({ enum: ['lv', 'en'], default: 'lv' }) @IsOptional() @IsIn(['lv', 'en']) lang?: 'lv' | 'en';
}
