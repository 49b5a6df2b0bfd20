import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@modules/shared-kernel';
import { Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import type { RemoteJoinView, RemoteRequestView, RemoteSessionView } from '../../contracts';
import { RemoteOfficialService } from '../../application/remote-official.service';
import { CreateRemoteRequestDto, EndRemoteSessionDto } from './remote-official.dto';

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
