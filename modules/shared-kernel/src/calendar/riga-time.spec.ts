import { DateTime } from 'luxon';
import { rigaDateOf, rigaHourOf } from './riga-time';

describe('rigaDateOf / rigaHourOf (offset remembered per UTC hour)', () => {
  it('agrees with luxon every 7 minutes over three years, both DST changes included', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 7 * 60_000) {
      const local = DateTime.fromMillis(ms, { zone: 'Europe/Riga' });
      const instant = new Date(ms);
      if (rigaDateOf(instant) !== local.toISODate() || rigaHourOf(instant) !== local.hour) wrong.push(instant.toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('changes date at local midnight and follows the March and October jumps', () => {
    expect(rigaDateOf(new Date('2026-03-28T21:59:59Z'))).toBe('2026-03-28'); // 23:59:59 EET
    expect(rigaDateOf(new Date('2026-03-28T22:00:00Z'))).toBe('2026-03-29'); // 00:00 EET
    expect(rigaHourOf(new Date('2026-03-29T00:59:59Z'))).toBe(2); // 02:59 EET
    expect(rigaHourOf(new Date('2026-03-29T01:00:00Z'))).toBe(4); // 04:00 EEST
    expect(rigaHourOf(new Date('2026-10-25T00:30:00Z'))).toBe(3); // 03:30 EEST
    expect(rigaHourOf(new Date('2026-10-25T01:30:00Z'))).toBe(3); // 03:30 EET, again
    expect(rigaDateOf(new Date('2026-10-24T21:00:00Z'))).toBe('2026-10-25'); // 00:00 EEST
  });
});
