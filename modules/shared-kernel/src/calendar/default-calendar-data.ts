import type { CalendarData } from './calendar-data';

// Sources: docs/reference latvia.md §5a–5b. The next Song Festival (2028) has no dates yet.
export const defaultCalendarData: CalendarData = {
  transfers: [
    { from: '2021-05-03', to: '2021-05-08', appliesTo: 'state_budget_institutions', source: 'itiesibas.lv' },
    { from: '2021-06-25', to: '2021-06-19', appliesTo: 'state_budget_institutions', source: 'itiesibas.lv' },
    { from: '2021-11-19', to: '2021-11-13', appliesTo: 'state_budget_institutions', source: 'itiesibas.lv' },
    { from: '2023-05-05', to: '2023-05-20', appliesTo: 'state_budget_institutions', source: 'nra.lv' },
    { from: '2025-05-02', to: '2025-05-10', appliesTo: 'state_budget_institutions', source: 'MK rīkojums Nr. 348' },
    { from: '2026-01-02', to: '2026-01-17', appliesTo: 'state_budget_institutions', source: 'la.lv; jauns.lv' },
    { from: '2026-06-22', to: '2026-06-27', appliesTo: 'state_budget_institutions', source: 'la.lv; jauns.lv' },
  ],
  adHocHolidays: [
    { date: '2018-09-24', nameLv: 'Pāvesta Franciska vizītes diena', nameEn: "Pope Francis's visit" },
    {
      date: '2023-05-29',
      nameLv: 'Latvijas hokeja izlases bronzas medaļas izcīnīšanas diena',
      nameEn: 'Ice hockey World Championship bronze medal day',
    },
  ],
  // Both festivals closed on a Sunday, so the weekend rule makes the Monday (2018-07-09, 2023-07-10) a day off.
  songFestivalClosingDays: ['2018-07-08', '2023-07-09'],
};
