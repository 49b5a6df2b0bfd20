import { isValidPersonalCode, maskPersonalCode, validatePersonalCode } from './personal-code.validator';

describe('validatePersonalCode', () => {
  it.each([
    ['161175-19997', '1975-11-16'], // python-stdnum doctest
    ['290156-11605', '1956-01-29'], // Java personal-code README
    ['111111-11111', '1911-11-11'],
  ])('accepts the legacy reference vector %s', (code, birthDate) => {
    expect(validatePersonalCode(code)).toEqual({ valid: true, normalized: code, format: 'legacy', birthDate });
  });

  it('accepts a legacy code without the hyphen and with spaces, and normalizes it', () => {
    expect(validatePersonalCode('16117519997')).toMatchObject({ valid: true, normalized: '161175-19997' });
    expect(validatePersonalCode(' 161175 19997 ')).toMatchObject({ valid: true, normalized: '161175-19997' });
  });

  it('maps a checksum remainder of 10 to check digit 0', () => {
    // 0101901001: S = 1101 − 10 (mod 11), so (1101 − S) mod 11 = 10 → 0.
    expect(validatePersonalCode('010190-10010')).toEqual({
      valid: true,
      normalized: '010190-10010',
      format: 'legacy',
      birthDate: '1990-01-01',
    });
    expect(validatePersonalCode('010190-10011')).toEqual({ valid: false, code: 'PERSONAL_CODE.INVALID_CHECKSUM' });
  });

  it('reads the century digit: 0 = 1800s, 2 = 2000s', () => {
    expect(validatePersonalCode('010150-00009')).toMatchObject({ valid: true, birthDate: '1850-01-01' });
    expect(validatePersonalCode('290200-20009')).toMatchObject({ valid: true, birthDate: '2000-02-29' });
    // 29 Feb 1900 does not exist (1900 is not a leap year); 29 Feb 2000 does.
    expect(validatePersonalCode('290200-10000')).toEqual({ valid: false, code: 'PERSONAL_CODE.INVALID_DATE' });
  });

  it('rejects a wrong check digit (krauzand/id-lv vector)', () => {
    expect(validatePersonalCode('111112-11111')).toEqual({ valid: false, code: 'PERSONAL_CODE.INVALID_CHECKSUM' });
  });

  it.each(['161375-19997', '011375-19997', '000175-19997', '161175-39997', '310475-19997'])(
    'rejects the impossible date in %s',
    (code) => expect(validatePersonalCode(code)).toEqual({ valid: false, code: 'PERSONAL_CODE.INVALID_DATE' }),
  );

  it.each(['320000-00000', '32000000000', '390000-99999', '3 2 1 2 3 4 5 6 7 8 9'])('accepts the new-format code %s', (code) => {
    expect(validatePersonalCode(code)).toEqual({
      valid: true,
      normalized: code.replace(/[\s-]/g, '').replace(/^(\d{6})/, '$1-'),
      format: 'new',
    });
  });

  it('treats 30xxxx and 31xxxx as legacy codes (day 30 or 31)', () => {
    expect(validatePersonalCode('310175-19995')).toMatchObject({ valid: true, format: 'legacy', birthDate: '1975-01-31' });
    expect(validatePersonalCode('301299-12340')).toMatchObject({ valid: true, format: 'legacy', birthDate: '1999-12-30' });
  });

  it.each(['', '16117-519997', '161175--19997', '1611751999', '161175199970', '161175-1999X', '161175/19997', '1611751-9997'])(
    'rejects the malformed input %j',
    (code) => expect(validatePersonalCode(code)).toEqual({ valid: false, code: 'PERSONAL_CODE.INVALID_FORMAT' }),
  );

  it('isValidPersonalCode mirrors the result', () => {
    expect(isValidPersonalCode('161175-19997')).toBe(true);
    expect(isValidPersonalCode('111112-11111')).toBe(false);
  });
});

describe('maskPersonalCode', () => {
  it('keeps the first six digits', () => {
    expect(maskPersonalCode('161175-19997')).toBe('161175-*****');
    expect(maskPersonalCode('16117519997')).toBe('161175-*****');
  });

  it('masks everything when the input is not code-shaped', () => {
    expect(maskPersonalCode('not a code')).toBe('******-*****');
  });
});
