// The router: the route table (lib/route-table.ts), access control by role, lazy pages.
import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionProvider, useSession } from './lib/auth';
import { AppShell, Notice, Spinner } from './lib/layout';
import { matchPath, Redirect, useLocation, Link } from './lib/router';
import { ROUTES } from './lib/route-table';
import type { PageProps, RouteDef } from './lib/routes';


const lazyPages = new Map<RouteDef, LazyExoticComponent<ComponentType<PageProps>>>();
function pageOf(route: RouteDef): LazyExoticComponent<ComponentType<PageProps>> {
  let page = lazyPages.get(route);
  if (!page) {
    page = lazy(() =>
      route.load().catch((err: unknown) => {
        // After a new deployment the old chunk names are gone: load the new index.html once.
        const key = `vpvkac.reloaded:${window.location.pathname}`;
        if (!window.sessionStorage.getItem(key)) {
          window.sessionStorage.setItem(key, '1');
          window.location.reload();
          return new Promise<never>(() => undefined);
        }
        throw err;
      }),
    );
    lazyPages.set(route, page);
  }
  return page;
}

function Router(): ReactNode {
  const { pathname, search } = useLocation();
  const session = useSession();
  const { t } = useTranslation();
  const mainRef = useRef<string>(pathname);

  // Focus the main region on navigation, so keyboard and screen-reader users start at the content.
  useEffect(() => {
    if (mainRef.current !== pathname) document.getElementById('main')?.focus();
    mainRef.current = pathname;
  }, [pathname]);

  let match: { route: RouteDef; params: Record<string, string> } | null = null;
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) {
      match = { route, params };
      break;
    }
  }
  if (!match) {
    return (
      <AppShell routes={ROUTES}>
        <section className="page narrow">
          <h1>{t('errors.notFoundTitle')}</h1>
          <p>
            <Link to="/">{t('errors.toHome')}</Link>
          </p>
        </section>
      </AppShell>
    );
  }
  const { route, params } = match;
  if (route.roles && !session.principal) return <Redirect to={`/login?next=${encodeURIComponent(pathname + search)}`} />;
  const Page = pageOf(route);
  const content =
    route.roles && !session.hasRole(...route.roles) ? (
      <section className="page narrow">
        <h1>{t('errors.forbiddenTitle')}</h1>
        <Notice kind="error">{t('errors.forbidden')}</Notice>
      </section>
    ) : (
      <Suspense fallback={<Spinner />}>
        <Page params={params} />
      </Suspense>
    );
  if (route.bare)
    return (
      <main id="main" tabIndex={-1} className="bare">
        {content}
      </main>
    );
  return <AppShell routes={ROUTES}>{content}</AppShell>;
}

export function App(): ReactNode {
  return (
    <SessionProvider>
      <Router />
    </SessionProvider>
  );
}
