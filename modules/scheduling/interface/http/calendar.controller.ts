import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@infrastructure/auth/access.decorator';
import { CurrentPrincipal } from '@infrastructure/auth/current-principal.decorator';
import { Role, type Principal } from '@infrastructure/auth/principal';
import type { ConsultationType, Specialist } from '../../domain/calendar';
import { BookingService, type BookingView, type SlotView, type SpecialistBookingView } from '../../application/bookings/booking.service';
import { AvailabilityDto, CancelBookingDto, CreateConsultationTypeDto, CreateSpecialistDto, HoldDto, RescheduleDto, UpdateSpecialistDto } from './calendar.dto';

const MANAGERS = [Role.NetworkAdmin, Role.InstitutionSpecialist] as const;

/** Specialists, availability and consultation types (institutions' side). */
@ApiTags('scheduling')
@Controller('api/v1/scheduling')
export class SpecialistsController {
  constructor(private readonly bookings: BookingService) {}

  @Post('specialists')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Register a specialist of an institution' })
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateSpecialistDto): Promise<Specialist> {
    return this.bookings.createSpecialist(actor, dto);
  }

  @Get('specialists')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist, Role.Clerk, Role.Auditor)
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'serviceCode', required: false })
  @ApiOperation({ summary: 'Specialists by institution or service' })
  list(@CurrentPrincipal() actor: Principal, @Query('institutionId') institutionId?: string, @Query('serviceCode') serviceCode?: string): Promise<Specialist[]> {
    return this.bookings.listSpecialists(actor, { institutionId, serviceCode });
  }

  @Get('specialists/:id')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist, Role.Clerk, Role.Auditor)
  get(@Param('id') id: string): Promise<Specialist> {
    return this.bookings.getSpecialist(id);
  }

  @Get('specialists/:id/bookings')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist, Role.Clerk)
  @ApiParam({ name: 'id', description: "A specialist's id, or `me` for the calling specialist" })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD (local) or an ISO instant (default: today in Europe/Riga)' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD (inclusive, local) or an ISO instant (default: from + 1 day)' })
  @ApiOperation({
    summary: "A specialist's bookings by start, without the visitor's data (own institution for specialists, own centres for clerks); the video session of a booking: GET /api/v1/remote-official/booked-sessions",
  })
  specialistBookings(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Query('from') from?: string, @Query('to') to?: string): Promise<SpecialistBookingView[]> {
    return this.bookings.specialistBookings(actor, id, { from, to });
  }

  @Patch('specialists/:id')
  @Roles(...MANAGERS)
  update(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: UpdateSpecialistDto): Promise<Specialist> {
    return this.bookings.updateSpecialist(actor, id, dto);
  }

  @Put('specialists/:id/availability')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Replace the specialist’s weekly hours, dated overrides and absences' })
  setAvailability(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: AvailabilityDto): Promise<unknown> {
    return this.bookings.setAvailability(actor, id, {
      ...dto,
      weekly: dto.weekly,
      absences: dto.absences?.map((a) => ({ ...a, from: new Date(a.from), to: new Date(a.to) })),
    });
  }

  @Get('specialists/:id/availability')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist, Role.Clerk, Role.Auditor)
  getAvailability(@Param('id') id: string): Promise<unknown> {
    return this.bookings.getAvailability(id);
  }

  @Post('specialists/:id/feed-token')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'A new secret iCalendar feed token (shown once; the old one stops working)' })
  feedToken(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<{ token: string; url: string }> {
    return this.bookings.issueFeedToken(actor, id);
  }

  @Get('specialists/:id/calendar.ics')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, max-age=60')
  @ApiOperation({ summary: 'The specialist’s consultations as an iCalendar feed (secret token in the query)' })
  feed(@Param('id') id: string, @Query('token') token?: string): Promise<string> {
    return this.bookings.calendarFeed(id, token);
  }

  @Post('consultation-types')
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Set up video consultations for a service' })
  createType(@CurrentPrincipal() actor: Principal, @Body() dto: CreateConsultationTypeDto): Promise<ConsultationType> {
    return this.bookings.createConsultationType(actor, dto);
  }

  @Get('consultation-types')
  @Roles(Role.NetworkAdmin, Role.InstitutionSpecialist, Role.Clerk, Role.Auditor)
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'serviceCode', required: false })
  listTypes(@Query('institutionId') institutionId?: string, @Query('serviceCode') serviceCode?: string): Promise<ConsultationType[]> {
    return this.bookings.listConsultationTypes({ institutionId, serviceCode });
  }
}

/** Free slots and bookings (centres' side). */
@ApiTags('scheduling')
@Controller('api/v1/scheduling')
export class BookingsController {
  constructor(private readonly bookings: BookingService) {}

  @Get('slots')
  @Roles(Role.Clerk, Role.NetworkAdmin)
  @ApiQuery({ name: 'serviceCode' })
  @ApiQuery({ name: 'centreId' })
  @ApiQuery({ name: 'from', description: 'YYYY-MM-DD (local) or an ISO instant' })
  @ApiQuery({ name: 'to', description: 'YYYY-MM-DD (inclusive, local) or an ISO instant' })
  @ApiOperation({ summary: 'Free video-consultation slots for a service at a centre' })
  slots(
    @CurrentPrincipal() actor: Principal,
    @Query('serviceCode') serviceCode = '',
    @Query('centreId') centreId = '',
    @Query('from') from = '',
    @Query('to') to = '',
  ): Promise<{ consultationType: ConsultationType; slots: SlotView[] }> {
    return this.bookings.slots(actor, { serviceCode, centreId, from, to });
  }

  @Post('holds')
  @Roles(Role.Clerk, Role.NetworkAdmin)
  @ApiOperation({ summary: 'Hold a slot for a few minutes (409 BOOKING.SLOT_TAKEN with nextFreeSlots when taken)' })
  hold(@CurrentPrincipal() actor: Principal, @Body() dto: HoldDto): Promise<BookingView> {
    return this.bookings.hold(actor, dto);
  }

  @Get('bookings/:id')
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.InstitutionSpecialist)
  get(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<BookingView> {
    return this.bookings.get(actor, id);
  }

  @Post('bookings/:id/confirm')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.NetworkAdmin)
  confirm(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<BookingView> {
    return this.bookings.confirm(actor, id);
  }

  @Post('bookings/:id/cancel')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.InstitutionSpecialist)
  cancel(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: CancelBookingDto): Promise<BookingView> {
    return this.bookings.cancel(actor, id, dto.reason, dto.reasonCode);
  }

  @Post('bookings/:id/reschedule')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.NetworkAdmin)
  @ApiOperation({ summary: 'Move a confirmed booking: a new confirmed booking linked to the old one' })
  reschedule(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Body() dto: RescheduleDto): Promise<{ previous: BookingView; booking: BookingView }> {
    return this.bookings.reschedule(actor, id, dto);
  }

  @Post('bookings/:id/no-show')
  @HttpCode(200)
  @Roles(Role.Clerk, Role.NetworkAdmin, Role.InstitutionSpecialist)
  noShow(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<BookingView> {
    return this.bookings.noShow(actor, id);
  }
}
