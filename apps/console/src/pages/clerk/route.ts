import type { RouteDef } from '../../lib/routes';

export const routes: RouteDef[] = [
  { path: '/clerk', load: () => import('./ClerkPage'), roles: ['clerk'], nav: { labelKey: 'nav.clerk', order: 10 }, homeFor: ['clerk'] },
];
