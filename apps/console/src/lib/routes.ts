// Route definitions. Each page folder has a `route.ts` exporting `routes: RouteDef[]`; app.tsx
// discovers them with import.meta.glob, so adding a page never edits a shared file.
import type { ComponentType } from 'react';
import type { Role } from './auth';

export interface PageProps {
  /** Path parameters, e.g. { token } for '/track/:token'. */
  params: Record<string, string>;
}

export interface RouteDef {
  /** '/clerk', '/track/:token', '/admin/*'. */
  path: string;
  /** The page module, loaded lazily (its own chunk): `() => import('./ClerkPage')`. */
  load: () => Promise<{ default: ComponentType<PageProps> }>;
  /** Who may open it (after login). Absent: public, no login (display board, kiosk, tracker). */
  roles?: Role[];
  /** Full-screen page without the header/nav (display, kiosk, tracker). Default false. */
  bare?: boolean;
  /** Shown in the navigation for users with `roles`: an i18n key of the label. */
  nav?: { labelKey: string; order?: number };
  /** After login, users with one of these roles land here (first match by nav order). */
  homeFor?: Role[];
}
