// PostgreSQL has no Latvian snowball dictionary, so search text is normalised and stemmed here and
// stored as pre-stemmed tokens in a tsvector built with the 'simple' configuration. Documents and
// queries must go through the same functions, or they will not match.

/** Longer tokens are dropped: they are noise (hashes, URLs), and PostgreSQL rejects huge lexemes. */
export const MAX_SEARCH_TOKEN_LENGTH = 64;
/** A tsquery keeps at most this many distinct tokens. */
export const MAX_QUERY_TOKENS = 16;

// Letters that NFD does not split into base letter + mark.
const UNDECOMPOSABLE: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };
const UNDECOMPOSABLE_RE = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'g');
const MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{Nd}]+/u;
const DIGIT = /\p{Nd}/u;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Lower case without diacritics: 'Dzīvesvietas deklarācija' → 'dzivesvietas deklaracija'. */
export function unaccentLatvian(text: string): string {
  // NFD turns ā č ē ģ ī ķ ļ ņ š ū ž ō ŗ (and other accented letters) into a base letter plus marks.
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(UNDECOMPOSABLE_RE, (letter) => UNDECOMPOSABLE[letter])
    .normalize('NFC');
}

// Noun and adjective endings after unaccenting (so 'ām' and 'am' are one ending), tried in order;
// the first that fits wins. Adapted from the light Latvian stemmer in Lucene (after Kreslins 1996):
// `minVowels` is how many vowels the whole word must have MORE than, which keeps short words whole;
// `palatalizes` marks endings after which a labial+j stem loses the j ('zivju' → 'ziv', like 'zivs').
const ENDINGS: ReadonlyArray<readonly [ending: string, minVowels: number, palatalizes: boolean]> = [
  ['ajiem', 3, false],
  ['ajai', 3, false],
  ['ajam', 2, false],
  ['ajos', 2, false],
  ['ajas', 2, false],
  ['iem', 2, true],
  ['aja', 2, false],
  ['ais', 2, false],
  ['ai', 2, false],
  ['ei', 2, false],
  ['am', 1, false],
  ['em', 1, false],
  ['im', 1, false],
  ['um', 1, false],
  ['us', 1, true],
  ['as', 1, false],
  ['es', 1, false],
  ['os', 1, true],
  ['is', 1, false],
  ['ie', 1, false],
  ['u', 1, true],
  ['a', 1, true],
  ['i', 1, true],
  ['e', 1, false],
  ['o', 1, false],
  ['s', 0, false],
];
const MIN_STEM_LENGTH = 3;
const LABIAL_J = /[bmpv]j$/;

/**
 * Strips one noun/adjective ending, so that case forms share a stem:
 * 'deklarācija', 'deklarācijas', 'deklarācijām' → 'deklaracij'; 'pabalsts', 'pabalstam' → 'pabalst'.
 * Unaccents first; words with digits are returned unaccented but not stemmed.
 */
export function stemLatvian(word: string): string {
  const plain = unaccentLatvian(word);
  if (DIGIT.test(plain)) return plain;
  const vowels = [...plain].filter((letter) => VOWELS.has(letter)).length;
  for (const [ending, minVowels, palatalizes] of ENDINGS) {
    if (vowels > minVowels && plain.length - ending.length >= MIN_STEM_LENGTH && plain.endsWith(ending)) {
      const stem = plain.slice(0, -ending.length);
      return palatalizes && LABIAL_J.test(stem) ? stem.slice(0, -1) : stem;
    }
  }
  return plain;
}

// Unaccented function words that carry no meaning in a search.
const STOP_WORDS: ReadonlySet<string> = new Set([
  'un', 'vai', 'ar', 'uz', 'par', 'no', 'ka', 'ja', 'ir', 'kas', 'lai', 'pie', 'pec', 'bez', 'ari',
  'bet', 'jo', 'ne', 'nav', 'nu', 'gan', 'tad', 'kad', 'kur', 'ko', 'kam', 'ta', 'tas', 'to', 'tie',
  'so', 'sis', 'si', 'ap', 'aiz', 'pa', 'pret', 'lidz', 'del', 'caur', 'starp', 'virs', 'zem',
  'es', 'tu', 'man', 'mans', 'mana', 'mes', 'jus', 'vins', 'vina', 'savs', 'sava', 'savu', 'vel', 'jau',
]);

/**
 * Search tokens for a text, in order and with repeats (they weigh in ranking): split on anything but
 * letters and digits, unaccented, without one-letter words and stop words, stemmed.
 */
export function toSearchTokens(text: string): string[] {
  return unaccentLatvian(text)
    .split(NON_WORD)
    .filter((token) => token.length > 1 && token.length <= MAX_SEARCH_TOKEN_LENGTH && !STOP_WORDS.has(token))
    .map(stemLatvian);
}

/** The text to store: `to_tsvector('simple', toSearchDocument(text))`. */
export function toSearchDocument(text: string): string {
  return toSearchTokens(text).join(' ');
}

/**
 * A to_tsquery('simple', …) string for what a user typed: 'tok1 & tok2:*', the last token a prefix
 * so results appear while typing. Tokens hold only letters and digits, so the result is never a
 * tsquery syntax error. '' when nothing is searchable: the caller should then skip the search.
 */
export function toTsQueryText(userQuery: string): string {
  const all = toSearchTokens(userQuery);
  // Keeps each token's last occurrence and the last tokens, so the word being typed is the prefix.
  const tokens = all.filter((token, index) => all.lastIndexOf(token) === index).slice(-MAX_QUERY_TOKENS);
  if (tokens.length === 0) return '';
  tokens[tokens.length - 1] += ':*';
  return tokens.join(' & ');
}
