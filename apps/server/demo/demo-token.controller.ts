import { Body, Controller, Get, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsInt, Min, Max } from 'class-validator';
import { notFound } from '@modules/shared-kernel';
import { FindCentreIdsByEmailsQuery, GetInstitutionQuery } from '@modules/network';
import { Public, Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { ALL_ROLES, type Principal } from '@infrastructure/auth/principal';
import { DevIssuer } from '@infrastructure/auth/dev-issuer';
import { DEMO_USERS } from './demo-users';

class DemoTokenDto {
  @ApiProperty({ enum: DEMO_USERS.map((u) => u.username), example: 'admin' })
  @IsIn(DEMO_USERS.map((u) => u.username))
  username!: string;

  @ApiProperty({ required: false, description: 'Lifetime in seconds (default 8 hours)' })
  @IsOptional() @IsInt() @Min(60) @Max(24 * 3600)
  ttlSeconds?: number;
}

/** Demo identity provider: tokens for the seeded demo users. 404 when a real issuer is configured. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class DemoTokenController {
  constructor(
    private readonly issuer: DevIssuer,
    private readonly queries: QueryBus,
  ) {}

  @Public()
  @Get('demo-users')
  @ApiOperation({ summary: 'Demo users (demo mode only)' })
  users(): Array<{ username: string; displayName: string; roles: string[]; descriptionLv: string }> {
    if (!this.issuer.enabled) throw new NotFoundException();
    return DEMO_USERS.map(({ username, displayName, roles, descriptionLv }) => ({ username, displayName, roles, descriptionLv }));
  }

  @Public()
  @Post('demo-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in as a demo user (demo mode only); returns a bearer token' })
  async token(@Body() dto: DemoTokenDto): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
    if (!this.issuer.enabled) throw new NotFoundException();
    const user = DEMO_USERS.find((u) => u.username === dto.username)!;
    const centreIds = user.centreEmails ? Object.values(await this.queries.execute(new FindCentreIdsByEmailsQuery(user.centreEmails))) : undefined;
    const institution = user.institutionCode ? await this.queries.execute(new GetInstitutionQuery(user.institutionCode)) : null;
    if (user.institutionCode && !institution) throw notFound('AUTH.DEMO_DATA_MISSING', 'Demo dati nav ielādēti', 'Demo data is not loaded');
    const ttl = dto.ttlSeconds ?? 8 * 3600;
    const token = await this.issuer.sign(
      `demo:${user.username}`,
      { roles: user.roles, centre_ids: centreIds, institution_id: institution?.id, municipality_atvk: user.municipalityAtvk, name: user.displayName },
      ttl,
    );
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Who am I (roles and bindings from the token)' })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
