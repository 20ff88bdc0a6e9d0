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

  // A key with a letter beyond ASCII (a mock's), echoed in capitals or in lower case: the capitals'
  // escapes (`&#201;` for "é") are another token's than the key's own, and the cut inside a capital
  // ASCII letter's escape after one (`…&#201;&#6` of `&#65;`) is read as it stands.
  it.each(escapes)('redacts the head of a key with a letter beyond ASCII echoed in capitals or in lower case, every character escaped (%s)', (_how, escape) => {
    const accented = 'zv_test_9fÉ8e7d6Ab5a39é81706Cf5e4d3c2b1a';
    const accentedCuts = cutPieces([accented]);
    for (const token of [accented.toUpperCase(), accented.toLowerCase()]) {
      const form = escape(token);
      for (let length = escape(token.slice(0, 8)).length + MIN_CUT_PIECE; length < form.length; length += 1) {
        const head = form.slice(0, length);
        expect({ head, cut: accentedCuts.atMarks(`you sent ${head}… (300 chars)`) }).toEqual({ head, cut: 'you sent [REDACTED]… (300 chars)' });
      }
    }
  });

  // An encoder may pad a reference's digits (`&#0122;`, `&#x007a;`), as the escaped form's `&#0*` reads them whole.
  const paddedEscapes: [string, (text: string) => string][] = [
    ['decimal, four digits', (text) => [...text].map((c) => `&#${(c.codePointAt(0) ?? 0).toString().padStart(4, '0')};`).join('')],
    ['decimal, seven digits', (text) => [...text].map((c) => `&#${(c.codePointAt(0) ?? 0).toString().padStart(7, '0')};`).join('')],
    ['hex, four digits', (text) => [...text].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')};`).join('')],
    ['hex in capitals, six digits', (text) => [...text].map((c) => `&#X${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(6, '0')};`).join('')],
  ];
  /**
   * The first length of `escape(token)` whose head shows something of the secret: past the escaped
   * public prefix, the next escape's start (`&#x`, `%`, `\\u`) and its padding zeros, and MIN_CUT_PIECE long.
   */
  const lead = (escape: (text: string) => string, token: string): number => (/^(?:&#x?0*|%|\\+u)/i.exec(escape(token.slice(8, 9)))?.[0] ?? '').length;
  const telling = (escape: (text: string) => string, token: string): number => escape(token.slice(0, 8)).length + Math.max(MIN_CUT_PIECE, lead(escape, token) + 1);
  it.each(paddedEscapes)('redacts the head of the key as zero-padded character references (%s), wherever a cut falls past its public prefix', (_how, escape) => {
    const form = escape(apiKey);
    // Up to the first digit that tells something, the head is the public prefix and padding: it stays.
    const padded = form.slice(0, escape(apiKey.slice(0, 8)).length + lead(escape, apiKey));
    expect(cuts.atMarks(`you sent ${padded}…`)).toBe(`you sent ${padded}…`);
    for (let length = telling(escape, apiKey); length < form.length; length += 1) {
      const head = form.slice(0, length);
      expect({ head, cut: cuts.atMarks(`you sent ${head}… (300 chars)`) }).toEqual({ head, cut: 'you sent [REDACTED]… (300 chars)' });
    }
    const prefix = escape(apiKey.slice(0, 8));
    expect(cuts.atMarks(`you sent ${prefix}…`)).toBe(`you sent ${prefix}…`);
  });

  // A case mix no token has: neither the key, its swapped case, nor it lower- or upper-cased (every
  // third letter a capital, as a target that mangles case might echo it). Escaped, each escape names
  // its own case's code.
  it.each([...escapes, ...paddedEscapes])('redacts the head of a key echoed in a case mix no sent token has, every character escaped (%s)', (_how, escape) => {
    const mixed = 'zv_live_Qm7RxK2pLw9VnT4bHc8JdF3sYg6ZaE1u';
    let letter = 0;
    const mangled = mixed.slice(0, 8) + mixed.slice(8).replace(/[a-z]/gi, (c) => ((letter += 1) % 3 === 0 ? c.toUpperCase() : c.toLowerCase()));
    expect([mixed, mixed.toLowerCase(), mixed.toUpperCase(), swapCase(mixed), caseChangedKey(mixed)]).not.toContain(mangled);
    const mixedCuts = cutPieces([mixed]);
    const form = escape(mangled);
    for (let length = telling(escape, mangled); length < form.length; length += 1) {
      const head = form.slice(0, length);
      expect({ head, cut: mixedCuts.atMarks(`you sent ${head}… (300 chars)`) }).toEqual({ head, cut: 'you sent [REDACTED]… (300 chars)' });
    }
  });

  it.each(escapes)('keeps the escaped public prefix before the start of another escape (%s), which names no character of the secret', (_how, escape) => {
    // As the README's `export ZAVU_API_KEY=zv_test_…`, every character escaped and cut just past the prefix, reads.
    const form = escape(apiKey);
    for (let length = escape(apiKey.slice(0, 8)).length; length <= escape(apiKey.slice(0, 8)).length + lead(escape, apiKey); length += 1) {
      const head = form.slice(0, length);
      expect(cuts.atMarks(`see ${head}… (300 chars)`)).toBe(`see ${head}… (300 chars)`);
    }
  });

  it('reads a long run of padding zeros, digits or escapes once: the text between two cuts is read a bounded number of times', () => {
    // Each escape is read whole, looking ahead past its zeros: a reader that looked again from each zero would not end on these.
    for (const run of [`&#${'0'.repeat(1 << 20)}`, `&#x${'0'.repeat(1 << 20)}`, '&#0'.repeat(1 << 18), '%5C'.repeat(1 << 18), '1'.repeat(1 << 20)]) {
      expect(cuts.atMarks(`${run}…${run}…`) === `${run}…${run}…`).toBe(true);
      expect(cuts.atEnd(run) === run).toBe(true);
    }
    const form = [...apiKey].map((c) => `&#${(c.codePointAt(0) ?? 0).toString().padStart(4, '0')};`).join('');
    // After a megabyte of zeros the key's escaped head, the prefix and one character, still goes.
    const padding = `&#${'0'.repeat(1 << 20)}`;
    expect(cuts.atMarks(`${padding}${form.slice(0, 63)}…`) === `${padding}[REDACTED]…`).toBe(true);
  });

  it('redacts the head of the key with a tab, JSON-escaped then percent-encoded (%5Ct), every length past the public prefix', () => {
    const form = encodeURIComponent(JSON.stringify(tabbedKey(apiKey)).slice(1, -1));
    expect(form.startsWith('zv_test_%5Ct')).toBe(true);
    for (const head of heads(form, 9)) expect({ head, cut: cuts.atMarks(`q=${head}… (x)`) }).toEqual({ head, cut: 'q=[REDACTED]… (x)' });
    expect(cuts.atMarks('q=zv_test_… (x)')).toBe('q=zv_test_… (x)');
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
