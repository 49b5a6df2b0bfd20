import { Query } from '@nestjs/cqrs';

/**
 * A booking as a video session needs it (RemoteOfficial opens the session of a confirmed booking).
 * `shared` is what the clerk entered for the specialist when booking (a name and a masked code, both
 * optional) — nothing else about the citizen.
 */
export interface BookedConsultationView {
  bookingId: string;
  status: string;
  institutionId: string;
  serviceCode: string;
  centreId: string;
  boothId: string;
  specialistId: string;
  /** The specialist's identity subject (the user who joins the call). */
  specialistUserId: string;
  /** The clerk who made the booking. */
  createdBy: string;
  start: string;
  end: string;
  rescheduledFromId: string | null;
  rescheduledToId: string | null;
  shared: { name?: string; maskedCode?: string };
}

/** Public query: a booking by id for its video session (null when there is none). */
export class GetBookedConsultationQuery extends Query<BookedConsultationView | null> {
  constructor(readonly bookingId: string) {
    super();
  }
}
