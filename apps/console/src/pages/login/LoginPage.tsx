import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { homePath } from '../../lib/route-table';
import { ApiError, errorText, get } from '../../lib/api';
import { useSession, type DemoUser } from '../../lib/auth';
import { Notice, Spinner } from '../../lib/layout';
import { navigate, useSearchParams } from '../../lib/router';

/** Sign-in. In demo mode: pick a seeded demo user; otherwise the identity provider (not configured here). */
export default function LoginPage(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const next = useSearchParams().get('next');
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [demo, setDemo] = useState(true);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<DemoUser[]>('/api/v1/auth/demo-users', { anonymous: true })
      .then((list) => {
        setUsers(list);
        setChosen(list[0]?.username ?? '');
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) setDemo(false);
        else setError(errorText(e));
        setUsers([]);
      });
  }, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await session.loginDemo(chosen);
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (session.principal && !busy) {
    const home = homePath(session.hasRole);
    return (
      <section className="page narrow">
        <h1>{t('auth.title')}</h1>
        <p>{t('auth.signedInAs', { name: session.principal.displayName ?? session.principal.subject })}</p>
        <p>
          <a href={home ?? '/'} className="btn btn-primary" onClick={(e) => { e.preventDefault(); navigate(home ?? '/'); }}>
            {t('auth.continue')}
          </a>
        </p>
      </section>
    );
  }

  return (
    <section className="page narrow">
      <h1>{t('auth.title')}</h1>
      {users === null && <Spinner />}
      {!demo && <Notice>{t('auth.noDemo')}</Notice>}
      {demo && users && users.length > 0 && (
        <form onSubmit={(e) => void submit(e)} className="stack">
          <fieldset className="demo-users">
            <legend>{t('auth.demoUsers')}</legend>
            {users.map((u) => (
              <label key={u.username} className={`demo-user${chosen === u.username ? ' selected' : ''}`}>
                <input type="radio" name="user" value={u.username} checked={chosen === u.username} onChange={() => setChosen(u.username)} />
                <span className="demo-user-name">{u.displayName}</span>
                <span className="demo-user-desc">{u.descriptionLv}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-primary btn-large" disabled={busy}>
            {t('auth.signIn')}
          </button>
        </form>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
