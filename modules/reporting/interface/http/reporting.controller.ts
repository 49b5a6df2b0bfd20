import { Body, Controller, Get, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { Public, Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import { RIGA_TIME_ZONE } from '@modules/shared-kernel';
import type { ApplicationReport, FeedbackReport, KpiReport, RemoteSessionReport, ServiceCountReport, WaitTimeReport } from '../../contracts';
import { FEEDBACK_LANGUAGES, FEEDBACK_QUESTIONS, type FeedbackQuestion } from '../../domain';
import { RebuildReportingCommand, type RebuildResult } from '../../application/commands/rebuild-reporting.command';
import { SubmitFeedbackCommand } from '../../application/commands/submit-feedback.command';
import {
  GetApplicationStatsQuery,
  GetFeedbackResultsQuery,
  GetKpisQuery,
  GetRemoteSessionStatsQuery,
  GetServiceCountsQuery,
  GetWaitTimesQuery,
} from '../../application/queries/reporting-queries';
import { exportAs } from './export-reply';
import { FeedbackRateLimitGuard } from './feedback-rate-limit.guard';
import { applicationTable, feedbackTable, remoteSessionTable, serviceCountTable, waitTimeTable } from './report-tables';
import { KpiQueryDto, ReportQueryDto, SubmitFeedbackDto } from './reporting.dto';
import { rangeName, toReportRequest } from './to-report-request';

const READERS = [Role.NetworkAdmin, Role.Auditor, Role.MunicipalityCoordinator, Role.Clerk, Role.InstitutionSpecialist, Role.InstitutionIntegration];
const FORMATS = ['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** Reports for staff, scoped by role (see ReportScope); the citizen's feedback form. */
@ApiTags('reporting')
@Controller('api/v1/reporting')
export class ReportingController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('services')
  @Roles(...READERS)
  @ApiProduces(...FORMATS)
  @ApiOperation({ summary: 'Services provided by day (Riga) × centre × service × institution × channel; chart-ready series; ?format=csv|xlsx' })
  async services(@CurrentPrincipal() principal: Principal, @Query() dto: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ServiceCountReport | Buffer> {
    const report = await this.queries.execute(new GetServiceCountsQuery(principal, toReportRequest(dto, 'day')));
    return exportAs(dto.format, reply, report, serviceCountTable, rangeName('services', dto));
  }

  @Get('wait-times')
  @Roles(...READERS)
  @ApiProduces(...FORMATS)
  @ApiOperation({
    summary:
      'Wait, walk-to-desk, service and hold times (avg, median, p90), left-before-service and no-show rates; ?format=csv|xlsx. Medians and p90 are exact (percentile_cont) up to REPORTING_EXACT_PERCENTILE_LIMIT visits (default 50,000); whole-month slices larger than that take them from monthly histograms, within 1 % of the exact value (`percentiles.method` = histogram, `maxRelativeError` 0.01); counts, rates and averages are always exact',
  })
  async waitTimes(@CurrentPrincipal() principal: Principal, @Query() dto: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<WaitTimeReport | Buffer> {
    const report = await this.queries.execute(new GetWaitTimesQuery(principal, toReportRequest(dto, 'day')));
    return exportAs(dto.format, reply, report, waitTimeTable, rangeName('wait-times', dto));
  }

  @Get('applications')
  @Roles(...READERS)
  @ApiProduces(...FORMATS)
  @ApiOperation({
    summary:
      'Applications (Intake) by submission day: by state, delivery latency, institutions’ first answer and decision in working hours (Latvian calendar), share answered within target; ?format=csv|xlsx',
  })
  async applications(@CurrentPrincipal() principal: Principal, @Query() dto: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ApplicationReport | Buffer> {
    const report = await this.queries.execute(new GetApplicationStatsQuery(principal, toReportRequest(dto, 'day')));
    return exportAs(dto.format, reply, report, applicationTable, rangeName('applications', dto));
  }

  @Get('remote-sessions')
  @Roles(...READERS)
  @ApiProduces(...FORMATS)
  @ApiOperation({ summary: 'Remote consultations: booked, on demand, completed, failed, abandoned; time to answer and durations (avg, median, p90); ?format=csv|xlsx' })
  async remoteSessions(@CurrentPrincipal() principal: Principal, @Query() dto: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<RemoteSessionReport | Buffer> {
    const report = await this.queries.execute(new GetRemoteSessionStatsQuery(principal, toReportRequest(dto, 'day')));
    return exportAs(dto.format, reply, report, remoteSessionTable, rangeName('remote-sessions', dto));
  }

  @Get('kpis')
  @Roles(Role.NetworkAdmin, Role.Auditor, Role.MunicipalityCoordinator)
  @ApiOperation({ summary: 'The mission’s indicators: centres registered (216 → 315), new contact points (→ 99), reusable e-forms (0 → 5), month by month' })
  kpis(@CurrentPrincipal() principal: Principal, @Query() dto: KpiQueryDto): Promise<KpiReport> {
    const today = DateTime.now().setZone(RIGA_TIME_ZONE);
    const to = dto.to ?? today.toISODate()!;
    const from = dto.from ?? DateTime.fromISO(to).minus({ months: 11 }).startOf('month').toISODate()!;
    return this.queries.execute(new GetKpisQuery(principal, from, to));
  }

  @Get('feedback')
  @Roles(...READERS)
  @ApiProduces(...FORMATS)
  @ApiOperation({ summary: 'Citizens’ ratings by centre or service (groupBy), interval total by default; ?format=csv|xlsx' })
  async feedback(@CurrentPrincipal() principal: Principal, @Query() dto: ReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<FeedbackReport | Buffer> {
    const report = await this.queries.execute(new GetFeedbackResultsQuery(principal, toReportRequest(dto, 'total')));
    return exportAs(dto.format, reply, report, feedbackTable, rangeName('feedback', dto));
  }

  @Get('feedback/questions')
  @Public()
  @ApiOperation({ summary: 'The feedback questionnaire in Latvian, English and Russian' })
  questions(): { languages: readonly string[]; rating: { min: number; max: number }; questions: readonly FeedbackQuestion[] } {
    return { languages: FEEDBACK_LANGUAGES, rating: { min: 1, max: 5 }, questions: FEEDBACK_QUESTIONS };
  }

  @Post('feedback')
  @Public()
  @UseGuards(FeedbackRateLimitGuard)
  @HttpCode(201)
  @ApiOperation({ summary: 'Rate a visit anonymously (1–5 and a few closed questions); one rating per ticket or token; 409 REPORTING.FEEDBACK_ALREADY_GIVEN; 429 when an address sends too many' })
  submitFeedback(@Body() dto: SubmitFeedbackDto): Promise<{ accepted: true }> {
    return this.commands.execute(
      new SubmitFeedbackCommand(
        { centreId: dto.centreId, ticketNumber: dto.ticketNumber, visitDay: dto.visitDay, token: dto.token, rating: dto.rating, answers: dto.answers ?? {}, lang: dto.lang ?? 'lv' },
        new Date(),
      ),
    );
  }

  @Post('rebuild')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'Empty the read models and replay every event from the outbox (feedback is kept); 409 REPORTING.REBUILD_RUNNING' })
  rebuild(): Promise<RebuildResult> {
    return this.commands.execute(new RebuildReportingCommand());
  }
}
