import { ReportingSettings } from './reporting-settings';

describe('ReportingSettings', () => {
  it('defaults to k = 5 and 20 feedback submissions per address and hour', () => {
    expect(new ReportingSettings({})).toMatchObject({ smallCellThreshold: 5, feedbackPerIpPerHour: 20 });
  });

  it('takes the threshold from the environment and refuses nonsense', () => {
    expect(new ReportingSettings({ REPORTING_SMALL_CELL_THRESHOLD: '10' }).smallCellThreshold).toBe(10);
    expect(() => new ReportingSettings({ REPORTING_SMALL_CELL_THRESHOLD: '1' })).toThrow(/REPORTING_SMALL_CELL_THRESHOLD/);
    expect(() => new ReportingSettings({ REPORTING_FEEDBACK_PER_IP_PER_HOUR: 'many' })).toThrow(/REPORTING_FEEDBACK_PER_IP_PER_HOUR/);
  });
});
