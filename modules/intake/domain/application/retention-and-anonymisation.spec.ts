import { DomainError } from '@modules/shared-kernel';
import { anonymise } from './anonymise-application';
import { at, deliveredApplication, draftApplication } from './application.fixture';
import { applicationRetentionDueAt, DEFAULT_RETENTION_POLICY, isRetentionDue, retentionDueAt, type RetentionPolicy } from './retention-policy';

const policy: RetentionPolicy = { grantedDays: 7, refusedDays: 30, returnedDays: 30, withdrawnDays: 3, undecidedDays: 60, abandonedDraftDays: 14, maxDays: 45 };

describe('retentionDueAt', () => {
  it('counts the days of the outcome from the closing time', () => {
    const closedAt = new Date('2026-01-10T12:00:00Z');
    expect(retentionDueAt(closedAt, 'granted', policy)).toEqual(new Date('2026-01-17T12:00:00Z'));
    expect(retentionDueAt(closedAt, 'refused', policy)).toEqual(new Date('2026-02-09T12:00:00Z'));
    expect(retentionDueAt(closedAt, 'withdrawn', policy)).toEqual(new Date('2026-01-13T12:00:00Z'));
  });

  it('never exceeds the hard maximum', () => {
    expect(retentionDueAt(new Date('2026-01-10T12:00:00Z'), 'undecided', policy)).toEqual(new Date('2026-02-24T12:00:00Z'));
  });

  it('keeps the Riga wall-clock time across the spring clock change', () => {
    // 2026-03-29 03:00 EET → 04:00 EEST in Riga.
    expect(retentionDueAt(new Date('2026-03-25T10:00:00Z'), 'granted', policy)).toEqual(new Date('2026-04-01T09:00:00Z'));
  });

  it('derives the outcome from the application', () => {
    const app = deliveredApplication();
    expect(applicationRetentionDueAt(app, policy)).toBeNull();
    app.applyInstitutionStatus({ status: 'decided', outcome: 'refused', occurredAt: at(10) }, 'inst');
    app.close(at(60 * 24));
    expect(applicationRetentionDueAt(app, policy)).toEqual(new Date(at(60 * 24).getTime() + 30 * 86_400_000));
    expect(isRetentionDue(app, policy, at(60 * 24 * 31))).toBe(true);
    expect(isRetentionDue(app, DEFAULT_RETENTION_POLICY, at(60 * 24 * 31))).toBe(false);
  });

  it('expires abandoned drafts from their last change', () => {
    const draft = draftApplication();
    expect(applicationRetentionDueAt(draft, policy)).toEqual(new Date(draft.updatedAt.getTime() + 14 * 86_400_000));
  });
});

describe('anonymise', () => {
  const sensitive = ['/applicant', '/newAddress/street'];

  it('removes personal data and sensitive answers but keeps statistics', () => {
    const app = deliveredApplication();
    app.applyInstitutionStatus({ status: 'decided', outcome: 'refused', messageLv: 'Jānis Bērziņš nav īpašnieks', occurredAt: at(10) }, 'inst');
    app.close(at(20));
    anonymise(app, sensitive, at(100));
    expect(app.applicant).toEqual({ personalCode: '', name: '' });
    expect(app.data).toEqual({ newAddress: { municipality: 'Rīga' } });
    expect(app.decision).toEqual({ outcome: 'refused' });
    expect(app).toMatchObject({
      serviceCode: 'PMLP-001',
      institutionCode: 'PMLP',
      status: 'closed',
      submittedAt: at(2),
      closedAt: at(20),
      assistedBy: { centreId: 'centre-1' },
      anonymisedAt: at(100),
    });
    expect(JSON.stringify(app)).not.toMatch(/161175|Bērziņš|janis@|Brīvības/);
  });

  it('drops withdrawal reasons and attachment names, and is idempotent', () => {
    const app = draftApplication();
    app.addAttachment({ fileName: 'Berzins-pase.pdf', contentType: 'application/pdf', size: 10, sha256: 'a'.repeat(64) }, at(1));
    app.withdraw(at(2), 'citizen', 'Jānis pārcēlās');
    anonymise(app, sensitive, at(3));
    anonymise(app, sensitive, at(4));
    expect(app.attachments[0]).toMatchObject({ fileName: 'pielikums-1', sha256: '', size: 10 });
    expect(app.history.some((h) => 'reason' in h)).toBe(false);
    expect(app.anonymisedAt).toEqual(at(3));
  });

  it('refuses while the institution still works on it', () => {
    const app = deliveredApplication();
    expect(() => anonymise(app, sensitive, at(5))).toThrow(DomainError);
  });
});
