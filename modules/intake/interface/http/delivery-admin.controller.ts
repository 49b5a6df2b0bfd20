import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@modules/shared-kernel';
import { Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import { DeliveryService, type ChannelView, type DeliveryView } from '../../application/delivery/delivery.service';
import { AddChannelDto, DeliveryFilterDto, RotateSecretDto } from './intake.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgs identifikators', en: 'Invalid identifier' }) });

/** Delivery channels of institutions, delivery state, dead letters and redelivery. */
@ApiTags('intake (delivery)')
@Controller('api/v1/intake')
export class DeliveryAdminController {
  constructor(private readonly deliveries: DeliveryService) {}

  @Post('institutions/:institutionId/channels')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Add a webhook (Standard Webhooks) or inbox channel; the signing secret is shown once' })
  addChannel(@CurrentPrincipal() a: Principal, @Param('institutionId', uuid) institutionId: string, @Body() dto: AddChannelDto): Promise<ChannelView & { secret: string }> {
    return this.deliveries.addChannel(a, institutionId, dto);
  }

  @Get('institutions/:institutionId/channels')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'The institution’s delivery channels' })
  channels(@CurrentPrincipal() a: Principal, @Param('institutionId', uuid) institutionId: string): Promise<ChannelView[]> {
    return this.deliveries.channels(a, institutionId);
  }

  @Post('institutions/:institutionId/channels/:channelId/rotate-secret')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Add a new signing secret (both sign until the old one is retired)' })
  rotate(@CurrentPrincipal() a: Principal, @Param('institutionId', uuid) institutionId: string, @Param('channelId', uuid) channelId: string, @Body() dto: RotateSecretDto): Promise<{ secret: string; activeSecrets: number }> {
    return this.deliveries.rotateSecret(a, institutionId, channelId, dto.retireOld ?? false);
  }

  @Post('institutions/:institutionId/channels/:channelId/enable')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Re-enable a channel (e.g. after 410 Gone); paused deliveries resume' })
  enable(@CurrentPrincipal() a: Principal, @Param('institutionId', uuid) institutionId: string, @Param('channelId', uuid) channelId: string): Promise<ChannelView> {
    return this.deliveries.setChannelEnabled(a, institutionId, channelId, true);
  }

  @Post('institutions/:institutionId/channels/:channelId/disable')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist)
  @ApiOperation({ summary: 'Pause a channel' })
  disable(@CurrentPrincipal() a: Principal, @Param('institutionId', uuid) institutionId: string, @Param('channelId', uuid) channelId: string): Promise<ChannelView> {
    return this.deliveries.setChannelEnabled(a, institutionId, channelId, false);
  }

  @Get('deliveries')
  @Roles(Role.NetworkAdmin, Role.Auditor)
  @ApiOperation({ summary: 'Delivery state per application and channel (attempts, last error, next attempt)' })
  list(@Query() q: DeliveryFilterDto): Promise<DeliveryView[]> {
    return this.deliveries.deliveries({ ...q, limit: q.limit ?? 100 });
  }

  @Get('dead-letters')
  @Roles(Role.NetworkAdmin, Role.Auditor)
  @ApiOperation({ summary: 'Deliveries that exhausted their retries or whose channel was disabled' })
  async deadLetters(@Query() q: DeliveryFilterDto): Promise<DeliveryView[]> {
    const [dead, disabled] = await Promise.all([
      this.deliveries.deliveries({ ...q, status: 'dead', limit: q.limit ?? 100 }),
      this.deliveries.deliveries({ ...q, status: 'disabled', limit: q.limit ?? 100 }),
    ]);
    return [...dead, ...disabled];
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(200)
  @Roles(Role.NetworkAdmin)
  @ApiOperation({ summary: 'Manual redelivery (attempts start again; same webhook-id)' })
  redeliver(@Param('id', uuid) id: string): Promise<DeliveryView> {
    return this.deliveries.redeliver(id);
  }
}
