import type { OpeningHoursSpec, TimeInterval, WeeklyHours } from './opening-hours-spec';

export type DescriptionLanguage = 'lv' | 'en';

const DAY_LABELS: Record<DescriptionLanguage, readonly string[]> = {
  lv: ['P.', 'O.', 'T.', 'C.', 'Pk.', 'S.', 'Sv.'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
const CLOSED: Record<DescriptionLanguage, string> = { lv: 'slēgts', en: 'closed' };

/** The default week as one line, e.g. "P.–C. 08:30–12:00, 13:00–17:00; Pk. 08:30–16:00; S., Sv. slēgts". */
export function describeWeekly(spec: OpeningHoursSpec, lang: DescriptionLanguage): string {
  return describeWeeklyHours(spec.weekly, lang);
}

/** Same for any week, e.g. a season's. Consecutive days with equal hours share one entry. */
export function describeWeeklyHours(weekly: WeeklyHours, lang: DescriptionLanguage): string {
  const hours = [1, 2, 3, 4, 5, 6, 7].map((day) => formatIntervals(weekly[String(day)] ?? [], lang));
  const groups: Array<{ first: number; last: number; text: string }> = [];
  hours.forEach((text, index) => {
    const current = groups[groups.length - 1];
    if (current && current.text === text) current.last = index;
    else groups.push({ first: index, last: index, text });
  });
  return groups.map((group) => `${dayRange(group.first, group.last, lang)} ${group.text}`).join('; ');
}

function formatIntervals(intervals: readonly TimeInterval[], lang: DescriptionLanguage): string {
  return intervals.length === 0 ? CLOSED[lang] : intervals.map(({ from, to }) => `${from}–${to}`).join(', ');
}

function dayRange(first: number, last: number, lang: DescriptionLanguage): string {
  const labels = DAY_LABELS[lang];
  if (first === last) return labels[first];
  if (last === first + 1) return `${labels[first]}, ${labels[last]}`;
  return `${labels[first]}–${labels[last]}`;
}
