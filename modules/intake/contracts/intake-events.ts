import type { IntegrationEvent } from '@modules/shared-kernel';

export const INTAKE_MODULE = 'intake';

export const IntakeEvents = {
  ApplicationSubmitted: 'intake.ApplicationSubmitted',
  ApplicationDelivered: 'intake.ApplicationDelivered',
  ApplicationStatusChanged: 'intake.ApplicationStatusChanged',
  ApplicationClosed: 'intake.ApplicationClosed',
  EFormPublished: 'intake.EFormPublished',
} as const;

interface ApplicationRef {
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
export type ApplicationStatusChangedPayload = ApplicationRef & {
  from: string;
  to: string;
  outcome: string | null;
  at: string;
  /** Working time (Latvian calendar, the institution's hours) from delivery to this change. */
  workingMsSinceDelivery: number | null;
};
export type ApplicationClosedPayload = ApplicationRef & { outcome: string | null; closedAt: string };
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
export type EFormPublishedIntegrationEvent = IntegrationEvent<typeof IntakeEvents.EFormPublished, EFormPublishedPayload>;
