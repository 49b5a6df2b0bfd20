import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FEEDBACK_LANGUAGES, REPORT_INTERVALS, REPORTING_CHANNELS, type FeedbackLanguage, type ReportInterval } from '../../domain';
import { REPORT_DIMENSIONS, type ReportDimension } from '../../application/queries/report-request';

const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 'a,b' or repeated parameters to a list. */
const QueryList = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value));

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportFormatDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' }) @IsOptional() @IsIn(EXPORT_FORMATS) format?: ExportFormat;
}

export class ReportQueryDto extends ExportFormatDto {
  @ApiProperty({ example: '2026-03-01', description: 'First local date (Europe/Riga)' }) @Matches(LOCAL_DATE) from!: string;
  @ApiProperty({ example: '2026-03-31', description: 'Last local date, inclusive' }) @Matches(LOCAL_DATE) to!: string;
  @ApiPropertyOptional({ enum: REPORT_INTERVALS, default: 'day' }) @IsOptional() @IsIn(REPORT_INTERVALS) interval?: ReportInterval;
  @ApiPropertyOptional({ enum: REPORT_DIMENSIONS, isArray: true, description: 'Comma-separated, e.g. centre,service' })
  @IsOptional() @QueryList() @IsArray() @ArrayMaxSize(4) @IsIn(REPORT_DIMENSIONS, { each: true }) groupBy?: ReportDimension[];
  @ApiPropertyOptional({ description: 'Centre ids, comma-separated' }) @IsOptional() @QueryList() @IsArray() @ArrayMaxSize(400) @IsUUID('all', { each: true }) centreId?: string[];
  @ApiPropertyOptional({ description: 'Municipality ATVK code' }) @IsOptional() @Matches(/^\d{7}$/) municipality?: string;
  @ApiPropertyOptional({ description: 'Planning region (Rīga, Kurzeme, Zemgale, Vidzeme, Latgale)' }) @IsOptional() @IsString() @MaxLength(40) region?: string;
  @ApiPropertyOptional({ example: 'VSAA-001' }) @IsOptional() @IsString() @MaxLength(32) service?: string;
  @ApiPropertyOptional({ example: 'VSAA', description: 'Institution code' }) @IsOptional() @IsString() @MaxLength(16) institution?: string;
  @ApiPropertyOptional({ enum: REPORTING_CHANNELS }) @IsOptional() @IsIn(REPORTING_CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() queueId?: string;
}

export class KpiQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First month of the series (default: 11 months before to)' }) @IsOptional() @Matches(LOCAL_DATE) from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last month of the series (default: this month)' }) @IsOptional() @Matches(LOCAL_DATE) to?: string;
}

export class OpenDataQueryDto extends ExportFormatDto {
  @ApiProperty({ example: '2026-01', description: 'First month, YYYY-MM' }) @Matches(MONTH) from!: string;
  @ApiProperty({ example: '2026-03', description: 'Last month, YYYY-MM (at most 24 months)' }) @Matches(MONTH) to!: string;
  @ApiPropertyOptional({ enum: ['centre', 'municipality', 'region', 'national'], default: 'municipality' })
  @IsOptional() @IsIn(['centre', 'municipality', 'region', 'national']) level?: 'centre' | 'municipality' | 'region' | 'national';
}

export class FeedbackAnswersDto {
  @ApiPropertyOptional({ enum: ['yes', 'partly', 'no'] }) @IsOptional() @IsIn(['yes', 'partly', 'no']) resolved?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() waitAcceptable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() staffHelpful?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() wouldRecommend?: boolean;
}

export class SubmitFeedbackDto {
  @ApiProperty() @IsUUID() centreId!: string;
  @ApiPropertyOptional({ example: 'A012', description: 'The number on the ticket' }) @IsOptional() @Matches(/^[A-Za-z]{1,3}\d{3,4}$/) ticketNumber?: string;
  @ApiPropertyOptional({ example: '2026-03-02', description: 'Day of the visit (default: today)' }) @IsOptional() @Matches(LOCAL_DATE) visitDay?: string;
  @ApiPropertyOptional({ description: 'The tracking or feedback token from the ticket (one rating per token)' }) @IsOptional() @IsString() @MinLength(16) @MaxLength(200) token?: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) @Type(() => Number) @IsInt() @Min(1) @Max(5) rating!: number;
  @ApiPropertyOptional({ type: FeedbackAnswersDto }) @IsOptional() @IsObject() answers?: Record<string, string | boolean>;
  @ApiPropertyOptional({ enum: FEEDBACK_LANGUAGES, default: 'lv' }) @IsOptional() @IsIn(FEEDBACK_LANGUAGES) lang?: FeedbackLanguage;
}
