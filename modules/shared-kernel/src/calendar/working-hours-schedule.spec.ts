import {
  assertWorkingHoursSchedule,
  dayMinuteRanges,
  defaultStateInstitutionSchedule,
  parseTimeOfDay,
} from './working-hours-schedule';

describe('parseTimeOfDay', () => {
  it('reads HH:mm including the end of day', () => {
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('08:30')).toBe(510);
    expect(parseTimeOfDay('24:00')).toBe(1440);
  });

  it.each(['8:30', '24:01', '25:00', '12:60', '12.30', ''])('rejects %j', (value) =>
    expect(() => parseTimeOfDay(value)).toThrow(RangeError),
  );
});

describe('dayMinuteRanges', () => {
  it('sorts the intervals', () => {
    expect(dayMinuteRanges([{ from: '12:30', to: '17:00' }, { from: '08:30', to: '12:00' }])).toEqual([
      [510, 720],
      [750, 1020],
    ]);
  });

  it('rejects empty and overlapping intervals', () => {
    expect(() => dayMinuteRanges([{ from: '10:00', to: '10:00' }])).toThrow(RangeError);
    expect(() => dayMinuteRanges([{ from: '08:00', to: '12:00' }, { from: '11:00', to: '13:00' }])).toThrow(RangeError);
  });
});

describe('assertWorkingHoursSchedule', () => {
  it('accepts the default and rejects a malformed day', () => {
    expect(() => assertWorkingHoursSchedule(defaultStateInstitutionSchedule)).not.toThrow();
    expect(() => assertWorkingHoursSchedule({ 3: [{ from: '17:00', to: '08:00' }] })).toThrow(RangeError);
  });
});
