import type { RouteDef } from '../../lib/routes';

/** Ticket kiosk: /kiosk/<centreId>#token=ksk_… (the device token stays in the fragment). */
export const routes: RouteDef[] = [{ path: '/kiosk/:centreId', load: () => import('./KioskPage'), bare: true }];
