import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { BOOKING_CANCEL_REASONS, type BookingCancelReason } from '../../contracts';

export class CreateSpecialistDto {
  @ApiPropertyOptional({ description: 'Required for administrators; a specialist creates in their own institution' }) @IsOptional() @IsUUID() institutionId?: string;
  @ApiProperty({ description: 'Identity subject of the official’s user account' }) @IsString() @MinLength(1) @MaxLength(200) userId!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName!: string;
  @ApiProperty({ type: [String], example: ['VSAA-001'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) serviceCodes!: string[];
  @ApiPropertyOptional({ example: 'Europe/Riga' }) @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
}

export class UpdateSpecialistDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) displayName?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) serviceCodes?: string[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
}

export class WallClockIntervalDto {
  @ApiProperty({ example: '09:00' }) @IsString() @Matches(/^\d{2}:\d{2}$/) from!: string;
  @ApiProperty({ example: '16:00' }) @IsString() @Matches(/^\d{2}:\d{2}$/) to!: string;
}

export class AvailabilityOverrideDto {
  @ApiProperty({ example: '2026-12-23' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) date!: string;
  @ApiPropertyOptional({ type: [WallClockIntervalDto] }) @IsOptional() @IsArray() @ArrayMaxSize(12) @ValidateNested({ each: true }) @Type(() => WallClockIntervalDto) intervals?: WallClockIntervalDto[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() closed?: boolean;
}

export class AbsenceDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) id?: string;
  @ApiProperty() @IsDateString() from!: string;
  @ApiProperty() @IsDateString() to!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() handOffToSpecialistId?: string;
}

export class AvailabilityDto {
  @ApiProperty({ description: 'ISO weekday (1 = Monday) → intervals', example: { 1: [{ from: '09:00', to: '16:00' }] } }) @IsObject() weekly!: Record<string, WallClockIntervalDto[]>;
  @ApiPropertyOptional({ type: [AvailabilityOverrideDto] }) @IsOptional() @IsArray() @ArrayMaxSize(400) @ValidateNested({ each: true }) @Type(() => AvailabilityOverrideDto) overrides?: AvailabilityOverrideDto[];
  @ApiPropertyOptional({ type: [AbsenceDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => AbsenceDto) absences?: AbsenceDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() followsPublicHolidays?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() shortenBeforeHolidays?: boolean;
}

export class CreateConsultationTypeDto {
  @ApiProperty({ example: 'VSAA-001' }) @IsString() @MaxLength(32) serviceCode!: string;
  @ApiProperty() @IsInt() @Min(5) @Max(480) durationMinutes!: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(120) bufferBeforeMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(120) bufferAfterMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) minimumNoticeMinutes?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(366) bookingHorizonDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(200) maxPerSpecialistPerDay?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(5) slotIntervalMinutes?: number;
}

export class BookingCitizenDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: '123456-*****' }) @IsOptional() @IsString() @MaxLength(20) maskedCode?: string;
}

export class HoldDto {
  @ApiProperty({ example: 'VSAA-001' }) @IsString() @MaxLength(32) serviceCode!: string;
  @ApiProperty() @IsUUID() centreId!: string;
  @ApiProperty({ example: '2026-12-01T08:00:00Z' }) @IsString() @MaxLength(40) start!: string;
  @ApiProperty({ description: 'A specialist id or "any" (fair assignment)' }) @IsString() @MaxLength(40) specialistId!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() boothId?: string;
  @ApiPropertyOptional({ type: BookingCitizenDto }) @IsOptional() @ValidateNested() @Type(() => BookingCitizenDto) citizen?: BookingCitizenDto;
}

export class CancelBookingDto {
  @ApiProperty({ description: 'Free text kept with the booking (never sent in integration events)' }) @IsString() @MinLength(1) @MaxLength(500) reason!: string;
  @ApiPropertyOptional({ enum: BOOKING_CANCEL_REASONS, description: 'Reason code for reporting (default "other")' }) @IsOptional() @IsIn(BOOKING_CANCEL_REASONS) reasonCode?: BookingCancelReason;
}

export class RescheduleDto {
  @ApiProperty() @IsString() @MaxLength(40) start!: string;
  @ApiPropertyOptional({ description: 'Default: the same specialist; "any" for fair assignment' }) @IsOptional() @IsString() @MaxLength(40) specialistId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() boothId?: string;
}
