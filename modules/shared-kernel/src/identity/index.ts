export * from './personal-code.validator';
export * from './company-registration-number.validator';
export * from './latvian-postcode.validator';
export * from './latvian-phone.validator';
