import { conflict, DomainError, notFound } from '@modules/shared-kernel';

// Stable codes; clients switch on them, the messages are for people.
const MESSAGES = {
  'QUEUE.INVALID_PREFIX': ['Rindas burtam jābūt vienam latīņu lielajam burtam no A līdz Z.', 'The queue prefix must be one capital letter A–Z.'],
  'QUEUE.PREFIX_TAKEN': ['Šajā centrā jau ir rinda ar šādu burtu.', 'This centre already has a queue with this prefix.'],
  'QUEUE.QUEUE_INACTIVE': ['Rinda nav aktīva.', 'The queue is not active.'],
  'QUEUE.SERVICE_NOT_IN_QUEUE': ['Šis pakalpojums šajā rindā netiek sniegts.', 'This service is not offered in this queue.'],
  'QUEUE.INVALID_SEQ': ['Talona kārtas numuram jābūt pozitīvam veselam skaitlim.', 'The ticket sequence number must be a positive whole number.'],
  'QUEUE.DESK_BUSY': ['Darba vietā vēl tiek apkalpots apmeklētājs.', 'The desk is still handling a visitor.'],
  'QUEUE.DESK_NOT_OPEN': ['Darba vieta nav atvērta.', 'The desk is not open.'],
  'QUEUE.DESK_CLOSED': ['Darba vieta ir slēgta; vispirms to atveriet.', 'The desk is closed; open it first.'],
  'QUEUE.DESK_TAKEN': ['Šo darba vietu jau izmanto cits darbinieks.', 'Another clerk is using this desk.'],
  'QUEUE.NOT_YOUR_DESK': ['Šī nav jūsu darba vieta.', 'This is not your desk.'],
  'QUEUE.DESK_NEEDS_QUEUES': ['Norādiet vismaz vienu rindu, ko apkalpot.', 'Choose at least one queue to serve.'],
  'QUEUE.WRONG_CENTRE': ['Talons un darba vieta pieder dažādiem centriem.', 'The ticket and the desk belong to different centres.'],
  'QUEUE.TICKET_NOT_WAITING': ['Talons negaida rindā.', 'The ticket is not waiting in the queue.'],
  'QUEUE.TICKET_ALREADY_CALLED': ['Talons jau ir izsaukts.', 'The ticket has already been called.'],
  'QUEUE.DEVICE_NOT_FOUND': ['Šajā centrā nav tādas ierīces.', 'This centre has no such device.'],
  'QUEUE.TICKET_NOT_CALLED': ['Talons nav izsaukts.', 'The ticket has not been called.'],
  'QUEUE.TICKET_NOT_SERVING': ['Talona apkalpošana nenotiek.', 'The ticket is not being served.'],
  'QUEUE.TICKET_NOT_PARKED': ['Talons nav atlikts.', 'The ticket is not on hold.'],
  'QUEUE.TICKET_NOT_AT_DESK': ['Talons nav pie darba vietas.', 'The ticket is not at a desk.'],
  'QUEUE.TICKET_CLOSED': ['Talons jau ir noslēgts, to vairs nevar mainīt.', 'The ticket is closed and can no longer change.'],
  'QUEUE.NOT_YOUR_TICKET': ['Šo talonu apkalpo cits darbinieks.', 'Another clerk is handling this ticket.'],
  'QUEUE.TICKET_ASSIGNED_TO_ANOTHER_CLERK': ['Talons ir nodots citam darbiniekam.', 'The ticket is assigned to another clerk.'],
  'QUEUE.RECALL_TOO_SOON': ['Atkārtoti izsaukt vēl nevar; pagaidiet.', 'It is too soon to call the ticket again; please wait.'],
  'QUEUE.OUTCOME_NOT_ALLOWED': ['Šādu iznākumu talonam pašreizējā statusā norādīt nevar.', 'This outcome cannot be recorded for the ticket in its current status.'],
  'QUEUE.REASON_REQUIRED': ['Norādiet iemeslu, kāpēc pakalpojums netika sniegts.', 'Give the reason the service was not provided.'],
  'QUEUE.INVALID_QUANTITY': ['Daudzumam jābūt pozitīvam veselam skaitlim.', 'The quantity must be a positive whole number.'],
  'QUEUE.TRANSFER_TARGET_REQUIRED': ['Norādiet rindu vai darbinieku, kam nodot talonu.', 'Choose a queue or a clerk to transfer the ticket to.'],
  'QUEUE.NOTHING_TO_UNDO': ['Nav darbības, ko atsaukt.', 'There is nothing to undo.'],
  'QUEUE.UNDO_WINDOW_PASSED': ['Darbības atsaukšanas laiks ir beidzies.', 'The time to undo this action has passed.'],
  'QUEUE.UNDO_NOT_YOURS': ['Atsaukt var tikai paša veiktu darbību.', 'You can only undo your own action.'],
  'QUEUE.PERIOD_NOT_FOUND': ['Talona posms nav atrasts.', 'The ticket period was not found.'],
  'QUEUE.NOTES_TOO_LONG': ['Piezīmes ir par garu.', 'The notes are too long.'],
  'QUEUE.APPOINTMENT_UNKNOWN': ['Šajā centrā nav šāda pieraksta.', 'There is no such appointment at this centre.'],
  'QUEUE.APPOINTMENT_NOT_DUE': [
    'Uz šo pierakstu pieteikties var tikai apstiprinātam pierakstam, no stundas pirms tā sākuma līdz beigām.',
    'Check-in is possible only for a confirmed appointment, from an hour before it starts until it ends.',
  ],
  'QUEUE.TRANSFER_CLERK_UNKNOWN': ['Šis darbinieks šobrīd nestrādā šajā centrā.', 'This clerk is not working in this centre now.'],
  'QUEUE.APPOINTMENT_CHECKED_IN': ['Uz šo pierakstu jau ir izsniegts talons.', 'A ticket has already been issued for this appointment.'],
} as const;

export type QueueErrorCode = keyof typeof MESSAGES;

/** Codes whose failure is a bad input, not a clash with the current state. */
const VALIDATION: ReadonlySet<QueueErrorCode> = new Set([
  'QUEUE.INVALID_PREFIX',
  'QUEUE.SERVICE_NOT_IN_QUEUE',
  'QUEUE.INVALID_SEQ',
  'QUEUE.DESK_NEEDS_QUEUES',
  'QUEUE.REASON_REQUIRED',
  'QUEUE.INVALID_QUANTITY',
  'QUEUE.TRANSFER_TARGET_REQUIRED',
  'QUEUE.NOTES_TOO_LONG',
  'QUEUE.APPOINTMENT_UNKNOWN',
  'QUEUE.TRANSFER_CLERK_UNKNOWN',
]);

/** Validation codes that belong to one request field (shown next to it). */
const FIELD_ERRORS: Partial<Record<QueueErrorCode, { field: string; code: string; lv: string; en: string }>> = {
  'QUEUE.NOTES_TOO_LONG': { field: 'notes', code: 'maxLength', lv: 'Piezīmēs var būt ne vairāk kā 2000 rakstzīmju', en: 'Notes may have at most 2,000 characters' },
  'QUEUE.TRANSFER_CLERK_UNKNOWN': { field: 'toClerkId', code: 'unknown', lv: 'Darbinieks nav pie darba vietas šajā centrā', en: 'The clerk is not at a desk of this centre' },
  'QUEUE.APPOINTMENT_UNKNOWN': { field: 'appointmentBookingId', code: 'unknown', lv: 'Pieraksts nav atrasts', en: 'Appointment not found' },
};

/** Builds the domain error for a code: 'validation', 'not_found' or (by default) 'conflict'. */
export function queueError(code: QueueErrorCode, extensions: Record<string, unknown> = {}): DomainError {
  const [lv, en] = MESSAGES[code];
  if (code === 'QUEUE.PERIOD_NOT_FOUND' || code === 'QUEUE.DEVICE_NOT_FOUND') return notFound(code, lv, en);
  if (VALIDATION.has(code)) {
    const field = FIELD_ERRORS[code];
    const fieldErrors = field ? [{ field: field.field, code: field.code, messageLv: field.lv, messageEn: field.en }] : [];
    return new DomainError(code, 'validation', { lv, en }, fieldErrors, extensions);
  }
  return conflict(code, lv, en, extensions);
}

export const QUEUE_ERROR_CODES = Object.keys(MESSAGES) as QueueErrorCode[];
