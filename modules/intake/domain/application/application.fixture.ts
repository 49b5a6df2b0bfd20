import { Application, type NewApplication } from './application';

export const T0 = new Date('2026-12-01T09:00:00Z');
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);

export function newApplicationProps(overrides: Partial<NewApplication> = {}): NewApplication {
  return {
    serviceCode: 'PMLP-001',
    institutionCode: 'PMLP',
    formId: 'form-1',
    formVersionId: 'version-1',
    formVersion: 1,
    applicant: { personalCode: '161175-19997', name: 'Jānis Bērziņš', contact: { email: 'janis@example.lv', phone: '+37129123456' } },
    data: { applicant: { personalCode: '161175-19997', firstName: 'Jānis' }, newAddress: { street: 'Brīvības iela 1', municipality: 'Rīga' } },
    assistedBy: { clerkId: 'clerk-1', centreId: 'centre-1' },
    ...overrides,
  };
}

export function draftApplication(overrides: Partial<NewApplication> = {}): Application {
  return Application.startDraft(newApplicationProps(overrides), T0, 'clerk-1');
}

/** An application handed to the institution (status `delivered`). */
export function deliveredApplication(): Application {
  const app = draftApplication();
  app.acceptConsent('Piekrītu datu apstrādei', at(1));
  app.submit(at(2), 'clerk-1');
  app.queueForDelivery(at(3));
  app.markDelivered(at(4));
  return app;
}
