import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import type { CentreView, VideoBoothView } from '../../contracts';
import {
  AddVideoBoothCommand,
  AssignStaffCommand,
  ChangeCentreStatusCommand,
  EndStaffAssignmentCommand,
  RegisterCentreCommand,
  SetCentreServicesCommand,
  SetOpeningHoursCommand,
  UpdateCentreCommand,
  type StaffAssignmentView,
} from '../../application/commands/centres/centre-commands';
import { GetCentreStatusHistoryQuery, ListCentreStaffQuery, type StatusChangeView } from '../../application/queries/centre-internal-queries';
import { AddVideoBoothDto, AssignStaffDto, ChangeCentreStatusDto, EndStaffAssignmentDto, RegisterCentreDto, SetCentreServicesDto, SetOpeningHoursDto, UpdateCentreDto } from './network.dto';

const MANAGERS = [Role.NetworkAdmin, Role.MunicipalityCoordinator];

/** Managing centres: administrators everywhere, coordinators in their own municipality. */
@ApiTags('network (management)')
@Controller('api/v1/network/centres')
export class CentresAdminController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Register a centre or contact point' })
  register(@CurrentPrincipal() actor: Principal, @Body() dto: RegisterCentreDto): Promise<CentreView> {
    const { openingHours, serviceCodes, status, ...details } = dto;
    return this.commands.execute(new RegisterCentreCommand(actor, details, openingHours, serviceCodes ?? [], status));
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Change a centre’s details (optimistic concurrency with expectedVersion)' })
  update(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: UpdateCentreDto): Promise<CentreView> {
    const { expectedVersion, ...changes } = dto;
    return this.commands.execute(new UpdateCentreCommand(actor, id, changes, expectedVersion));
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Move a centre along planned → premises ready → equipped → active → suspended → closed' })
  changeStatus(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: ChangeCentreStatusDto): Promise<CentreView> {
    return this.commands.execute(new ChangeCentreStatusCommand(actor, id, dto.status, dto.effectiveOn, dto.reason));
  }

  @Get(':id/status-history')
  @Roles(Role.NetworkAdmin, Role.MunicipalityCoordinator, Role.Auditor, Role.Clerk)
  @ApiOperation({ summary: 'Who changed the status, when and why' })
  history(@Param('id') id: string): Promise<StatusChangeView[]> {
    return this.queries.execute(new GetCentreStatusHistoryQuery(id));
  }

  @Put(':id/opening-hours')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Replace the opening hours (weekly, seasons, monthly closed days, exceptions)' })
  setOpeningHours(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: SetOpeningHoursDto): Promise<CentreView> {
    return this.commands.execute(new SetOpeningHoursCommand(actor, id, dto.openingHours));
  }

  @Put(':id/services')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Which services the centre offers' })
  setServices(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: SetCentreServicesDto): Promise<CentreView> {
    return this.commands.execute(new SetCentreServicesCommand(actor, id, dto.serviceCodes));
  }

  @Post(':id/video-booths')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Add a video booth for remote-official consultations' })
  addBooth(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: AddVideoBoothDto): Promise<VideoBoothView> {
    return this.commands.execute(new AddVideoBoothCommand(actor, id, dto.name, dto.capacity ?? 2, dto.accessible ?? true));
  }

  @Get(':id/staff')
  @Roles(Role.NetworkAdmin, Role.MunicipalityCoordinator, Role.Clerk, Role.Auditor)
  @ApiOperation({ summary: 'Staff of the centre (personal data: every read is audited)' })
  staff(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<StaffAssignmentView[]> {
    return this.queries.execute(new ListCentreStaffQuery(actor, id));
  }

  @Post(':id/staff')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Assign an employee to the centre' })
  assign(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: AssignStaffDto): Promise<StaffAssignmentView> {
    return this.commands.execute(new AssignStaffCommand(actor, id, dto.userId, dto.displayName, dto.role ?? 'clerk', dto.validFrom, dto.validTo, dto.personalCode));
  }

  @Post(':id/staff/:assignmentId/end')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({
    summary: 'End an employee’s assignment to the centre (the record is kept with its last day); 404 NETWORK.STAFF_ASSIGNMENT_NOT_FOUND, 409 NETWORK.STAFF_ASSIGNMENT_ENDED',
  })
  endAssignment(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Param('assignmentId') assignmentId: string, @Body() dto: EndStaffAssignmentDto): Promise<StaffAssignmentView> {
    return this.commands.execute(new EndStaffAssignmentCommand(actor, id, assignmentId, dto.endOn));
  }
}
