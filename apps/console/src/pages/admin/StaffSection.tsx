// A centre's staff: who works there and when; managers assign employees and end assignments.
// Staff names and personal codes are personal data: the personal code is only sent with the
// assignment (cleared from the form once assigned), never logged; the server keeps a mask and a keyed hash.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, get, post } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { Notice, Spinner } from '../../lib/layout';
import { ADMIN_NS } from './admin-i18n';

export interface StaffAssignment {
  id: string;
  userId: string;
  displayName: string;
  personalCodeMasked: string | null;
  role: string;
  validFrom: string;
  validTo: string | null;
}

const ROLES = ['clerk', 'centre_manager'] as const;
const FIELDS = ['userId', 'displayName', 'role', 'validFrom', 'validTo', 'personalCode'] as const;
type Field = (typeof FIELDS)[number];
type Draft = Record<Field, string>;

/** Today in Riga, 'YYYY-MM-DD' (the server's default for dates). */
const rigaToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());
const emptyDraft = (): Draft => ({ userId: '', displayName: '', role: 'clerk', validFrom: rigaToday(), validTo: '', personalCode: '' });
const dateText = (iso: string): string => formatDate(`${iso}T12:00:00Z`);

export function StaffSection({ centreId, manager }: { centreId: string; manager: boolean }): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const [staff, setStaff] = useState<StaffAssignment[] | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const base = `/api/v1/network/centres/${encodeURIComponent(centreId)}/staff`;

  const load = (): void => {
    get<StaffAssignment[]>(base).then(setStaff, (e: unknown) => {
      setStaff([]);
      setError(errorText(e));
    });
  };
  useEffect(load, [base]);

  const set = (field: Field, value: string): void => {
    setDraft((d) => ({ ...d, [field]: value }));
    setFieldErrors((errs) => ({ ...errs, [field]: undefined }));
  };

  const assign = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setMessage(null);
    setFieldErrors({});
    const body = {
      userId: draft.userId.trim(),
      displayName: draft.displayName.trim(),
      role: draft.role,
      validFrom: draft.validFrom,
      ...(draft.validTo ? { validTo: draft.validTo } : {}),
      ...(draft.personalCode.trim() ? { personalCode: draft.personalCode.trim() } : {}),
    };
    try {
      const created = await post<StaffAssignment>(base, body);
      setDraft(emptyDraft());
      setMessage(t('staff.assigned', { name: created.displayName }));
      load();
    } catch (err) {
      const known: Partial<Record<Field, string>> = {};
      if (err instanceof ApiError) {
        for (const f of err.problem.errors ?? []) {
          const field = f.field as Field;
          if (FIELDS.includes(field) && !known[field]) known[field] = f.message;
        }
      }
      setFieldErrors(known);
      const first = FIELDS.find((f) => known[f]);
      setError(first ? `${errorText(err).replace(/[.!]?$/, '.')} ${t('staff.fixFields')}` : errorText(err));
      if (first) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#staff-${first}`)?.focus());
    } finally {
      setBusy(false);
    }
  };

  const end = async (a: StaffAssignment): Promise<void> => {
    setError(null);
    setMessage(null);
    try {
      await post<StaffAssignment>(`${base}/${encodeURIComponent(a.id)}/end`, {});
      setMessage(t('staff.ended', { name: a.displayName }));
      load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const today = rigaToday();
  const stateOf = (a: StaffAssignment): string => {
    if (a.validFrom > today) return t('staff.states.planned', { date: dateText(a.validFrom) });
    if (a.validTo && a.validTo < today) return t('staff.states.ended', { date: dateText(a.validTo) });
    if (a.validTo) return t('staff.states.ending', { date: dateText(a.validTo) });
    return t('staff.states.active');
  };

  /** A labelled input with its help and the server's error for it, tied together for screen readers. */
  const field = (name: Field, label: string, input: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode, help?: string): ReactNode => {
    const id = `staff-${name}`;
    const described = [help ? `${id}-help` : null, fieldErrors[name] ? `${id}-error` : null].filter(Boolean).join(' ');
    return (
      <p className="field">
        <label htmlFor={id}>{label}</label>
        {input({ id, ...(fieldErrors[name] ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
        {help && (
          <span id={`${id}-help`} className="field-help">
            {help}
          </span>
        )}
        {fieldErrors[name] && (
          <span id={`${id}-error`} className="field-error">
            {fieldErrors[name]}
          </span>
        )}
      </p>
    );
  };

  return (
    <section className="staff-section" aria-labelledby="staff-title">
      <h3 id="staff-title">{t('centres.staff')}</h3>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      {staff === null ? (
        <Spinner />
      ) : staff.length === 0 ? (
        <p>{t('centres.noStaff')}</p>
      ) : (
        <table className="data-table staff-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.name')}</th>
              <th scope="col">{t('staff.role')}</th>
              <th scope="col">{t('staff.period')}</th>
              <th scope="col">{t('staff.state')}</th>
              <th scope="col">{t('staff.personalCode')}</th>
              {manager && <th scope="col">{t('staff.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {staff.map((a) => (
              <tr key={a.id} data-assignment={a.id}>
                <th scope="row">
                  {a.displayName}
                  <span className="muted mono staff-user"> {a.userId}</span>
                </th>
                <td>{t(`staff.roles.${a.role}`, { defaultValue: a.role })}</td>
                <td>
                  {dateText(a.validFrom)} – {a.validTo ? dateText(a.validTo) : t('staff.open')}
                </td>
                <td className="staff-state">{stateOf(a)}</td>
                <td className="mono">{a.personalCodeMasked ?? '—'}</td>
                {manager && (
                  <td>
                    {(!a.validTo || a.validTo > today) && (
                      <button type="button" className="btn btn-small btn-danger" aria-label={t('staff.endLabel', { name: a.displayName })} aria-describedby="staff-end-help" onClick={() => void end(a)}>
                        {t('staff.end')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manager && staff !== null && staff.length > 0 && (
        <p id="staff-end-help" className="muted">
          {t('staff.endHelp')}
        </p>
      )}
      {manager && (
        <form ref={formRef} className="staff-form" aria-labelledby="staff-assign-title" onSubmit={(e) => void assign(e)}>
          <h4 id="staff-assign-title">{t('staff.assignTitle')}</h4>
          <div className="row">
            {field('userId', t('staff.userId'), (p) => <input {...p} value={draft.userId} required maxLength={200} autoComplete="off" onChange={(e) => set('userId', e.target.value)} />, t('staff.userIdHelp'))}
            {field('displayName', t('staff.name'), (p) => <input {...p} value={draft.displayName} required minLength={2} maxLength={200} autoComplete="off" onChange={(e) => set('displayName', e.target.value)} />)}
            {field('role', t('staff.role'), (p) => (
              <select {...p} value={draft.role} onChange={(e) => set('role', e.target.value)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`staff.roles.${r}`)}
                  </option>
                ))}
              </select>
            ))}
          </div>
          <div className="row">
            {field('validFrom', t('staff.validFrom'), (p) => <input {...p} type="date" value={draft.validFrom} required onChange={(e) => set('validFrom', e.target.value)} />)}
            {field('validTo', t('staff.validTo'), (p) => <input {...p} type="date" value={draft.validTo} min={draft.validFrom || undefined} onChange={(e) => set('validTo', e.target.value)} />, t('staff.validToHelp'))}
            {field('personalCode', t('staff.personalCode'), (p) => <input {...p} value={draft.personalCode} maxLength={20} autoComplete="off" spellCheck={false} inputMode="numeric" placeholder="000000-00000" onChange={(e) => set('personalCode', e.target.value)} />, t('staff.personalCodeHelp'))}
          </div>
          <p>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('staff.assign')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
