import { newId, type FieldError } from '@modules/shared-kernel';

export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 25 * 1024 * 1024;

/** A file attached to an application; the bytes live elsewhere, found by `id`. */
export interface Attachment {
  id: string;
  fileName: string;
  /** Detected from the content, not taken from the client. */
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

export interface NewAttachment {
  id?: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

const hasControlCharacter = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export function attachmentErrors(input: NewAttachment): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, lv: string, en: string) => errors.push({ field, code: 'ATTACHMENT.INVALID', messageLv: lv, messageEn: en });
  if (!input.fileName?.trim() || input.fileName.length > 255 || /[/\\]/.test(input.fileName) || hasControlCharacter(input.fileName)) {
    add('fileName', 'Nederīgs faila nosaukums', 'Invalid file name');
  }
  if (!/^[a-z]+\/[a-z0-9.+-]+$/i.test(input.contentType ?? '')) add('contentType', 'Nederīgs faila tips', 'Invalid content type');
  if (!Number.isInteger(input.size) || input.size <= 0) add('size', 'Fails ir tukšs', 'The file is empty');
  if (!/^[0-9a-f]{64}$/i.test(input.sha256 ?? '')) add('sha256', 'Nederīga kontrolsumma', 'Invalid checksum');
  return errors;
}

export function toAttachment(input: NewAttachment, now: Date): Attachment {
  return {
    id: input.id ?? newId(),
    fileName: input.fileName.trim(),
    contentType: input.contentType.toLowerCase(),
    size: input.size,
    sha256: input.sha256.toLowerCase(),
    uploadedAt: now,
  };
}
