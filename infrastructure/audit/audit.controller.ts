import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../auth/access.decorator';
import { Role } from '../auth/principal';
import { AuditTrail, type AuditVerification } from './audit-trail.service';

class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) resourceType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) resourceId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) actorId?: string;
  @ApiPropertyOptional({ description: 'Continue after this sequence number' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) afterSeq?: number;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

class AuditVerificationDto implements AuditVerification {
  @ApiProperty() valid!: boolean;
  @ApiProperty() checked!: number;
  @ApiProperty({ nullable: true, type: Number }) firstBrokenSeq!: number | null;
  @ApiProperty() lastHash!: string;
}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get('events')
  @Roles(Role.Auditor, Role.NetworkAdmin)
  @ApiOperation({ summary: 'Who read or changed personal data (append-only, hash-chained)' })
  async events(@Query() q: AuditQueryDto): Promise<{ items: Array<Record<string, unknown>> }> {
    return { items: await this.audit.list({ ...q, limit: q.limit ?? 100 }) };
  }

  @Get('verify')
  @Roles(Role.Auditor, Role.NetworkAdmin)
  @ApiOperation({ summary: 'Recompute the hash chain and report the first tampered entry, if any' })
  async verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
