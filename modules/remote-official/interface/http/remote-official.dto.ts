import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SESSION_OUTCOMES, type SessionOutcome } from '../../domain/remote-session-rules';
import { SESSION_FAILURE_REASONS, type SessionFailureReason } from '../../contracts';

export class CreateRemoteRequestDto {
  @ApiProperty({ example: 'VSAA' }) @IsString() @Matches(/^[A-Z0-9]{2,12}$/) institutionCode!: string;
  @ApiProperty({ example: 'VSAA-002' }) @IsString() @Matches(/^[A-Z0-9-]{2,40}$/) serviceCode!: string;
  @ApiProperty() @IsUUID() centreId!: string;
  @ApiPropertyOptional({ description: 'The booth the visitor sits at' }) @IsOptional() @IsString() @MaxLength(40) boothId?: string;
  @ApiPropertyOptional({ description: 'The only thing the specialist sees about the visit: what the clerk chose to share' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  sharedNote?: string;
}

export class EndRemoteSessionDto {
  @ApiProperty({ enum: SESSION_OUTCOMES }) @IsIn(SESSION_OUTCOMES) outcome!: SessionOutcome;
  @ApiPropertyOptional({ description: "The specialist's notes (ignored when the clerk ends the call)" }) @IsOptional() @IsString() @MaxLength(4000) notes?: string;
}

export class FailRemoteSessionDto {
  @ApiProperty({ enum: SESSION_FAILURE_REASONS }) @IsIn(SESSION_FAILURE_REASONS) reason!: SessionFailureReason;
}

export class OpenBookedSessionDto {
  @ApiProperty({ description: 'The confirmed booking (scheduling)' }) @IsUUID() bookingId!: string;
  @ApiPropertyOptional({ description: 'Clerks only: a note for the specialist (besides the name and masked code entered when booking)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  sharedNote?: string;
}
