// All routes, discovered from src/pages/*/route.ts (eagerly: they are tiny; pages load lazily).
import type { Role } from './auth';
import type { RouteDef } from './routes';

const modules = import.meta.glob<{ routes: RouteDef[] }>('../pages/*/route.ts', { eager: true });
export const ROUTES: RouteDef[] = Object.values(modules)
  .flatMap((m) => m.routes)
  // Static paths before parameterized ones before catch-alls.
  .sort((a, b) => rank(a.path) - rank(b.path));

function rank(path: string): number {
  if (path.endsWith('*')) return 2;
  return path.includes(':') ? 1 : 0;
}

/** Where a signed-in user lands: the first route (by nav order) whose `homeFor` has one of their roles. */
export function homePath(hasRole: (...roles: Role[]) => boolean): string | null {
  const home = ROUTES.filter((r) => r.homeFor && hasRole(...r.homeFor)).sort((a, b) => (a.nav?.order ?? 50) - (b.nav?.order ?? 50))[0];
  return home ? home.path.replace(/\/\*$/, '') : null;
}
