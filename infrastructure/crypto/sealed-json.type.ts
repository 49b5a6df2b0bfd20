import { Type, type Platform, type TransformContext } from '@mikro-orm/core';
import { FieldEncryption } from './field-encryption';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const revive = (_key: string, value: unknown): unknown => (typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : value);

let encryption: FieldEncryption | undefined;

/** Set once at start-up from PERSONAL_DATA_KEY (see PersonalDataKeyInitializer). */
export function configureSealedJson(secret: string): void {
  encryption = new FieldEncryption(secret);
}

const current = (): FieldEncryption => {
  if (!encryption) throw new Error('Personal-data encryption is not configured');
  return encryption;
};

/**
 * A JSON value encrypted at rest (AES-256-GCM, text column): personal data such as an
 * applicant's personal code, name and answers. Dates inside come back as Date objects.
 */
export class SealedJsonType extends Type<unknown, string | null> {
  override convertToDatabaseValue(value: unknown, _platform: Platform, _context?: TransformContext): string | null {
    if (value === undefined || value === null) return null;
    return current().encrypt(JSON.stringify(value));
  }

  override convertToJSValue(value: string | null, _platform: Platform): unknown {
    if (value === null || value === undefined) return undefined;
    return JSON.parse(current().decrypt(value), revive);
  }

  override getColumnType(): string {
    return 'text';
  }

  // Compare the plain values: a fresh IV makes every ciphertext different.
  override compareAsType(): string {
    return 'object';
  }
}
