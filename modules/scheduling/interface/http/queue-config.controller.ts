import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@modules/shared-kernel';
import { Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import type { DeskView, QueueView } from '../../contracts';
import { QueueConfigService } from '../../application/queue/queue-config.service';
import type { DeviceView } from '../../application/queue/device';
import { DisplayGateway } from '../ws/queue.gateways';
import { CreateDeskDto, CreateQueueDto, QueueSettingsDto, RegisterDeviceDto } from './queue.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgs identifikators', en: 'Invalid identifier' }) });

/** Setting up a centre's queue: administrators, and the centre's own clerks. */
@ApiTags('queue (setup)')
@Roles(Role.NetworkAdmin, Role.Clerk)
@Controller('api/v1/queue/centres/:centreId')
export class QueueConfigController {
  constructor(
    private readonly config: QueueConfigService,
    private readonly displays: DisplayGateway,
  ) {}

  @Post('queues')
  @ApiOperation({ summary: 'Add a service queue (prefix letter, services that feed it)' })
  createQueue(@CurrentPrincipal() a: Principal, @Param('centreId', uuid) centreId: string, @Body() dto: CreateQueueDto): Promise<QueueView> {
    return this.config.createQueue(a, centreId, dto);
  }

  @Post('desks')
  @ApiOperation({ summary: 'Add a desk' })
  createDesk(@CurrentPrincipal() a: Principal, @Param('centreId', uuid) centreId: string, @Body() dto: CreateDeskDto): Promise<DeskView> {
    return this.config.createDesk(a, centreId, dto.number);
  }

  @Put('settings')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recall delay, calls before no-show, undo window, notification place, display message' })
  settings(@CurrentPrincipal() a: Principal, @Param('centreId', uuid) centreId: string, @Body() dto: QueueSettingsDto): Promise<Record<string, unknown>> {
    return this.config.updateSettings(a, centreId, dto);
  }

  @Post('devices')
  @ApiOperation({
    summary: 'Register a display board, a counter display (a display with `deskId`) or a kiosk; its token is shown once',
    description: '422 QUEUE.DESK_UNKNOWN (field `deskId`) for a desk of another centre or none; 422 QUEUE.DEVICE_DESK_NOT_ALLOWED for a kiosk with a desk.',
  })
  device(@CurrentPrincipal() a: Principal, @Param('centreId', uuid) centreId: string, @Body() dto: RegisterDeviceDto): Promise<{ id: string; token: string; deskId: string | null }> {
    return this.config.registerDevice(a, centreId, dto.kind, dto.name, dto.deskId);
  }

  @Get('devices')
  @ApiOperation({ summary: 'The centre\'s kiosks and displays (newest first, revoked ones with `revokedAt`); never their tokens' })
  devices(@CurrentPrincipal() a: Principal, @Param('centreId', uuid) centreId: string): Promise<DeviceView[]> {
    return this.config.listDevices(a, centreId);
  }

  @Delete('devices/:deviceId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a device (lost, stolen, replaced): its token stops working at once and a display\'s open connections are closed',
    description: 'Revoking a revoked device again is a no-op (204). 404 QUEUE.DEVICE_NOT_FOUND for a device of another centre or none.',
  })
  async revokeDevice(@CurrentPrincipal() a: Principal, @Param('centreId', uuid) centreId: string, @Param('deviceId', uuid) deviceId: string): Promise<void> {
    await this.config.revokeDevice(a, centreId, deviceId);
    this.displays.disconnectDevice(deviceId);
  }
}
