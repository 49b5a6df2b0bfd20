import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { invalid } from '@modules/shared-kernel';

/** The `Idempotency-Key` header: a retried command with the same key returns the first answer. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const headers = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers;
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(key)) {
    throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', [
      { field: 'Idempotency-Key', code: 'invalid', messageLv: 'Atslēgai jābūt 8–64 burtiem, cipariem, - vai _', messageEn: 'The key must be 8–64 letters, digits, - or _' },
    ]);
  }
  return key;
});
