// The navigation label only (route.ts stays tiny); the page's own strings live in bookings-i18n.ts.
import { registerTranslations } from '../../lib/i18n';

registerTranslations('bookingsNav', { lv: { nav: 'Video pieraksts' }, en: { nav: 'Video bookings' } });
