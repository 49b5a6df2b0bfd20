import type { ApplicationRef } from '../../contracts/intake-events';
import type { Application } from '../../domain/application/application';

/** The part every application event carries: which application, service, institution, centre and form. */
export function applicationRef(app: Application, formCode: string): ApplicationRef {
  return {
    applicationId: app.id,
    reference: app.reference,
    serviceCode: app.serviceCode,
    institutionId: app.institutionId ?? '',
    institutionCode: app.institutionCode,
    centreId: app.assistedBy?.centreId ?? null,
    formCode,
    formVersion: app.formVersion,
  };
}
