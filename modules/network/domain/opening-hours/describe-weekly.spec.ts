import { describeWeekly, describeWeeklyHours } from './describe-weekly';
import { grobina, sala } from './sample-specs.fixture';

describe('describeWeekly', () => {
  it('describes Grobiņa in Latvian', () => {
    expect(describeWeekly(grobina(), 'lv')).toBe(
      'P. 08:30–12:00, 12:20–17:00; O. 08:30–12:00, 12:30–19:00; T., C. 08:30–12:00, 12:20–17:00; Pk. 08:30–14:00; S., Sv. slēgts',
    );
  });

  it('describes Sala in Latvian and English, grouping Monday to Thursday', () => {
    expect(describeWeekly(sala(), 'lv')).toBe('P.–C. 08:30–12:00, 13:00–17:00; Pk. 08:30–12:00, 13:00–16:00; S., Sv. slēgts');
    expect(describeWeekly(sala(), 'en')).toBe('Mon–Thu 08:30–12:00, 13:00–17:00; Fri 08:30–12:00, 13:00–16:00; Sat, Sun closed');
  });

  it('describes a single day and a week that is closed throughout', () => {
    expect(describeWeekly({ weekly: { '1': [{ from: '08:00', to: '12:00' }] } }, 'lv')).toBe('P. 08:00–12:00; O.–Sv. slēgts');
    expect(describeWeekly({ weekly: {} }, 'en')).toBe('Mon–Sun closed');
  });

  it('describes a season week', () => {
    expect(describeWeeklyHours({ '6': [{ from: '10:00', to: '14:00' }], '7': [] }, 'lv')).toBe('P.–Pk. slēgts; S. 10:00–14:00; Sv. slēgts');
  });
});
