import { newId } from '@modules/shared-kernel';
import { FieldErrors } from './calendar-errors';
import { isValidZone, RIGA } from './local-time';

/** An institution's official who takes video consultations with citizens in a centre's booth. */
export interface Specialist {
  readonly id: string;
  readonly institutionId: string;
  /** The identity subject of the official's user account. */
  readonly userId: string;
  readonly displayName: string;
  readonly serviceCodes: readonly string[];
  readonly timeZone: string;
  readonly active: boolean;
}

export interface CreateSpecialistInput {
  id?: string;
  institutionId: string;
  userId: string;
  displayName: string;
  serviceCodes: readonly string[];
  timeZone?: string;
  active?: boolean;
}

/** A validated specialist; the time zone defaults to Europe/Riga. Throws SPECIALIST.INVALID. */
export function createSpecialist(input: CreateSpecialistInput): Specialist {
  const errors = new FieldErrors();
  const timeZone = input.timeZone ?? RIGA;
  errors.check(input.institutionId.trim() !== '', 'institutionId', 'REQUIRED', 'Norādiet iestādi.', 'Give the institution.');
  errors.check(input.userId.trim() !== '', 'userId', 'REQUIRED', 'Norādiet lietotāju.', 'Give the user.');
  errors.check(input.displayName.trim() !== '', 'displayName', 'REQUIRED', 'Norādiet vārdu.', 'Give the display name.');
  errors.check(input.serviceCodes.length > 0, 'serviceCodes', 'REQUIRED', 'Norādiet vismaz vienu pakalpojumu.', 'Give at least one service.');
  errors.check(isValidZone(timeZone), 'timeZone', 'UNKNOWN_TIME_ZONE', 'Nezināma laika josla.', 'Unknown time zone.');
  errors.throwIfAny('SPECIALIST.INVALID');
  return Object.freeze({
    id: input.id ?? newId(),
    institutionId: input.institutionId,
    userId: input.userId,
    displayName: input.displayName.trim(),
    serviceCodes: Object.freeze([...new Set(input.serviceCodes)]),
    timeZone,
    active: input.active ?? true,
  });
}

/** Active and offering the service: the specialists a slot search for it may use. */
export const canServe = (specialist: Specialist, serviceCode: string): boolean => specialist.active && specialist.serviceCodes.includes(serviceCode);
