import { invalid } from '@modules/shared-kernel';

const ALLOWED: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/tiff': ['tif', 'tiff'],
};

/**
 * The type is read from the content (magic numbers), never from the name or the client's header;
 * a file whose content does not match an allowed type, or whose name claims another type, is refused.
 */
export async function detectAllowedType(bytes: Buffer, fileName: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fromBuffer } = require('file-type') as { fromBuffer(b: Buffer): Promise<{ mime: string; ext: string } | undefined> };
  const detected = await fromBuffer(bytes);
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  const refuse = (lv: string, en: string) => invalid('INTAKE.ATTACHMENT_TYPE_NOT_ALLOWED', 'Neatļauts pielikuma veids', 'Attachment type not allowed', [{ field: 'file', code: 'type', messageLv: lv, messageEn: en }]);
  if (!detected || !ALLOWED[detected.mime]) throw refuse('Atļauti tikai PDF, JPEG, PNG un TIFF faili', 'Only PDF, JPEG, PNG and TIFF files are allowed');
  if (extension && !ALLOWED[detected.mime]!.includes(extension)) throw refuse('Faila nosaukums neatbilst tā saturam', 'The file name does not match its content');
  return detected.mime;
}
