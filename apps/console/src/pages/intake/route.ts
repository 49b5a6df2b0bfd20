import type { RouteDef } from '../../lib/routes';

export const routes: RouteDef[] = [{ path: '/intake', load: () => import('./IntakePage'), roles: ['clerk'], nav: { labelKey: 'nav.intake', order: 20 } }];
