/** What kind of failure a domain error is; the HTTP layer maps it to a status code. */
export type DomainErrorKind = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated' | 'unavailable';

export interface FieldError {
  field: string;
  code: string;
  messageLv: string;
  messageEn: string;
}

export interface LocalizedMessage {
  lv: string;
  en: string;
}

/**
 * Base for every error a module raises on purpose. `code` is stable and documented
 * (e.g. `NETWORK.CENTRE_NOT_FOUND`); clients switch on it, never on the message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    readonly messages: LocalizedMessage,
    readonly fieldErrors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(messages.en);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, lv: string, en: string): DomainError => new DomainError(code, 'not_found', { lv, en });
export const conflict = (code: string, lv: string, en: string, extensions: Record<string, unknown> = {}): DomainError =>
  new DomainError(code, 'conflict', { lv, en }, [], extensions);
export const forbidden = (code: string, lv: string, en: string): DomainError => new DomainError(code, 'forbidden', { lv, en });
export const invalid = (code: string, lv: string, en: string, fieldErrors: FieldError[] = []): DomainError =>
  new DomainError(code, 'validation', { lv, en }, fieldErrors);
