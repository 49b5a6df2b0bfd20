import { DomainError } from '@modules/shared-kernel';

/** Janus (every configured server, or the one a room lives on) cannot be reached or answered wrongly. */
export const videoGatewayUnavailable = (): DomainError =>
  new DomainError(
    'REMOTE.VIDEO_GATEWAY_UNAVAILABLE',
    'unavailable',
    { lv: 'Videozvanu serveris pašlaik nav pieejams. Lūdzu, mēģiniet vēlreiz pēc brīža.', en: 'The video call server is unavailable at the moment. Please try again shortly.' },
    [],
    { retryAfterSeconds: 5 },
  );

/** The video room does not exist (never created, destroyed, or lost when its Janus restarted). */
export const videoRoomNotFound = (): DomainError =>
  new DomainError('REMOTE.VIDEO_ROOM_NOT_FOUND', 'not_found', { lv: 'Videozvana telpa nav atrasta', en: 'Video room not found' });

/** A room was referred to on a Janus server name that is not configured. */
export const videoServerUnknown = (): DomainError =>
  new DomainError('REMOTE.VIDEO_SERVER_UNKNOWN', 'not_found', { lv: 'Videozvanu serveris nav zināms', en: 'Unknown video call server' });

/** The room's management secret did not match (the room was replaced or the secret is wrong). */
export const videoRoomSecretRejected = (): DomainError =>
  new DomainError('REMOTE.VIDEO_ROOM_SECRET_REJECTED', 'forbidden', { lv: 'Videozvana telpas atslēga nav derīga', en: 'The video room secret was rejected' });

export const remoteRequestNotFound = (): DomainError =>
  new DomainError('REMOTE.REQUEST_NOT_FOUND', 'not_found', { lv: 'Attālinātās konsultācijas pieprasījums nav atrasts', en: 'Remote consultation request not found' });

export const remoteSessionNotFound = (): DomainError =>
  new DomainError('REMOTE.SESSION_NOT_FOUND', 'not_found', { lv: 'Attālinātā konsultācija nav atrasta', en: 'Remote consultation session not found' });

export const remoteAccessDenied = (): DomainError =>
  new DomainError('REMOTE.ACCESS_DENIED', 'forbidden', { lv: 'Jums nav piekļuves šai attālinātajai konsultācijai', en: 'You have no access to this remote consultation' });

export const remoteRequestTaken = (): DomainError =>
  new DomainError('REMOTE.REQUEST_TAKEN', 'conflict', { lv: 'Pieprasījumu jau pieņēma cits speciālists', en: 'Another specialist has already taken this request' });

export const remoteLineEmpty = (): DomainError =>
  new DomainError('REMOTE.LINE_EMPTY', 'not_found', { lv: 'Rindā nav neviena pieprasījuma', en: 'Nobody is waiting in the line' });

export const remoteSessionNotActive = (status: string): DomainError =>
  new DomainError('REMOTE.SESSION_NOT_ACTIVE', 'conflict', { lv: 'Konsultācija šajā stāvoklī to neļauj', en: 'The session does not allow this in its current state' }, [], { status });

export const remoteServiceNotOffered = (): DomainError =>
  new DomainError('REMOTE.SERVICE_NOT_REMOTE', 'validation', { lv: 'Šis pakalpojums nav pieejams attālināti', en: 'This service is not offered remotely' });

/** A booked session may be joined only around its booked time. */
export const remoteJoinWindowClosed = (opensAt: Date, closesAt: Date): DomainError =>
  new DomainError(
    'REMOTE.JOIN_WINDOW_CLOSED',
    'conflict',
    { lv: 'Pierakstītajai konsultācijai var pievienoties tikai ap tās laiku', en: 'A booked consultation can be joined only around its booked time' },
    [],
    { opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() },
  );

/** The booking is not confirmed (held, cancelled, rescheduled, …): it has no video session. */
export const remoteBookingNotConfirmed = (status: string, rescheduledToId: string | null): DomainError =>
  new DomainError(
    'REMOTE.BOOKING_NOT_CONFIRMED',
    'conflict',
    { lv: 'Pieraksts nav apstiprināts, tam nav videokonsultācijas', en: 'The booking is not confirmed, so it has no video session' },
    [],
    { bookingStatus: status, rescheduledToId },
  );

export const remoteBookingNotFound = (): DomainError => new DomainError('REMOTE.BOOKING_NOT_FOUND', 'not_found', { lv: 'Pieraksts nav atrasts', en: 'Booking not found' });
