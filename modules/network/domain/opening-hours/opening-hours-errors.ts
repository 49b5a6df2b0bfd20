import type { FieldError } from '@modules/shared-kernel';

// Stable codes; clients switch on them, the messages are for people.
const MESSAGES = {
  'OPENING_HOURS.NOT_AN_OBJECT': ['Jābūt objektam.', 'Must be an object.'],
  'OPENING_HOURS.NOT_A_LIST': ['Jābūt sarakstam.', 'Must be a list.'],
  'OPENING_HOURS.NOT_A_BOOLEAN': ['Jābūt true vai false.', 'Must be true or false.'],
  'OPENING_HOURS.NOT_A_STRING': ['Jābūt tekstam.', 'Must be text.'],
  'OPENING_HOURS.REQUIRED': ['Lauks ir obligāts.', 'This field is required.'],
  'OPENING_HOURS.INVALID_TIME_ZONE': ['Nezināma laika josla.', 'Unknown time zone.'],
  'OPENING_HOURS.INVALID_TIME': ['Laikam jābūt formātā SS:MM (no 00:00 līdz 24:00).', 'Time must be HH:mm (00:00 to 24:00).'],
  'OPENING_HOURS.EMPTY_INTERVAL': ['Sākuma laikam jābūt agrākam par beigu laiku.', 'The start time must be earlier than the end time.'],
  'OPENING_HOURS.INTERVALS_NOT_SORTED': ['Laika intervāliem jābūt sakārtotiem pēc sākuma laika.', 'Time intervals must be sorted by start time.'],
  'OPENING_HOURS.INTERVALS_OVERLAP': ['Laika intervāli pārklājas.', 'Time intervals overlap.'],
  'OPENING_HOURS.INVALID_WEEKDAY': ['Nedēļas dienai jābūt no 1 (pirmdiena) līdz 7 (svētdiena).', 'Weekday must be 1 (Monday) to 7 (Sunday).'],
  'OPENING_HOURS.INVALID_MONTH_DAY': ['Datumam jābūt derīgam, formātā MM-DD.', 'Must be a valid MM-DD date.'],
  'OPENING_HOURS.INVALID_DATE': ['Datumam jābūt derīgam, formātā GGGG-MM-DD.', 'Must be a valid YYYY-MM-DD date.'],
  'OPENING_HOURS.DUPLICATE_DATE': ['Šim datumam izņēmums jau ir norādīts.', 'An exception for this date is already defined.'],
  'OPENING_HOURS.INVALID_NTH': ['Kārtas numuram jābūt 1, 2, 3, 4 vai -1 (pēdējā).', 'nth must be 1, 2, 3, 4 or -1 (last).'],
  'OPENING_HOURS.EXCEPTION_WITHOUT_HOURS': ['Izņēmumam jānorāda, ka diena ir slēgta, vai jānorāda darba laiks.', 'An exception must be closed or list its intervals.'],
  'OPENING_HOURS.CLOSED_WITH_INTERVALS': ['Slēgtai dienai nevar norādīt darba laiku.', 'A closed day cannot have intervals.'],
} as const;

export type OpeningHoursErrorCode = keyof typeof MESSAGES;

export function fieldError(field: string, code: OpeningHoursErrorCode): FieldError {
  const [messageLv, messageEn] = MESSAGES[code];
  return { field, code, messageLv, messageEn };
}
