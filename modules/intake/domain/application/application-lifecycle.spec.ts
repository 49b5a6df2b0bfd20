import { DomainError } from '@modules/shared-kernel';
import { Application } from './application';
import { at, deliveredApplication, draftApplication, newApplicationProps, T0 } from './application.fixture';
import type { ApplicationStatus } from './application-status';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected an error');
}

function inStatus(status: ApplicationStatus): Application {
  const app = draftApplication();
  app.acceptConsent('Piekrītu', at(1));
  if (status === 'draft') return app;
  app.submit(at(2), 'clerk-1');
  if (status === 'submitted') return app;
  app.queueForDelivery(at(3));
  if (status === 'queued') return app;
  app.markDelivered(at(4));
  if (status === 'delivered') return app;
  if (status === 'withdrawn') {
    app.withdraw(at(5), 'citizen', 'Pārdomāju');
    return app;
  }
  const steps = ['accepted', 'in_progress', 'decided', 'closed'] as const;
  for (const [i, step] of steps.entries()) {
    app.applyInstitutionStatus({ status: step, outcome: step === 'decided' ? 'granted' : undefined, occurredAt: at(10 + i) }, 'institution:PMLP');
    if (step === status) return app;
  }
  return app;
}

describe('Application lifecycle', () => {
  it('starts as a draft with a reference and a history entry', () => {
    const app = draftApplication();
    expect(app.status).toBe('draft');
    expect(app.reference).toMatch(/^VPK-[2-9A-HJKMNP-Z]{9}$/);
    expect(app.history).toEqual([{ at: T0, by: 'clerk-1', from: null, to: 'draft' }]);
  });

  it('rejects an invalid applicant personal code', () => {
    const error = thrown(() => Application.startDraft(newApplicationProps({ applicant: { personalCode: '111112-11111', name: 'X' } }), T0, 'c'));
    expect(error.code).toBe('INTAKE.APPLICATION_INVALID');
    expect(error.fieldErrors[0]).toMatchObject({ field: 'applicant.personalCode', messageLv: 'Nederīgs personas kods' });
  });

  it('goes draft → submitted → queued → delivered → accepted → in_progress → decided → closed', () => {
    const app = deliveredApplication();
    expect(app.applyInstitutionStatus({ status: 'accepted', occurredAt: at(10) }, 'inst')).toBe('applied');
    expect(app.applyInstitutionStatus({ status: 'in_progress', occurredAt: at(11) }, 'inst')).toBe('applied');
    expect(app.applyInstitutionStatus({ status: 'decided', outcome: 'granted', messageLv: 'Deklarēts', occurredAt: at(12) }, 'inst')).toBe('applied');
    app.close(at(20));
    expect(app.history.map((h) => h.to)).toEqual(['draft', 'submitted', 'queued', 'delivered', 'accepted', 'in_progress', 'decided', 'closed']);
    expect(app).toMatchObject({
      status: 'closed',
      decision: { outcome: 'granted', messageLv: 'Deklarēts' },
      submittedAt: at(2),
      deliveredAt: at(4),
      acceptedAt: at(10),
      decidedAt: at(12),
      closedAt: at(20),
      lastInstitutionEventAt: at(12),
    });
  });

  it('needs consent before submitting', () => {
    const app = draftApplication();
    expect(thrown(() => app.submit(at(1), 'clerk-1')).code).toBe('INTAKE.CONSENT_REQUIRED');
  });

  it.each<[ApplicationStatus, string, (a: Application) => unknown]>([
    ['submitted', 'submit', (a) => a.submit(at(30), 'x')],
    ['draft', 'queueForDelivery', (a) => a.queueForDelivery(at(30))],
    ['queued', 'queueForDelivery', (a) => a.queueForDelivery(at(30))],
    ['draft', 'markDelivered', (a) => a.markDelivered(at(30))],
    ['submitted', 'markDelivered', (a) => a.markDelivered(at(30))],
    ['delivered', 'close', (a) => a.close(at(30))],
    ['in_progress', 'close', (a) => a.close(at(30))],
    ['decided', 'withdraw', (a) => a.withdraw(at(30), 'citizen', 'x')],
    ['closed', 'withdraw', (a) => a.withdraw(at(30), 'citizen', 'x')],
    ['withdrawn', 'withdraw', (a) => a.withdraw(at(30), 'citizen', 'x')],
    ['withdrawn', 'submit', (a) => a.submit(at(30), 'x')],
    ['draft', 'applyInstitutionStatus', (a) => a.applyInstitutionStatus({ status: 'accepted', occurredAt: at(30) }, 'inst')],
    ['submitted', 'applyInstitutionStatus', (a) => a.applyInstitutionStatus({ status: 'accepted', occurredAt: at(30) }, 'inst')],
  ])('refuses from %s: %s', (status, _name, act) => {
    const app = inStatus(status);
    const error = thrown(() => act(app));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('INTAKE.ILLEGAL_TRANSITION');
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ from: status, to: expect.any(String) });
    expect(error.messages.lv).toContain('Iesniegumu nevar pārvietot');
    expect(app.status).toBe(status);
  });

  it.each<ApplicationStatus>(['draft', 'submitted', 'queued', 'delivered', 'accepted', 'in_progress'])('can be withdrawn from %s', (status) => {
    const app = inStatus(status);
    app.withdraw(at(40), 'citizen-1', '  Vairs nav vajadzīgs ');
    expect(app.status).toBe('withdrawn');
    expect(app.closedAt).toEqual(at(40));
    expect(app.history[app.history.length - 1]).toEqual({ at: at(40), by: 'citizen-1', from: status, to: 'withdrawn', reason: 'Vairs nav vajadzīgs' });
  });

  it('ignores a delivery receipt that comes after the institution already reported, or after withdrawal', () => {
    const app = inStatus('queued');
    app.applyInstitutionStatus({ status: 'accepted', occurredAt: at(10) }, 'inst');
    expect(app.deliveredAt).toEqual(at(10));
    expect(app.markDelivered(at(11))).toBe('ignored');
    expect(app.status).toBe('accepted');
    const withdrawn = inStatus('queued');
    withdrawn.withdraw(at(5), 'citizen', 'x');
    expect(withdrawn.markDelivered(at(6))).toBe('ignored');
  });

  it('allows edits only in draft', () => {
    const app = inStatus('submitted');
    expect(thrown(() => app.updateData({}, at(9))).code).toBe('INTAKE.APPLICATION_NOT_EDITABLE');
    expect(thrown(() => app.acceptConsent('x', at(9))).code).toBe('INTAKE.APPLICATION_NOT_EDITABLE');
  });
});

describe('Application.applyInstitutionStatus out of order', () => {
  it('ignores a duplicate event', () => {
    const app = deliveredApplication();
    const event = { status: 'accepted' as const, occurredAt: at(10) };
    expect(app.applyInstitutionStatus(event, 'inst')).toBe('applied');
    expect(app.applyInstitutionStatus({ ...event }, 'inst')).toBe('ignored');
    expect(app.history.filter((h) => h.to === 'accepted')).toHaveLength(1);
  });

  it('ignores an event older than the last applied one', () => {
    const app = deliveredApplication();
    app.applyInstitutionStatus({ status: 'in_progress', occurredAt: at(20) }, 'inst');
    expect(app.applyInstitutionStatus({ status: 'decided', outcome: 'refused', occurredAt: at(15) }, 'inst')).toBe('ignored');
    expect(app.status).toBe('in_progress');
    expect(app.decision).toBeUndefined();
  });

  it('never moves backwards: accepted after decided is ignored', () => {
    const app = deliveredApplication();
    app.applyInstitutionStatus({ status: 'decided', outcome: 'refused', messageEn: 'Missing documents', occurredAt: at(20) }, 'inst');
    expect(app.applyInstitutionStatus({ status: 'accepted', occurredAt: at(25) }, 'inst')).toBe('ignored');
    expect(app.applyInstitutionStatus({ status: 'in_progress', occurredAt: at(26) }, 'inst')).toBe('ignored');
    expect(app.status).toBe('decided');
    expect(app.lastInstitutionEventAt).toEqual(at(20));
  });

  it('allows skipping forward: delivered → decided → closed', () => {
    const app = deliveredApplication();
    expect(app.applyInstitutionStatus({ status: 'decided', outcome: 'returned', messageLv: 'Jāpievieno īres līgums', occurredAt: at(20) }, 'inst')).toBe('applied');
    expect(app.history[app.history.length - 1]).toMatchObject({ from: 'delivered', to: 'decided', at: at(20), by: 'inst' });
    expect(app.applyInstitutionStatus({ status: 'closed', occurredAt: at(30) }, 'inst')).toBe('applied');
    expect(app).toMatchObject({ status: 'closed', closedAt: at(30), decision: { outcome: 'returned' } });
  });

  it('takes the outcome from a closing event when no decision came before', () => {
    const app = deliveredApplication();
    app.applyInstitutionStatus({ status: 'closed', outcome: 'granted', occurredAt: at(20) }, 'inst');
    expect(app).toMatchObject({ status: 'closed', decision: { outcome: 'granted' }, decidedAt: at(20) });
  });

  it('ignores everything once closed or withdrawn', () => {
    const closed = inStatus('closed');
    expect(closed.applyInstitutionStatus({ status: 'decided', outcome: 'refused', occurredAt: at(99) }, 'inst')).toBe('ignored');
    const withdrawn = inStatus('withdrawn');
    expect(withdrawn.applyInstitutionStatus({ status: 'accepted', occurredAt: at(99) }, 'inst')).toBe('ignored');
    expect(withdrawn.status).toBe('withdrawn');
  });

  it('needs an outcome with a decision', () => {
    const app = deliveredApplication();
    expect(thrown(() => app.applyInstitutionStatus({ status: 'decided', occurredAt: at(20) }, 'inst')).code).toBe('INTAKE.DECISION_OUTCOME_REQUIRED');
  });

  it('gives the same result whatever order the events arrive in', () => {
    const events = [
      { status: 'accepted' as const, occurredAt: at(10) },
      { status: 'in_progress' as const, occurredAt: at(11) },
      { status: 'decided' as const, outcome: 'granted' as const, occurredAt: at(12) },
    ];
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1], [0, 2, 1, 2, 0]]) {
      const app = deliveredApplication();
      for (const i of order) app.applyInstitutionStatus(events[i], 'inst');
      expect(app.status).toBe('decided');
      expect(app.decision?.outcome).toBe('granted');
      expect(app.lastInstitutionEventAt).toEqual(at(12));
    }
  });
});

describe('Application attachments', () => {
  const file = (n: number, size = 1024) => ({ fileName: `scan-${n}.pdf`, contentType: 'application/pdf', size, sha256: n.toString(16).padStart(64, '0') });

  it('adds up to 10 attachments in a draft', () => {
    const app = draftApplication();
    for (let i = 1; i <= 10; i++) app.addAttachment(file(i), at(i));
    expect(app.attachments).toHaveLength(10);
    expect(app.attachments[0]).toMatchObject({ fileName: 'scan-1.pdf', size: 1024, uploadedAt: at(1), id: expect.any(String) });
    expect(thrown(() => app.addAttachment(file(11), at(11))).code).toBe('INTAKE.TOO_MANY_ATTACHMENTS');
  });

  it('limits the total size to 25 MB', () => {
    const app = draftApplication();
    app.addAttachment(file(1, 20 * 1024 * 1024), at(1));
    app.addAttachment(file(2, 5 * 1024 * 1024), at(2));
    expect(thrown(() => app.addAttachment(file(3, 1), at(3))).code).toBe('INTAKE.ATTACHMENTS_TOO_LARGE');
  });

  it('rejects the same file twice, empty files and attachments after submission', () => {
    const app = draftApplication();
    app.addAttachment(file(1), at(1));
    expect(thrown(() => app.addAttachment({ ...file(1), fileName: 'again.pdf' }, at(2))).code).toBe('INTAKE.DUPLICATE_ATTACHMENT');
    expect(thrown(() => app.addAttachment(file(2, 0), at(2))).code).toBe('INTAKE.ATTACHMENT_INVALID');
    app.removeAttachment(app.attachments[0].id, at(3));
    expect(app.attachments).toEqual([]);
    const submitted = inStatus('submitted');
    expect(thrown(() => submitted.addAttachment(file(5), at(9))).code).toBe('INTAKE.APPLICATION_NOT_EDITABLE');
  });
});
