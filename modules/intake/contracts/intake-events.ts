import type { IntegrationEvent } from '@modules/shared-kernel';

export const INTAKE_MODULE = 'intake';

export const IntakeEvents = {
  ApplicationSubmitted: 'intake.ApplicationSubmitted',
  ApplicationDelivered: 'intake.ApplicationDelivered',
  ApplicationStatusChanged: 'intake.ApplicationStatusChanged',
  ApplicationClosed: 'intake.ApplicationClosed',
  EFormPublished: 'intake.EFormPublished',
  DeliveryChannelDisabled: 'intake.DeliveryChannelDisabled',
} as const;

/** What every application event names (no personal data). */
export interface ApplicationRef {
  applicationId: string;
  reference: string;
  serviceCode: string;
  institutionId: string;
  institutionCode: string;
  centreId: string | null;
  formCode: string;
  formVersion: number;
}

export type ApplicationSubmittedPayload = ApplicationRef & { submittedAt: string; attachments: number; visitTicketId: string | null };
export type ApplicationDeliveredPayload = ApplicationRef & { channel: 'webhook' | 'inbox'; deliveredAt: string; attempts: number; latencyMs: number };
/**
 * A status change: the institution's reports (accepted … closed), or `to: 'withdrawn'` when the
 * citizen withdrew the application (not an answer of the institution).
 */
export type ApplicationStatusChangedPayload = ApplicationRef & {
  from: string;
  to: string;
  outcome: string | null;
  at: string;
  /** Working time (Latvian calendar, the institution's hours) from delivery to this change. */
  workingMsSinceDelivery: number | null;
};
/** The application is finished: closed by the institution, or withdrawn (`finalStatus`; absent in older events = 'closed'). */
export type ApplicationClosedPayload = ApplicationRef & { outcome: string | null; closedAt: string; finalStatus?: 'closed' | 'withdrawn' };
/** A delivery channel switched itself off (the receiver answered 410 Gone): an administrator must act. No personal data. */
export interface DeliveryChannelDisabledPayload {
  channelId: string;
  institutionId: string;
  institutionCode: string;
  kind: 'webhook' | 'inbox';
  reason: 'gone';
  httpStatus: number;
  /** Pending deliveries parked as `disabled` until the channel is enabled again. */
  parkedDeliveries: number;
  disabledAt: string;
}
export interface EFormPublishedPayload {
  formId: string;
  formCode: string;
  institutionCode: string;
  version: number;
  /** Forms with at least one published version: the mission's "e-forms configured for re-use". */
  publishedForms: number;
}

export type ApplicationSubmittedIntegrationEvent = IntegrationEvent<typeof IntakeEvents.ApplicationSubmitted, ApplicationSubmittedPayload>;
export type ApplicationDeliveredIntegrationEvent = IntegrationEvent<typeof IntakeEvents.ApplicationDelivered, ApplicationDeliveredPayload>;
export type ApplicationStatusChangedIntegrationEvent = IntegrationEvent<typeof IntakeEvents.ApplicationStatusChanged, ApplicationStatusChangedPayload>;
export type ApplicationClosedIntegrationEvent = IntegrationEvent<typeof IntakeEvents.ApplicationClosed, ApplicationClosedPayload>;
export type DeliveryChannelDisabledIntegrationEvent = IntegrationEvent<typeof IntakeEvents.DeliveryChannelDisabled, DeliveryChannelDisabledPayload>;
export type EFormPublishedIntegrationEvent = IntegrationEvent<typeof IntakeEvents.EFormPublished, EFormPublishedPayload>;
