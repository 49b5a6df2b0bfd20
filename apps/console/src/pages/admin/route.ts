import type { RouteDef } from '../../lib/routes';

export const routes: RouteDef[] = [
  {
    path: '/admin',
    load: () => import('./AdminPage'),
    roles: ['network_admin', 'municipality_coordinator', 'auditor'],
    nav: { labelKey: 'nav.admin', order: 10 },
    homeFor: ['network_admin', 'municipality_coordinator', 'auditor'],
  },
];
