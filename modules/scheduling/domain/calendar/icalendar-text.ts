// RFC 5545 content-line helpers: TEXT escaping (3.3.11), UTC DATE-TIME (3.3.5), folding (3.1).

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes `\`, `;`, `,` and newlines; drops other control characters, which TEXT may not hold. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .split('')
    .filter((char) => char === '\t' || (char >= ' ' && char !== '\u007F'))
    .join('');
}

/** 'YYYYMMDDTHHMMSSZ' (form #2, UTC); milliseconds are dropped. */
export const formatUtc = (instant: Date): string => instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/**
 * Splits a content line into lines of at most 75 octets of UTF-8, each continuation starting with
 * one space, never inside a character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0) ?? 0);
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const utf8Octets = (codePoint: number): number => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Folded lines joined with CRLF, ending with CRLF. */
export const contentLines = (lines: readonly string[]): string => lines.map(foldLine).join(CRLF) + CRLF;
