import {
  isValidCompanyRegistrationNumber,
  validateCompanyRegistrationNumber,
} from './company-registration-number.validator';

describe('validateCompanyRegistrationNumber', () => {
  it.each(['40003521600', '40203666178', '40103548442', '90000794228', '90000030432', '90000028508', '90001672316', '50103237791'])(
    'accepts the reference vector %s',
    (regNo) => expect(validateCompanyRegistrationNumber(regNo)).toEqual({ valid: true, normalized: regNo }),
  );

  it('ignores spaces', () => {
    expect(validateCompanyRegistrationNumber('4000 352 1600')).toEqual({ valid: true, normalized: '40003521600' });
  });

  it('rejects a wrong check digit', () => {
    expect(validateCompanyRegistrationNumber('40003521601')).toEqual({ valid: false, code: 'REG_NO.INVALID_CHECKSUM' });
  });

  it.each(['', '4000352160', '400035216000', 'LV40003521600', '4000352160A', '16117519997', '30003521600'])(
    'rejects the malformed input %j',
    (regNo) => expect(validateCompanyRegistrationNumber(regNo)).toEqual({ valid: false, code: 'REG_NO.INVALID_FORMAT' }),
  );

  it('isValidCompanyRegistrationNumber mirrors the result', () => {
    expect(isValidCompanyRegistrationNumber('90000794228')).toBe(true);
    expect(isValidCompanyRegistrationNumber('40003521601')).toBe(false);
  });
});
