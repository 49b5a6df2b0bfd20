import { loadConfig } from '@infrastructure/config/app-config';
import { targetHoursOf } from '../domain';
import { ReportingSettings } from './reporting-settings';

describe('ReportingSettings', () => {
  it('defaults to k = 5, 20 feedback submissions per address and hour, and an 8 working-hour answer target', () => {
    const settings = new ReportingSettings(loadConfig({}));
    expect(settings).toMatchObject({ smallCellThreshold: 5, feedbackPerIpPerHour: 20, exactPercentileLimit: 50_000 });
    expect(settings.responseTargets).toEqual({ defaultHours: 8, byInstitution: {} });
  });

  it('takes the settings from the validated configuration and refuses nonsense', () => {
    const settings = new ReportingSettings(loadConfig({ REPORTING_SMALL_CELL_THRESHOLD: '10', REPORTING_RESPONSE_TARGET_HOURS: '16', REPORTING_RESPONSE_TARGETS: 'VSAA=4,vid=24' }));
    expect(settings.smallCellThreshold).toBe(10);
    expect(targetHoursOf(settings.responseTargets, 'VSAA')).toBe(4);
    expect(targetHoursOf(settings.responseTargets, 'VID')).toBe(24);
    expect(targetHoursOf(settings.responseTargets, 'VZD')).toBe(16);
    expect(() => loadConfig({ REPORTING_SMALL_CELL_THRESHOLD: '1' })).toThrow(/REPORTING_SMALL_CELL_THRESHOLD/);
    expect(() => loadConfig({ REPORTING_FEEDBACK_PER_IP_PER_HOUR: 'many' })).toThrow(/REPORTING_FEEDBACK_PER_IP_PER_HOUR/);
    expect(() => loadConfig({ REPORTING_RESPONSE_TARGETS: 'VSAA:4' })).toThrow(/REPORTING_RESPONSE_TARGETS/);
    expect(new ReportingSettings(loadConfig({ REPORTING_EXACT_PERCENTILE_LIMIT: '0' })).exactPercentileLimit).toBe(0);
    expect(() => loadConfig({ REPORTING_EXACT_PERCENTILE_LIMIT: '-1' })).toThrow(/REPORTING_EXACT_PERCENTILE_LIMIT/);
  });
});
