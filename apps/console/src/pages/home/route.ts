import type { RouteDef } from '../../lib/routes';

export const routes: RouteDef[] = [{ path: '/', load: () => import('./HomePage') }];
