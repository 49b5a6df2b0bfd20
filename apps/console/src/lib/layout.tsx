// The page frame: skip link, header with the app name, navigation (routes the user's roles
// allow), language switch, user and logout; plus small shared widgets.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from './auth';
import { setLanguage, type Lang } from './i18n';
import { Link, navigate } from './router';
import type { RouteDef } from './routes';
import type { ConnectionStatus } from './socket';

export function AppShell({ routes, children }: { routes: RouteDef[]; children: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const session = useSession();
  const nav = routes
    .filter((r) => r.nav && r.roles && session.hasRole(...r.roles))
    .sort((a, b) => (a.nav!.order ?? 50) - (b.nav!.order ?? 50));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="shell-header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        {nav.length > 0 && (
          <nav aria-label={t('layout.nav')}>
            <ul>
              {nav.map((r) => (
                <li key={r.path}>
                  <Link to={r.path.replace(/\/\*$/, '')}>{t(r.nav!.labelKey)}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="shell-tools">
          <LanguageSwitch />
          {session.principal && (
            <>
              <span className="user">{session.principal.displayName ?? session.principal.subject}</span>
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => {
                  session.logout();
                  navigate('/login');
                }}
              >
                {t('auth.logout')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

export function LanguageSwitch(): ReactNode {
  const { t, i18n } = useTranslation();
  const other: Lang = i18n.language === 'en' ? 'lv' : 'en';
  return (
    <button type="button" className="btn btn-quiet" lang={other} onClick={() => setLanguage(other)} title={t('layout.switchLanguage')}>
      {other === 'en' ? 'English' : 'Latviešu'}
    </button>
  );
}

/** Online / reconnecting / offline, announced politely to screen readers. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className={`conn conn-${status}`} role="status" data-status={status}>
      <span aria-hidden="true" className="conn-dot" />
      {t(`connection.${status}`)}
    </span>
  );
}

/** An error or notice for a region; `role=alert` for errors. */
export function Notice({ kind = 'info', children }: { kind?: 'info' | 'error' | 'success'; children: ReactNode }): ReactNode {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Spinner(): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="spinner" role="status">
      {t('common.loading')}
    </div>
  );
}

/** Re-renders every `ms` (timers, clocks). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
