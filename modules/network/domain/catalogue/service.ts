import { newId } from '@modules/shared-kernel';

export const SERVICE_CHANNELS = ['in_person', 'remote_video', 'both'] as const;
export type ServiceChannels = (typeof SERVICE_CHANNELS)[number];

/** A state or municipal service citizens can apply for in a centre. */
export class Service {
  id: string = newId();
  code!: string;
  institutionId!: string;
  latvijaGovLvId?: string;
  nameLv!: string;
  nameEn!: string;
  channels: ServiceChannels = 'in_person';
  defaultDurationMin = 15;
  /**
   * The walk-in queue may take who the visitor is (name, personal code) for this service, so the
   * clerk can prepare their case before the call; for any other service it takes no personal data.
   */
  citizenIdentity = false;
  descriptionLv?: string;
  descriptionEn?: string;
  active = true;
  updatedAt: Date = new Date();
}
