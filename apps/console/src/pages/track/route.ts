import type { RouteDef } from '../../lib/routes';

/** Public "my place in line": /track/<trackingToken> (the QR code on the ticket). */
export const routes: RouteDef[] = [{ path: '/track/:token', load: () => import('./TrackPage'), bare: true }];
