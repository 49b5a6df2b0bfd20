import { conflict, invalid, type FieldError } from '@modules/shared-kernel';
import type { EFormVersionStatus } from './eform-version-status';

export const versionImmutable = (status: EFormVersionStatus): Error =>
  conflict(
    'INTAKE.VERSION_IMMUTABLE',
    'Publicētu vai atsauktu formas versiju mainīt nevar; izveidojiet jaunu versiju',
    'A published or retired form version cannot change; create a new version',
    { status },
  );

export const versionNotPublished = (status: EFormVersionStatus): Error =>
  conflict('INTAKE.VERSION_NOT_PUBLISHED', 'Atsaukt var tikai publicētu formas versiju', 'Only a published form version can be retired', {
    status,
  });

export const versionNotPublishable = (errors: FieldError[]): Error =>
  invalid('INTAKE.VERSION_NOT_PUBLISHABLE', 'Formas versiju nevar publicēt: tajā ir kļūdas', 'The form version cannot be published: it has errors', errors);

export const formSchemaInvalid = (errors: FieldError[]): Error =>
  invalid('INTAKE.FORM_SCHEMA_INVALID', 'Formas shēma nav derīga', 'The form schema is not valid', errors);

export const formDefinitionInvalid = (errors: FieldError[]): Error =>
  invalid('INTAKE.FORM_DEFINITION_INVALID', 'Formas apraksts nav derīgs', 'The form definition is not valid', errors);

export const formDataInvalid = (errors: FieldError[]): Error =>
  invalid('INTAKE.FORM_DATA_INVALID', 'Formas dati nav derīgi', 'The form data is not valid', errors);
