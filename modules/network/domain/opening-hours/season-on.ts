import type { OpeningHoursSpec, SeasonalHours } from './opening-hours-spec';

/** Whether 'MM-DD' falls inside an inclusive season that may wrap the year end. */
export function isInSeason(monthDay: string, season: Pick<SeasonalHours, 'from' | 'to'>): boolean {
  // 'MM-DD' strings sort like the dates they name.
  return season.from <= season.to
    ? monthDay >= season.from && monthDay <= season.to
    : monthDay >= season.from || monthDay <= season.to;
}

/** The first season that contains the date, if any. */
export function seasonOn(spec: OpeningHoursSpec, date: string): SeasonalHours | undefined {
  const monthDay = date.slice(5);
  return spec.seasons?.find((season) => isInSeason(monthDay, season));
}
