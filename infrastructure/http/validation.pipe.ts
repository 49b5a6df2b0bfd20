import { ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { DomainError } from '@modules/shared-kernel';
import { toFieldErrors } from './validation-messages';

type Lookup = (target: unknown, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => ValidationMetadata[];
const MEMOIZED = Symbol.for('vpvkac.validation-metadata-memo');

/**
 * class-validator looks up a DTO's rules on every validation by filtering the rules of every
 * decorated class in the process (and testing `instanceof` against each, for inherited rules) —
 * ~1 % of the server's CPU on the queue's command path. The rules only change while decorators
 * run (module loading), so the lookup is remembered per class and options, and forgotten whenever a
 * rule or schema is added.
 */
export function memoizeValidationMetadata(): void {
  const storage = getMetadataStorage() as unknown as Record<string | symbol, unknown> & {
    getTargetValidationMetadatas: Lookup;
    addValidationMetadata: (...args: unknown[]) => void;
    addValidationSchema: (...args: unknown[]) => void;
  };
  if (storage[MEMOIZED]) return;
  storage[MEMOIZED] = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage) as Lookup;
  const cache = new Map<unknown, Map<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups ? groups.join('\u0001') : '-'}`;
    let byKey = cache.get(target);
    if (!byKey) cache.set(target, (byKey = new Map()));
    let found = byKey.get(key);
    if (!found) byKey.set(key, (found = lookup(target, schema, always, strictGroups, groups)));
    return found.slice();
  };
  for (const name of ['addValidationMetadata', 'addValidationSchema'] as const) {
    const add = storage[name].bind(storage);
    storage[name] = (...args: unknown[]) => {
      cache.clear();
      add(...args);
    };
  }
}

/** DTO validation for every route: unknown fields are rejected, types converted, errors per field. */
export const createValidationPipe = (): ValidationPipe => {
  memoizeValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new DomainError('REQUEST.INVALID', 'validation', { lv: 'Nederīgi dati', en: 'Invalid data' }, toFieldErrors(errors)),
  });
};
