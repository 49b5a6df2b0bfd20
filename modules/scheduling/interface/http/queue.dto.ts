import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DESK_STATES, MAX_NOTES_LENGTH, REQUEST_CHANNELS, type DeskState, type RequestChannel, type TicketPriority, type TransferPlacement } from '../../domain/queue';

export class CitizenDto {
  @ApiPropertyOptional({ description: 'Only when the service needs it' }) @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: 'Validated; only a mask is kept' }) @IsOptional() @IsString() @MaxLength(20) personalCode?: string;
}

export class IssueTicketDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() queueId?: string;
  @ApiPropertyOptional({ example: 'VSAA-002' }) @IsOptional() @IsString() @MaxLength(32) serviceCode?: string;
  @ApiPropertyOptional({ enum: [0, 1, 2], description: '0 normal, 1 priority (elderly, pregnant), 2 high (disability)' })
  @IsOptional() @IsIn([0, 1, 2]) priority?: TicketPriority;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A booked appointment checking in: the ticket goes first. Only a confirmed booking of this centre, from an hour before its start until its end, and once: 422 QUEUE.APPOINTMENT_UNKNOWN, 409 QUEUE.APPOINTMENT_NOT_DUE or QUEUE.APPOINTMENT_CHECKED_IN otherwise.',
  })
  @IsOptional()
  @IsUUID()
  appointmentBookingId?: string;
  @ApiPropertyOptional({
    type: CitizenDto,
    description: 'Who the visitor is — only with a `serviceCode` whose catalogue entry has `citizenIdentity` (else 422 QUEUE.CITIZEN_NOT_NEEDED, field `citizen`). The personal code is checked and stored masked; only the centre’s clerks see it (GET tickets/{id}).',
  })
  @IsOptional() @ValidateNested() @Type(() => CitizenDto) citizen?: CitizenDto;
}

export class OpenDeskDto {
  @ApiPropertyOptional({ type: [String], description: 'Queues this desk serves (default: all)' }) @IsOptional() @IsArray() @ArrayMaxSize(26) @IsUUID('all', { each: true }) queueIds?: string[];
}

export class DeskStateDto {
  @ApiProperty({ enum: DESK_STATES }) @IsIn(DESK_STATES) state!: DeskState;
}

export class CallTicketDto {
  @ApiProperty() @IsUUID() ticketId!: string;
}

export class AddServiceDto {
  @ApiProperty() @IsString() @MaxLength(32) serviceCode!: string;
  @ApiPropertyOptional({ enum: REQUEST_CHANNELS, default: 'in_person' }) @IsOptional() @IsIn(REQUEST_CHANNELS) channel?: RequestChannel;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(50) quantity?: number;
}

export class TransferDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() toQueueId?: string;
  @ApiPropertyOptional({ description: 'Subject of the clerk who alone may call it' }) @IsOptional() @IsString() @MaxLength(200) toClerkId?: string;
  @ApiProperty({ enum: ['first', 'last', 'original'] }) @IsIn(['first', 'last', 'original']) placement!: TransferPlacement;
}

export class ParkDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) reason?: string;
}

export class PriorityDto {
  @ApiProperty({ enum: [0, 1, 2], description: '0 normal, 1 priority (elderly, pregnant), 2 high (disability)' })
  @IsIn([0, 1, 2]) priority!: TicketPriority;
}

export class ResumeDto {
  @ApiProperty() @IsUUID() deskId!: string;
}

export class FinishDto {
  @ApiProperty({ enum: ['served', 'not_served', 'left_before_service'] }) @IsIn(['served', 'not_served', 'left_before_service']) outcome!: 'served' | 'not_served' | 'left_before_service';
  @ApiPropertyOptional({ description: 'Required when not served' }) @IsOptional() @IsString() @MaxLength(300) reason?: string;
}

export class TicketNotesDto {
  @ApiProperty({
    maxLength: MAX_NOTES_LENGTH,
    description: `The clerks' notes on the visit, replacing the previous ones (trimmed; at most 2,000 characters; an empty string clears them). May hold personal data: shown only to the centre's clerks.`,
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(MAX_NOTES_LENGTH)
  notes!: string;
}

export class CreateQueueDto {
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(100) nameLv!: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(100) nameEn!: string;
  @ApiProperty({ example: 'D' }) @Matches(/^[A-Z]$/) prefix!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) serviceCodes!: string[];
}

export class CreateDeskDto {
  @ApiProperty({ example: '5' }) @Matches(/^[0-9A-Za-z]{1,4}$/) number!: string;
}

export class RegisterDeviceDto {
  @ApiProperty({ enum: ['display', 'kiosk'] }) @IsIn(['display', 'kiosk']) kind!: 'display' | 'kiosk';
  @ApiProperty({ example: 'Uzgaidāmās telpas ekrāns' }) @IsString() @MinLength(2) @MaxLength(80) name!: string;
  @ApiPropertyOptional({ description: 'A display only: the desk it stands at (a counter display showing the ticket called there, `counter:state` on /display) instead of the waiting room' })
  @IsOptional() @IsUUID() deskId?: string;
}

export class QueueSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(600) recallDelaySeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10) maxCalls?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(120) undoWindowSeconds?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(50) notifyAtPosition?: number;
  @ApiPropertyOptional({ description: 'Shown on the display board' }) @IsOptional() @IsString() @MaxLength(300) message?: string;
}
