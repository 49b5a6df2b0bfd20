import type { ValidationError } from 'class-validator';
import type { FieldError } from '@modules/shared-kernel';

// Latvian and English texts for class-validator constraints; the constraint name is the stable code.
const TEXTS: Record<string, [string, string]> = {
  whitelistValidation: ['Nezināms lauks', 'Unknown field'],
  isString: ['Jābūt tekstam', 'Must be a string'],
  isInt: ['Jābūt veselam skaitlim', 'Must be an integer'],
  isNumber: ['Jābūt skaitlim', 'Must be a number'],
  isBoolean: ['Jābūt patiesuma vērtībai (true/false)', 'Must be a boolean'],
  isNotEmpty: ['Lauks ir obligāts', 'Must not be empty'],
  isDefined: ['Lauks ir obligāts', 'Is required'],
  isEmail: ['Nederīga e-pasta adrese', 'Invalid e-mail address'],
  isUUID: ['Nederīgs identifikators', 'Invalid identifier'],
  isIn: ['Neatļauta vērtība', 'Value not allowed'],
  isEnum: ['Neatļauta vērtība', 'Value not allowed'],
  min: ['Vērtība ir par mazu', 'Value is too small'],
  max: ['Vērtība ir par lielu', 'Value is too large'],
  minLength: ['Teksts ir par īsu', 'Text is too short'],
  maxLength: ['Teksts ir par garu', 'Text is too long'],
  matches: ['Nederīgs formāts', 'Invalid format'],
  isDateString: ['Nederīgs datums', 'Invalid date'],
  isISO8601: ['Nederīgs datums', 'Invalid date'],
  isArray: ['Jābūt sarakstam', 'Must be an array'],
  arrayMaxSize: ['Saraksts ir par garu', 'Too many items'],
  arrayMinSize: ['Saraksts ir par īsu', 'Too few items'],
  isObject: ['Jābūt objektam', 'Must be an object'],
  isLatitude: ['Nederīgs platums', 'Invalid latitude'],
  isLongitude: ['Nederīgs garums', 'Invalid longitude'],
  isPersonalCode: ['Nederīgs personas kods', 'Invalid personal code'],
  isCompanyRegistrationNumber: ['Nederīgs reģistrācijas numurs', 'Invalid registration number'],
  isLatvianPostcode: ['Pasta indeksam jābūt formā LV-1234', 'Postcode must look like LV-1234'],
  isLatvianPhone: ['Nederīgs tālruņa numurs', 'Invalid phone number'],
  isUrl: ['Nederīga saite', 'Invalid URL'],
  nestedValidation: ['Nederīga vērtība', 'Invalid value'],
};

/** Flattens nested class-validator errors into `field.path` entries with both languages. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, englishDefault] of Object.entries(error.constraints ?? {})) {
      const [lv, en] = TEXTS[constraint] ?? ['Nederīga vērtība', englishDefault];
      out.push({ field, code: constraint, messageLv: lv, messageEn: en });
    }
    if (error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}
