import { isValidLatvianPhone, latvianPhoneKind, normalizeLatvianPhone } from './latvian-phone.validator';

describe('normalizeLatvianPhone', () => {
  it.each([
    ['29123456', '+37129123456'],
    ['+371 29 123 456', '+37129123456'],
    ['00371 67 123-456', '+37167123456'],
    ['(+371) 80001234', '+37180001234'],
  ])('turns %j into %s', (input, expected) => expect(normalizeLatvianPhone(input)).toBe(expected));

  it.each(['', '2912345', '291234567', '39123456', '19123456', '+372 5123 4567', '+3712912345', '371291234567', 'tel 29123456'])(
    'rejects %j',
    (input) => {
      expect(normalizeLatvianPhone(input)).toBeNull();
      expect(isValidLatvianPhone(input)).toBe(false);
    },
  );
});

describe('latvianPhoneKind', () => {
  it('tells mobile, landline and toll-free apart', () => {
    expect(latvianPhoneKind('29123456')).toBe('mobile');
    expect(latvianPhoneKind('+37167123456')).toBe('landline');
    expect(latvianPhoneKind('80001234')).toBe('toll_free');
    expect(latvianPhoneKind('123')).toBeNull();
  });
});
