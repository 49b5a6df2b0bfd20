import type { Application } from '../../domain/application/application';

/** What staff see: with personal data (every such read is audited). */
export interface ApplicationView {
  id: string;
  reference: string;
  serviceCode: string;
  institutionCode: string;
  formId: string;
  formVersion: number;
  status: string;
  data: Record<string, unknown>;
  applicant: { personalCode: string; name: string; contact?: { email?: string; phone?: string } } | null;
  consent: { textLv: string; acceptedAt: string } | null;
  assistedBy: { clerkId: string; centreId: string } | null;
  visitTicketId: string | null;
  attachments: Array<{ id: string; fileName: string; contentType: string; size: number; sha256: string; uploadedAt: string }>;
  history: Array<{ at: string; by: string; from: string | null; to: string; reason?: string }>;
  decision: { outcome: string; messageLv?: string; messageEn?: string } | null;
  createdAt: string;
  submittedAt: string | null;
  deliveredAt: string | null;
  closedAt: string | null;
}

const iso = (d: Date | undefined): string | null => (d ? new Date(d).toISOString() : null);

export const toApplicationView = (a: Application): ApplicationView => ({
  id: a.id,
  reference: a.reference,
  serviceCode: a.serviceCode,
  institutionCode: a.institutionCode,
  formId: a.formId,
  formVersion: a.formVersion,
  status: a.status,
  data: a.data ?? {},
  applicant: a.applicant ?? null,
  consent: a.consent ? { textLv: a.consent.textLv, acceptedAt: new Date(a.consent.acceptedAt).toISOString() } : null,
  assistedBy: a.assistedBy ?? null,
  visitTicketId: a.visitTicketId ?? null,
  attachments: a.attachments.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256, uploadedAt: new Date(f.uploadedAt).toISOString() })),
  history: a.history.map((h) => ({ at: new Date(h.at).toISOString(), by: h.by, from: h.from, to: h.to, reason: h.reason })),
  decision: a.decision ?? null,
  createdAt: a.createdAt.toISOString(),
  submittedAt: iso(a.submittedAt),
  deliveredAt: iso(a.deliveredAt),
  closedAt: iso(a.closedAt),
});

/** What the citizen's status page shows: no personal data beyond the reference. */
export interface ApplicationStatusView {
  reference: string;
  status: string;
  serviceCode: string;
  institutionCode: string;
  history: Array<{ at: string; to: string }>;
  decision: { outcome: string; messageLv?: string; messageEn?: string } | null;
}
