import type { RouteDef } from '../../lib/routes';
import './nav-i18n';

export const routes: RouteDef[] = [{ path: '/bookings', load: () => import('./BookingsPage'), roles: ['clerk'], nav: { labelKey: 'bookingsNav:nav', order: 35 } }];
