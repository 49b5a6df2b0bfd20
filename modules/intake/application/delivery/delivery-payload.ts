import type { Application } from '../../domain/application/application';
import type { EFormDefinition, EFormVersion } from '../../domain/eform';

/** The structured application an institution receives (webhook `data`, inbox item). */
export function deliveryPayload(app: Application, form: EFormDefinition, version: EFormVersion, baseUrl: string): Record<string, unknown> {
  return {
    applicationId: app.id,
    reference: app.reference,
    serviceCode: app.serviceCode,
    institutionCode: app.institutionCode,
    form: { code: form.code, version: version.version, versionId: version.id, jsonSchema: version.jsonSchema },
    data: app.data,
    applicant: app.applicant,
    consent: app.consent ? { textLv: app.consent.textLv, acceptedAt: new Date(app.consent.acceptedAt).toISOString() } : null,
    assistedBy: app.assistedBy ?? null,
    attachments: app.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      sha256: a.sha256,
      url: `${baseUrl}/api/v1/intake/applications/${app.id}/attachments/${a.id}`,
    })),
    submittedAt: app.submittedAt ? new Date(app.submittedAt).toISOString() : null,
    statusCallbackUrl: `${baseUrl}/api/v1/intake/applications/${app.id}/status-events`,
  };
}

/**
 * The notice an institution receives when the citizen withdraws an application it may already
 * have (webhook `application.withdrawn`, inbox item of that type). The reason is the one recorded
 * in the application's history.
 */
export function withdrawalPayload(app: Application, baseUrl: string): Record<string, unknown> {
  const withdrawal = [...app.history].reverse().find((h) => h.to === 'withdrawn');
  return {
    applicationId: app.id,
    reference: app.reference,
    serviceCode: app.serviceCode,
    institutionCode: app.institutionCode,
    status: 'withdrawn',
    withdrawnAt: withdrawal ? new Date(withdrawal.at).toISOString() : null,
    reason: withdrawal?.reason ?? null,
    applicationUrl: `${baseUrl}/api/v1/intake/applications/${app.id}`,
  };
}
