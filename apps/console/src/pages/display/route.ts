import type { RouteDef } from '../../lib/routes';

/** Waiting-room display: /display#token=dsp_… (the board token stays in the fragment). */
export const routes: RouteDef[] = [{ path: '/display', load: () => import('./DisplayPage'), bare: true }];
