import type { OpeningHoursSpec, TimeInterval } from './opening-hours-spec';

// Real schedules from the reference (latvia.md §2c), for tests.
const i = (from: string, to: string): TimeInterval => ({ from, to });

const grobinaLong = [i('08:30', '12:00'), i('12:20', '17:00')];
export const grobina = (): OpeningHoursSpec => ({
  weekly: {
    '1': grobinaLong,
    '2': [i('08:30', '12:00'), i('12:30', '19:00')],
    '3': grobinaLong,
    '4': grobinaLong,
    '5': [i('08:30', '14:00')],
  },
});

const salaDay = [i('08:30', '12:00'), i('13:00', '17:00')];
export const sala = (): OpeningHoursSpec => ({
  weekly: { '1': salaDay, '2': salaDay, '3': salaDay, '4': salaDay, '5': [i('08:30', '12:00'), i('13:00', '16:00')] },
});
