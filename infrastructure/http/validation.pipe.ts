import { ValidationPipe } from '@nestjs/common';
import { DomainError } from '@modules/shared-kernel';
import { toFieldErrors } from './validation-messages';

/** DTO validation for every route: unknown fields are rejected, types converted, errors per field. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgi dati', en: 'Invalid data' }, toFieldErrors(errors)),
  });
