import { newId } from '@modules/shared-kernel';

export const STAFF_ROLES = ['clerk', 'centre_manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A municipal employee working in a centre. The personal code is kept only as a keyed hash and a mask. */
export class StaffAssignment {
  id: string = newId();
  centreId!: string;
  /** The employee's subject at the identity provider. */
  userId!: string;
  displayName!: string;
  personalCodeHash?: string;
  personalCodeMasked?: string;
  role: StaffRole = 'clerk';
  validFrom!: string;
  validTo?: string;
  createdAt: Date = new Date();
  createdBy!: string;
}
