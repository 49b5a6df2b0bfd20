import { isValidLatvianPostcode, normalizeLatvianPostcode } from './latvian-postcode.validator';

describe('isValidLatvianPostcode', () => {
  it.each(['LV-1050', 'LV-5401'])('accepts %s', (code) => expect(isValidLatvianPostcode(code)).toBe(true));

  it.each(['LV1050', 'lv-1050', 'LV-105', 'LV-10500', '1050', ' LV-1050'])('rejects %j', (code) =>
    expect(isValidLatvianPostcode(code)).toBe(false),
  );
});

describe('normalizeLatvianPostcode', () => {
  it.each(['LV-1050', 'lv 1050', 'LV1050', '1050', ' LV-1050 '])('turns %j into LV-1050', (code) =>
    expect(normalizeLatvianPostcode(code)).toBe('LV-1050'),
  );

  it('returns null for something else', () => {
    expect(normalizeLatvianPostcode('EE-1050')).toBeNull();
  });
});
