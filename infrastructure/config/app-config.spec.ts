import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.demoMode).toBe(true);
    expect(config.OIDC_ALGORITHMS).toEqual(['RS256', 'ES256']);
  });

  it('parses numbers, booleans and lists', () => {
    const config = loadConfig({ PORT: '8080', SEED_ON_EMPTY: 'false', OIDC_ALGORITHMS: 'ES256' });
    expect(config.PORT).toBe(8080);
    expect(config.SEED_ON_EMPTY).toBe(false);
    expect(config.OIDC_ALGORITHMS).toEqual(['ES256']);
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ OIDC_ALGORITHMS: 'none' })).toThrow(ConfigError);
  });

  it('takes per-institution retention rules and refuses malformed ones at start', () => {
    expect(loadConfig({ INTAKE_RETENTION_DAYS: 'VSAA.granted=60,withdrawn=3' }).INTAKE_RETENTION_DAYS).toBe('VSAA.granted=60,withdrawn=3');
    expect(() => loadConfig({ INTAKE_RETENTION_DAYS: 'VSAA.approved=60' })).toThrow(/INTAKE_RETENTION_DAYS/);
    expect(() => loadConfig({ INTAKE_RETENTION_DAYS: 'VSAA=60' })).toThrow(ConfigError);
  });

  it('refuses production without an identity provider', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER_URL is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', OIDC_ISSUER_URL: 'https://idp.example.lv' })).toThrow(/PERSONAL_DATA_KEY/);
    const key = 'k'.repeat(32);
    expect(loadConfig({ NODE_ENV: 'production', OIDC_ISSUER_URL: 'https://idp.example.lv', PERSONAL_DATA_KEY: key }).demoMode).toBe(false);
  });
});
