import {
  MAX_QUERY_TOKENS,
  stemLatvian,
  toSearchDocument,
  toSearchTokens,
  toTsQueryText,
  unaccentLatvian,
} from './latvian-text';

describe('unaccentLatvian', () => {
  it.each([
    ['ā', 'a'], ['č', 'c'], ['ē', 'e'], ['ģ', 'g'], ['ī', 'i'], ['ķ', 'k'], ['ļ', 'l'],
    ['ņ', 'n'], ['š', 's'], ['ū', 'u'], ['ž', 'z'], ['ō', 'o'], ['ŗ', 'r'],
  ])('%s → %s, in both cases', (letter, plain) => {
    expect(unaccentLatvian(letter)).toBe(plain);
    expect(unaccentLatvian(letter.toUpperCase())).toBe(plain);
  });

  it('lower-cases and strips a whole phrase', () => {
    expect(unaccentLatvian('Dzīvesvietas DEKLARĀCIJA Ķekavā, Ģērmanis Žūžņa')).toBe('dzivesvietas deklaracija kekava, germanis zuzna');
  });

  it('strips other diacritics, decomposed input included', () => {
    expect(unaccentLatvian('Érdős Łódź Øre Straße õun Mañana')).toBe('erdos lodz ore strasse oun manana');
    expect(unaccentLatvian('a\u0304bols')).toBe('abols');
  });

  it('leaves other scripts as letters', () => {
    expect(unaccentLatvian('Паспорт')).toBe('паспорт');
  });
});

describe('stemLatvian', () => {
  it.each([
    [['deklarācija', 'deklarāciju', 'deklarācijas', 'deklarācijai', 'deklarācijām', 'deklarācijā', 'deklarācijās'], 'deklaracij'],
    [['pabalsts', 'pabalsta', 'pabalstu', 'pabalstam', 'pabalsti', 'pabalstiem', 'pabalstus', 'pabalstos'], 'pabalst'],
    [['pase', 'pasi', 'pases', 'pasei', 'pasēm', 'pasē'], 'pas'],
    [['dzīvesvieta', 'dzīvesvietas', 'dzīvesvietu', 'dzīvesvietai', 'dzīvesvietā', 'dzīvesvietām'], 'dzivesviet'],
    [['iesniegums', 'iesnieguma', 'iesniegumu', 'iesniegumam', 'iesniegumi', 'iesniegumiem', 'iesniegumus', 'iesniegumā'], 'iesniegum'],
    [['apliecība', 'apliecības', 'apliecību', 'apliecībai', 'apliecībās'], 'apliecib'],
    [['māja', 'mājas', 'māju', 'mājai', 'mājām'], 'maj'],
    [['zivs', 'zivju', 'zivis', 'zivīm'], 'ziv'],
    [['ceļš', 'ceļa', 'ceļu', 'ceļi', 'ceļiem'], 'cel'],
    [['lielais', 'lielajam', 'lielajai', 'lielajiem', 'lielā', 'liela', 'lielo'], 'liel'],
  ])('maps the forms of %j to %s', (forms, stem) => {
    expect(forms.map(stemLatvian)).toEqual(forms.map(() => stem));
  });

  it('unaccents and lower-cases first', () => {
    expect(stemLatvian('DEKLARĀCIJĀM')).toBe('deklaracij');
  });

  it('keeps a stem of at least three letters', () => {
    expect(stemLatvian('pase')).toBe('pas');
    expect(stemLatvian('ir')).toBe('ir');
    expect(stemLatvian('VID')).toBe('vid');
    expect(stemLatvian('lasa')).toBe('las');
  });

  it('does not strip the ending of a word with too few vowels', () => {
    expect(stemLatvian('bus')).toBe('bus');
    expect(stemLatvian('tas')).toBe('tas');
  });

  it('leaves words with digits alone', () => {
    expect(stemLatvian('2025')).toBe('2025');
    expect(stemLatvian('A1s')).toBe('a1s');
  });

  it('leaves the -ij stem alone, so a typed stem still finds the word', () => {
    expect(stemLatvian('deklaracij')).toBe('deklaracij');
  });
});

describe('toSearchTokens', () => {
  it('splits, unaccents, drops stop words and single letters, and stems', () => {
    expect(toSearchTokens('Dzīvesvietas deklarācija un pases izsniegšana, arī bērniem — 5 € / ar e-paraksts')).toEqual([
      'dzivesviet', 'deklaracij', 'pas', 'izsniegsan', 'bern', 'parakst',
    ]);
  });

  it('keeps numbers and repeats', () => {
    expect(toSearchTokens('Pase 2025 pase')).toEqual(['pas', '2025', 'pas']);
  });

  it.each(['', '   ', '—!?', 'un vai ar uz par no kā ja ir kas lai pie pēc bez arī', 'a b c'])('gives nothing for %j', (text) => {
    expect(toSearchTokens(text)).toEqual([]);
  });

  it('drops absurdly long tokens', () => {
    expect(toSearchTokens(`pase ${'x'.repeat(65)}`)).toEqual(['pas']);
  });

  it('makes one stem for a question and a document in other case forms', () => {
    expect(toSearchTokens('Kā iesniegt iesniegumu par pabalstu?')).toEqual(['iesniegt', 'iesniegum', 'pabalst']);
    expect(toSearchTokens('Iesniegums pabalsta saņemšanai')).toEqual(['iesniegum', 'pabalst', 'sanemsan']);
  });

  it('builds the stored document text', () => {
    expect(toSearchDocument('Pases un ID kartes')).toBe('pas id kart');
  });
});

describe('toTsQueryText', () => {
  it('joins tokens with & and makes the last a prefix', () => {
    expect(toTsQueryText('dzīvesvietas deklar')).toBe('dzivesviet & deklar:*');
    expect(toTsQueryText('Pase')).toBe('pas:*');
  });

  it('keeps the last typed word as the prefix when a word repeats', () => {
    expect(toTsQueryText('pase pabalsts pase')).toBe('pabalst & pas:*');
  });

  it('returns an empty string when nothing is searchable', () => {
    expect(toTsQueryText('')).toBe('');
    expect(toTsQueryText('un vai ar')).toBe('');
    expect(toTsQueryText('&|!():*<->\'"\\')).toBe('');
  });

  it.each([
    "pase' | (deklarācija & !iesniegums):* <-> x",
    "'; DROP TABLE x; --",
    'ab:*&cd|ef!gh(ij)kl<12>mn\\op',
    '\u0000pase\u200b\uFEFFvīza\t\n²³½',
    'ǅemal Ĳssel Ωμέγα 漢字 ʼapostrofs',
  ])('turns %j into only letters, digits, " & " and a final ":*"', (input) => {
    const query = toTsQueryText(input);
    expect(query).toMatch(/^[\p{L}\p{Nd}]+( & [\p{L}\p{Nd}]+)*:\*$/u);
  });

  it(`keeps at most ${MAX_QUERY_TOKENS} tokens, the last ones`, () => {
    const words = Array.from({ length: 20 }, (_, i) => `vards${i}`);
    const query = toTsQueryText(words.join(' '));
    expect(query.split(' & ')).toHaveLength(MAX_QUERY_TOKENS);
    expect(query.endsWith('vards19:*')).toBe(true);
  });
});
