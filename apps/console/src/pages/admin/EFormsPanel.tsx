// E-form versions: every form with its versions (draft, published, retired); publish a draft
// (the previously published version is retired by the server), retire a published version
// (no longer offered for new applications), start a new draft.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get, post } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { Notice, Spinner } from '../../lib/layout';
import { ADMIN_NS } from './admin-i18n';

interface EForm {
  id: string;
  code: string;
  institutionCode: string;
  titleLv: string;
  titleEn: string;
  versions: Array<{ version: number; status: string; publishedAt: string | null }>;
}

export function EFormsPanel(): ReactNode {
  const { t, i18n } = useTranslation(ADMIN_NS);
  const session = useSession();
  const canEdit = session.hasRole('network_admin');
  const [forms, setForms] = useState<EForm[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (): void => {
    get<EForm[]>('/api/v1/intake/forms').then(setForms, (e: unknown) => setError(errorText(e)));
  };
  useEffect(load, []);

  const act = async (fn: () => Promise<{ version: number }>, done: (v: number) => string): Promise<void> => {
    setError(null);
    setMessage(null);
    try {
      const v = await fn();
      setMessage(done(v.version));
      load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!forms) return error ? <Notice kind="error">{error}</Notice> : <Spinner />;
  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      <p className="muted">{t('eforms.retireNote')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('eforms.code')}</th>
            <th scope="col">{t('eforms.title')}</th>
            <th scope="col">{t('eforms.institution')}</th>
            <th scope="col">{t('eforms.versions')}</th>
          </tr>
        </thead>
        <tbody>
          {forms.map((f) => {
            const draft = f.versions.find((v) => v.status === 'draft');
            const published = f.versions.find((v) => v.status === 'published');
            return (
              <tr key={f.id}>
                <th scope="row">{f.code}</th>
                <td>{i18n.language === 'en' ? f.titleEn : f.titleLv}</td>
                <td>{f.institutionCode}</td>
                <td>
                  <ul className="plain">
                    {f.versions.map((v) => (
                      <li key={v.version}>
                        {t('eforms.version', { version: v.version, status: t(`eforms.statuses.${v.status}`, { defaultValue: v.status }) })}
                        {v.publishedAt ? ` (${formatDate(v.publishedAt)})` : ''}
                      </li>
                    ))}
                  </ul>
                  {canEdit && draft && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => void act(() => post(`/api/v1/intake/forms/${f.id}/versions/${draft.version}/publish`), (v) => t('eforms.published', { version: v }))}
                    >
                      {t('eforms.publish', { version: draft.version })}
                    </button>
                  )}{' '}
                  {canEdit && published && (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={t('eforms.retireLabel', { code: f.code, version: published.version })}
                      onClick={() => void act(() => post(`/api/v1/intake/forms/${f.id}/versions/${published.version}/retire`), (v) => t('eforms.retired', { version: v }))}
                    >
                      {t('eforms.retire', { version: published.version })}
                    </button>
                  )}{' '}
                  {canEdit && !draft && (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`${t('eforms.newDraft')}: ${f.code}`}
                      onClick={() => void act(() => post(`/api/v1/intake/forms/${f.id}/versions`, {}), (v) => t('eforms.draftCreated', { version: v }))}
                    >
                      {t('eforms.newDraft')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
