import { DomainError, type FieldError } from '@modules/shared-kernel';

// Stable codes; clients switch on them, the messages are for people.
const MESSAGES = {
  'SPECIALIST.INVALID': ['Speciālista dati nav derīgi.', 'The specialist data is not valid.'],
  'AVAILABILITY.INVALID_SCHEDULE': ['Pieejamības grafiks nav derīgs.', 'The availability schedule is not valid.'],
  'CONSULTATION_TYPE.INVALID': ['Konsultācijas veida iestatījumi nav derīgi.', 'The consultation type settings are not valid.'],
  'BOOKING.INVALID': ['Pieraksta dati nav derīgi.', 'The booking data is not valid.'],
  'BOOKING.UNMASKED_PERSONAL_CODE': [
    'Personas kodu drīkst saglabāt tikai maskētu (piemēram, 123456-*****).',
    'A personal code may only be stored masked (e.g. 123456-*****).',
  ],
  'BOOKING.TOO_SHORT_NOTICE': ['Šo laiku vairs nevar rezervēt: par maz laika līdz konsultācijai.', 'This time can no longer be booked: too little notice.'],
  'BOOKING.BEYOND_HORIZON': ['Tik tālu uz priekšu pierakstīties nevar.', 'Bookings cannot be made this far ahead.'],
  'BOOKING.SPECIALIST_INACTIVE': ['Speciālists pašlaik nepieņem konsultācijas.', 'The specialist is not taking consultations.'],
  'BOOKING.SPECIALIST_DOES_NOT_SERVE': ['Speciālists šo pakalpojumu nesniedz.', 'The specialist does not provide this service.'],
  'BOOKING.NO_SPECIALIST_AVAILABLE': ['Šajā laikā neviens speciālists nav pieejams.', 'No specialist is available at this time.'],
  'BOOKING.HOLD_EXPIRED': ['Laika rezervācijas termiņš ir beidzies; izvēlieties laiku vēlreiz.', 'The hold on this time has expired; choose a time again.'],
  'BOOKING.ILLEGAL_TRANSITION': ['Pierakstam pašreizējā statusā šo darbību veikt nevar.', 'This action is not allowed for the booking in its current status.'],
  'BOOKING.NOT_STARTED': ['Konsultācija vēl nav sākusies.', 'The consultation has not started yet.'],
  'BOOKING.ALREADY_STARTED': ['Konsultācija jau ir sākusies.', 'The consultation has already started.'],
  'BOOKING.ALREADY_ENDED': ['Konsultācija jau ir beigusies.', 'The consultation has already ended.'],
  'BOOKING.CANCEL_REASON_REQUIRED': ['Norādiet atcelšanas iemeslu.', 'Give the reason for the cancellation.'],
  'BOOKING.RESCHEDULE_MISMATCH': [
    'Jaunajam pierakstam jābūt tai pašai iestādei un pakalpojumam, un tas vēl nedrīkst būt saistīts.',
    'The new booking must be for the same institution and service and not linked yet.',
  ],
  'BOOKING.SLOT_TAKEN': ['Šis laiks jau ir aizņemts. Izvēlieties kādu no nākamajiem brīvajiem laikiem.', 'This time is already taken. Choose one of the next free times.'],
} as const;

export type CalendarErrorCode = keyof typeof MESSAGES;

const VALIDATION: ReadonlySet<CalendarErrorCode> = new Set([
  'SPECIALIST.INVALID',
  'AVAILABILITY.INVALID_SCHEDULE',
  'CONSULTATION_TYPE.INVALID',
  'BOOKING.INVALID',
  'BOOKING.UNMASKED_PERSONAL_CODE',
  'BOOKING.TOO_SHORT_NOTICE',
  'BOOKING.BEYOND_HORIZON',
  'BOOKING.CANCEL_REASON_REQUIRED',
  'BOOKING.RESCHEDULE_MISMATCH',
]);

/** The domain error for a code: 'validation' for bad input, otherwise 'conflict' (HTTP 409). */
export function calendarError(code: CalendarErrorCode, extensions: Record<string, unknown> = {}, fieldErrors: FieldError[] = []): DomainError {
  const [lv, en] = MESSAGES[code];
  return new DomainError(code, VALIDATION.has(code) ? 'validation' : 'conflict', { lv, en }, fieldErrors, extensions);
}

export const CALENDAR_ERROR_CODES = Object.keys(MESSAGES) as CalendarErrorCode[];

/** Collects field errors and throws one validation error carrying all of them. */
export class FieldErrors {
  private readonly errors: FieldError[] = [];

  add(field: string, code: string, messageLv: string, messageEn: string): void {
    this.errors.push({ field, code, messageLv, messageEn });
  }

  check(ok: boolean, field: string, code: string, messageLv: string, messageEn: string): void {
    if (!ok) this.add(field, code, messageLv, messageEn);
  }

  throwIfAny(code: CalendarErrorCode): void {
    if (this.errors.length > 0) throw calendarError(code, {}, [...this.errors]);
  }
}
