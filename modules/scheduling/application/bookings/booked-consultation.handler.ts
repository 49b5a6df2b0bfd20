import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetBookedConsultationQuery, type BookedConsultationView } from '../../contracts';
import { BookingService } from './booking.service';

/** Answers RemoteOfficial's question "what is this booking?" for its video session. */
@QueryHandler(GetBookedConsultationQuery)
export class GetBookedConsultationHandler implements IQueryHandler<GetBookedConsultationQuery> {
  constructor(private readonly bookings: BookingService) {}

  async execute(query: GetBookedConsultationQuery): Promise<BookedConsultationView | null> {
    const found = await this.bookings.bookedConsultation(query.bookingId);
    if (!found) return null;
    const { booking: b, specialistUserId } = found;
    return {
      bookingId: b.id,
      status: b.status,
      institutionId: b.institutionId,
      serviceCode: b.serviceCode,
      centreId: b.centreId,
      boothId: b.boothId,
      specialistId: b.specialistId,
      specialistUserId,
      createdBy: b.createdBy,
      start: b.start.toISOString(),
      end: b.end.toISOString(),
      rescheduledFromId: b.rescheduledFromId ?? null,
      rescheduledToId: b.rescheduledToId ?? null,
      shared: { ...(b.citizen?.name && { name: b.citizen.name }), ...(b.citizen?.maskedCode && { maskedCode: b.citizen.maskedCode }) },
    };
  }
}
