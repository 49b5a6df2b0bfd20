import type { RouteDef } from '../../lib/routes';

export const routes: RouteDef[] = [{ path: '/login', load: () => import('./LoginPage') }];
