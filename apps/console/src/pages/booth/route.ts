import type { RouteDef } from '../../lib/routes';

export const routes: RouteDef[] = [{ path: '/booth', load: () => import('./BoothPage'), roles: ['clerk'], nav: { labelKey: 'nav.booth', order: 30 } }];
