import { applicationStateRank, parseResponseTargets, targetHoursOf, workingMsBetween } from './application-fact';

const hours = (from: string, to: string) => workingMsBetween(new Date(from), new Date(to)) / 3_600_000;

describe('application facts', () => {
  it('measures working time on the Latvian calendar, institution hours 08:30–17:00 with lunch', () => {
    // Friday 16:00 Riga (UTC+2) → Monday 09:30: 1 h on Friday + 1 h on Monday.
    expect(hours('2026-03-06T14:00:00Z', '2026-03-09T07:30:00Z')).toBe(2);
    // Across the lunch break: 11:00 → 13:30 is 1 h + 1 h.
    expect(hours('2026-03-10T09:00:00Z', '2026-03-10T11:30:00Z')).toBe(2);
    // Thursday 30 April 15:00 (UTC+3; a pre-holiday day, ends 16:00) → Tuesday 5 May 10:00: 1 h + (1 May, 4 May holidays) + 1.5 h.
    expect(hours('2026-04-30T12:00:00Z', '2026-05-05T07:00:00Z')).toBe(2.5);
    // Across the spring DST change (29 March): Friday 15:00 EET → Monday 10:30 EEST = 2 h + 2 h.
    expect(hours('2026-03-27T13:00:00Z', '2026-03-30T07:30:00Z')).toBe(4);
    // An answer before delivery (clock skew) counts as zero, not negative.
    expect(hours('2026-03-10T09:00:00Z', '2026-03-10T08:00:00Z')).toBe(0);
  });

  it('ranks statuses so they only move forward', () => {
    expect(applicationStateRank('queued')).toBeLessThan(applicationStateRank('delivered'));
    expect(applicationStateRank('delivered')).toBeLessThan(applicationStateRank('accepted'));
    expect(applicationStateRank('decided')).toBeLessThan(applicationStateRank('closed'));
    expect(applicationStateRank('something_new')).toBe(-1);
    // A withdrawal ends the application whatever came before it, in whatever order the events arrive.
    for (const s of ['queued', 'delivered', 'accepted', 'in_progress', 'decided', 'closed']) expect(applicationStateRank('withdrawn')).toBeGreaterThan(applicationStateRank(s));
  });

  it('reads per-institution answer targets', () => {
    const targets = parseResponseTargets(8, 'VSAA=16, vid=4');
    expect(targetHoursOf(targets, 'VSAA')).toBe(16);
    expect(targetHoursOf(targets, 'VID')).toBe(4);
    expect(targetHoursOf(targets, 'VZD')).toBe(8);
    expect(() => parseResponseTargets(8, 'VSAA:16')).toThrow(/REPORTING_RESPONSE_TARGETS/);
  });
});
