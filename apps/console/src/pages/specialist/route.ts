import type { RouteDef } from '../../lib/routes';

export const routes: RouteDef[] = [
  { path: '/specialist', load: () => import('./SpecialistPage'), roles: ['institution_specialist'], nav: { labelKey: 'nav.specialist', order: 10 }, homeFor: ['institution_specialist'] },
];
