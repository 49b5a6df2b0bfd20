import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@modules/shared-kernel';
import { Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import type { RemoteJoinView, RemoteRequestView, RemoteSessionView } from '../../contracts';
import { RemoteOfficialService } from '../../application/remote-official.service';
import { CreateRemoteRequestDto, EndRemoteSessionDto, FailRemoteSessionDto, OpenBookedSessionDto } from './remote-official.dto';

const DAY_MS = 86_400_000;
const badBound = (field: string): DomainError =>
  new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgi dati', en: 'Invalid data' }, [{ field, code: 'INVALID', messageLv: 'Norādiet laiku ar nobīdi (ISO 8601)', messageEn: 'Give an ISO 8601 instant with its offset' }]);
const instant = (value: string | undefined, field: string, fallback: Date): Date => {
  if (value === undefined || value === '') return fallback;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) throw badBound(field);
  return parsed;
};

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgs identifikators', en: 'Invalid identifier' }) });

/** Remote consultations with institution specialists: the on-demand line and video sessions on Janus. */
@ApiTags('remote-official')
@Controller('api/v1/remote-official')
export class RemoteOfficialController {
  constructor(private readonly service: RemoteOfficialService) {}

  @Post('requests')
  @Roles(Role.Clerk)
  @ApiOperation({ summary: "A clerk asks for a consultation now (joins the institution's line)" })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateRemoteRequestDto): Promise<RemoteRequestView> {
    return this.service.createRequest(principal, dto);
  }

  @Get('requests')
  @Roles(Role.InstitutionSpecialist)
  @ApiOperation({ summary: "The specialist's institution's line" })
  line(@CurrentPrincipal() principal: Principal): Promise<RemoteRequestView[]> {
    return this.service.listLine(principal);
  }

  @Post('requests/next')
  @HttpCode(200)
  @Roles(Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Take the next request: it rings for the specialist until accepted or timed out' })
  next(@CurrentPrincipal() principal: Principal): Promise<RemoteRequestView> {
    return this.service.takeNext(principal);
  }

  @Get('requests/:id')
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'A request with its place in line and a wait estimate' })
  request(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RemoteRequestView> {
    return this.service.getRequest(principal, id);
  }

  @Post('requests/:id/accept')
  @Roles(Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Accept a request: a video room is created' })
  accept(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RemoteSessionView> {
    return this.service.accept(principal, id);
  }

  @Post('requests/:id/withdraw')
  @HttpCode(200)
  @Roles(Role.Clerk)
  @ApiOperation({ summary: 'The clerk gives up a request nobody has accepted yet (the session is abandoned)' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RemoteRequestView> {
    return this.service.withdraw(principal, id);
  }

  @Post('booked-sessions')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: "The video session of a confirmed booking (created at confirmation, or now); joinable from 10 minutes before the start" })
  openBooked(@CurrentPrincipal() principal: Principal, @Body() dto: OpenBookedSessionDto): Promise<RemoteSessionView> {
    return this.service.openBooked(principal, dto.bookingId, dto.sharedNote);
  }

  @Get('booked-sessions')
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiQuery({ name: 'from', required: false, description: 'ISO instant (default: now − 1 hour)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO instant (default: from + 1 day)' })
  @ApiOperation({ summary: "Booked sessions of the specialist, or of the clerk's centres, by booked start (without shared data)" })
  listBooked(@CurrentPrincipal() principal: Principal, @Query('from') from?: string, @Query('to') to?: string): Promise<RemoteSessionView[]> {
    const start = instant(from, 'from', new Date(Date.now() - 3_600_000));
    const end = instant(to, 'to', new Date(start.getTime() + DAY_MS));
    if (!(start < end) || end.getTime() - start.getTime() > 31 * DAY_MS) throw badBound('to');
    return this.service.listBooked(principal, start, end);
  }

  @Get('sessions/:id')
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'A session with the participants currently in its room' })
  session(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RemoteSessionView> {
    return this.service.getSession(principal, id);
  }

  @Post('sessions/:id/join')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'A fresh Janus token for the booth or the accepting specialist' })
  join(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RemoteJoinView> {
    return this.service.join(principal, id);
  }

  @Post('sessions/:id/end')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'End the consultation: tokens revoked, room destroyed' })
  end(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: EndRemoteSessionDto): Promise<RemoteSessionView> {
    return this.service.end(principal, id, dto.outcome, dto.notes);
  }

  @Post('sessions/:id/fail')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'The call failed (reason code): tokens revoked, room destroyed' })
  fail(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string, @Body() dto: FailRemoteSessionDto): Promise<RemoteSessionView> {
    return this.service.fail(principal, id, dto.reason);
  }

  @Post('sessions/:id/check')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Check the video room still exists; marks the session interrupted when it is gone' })
  check(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RemoteSessionView> {
    return this.service.check(principal, id);
  }

  @Post('sessions/:id/reopen')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'A new video room for an interrupted session (then join again)' })
  reopen(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RemoteSessionView> {
    return this.service.reopen(principal, id);
  }
}
