import { caseChangedKey, otherEnvironmentKey, swapCase, tabbedKey } from '../../src/model/http';
import { cutPieces, MIN_CUT_PIECE } from '../../src/recording/cut-pieces';
import { createScrubber } from '../../src/recording/scrub';
import { describeValue, excerpt } from '../../src/text/plain-text';
import { apiKey } from './fixtures';

const cuts = cutPieces([apiKey]);
const hex = (text: string): string => Buffer.from(text).toString('hex');
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** Every head of `form` from `from` characters on (to `upTo` characters before its end), each as a cut leaves it. */
function heads(form: string, from: number, upTo = 1): string[] {
  const out: string[] = [];
  for (let length = from; length <= form.length - upTo; length += 1) out.push(form.slice(0, length));
  return out;
}

describe('a piece of a secret just before a cut', () => {
  // Under half of the key (20): what the partial form leaves; and longer, which it also catches whole.
  it.each(heads(apiKey, 9))('redacts the head %s of the key, keeping what came before', (head) => {
    expect(cuts.atMarks(`Received: "you sent Bearer ${head}… (300 chars)`)).toBe('Received: "you sent Bearer [REDACTED]… (300 chars)');
  });

  it.each([
    ['hex', hex(apiKey), 17],
    ['hex in capitals', hex(apiKey).toUpperCase(), 17],
    // A base64 text's last characters hold bits of what follows the key: a cut past its core leaves the core whole, which its form takes.
    ['base64', b64(apiKey), 11, 4],
    ['base64 after one byte', b64(`:${apiKey}`).slice(2), 11, 4],
    ['base64 after two bytes', b64(`::${apiKey}`).slice(3), 11, 4],
    ['base64url', b64(apiKey).replace(/\+/g, '-').replace(/\//g, '_'), 11, 4],
    ['case-changed', caseChangedKey(apiKey), 9],
    ['with every letter\'s case swapped', swapCase(apiKey), 9],
    ['in the other environment', otherEnvironmentKey(apiKey) ?? '', 9],
    ['with a tab, JSON-escaped', JSON.stringify(tabbedKey(apiKey)).slice(1, -1), 9],
  ])('redacts the head of its %s form, every length past the public prefix', (_name, form, from, upTo = 1) => {
    for (const head of heads(form, from, upTo)) expect({ head, cut: cuts.atMarks(`x=${head}…`) }).toEqual({ head, cut: 'x=[REDACTED]…' });
    expect(cuts.atMarks(`x=${form.slice(0, from - 1)}…`)).toBe(`x=${form.slice(0, from - 1)}…`);
  });

  /** Each character escaped one way, as an encoder that escapes all writes it (JSON's \\u, a URL's %XX, HTML's references). */
  const unicodeEscaped = (text: string): string => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const percentEscaped = (text: string): string => [...Buffer.from(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const decimalReferences = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0) ?? 0};`).join('');
  const hexReferences = (text: string): string => [...text].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join('');
  const escapes: [string, (text: string) => string][] = [
    ['\\u-escaped', unicodeEscaped],
    // A JSON text quoted in a JSON string: every backslash doubled (the json-body check quotes a body so).
    ['\\u-escaped, its backslashes doubled', (text) => JSON.stringify(unicodeEscaped(text)).slice(1, -1)],
    ['percent-encoded byte by byte', percentEscaped],
    ['as decimal character references', decimalReferences],
    ['as hex character references', hexReferences],
  ];
  const escapedTokens: [string, string][] = [
    ['the key', apiKey],
    ['the key with a tab', tabbedKey(apiKey)],
    ['the key in the other environment', otherEnvironmentKey(apiKey) ?? ''],
    ['the key case-changed', caseChangedKey(apiKey)],
  ];
  it.each(escapes.flatMap(([how, escape]) => escapedTokens.map(([what, token]) => [what, how, escape(token), escape(token.slice(0, 8)).length] as const)))(
    'redacts the head of %s with every character escaped (%s), wherever a cut falls past its public prefix',
    (_what, _how, form, publicLength) => {
      for (let length = publicLength + MIN_CUT_PIECE; length < form.length; length += 1) {
        const head = form.slice(0, length);
        expect({ head, cut: cuts.atMarks(`you sent ${head}… (300 chars)`) }).toEqual({ head, cut: 'you sent [REDACTED]… (300 chars)' });
      }
      // The public prefix alone, escaped, says nothing of the secret: it stays.
      const prefix = form.slice(0, publicLength);
      expect(cuts.atMarks(`you sent ${prefix}…`)).toBe(`you sent ${prefix}…`);
    },
  );

  // A target that lower-cases or upper-cases what it echoes: an escape names one case's code, and a
  // mixed-case key's echo so is none of the tokens the suite sends (swapCase is the key's capitals
  // only when its secret has no capital of its own).
  it.each(escapes)('redacts the head of a mixed-case key echoed in lower case or in capitals, every character escaped (%s)', (_how, escape) => {
    const mixed = 'zv_live_Qm7RxK2pLw9VnT4bHc8JdF3sYg6ZaE1u';
    const mixedCuts = cutPieces([mixed]);
    for (const token of [mixed.toLowerCase(), mixed.toUpperCase()]) {
      const form = escape(token);
      for (let length = escape(token.slice(0, 8)).length + MIN_CUT_PIECE; length < form.length; length += 1) {
        const head = form.slice(0, length);
        expect({ head, cut: mixedCuts.atMarks(`you sent ${head}… (300 chars)`) }).toEqual({ head, cut: 'you sent [REDACTED]… (300 chars)' });
      }
    }
  });

  it('redacts the head of the hex of a whole header value, not the hex of "Bearer " before it', () => {
    const header = hex(`Bearer ${apiKey}`);
    const head = header.slice(0, 14 + 30);
    expect(cuts.atMarks(`${head}…`)).toBe(`${hex('Bearer ')}[REDACTED]…`);
  });

  it('redacts the head of a key percent-encoded, cut inside an escape', () => {
    const odd = 'zv_test_k3y/with+chars=and.more~0123456';
    const oddCuts = cutPieces([odd]);
    const encoded = encodeURIComponent(odd);
    for (const head of heads(encoded, 10)) expect({ head, cut: oddCuts.atMarks(`q=${head}… (x)`) }).toEqual({ head, cut: 'q=[REDACTED]… (x)' });
  });

  it('keeps the public prefix alone, a piece under the minimum, and ordinary words', () => {
    expect(cuts.atMarks('a key looks like zv_test_… (40 chars)')).toBe('a key looks like zv_test_… (40 chars)');
    expect(cuts.atMarks('ZV_TEST_…')).toBe('ZV_TEST_…');
    expect(cuts.atMarks(`hex ${hex('zv_test_')}…`)).toBe(`hex ${hex('zv_test_')}…`);
    const bare = cutPieces(['Pw7Qx2kLm9']);
    expect(bare.atMarks(`${'Pw7Qx2kLm9'.slice(0, MIN_CUT_PIECE - 1)}…`)).toBe('Pw7…');
    expect(bare.atMarks(`${'Pw7Qx2kLm9'.slice(0, MIN_CUT_PIECE)}…`)).toBe('[REDACTED]…');
    expect(cuts.atMarks('<html><body><h1>Internal Serv… (9000 chars)')).toBe('<html><body><h1>Internal Serv… (9000 chars)');
  });

  it('leaves a piece that no cut ends: only what stands just before a "…" was cut', () => {
    const text = `tail ${apiKey.slice(0, 15)} and more`;
    expect(cuts.atMarks(text)).toBe(text);
  });

  it('looks at every cut of a text, each window from where the last ended', () => {
    const a = apiKey.slice(0, 12);
    const b = hex(apiKey).slice(0, 30);
    expect(cuts.atMarks(`${a}……${b}… (1) ${a}… end…`)).toBe('[REDACTED]……[REDACTED]… (1) [REDACTED]… end…');
  });

  it('atEnd redacts the head a text cut with no mark ends in, and only that', () => {
    expect(cuts.atEnd(`${'x'.repeat(50)}${apiKey.slice(0, 19)}`)).toBe(`${'x'.repeat(50)}[REDACTED]`);
    expect(cuts.atEnd(`${apiKey.slice(0, 19)} then text`)).toBe(`${apiKey.slice(0, 19)} then text`);
  });

  it('folds every capital, Z too: a head in mixed case goes whatever letter the case changed', () => {
    // Neither the key as is nor its case-swapped forms are spelt "zZ": only folding each letter matches it.
    const key = 'zv_test_zz0123456789abcdefghijklmn';
    expect(cutPieces([key]).atMarks('x zv_test_zZ0123… (2)')).toBe('x [REDACTED]… (2)');
    expect(cutPieces(['zv_test_aa0123456789bcdefghijklmno']).atMarks('x zv_test_aA0123…')).toBe('x [REDACTED]…');
  });

  it('finds a head that begins inside what looked like another form (the automaton falls back more than once)', () => {
    // "7a765f7" begins the key's hex; at the "z" the match falls back to "7", then to nothing, then starts the key.
    expect(cuts.atMarks(`${hex(apiKey).slice(0, 7)}${apiKey.slice(0, 15)}… (1)`)).toBe(`${hex(apiKey).slice(0, 7)}[REDACTED]… (1)`);
  });

  it('redacts the head of one secret that ends another\'s public prefix', () => {
    // "test_" begins a secret with no public prefix; the key's own "zv_test_" is public, its tail is not.
    const two = cutPieces([apiKey, `test_${'Q7'.repeat(12)}`]);
    expect(two.atMarks('see zv_test_… (1)')).toBe('see zv_[REDACTED]… (1)');
  });

  it('redacts a whole form as long as the longest one just before a cut', () => {
    const longest = hex(tabbedKey(apiKey));
    expect(cuts.atMarks(`x ${longest}…`)).toBe('x [REDACTED]…');
  });

  it('redacts the head of a base64url core past its first "-"', () => {
    const odd = 'zv_test_k3y/with+chars=and.more~0123456';
    const url = b64(`:${odd}`).slice(2).replace(/\+/g, '-').replace(/\//g, '_');
    const dash = url.indexOf('-');
    expect(dash).toBeGreaterThan(11);
    const head = url.slice(0, dash + 3);
    expect(cutPieces([odd]).atMarks(`u=${head}…`)).toBe('u=[REDACTED]…');
  });

  it('does nothing without secrets', () => {
    expect(cutPieces(['']).atMarks(`${apiKey.slice(0, 12)}…`)).toBe(`${apiKey.slice(0, 12)}…`);
  });
});

describe('through the scrubber, after the suite cut the text', () => {
  const scrub = createScrubber([apiKey]).text;

  it.each([9, 12, 19, 20, 25, 31, 39])('an excerpt cut %s characters into an echoed key shows none of it', (into) => {
    const received = `${'p'.repeat(200 - into)}${apiKey}${'q'.repeat(100)}`;
    const shown = scrub(excerpt(received));
    expect(shown).toMatch(/p\[REDACTED\]… \(\d+ chars\)$/);
    expect(shown.includes(apiKey.slice(8, 16))).toBe(false);
  });

  it('nor a value quoted as JSON cut inside its hex', () => {
    const shown = scrub(describeValue({ debug: `${'p'.repeat(150)}${hex(apiKey)}` }));
    expect(shown).toMatch(/p\[REDACTED\]… \(an object of 1 property\)$/);
  });
});
