import {
  isValidLatvianPhone,
  isValidLatvianPostcode,
  validateCompanyRegistrationNumber,
  validatePersonalCode,
} from '@modules/shared-kernel';

/** Our own `format` values; forms use them instead of hand-written patterns. */
export const LATVIAN_FORMATS: Record<string, (value: string) => boolean> = {
  'lv-personal-code': (v) => validatePersonalCode(v).valid,
  'lv-company-reg-no': (v) => validateCompanyRegistrationNumber(v).valid,
  'lv-postcode': (v) => isValidLatvianPostcode(v),
  'lv-phone': (v) => isValidLatvianPhone(v),
};

/** What an invalid value of each format is called, for people ("Nederīgs personas kods"). */
export const FORMAT_MESSAGES: Record<string, [lv: string, en: string]> = {
  'lv-personal-code': ['Nederīgs personas kods', 'Invalid personal code'],
  'lv-company-reg-no': ['Nederīgs reģistrācijas numurs', 'Invalid registration number'],
  'lv-postcode': ['Nederīgs pasta indekss (formāts LV-1234)', 'Invalid postcode (format LV-1234)'],
  'lv-phone': ['Nederīgs tālruņa numurs', 'Invalid phone number'],
  email: ['Nederīga e-pasta adrese', 'Invalid e-mail address'],
  date: ['Nederīgs datums (formāts GGGG-MM-DD)', 'Invalid date (format YYYY-MM-DD)'],
  'date-time': ['Nederīgs datums un laiks', 'Invalid date and time'],
  time: ['Nederīgs laiks', 'Invalid time'],
  uri: ['Nederīga saite', 'Invalid link'],
  url: ['Nederīga saite', 'Invalid link'],
  uuid: ['Nederīgs identifikators', 'Invalid identifier'],
  ipv4: ['Nederīga IP adrese', 'Invalid IP address'],
};
