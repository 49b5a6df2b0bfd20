import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a reference read out over the phone or copied from paper stays unambiguous. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_PREFIX = 'VPK-';
export const REFERENCE_RANDOM_LENGTH = 8;

/** 'VPK-' + 8 random characters + 1 check character, e.g. 'VPK-7KQ4M9TXB'. */
export const REFERENCE_PATTERN = new RegExp(`^VPK-[${REFERENCE_ALPHABET}]{${REFERENCE_RANDOM_LENGTH + 1}}$`);

const BASE = REFERENCE_ALPHABET.length; // 31, a prime: weighted sums catch every single typo and swap

/**
 * A short public reference for an application: 8 characters drawn with a CSPRNG
 * (31^8 ≈ 8.5·10^11 values) and a check character that catches mistyped references.
 */
export function newApplicationReference(random: (max: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < REFERENCE_RANDOM_LENGTH; i++) body += REFERENCE_ALPHABET[random(BASE)];
  return REFERENCE_PREFIX + body + checkCharacter(body);
}

/**
 * Reads a reference as a person may type it ('vpk 7kq4-m9tx b', '7KQ4M9TXB') and returns
 * the canonical form, or null when it is malformed or its check character does not match.
 */
export function parseApplicationReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/^VPK/, '');
  if (compact.length !== REFERENCE_RANDOM_LENGTH + 1) return null;
  if ([...compact].some((c) => !REFERENCE_ALPHABET.includes(c))) return null;
  const body = compact.slice(0, REFERENCE_RANDOM_LENGTH);
  return checkCharacter(body) === compact[REFERENCE_RANDOM_LENGTH] ? REFERENCE_PREFIX + compact : null;
}

export const isApplicationReference = (input: string): boolean => REFERENCE_PATTERN.test(input) && parseApplicationReference(input) === input;

function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * REFERENCE_ALPHABET.indexOf(body[i]);
  return REFERENCE_ALPHABET[sum % BASE];
}
