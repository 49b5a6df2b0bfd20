import { conflict, notFound } from '@modules/shared-kernel';
import type { CentreStatus } from './centre-status';

export const centreNotFound = (): Error => notFound('NETWORK.CENTRE_NOT_FOUND', 'Centrs nav atrasts', 'Centre not found');

export const illegalStatusChange = (from: CentreStatus, to: CentreStatus): Error =>
  conflict('NETWORK.ILLEGAL_STATUS_CHANGE', `Centra statusu nevar mainīt no "${from}" uz "${to}"`, `A centre cannot move from "${from}" to "${to}"`, {
    from,
    to,
  });

export const centreCodeTaken = (): Error => conflict('NETWORK.CENTRE_CODE_TAKEN', 'Centrs ar šādu kodu jau ir reģistrēts', 'A centre with this code is already registered');
