import type { IntegrationEvent } from '@modules/shared-kernel';

export const NETWORK_MODULE = 'network';

export const NetworkEvents = {
  CentreRegistered: 'network.CentreRegistered',
  CentreStatusChanged: 'network.CentreStatusChanged',
  OpeningHoursChanged: 'network.OpeningHoursChanged',
  ServiceCatalogueChanged: 'network.ServiceCatalogueChanged',
} as const;

export interface CentreRegisteredPayload {
  centreId: string;
  code: string;
  municipalityAtvk: string;
  kind: string;
  status: string;
  generated: boolean;
}

export interface CentreStatusChangedPayload {
  centreId: string;
  municipalityAtvk: string;
  kind: string;
  from: string | null;
  to: string;
  effectiveOn: string;
}

export interface OpeningHoursChangedPayload {
  centreId: string;
}

export interface ServiceCatalogueChangedPayload {
  change: 'institution_registered' | 'service_registered' | 'service_updated' | 'services_imported' | 'centre_services_changed' | 'guide_published';
  institutionIds: string[];
  serviceIds: string[];
  centreId?: string;
}

export type CentreRegisteredIntegrationEvent = IntegrationEvent<typeof NetworkEvents.CentreRegistered, CentreRegisteredPayload>;
export type CentreStatusChangedIntegrationEvent = IntegrationEvent<typeof NetworkEvents.CentreStatusChanged, CentreStatusChangedPayload>;
export type OpeningHoursChangedIntegrationEvent = IntegrationEvent<typeof NetworkEvents.OpeningHoursChanged, OpeningHoursChangedPayload>;
export type ServiceCatalogueChangedIntegrationEvent = IntegrationEvent<typeof NetworkEvents.ServiceCatalogueChanged, ServiceCatalogueChangedPayload>;

export type NetworkIntegrationEvent =
  | CentreRegisteredIntegrationEvent
  | CentreStatusChangedIntegrationEvent
  | OpeningHoursChangedIntegrationEvent
  | ServiceCatalogueChangedIntegrationEvent;
