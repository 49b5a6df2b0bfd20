import { DomainError } from '@modules/shared-kernel';

export const unauthenticated = (code = 'AUTH.UNAUTHENTICATED', lv = 'Nepieciešama autentifikācija', en = 'Authentication required'): DomainError =>
  new DomainError(code, 'unauthenticated', { lv, en });

export const invalidToken = (): DomainError =>
  unauthenticated('AUTH.INVALID_TOKEN', 'Piekļuves pilnvara nav derīga vai tai beidzies termiņš', 'The access token is invalid or expired');

export const accessDenied = (): DomainError =>
  new DomainError('AUTH.FORBIDDEN', 'forbidden', { lv: 'Jums nav piekļuves šim resursam', en: 'You do not have access to this resource' });
