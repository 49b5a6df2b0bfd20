import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { homePath, ROUTES } from '../../lib/route-table';
import { useSession } from '../../lib/auth';
import { Link, Redirect } from '../../lib/router';

/** `/`: to the login, or to the user's console; lists the consoles the user may open otherwise. */
export default function HomePage(): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.principal) return <Redirect to="/login" />;
  const home = homePath(session.hasRole);
  if (home && home !== '/') return <Redirect to={home} />;
  const allowed = ROUTES.filter((r) => r.nav && r.roles && session.hasRole(...r.roles));
  return (
    <section className="page narrow">
      <h1>{t('home.title')}</h1>
      {allowed.length === 0 ? (
        <p>{t('home.nothing')}</p>
      ) : (
        <ul className="link-list">
          {allowed.map((r) => (
            <li key={r.path}>
              <Link to={r.path.replace(/\/\*$/, '')}>{t(r.nav!.labelKey)}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
