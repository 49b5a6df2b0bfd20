import { newId } from '@modules/shared-kernel';

/** A service holder ("pakalpojumu turētājs"): the state institution that owns services. */
export class Institution {
  id: string = newId();
  code!: string;
  nameLv!: string;
  nameEn!: string;
  regNo?: string;
  videoConsultations = false;
  active = true;
  createdAt: Date = new Date();
}
