import { newId, type FieldError } from '@modules/shared-kernel';
import type { FormLanguage } from './form-labels';
import { formDefinitionInvalid } from './eform-errors';

export interface NewEFormDefinition {
  code: string;
  institutionCode: string;
  serviceCodes: string[];
  titleLv: string;
  titleEn: string;
}

// 'PMLP-DZIVESVIETA': institution code, a hyphen, then upper-case ASCII words.
const FORM_CODE = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;

/** An e-form an institution offers for one or more of its services; its content lives in versions. */
export class EFormDefinition {
  id: string = newId();
  code!: string;
  institutionCode!: string;
  serviceCodes: string[] = [];
  titleLv!: string;
  titleEn!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();

  static create(props: NewEFormDefinition, now = new Date()): EFormDefinition {
    const errors = definitionErrors(props);
    if (errors.length > 0) throw formDefinitionInvalid(errors);
    const form = new EFormDefinition();
    Object.assign(form, { ...props, serviceCodes: [...new Set(props.serviceCodes)], createdAt: now, updatedAt: now });
    return form;
  }

  rename(titleLv: string, titleEn: string, now = new Date()): void {
    const errors = definitionErrors({ ...this, titleLv, titleEn });
    if (errors.length > 0) throw formDefinitionInvalid(errors);
    this.titleLv = titleLv;
    this.titleEn = titleEn;
    this.updatedAt = now;
  }

  assignServices(serviceCodes: string[], now = new Date()): void {
    const errors = definitionErrors({ ...this, serviceCodes });
    if (errors.length > 0) throw formDefinitionInvalid(errors);
    this.serviceCodes = [...new Set(serviceCodes)];
    this.updatedAt = now;
  }

  title(lang: FormLanguage): string {
    return lang === 'en' ? this.titleEn : this.titleLv;
  }
}

function definitionErrors(p: NewEFormDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, lv: string, en: string) => errors.push({ field, code: 'FORM_DEFINITION.INVALID', messageLv: lv, messageEn: en });
  if (!FORM_CODE.test(p.code ?? '')) add('code', 'Kodam jābūt formā IESTĀDE-NOSAUKUMS (lielie latīņu burti)', 'The code must look like INSTITUTION-NAME (upper-case ASCII)');
  if (!/^[A-Z][A-Z0-9]*$/.test(p.institutionCode ?? '')) add('institutionCode', 'Nederīgs iestādes kods', 'Invalid institution code');
  if (!Array.isArray(p.serviceCodes) || p.serviceCodes.length === 0) add('serviceCodes', 'Jānorāda vismaz viens pakalpojums', 'At least one service is needed');
  if (!p.titleLv?.trim()) add('titleLv', 'Jānorāda nosaukums latviski', 'A Latvian title is needed');
  if (!p.titleEn?.trim()) add('titleEn', 'Jānorāda nosaukums angliski', 'An English title is needed');
  return errors;
}
