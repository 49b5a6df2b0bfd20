import { joinSensitive, redactSensitive, REDACTED, removeSensitive, sensitiveValues } from './sensitive-values';
import { matchPointer, patternCovers, pointerToFieldPath } from './json-pointer';

const data = {
  applicant: { personalCode: '161175-19997', name: 'Anna Kalniņa' },
  children: [
    { personalCode: '320000-00000', birthDate: '2025-03-14' },
    { birthDate: '2025-03-14' },
  ],
  iban: 'LV80BANK0000435195001',
  delivery: 'email',
};
const version = { sensitiveFields: ['/applicant', '/children/*/personalCode', '/iban', '/missing', '/applicant/name'] };

describe('sensitiveValues', () => {
  it('splits out the sensitive values for encryption and joins them back', () => {
    const { plain, secret, redacted } = sensitiveValues(version, data);
    expect(plain).toEqual({ children: [{ birthDate: '2025-03-14' }, { birthDate: '2025-03-14' }], delivery: 'email' });
    expect(secret).toEqual({
      '/applicant': { personalCode: '161175-19997', name: 'Anna Kalniņa' },
      '/children/0/personalCode': '320000-00000',
      '/iban': 'LV80BANK0000435195001',
    });
    expect(joinSensitive({ plain, secret })).toEqual(data);
    expect(redacted).toEqual({ ...data, applicant: REDACTED, iban: REDACTED, children: [{ personalCode: REDACTED, birthDate: '2025-03-14' }, { birthDate: '2025-03-14' }] });
  });

  it('never touches the input', () => {
    const copy = structuredClone(data);
    redactSensitive(version.sensitiveFields, data);
    removeSensitive(version.sensitiveFields, data);
    expect(data).toEqual(copy);
  });

  it('redacts whole items when the pattern ends with a wildcard', () => {
    expect(removeSensitive(['/children/*'], data).children).toEqual([null, null]);
  });
});

describe('json pointers', () => {
  it('matches wildcards and escapes', () => {
    expect(matchPointer({ 'a/b': [{ '~x': 1 }, { '~x': 2 }] }, '/a~1b/*/~0x')).toEqual([
      { pointer: '/a~1b/0/~0x', value: 1 },
      { pointer: '/a~1b/1/~0x', value: 2 },
    ]);
    expect(patternCovers('/children/*/personalCode', '/children/*/personalCode')).toBe(true);
    expect(patternCovers('/applicant', '/applicant/personalCode')).toBe(true);
    expect(patternCovers('/applicant/name', '/applicant')).toBe(false);
    expect(pointerToFieldPath('/children/0/birthDate')).toBe('children.0.birthDate');
  });
});
