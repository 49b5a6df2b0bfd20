import { newId } from '@modules/shared-kernel';

/** Agreement between the state and a municipality on running VPVKAC (hours, co-financing). */
export class CooperationAgreement {
  id: string = newId();
  municipalityAtvk!: string;
  number!: string;
  signedOn!: string;
  validFrom!: string;
  validTo?: string;
  /** Share of the costs the state co-finances, 0..1. */
  coFinancingShare!: number;
  createdAt: Date = new Date();

  isValidOn(date: string): boolean {
    return this.validFrom <= date && (!this.validTo || date <= this.validTo);
  }
}
