import { newId } from '@modules/shared-kernel';

/** A booth with the remote-official video kit; Scheduling books it for consultations. */
export class VideoBooth {
  id: string = newId();
  centreId!: string;
  name!: string;
  /** How many people fit in the booth (citizen plus companions or an interpreter). */
  capacity = 2;
  accessible = true;
  active = true;
  createdAt: Date = new Date();
}
