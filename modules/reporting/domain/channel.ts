/**
 * How a service reached the citizen, as the mission counts it. Queue visits are in person or
 * consultations; remote video comes from RemoteOfficial and forwarded applications from Intake
 * once those modules publish their events.
 */
export const REPORTING_CHANNELS = ['in_person', 'remote_video', 'application_forwarded', 'consultation_only'] as const;
export type ReportingChannel = (typeof REPORTING_CHANNELS)[number];

// The queue's request channels (Scheduling `RequestChannel`). A phone request is advice only;
// help with an e-service, back-office work and desk service all happen in person.
const FROM_QUEUE_REQUEST: Record<string, ReportingChannel> = {
  in_person: 'in_person',
  assisted_eservice: 'in_person',
  back_office: 'in_person',
  phone: 'consultation_only',
};

/** Unknown future queue channels count as in person; the source channel is kept beside it. */
export const channelOfQueueRequest = (channel: string): ReportingChannel => FROM_QUEUE_REQUEST[channel] ?? 'in_person';
