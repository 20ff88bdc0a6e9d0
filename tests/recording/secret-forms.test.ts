import { keyDerivedTokens } from '../../src/model/http';
import { secretForms, type SecretForm } from '../../src/recording/secret-forms';

/** A seeded generator (mulberry32): the same keys and spellings every run, so a failure replays. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Characters a key or the text around it may hold: ASCII, the ones JSON, URLs and HTML escape, and
 * the ones whose case folds oddly under a regex's `i` flag without `u` (KELVIN SIGN, long s, dotted
 * and dotless i, sharp s), an emoji (a surrogate pair) and lone surrogates (a key cut in one).
 */
const ODD = ['\u212a', '\u017f', '\u0130', '\u0131', '\u00df', '\u00e9', '\ud83d\ude00', '\ud83d', '\ude00', '%', '&', '#', ';', '\\', '"', '\t', ' '];
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A key: a zv_ prefix in some case and environment, or none; a core of 1-30 characters, sometimes odd ones. */
function randomKey(random: () => number): string {
  const prefix = pick(random, ['', 'zv_test_', 'zv_live_', 'ZV_TEST_', 'Zv_LiVe_', 'sk_live_', 'zv_prod_']);
  const length = 1 + Math.floor(random() * 30);
  let core = '';
  while ([...core].length < length) core += random() < 0.15 ? pick(random, ODD) : pick(random, [...ALNUM]);
  return prefix + core;
}

/**
 * One character spelt one way the escaped form's building blocks allow (escapedChar): as is in
 * either case, after backslashes, as `\uXXXX` (padded, any case), its UTF-8 bytes as `%XX`, or an
 * HTML reference, decimal or hex; or one of the Unicode characters `i` folds oddly in its place.
 */
function spell(random: () => number, char: string, plain: boolean): string {
  const roll = random();
  if (plain || roll < 0.55) return random() < 0.5 ? char.toUpperCase().slice(0, char.length) : char.toLowerCase().slice(0, char.length);
  if (roll < 0.6) return pick(random, ['\u212a', '\u017f', '\u0130', '\u0131']);
  const code = char.codePointAt(0) ?? 0;
  const hex = (n: number): string => (random() < 0.5 ? n.toString(16) : n.toString(16).toUpperCase());
  const zeros = '0'.repeat(Math.floor(random() * 3));
  switch (Math.floor(random() * 5)) {
    case 0:
      return `${'\\'.repeat(1 + Math.floor(random() * 2))}${char}`;
    case 1:
      return [...Array(char.length).keys()].map((i) => `\\u${hex(char.charCodeAt(i)).padStart(4, '0')}`).join('');
    case 2:
      return [...Buffer.from(char, 'utf8')].map((byte) => `%${hex(byte).padStart(2, '0')}`).join('');
    case 3:
      return `&#${zeros}${code};`;
    default:
      return `&#${random() < 0.5 ? 'x' : 'X'}${zeros}${hex(code)};`;
  }
}

/**
 * A text the escaped form is built to find: the key or a credential the auth cases derive from it
 * (another environment, a tab after the prefix, letters' case swapped, cut or appended to), each
 * character spelt its own way; with no escape at all half the time (the case the cheap test reads
 * as the key's core spelt out), inside other text.
 */
function randomSpelling(random: () => number, key: string): string {
  const tokens = [key, ...keyDerivedTokens(key)];
  const token = pick(random, tokens);
  const plain = random() < 0.5;
  const spelt = [...token].map((c) => spell(random, c, plain)).join('');
  const around = (): string => [...Array(Math.floor(random() * 4)).keys()].map(() => pick(random, [...ODD, 'x', '{"m":"', '"}'])).join('');
  return `${around()}${spelt}${around()}`;
}

function escapedForm(key: string): SecretForm & { mayHold: RegExp } {
  const form = secretForms(key).find((f) => f.label === 'escaped');
  if (form?.mayHold === undefined) throw new Error('the escaped form has no mayHold test');
  return { ...form, mayHold: form.mayHold };
}

const matches = (pattern: RegExp, text: string): boolean => {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
};

test("the escaped form's cheap test (mayHold) passes every text its pattern matches: random keys, random spellings from the pattern's own building blocks", () => {
  const random = seeded(0x5eed);
  let matched = 0;
  let plainMatched = 0;
  // Bounded: 150 keys × 40 spellings; each pair is a regex test on a short text.
  for (let k = 0; k < 150; k++) {
    const key = randomKey(random);
    const form = escapedForm(key);
    for (let s = 0; s < 40; s++) {
      const text = randomSpelling(random, key);
      if (!matches(form.pattern, text)) continue;
      matched += 1;
      if (!/\\|%[0-9a-f]{2}|&#/i.test(text)) plainMatched += 1;
      // A miss here is the key left in a report or a recording: the scrubber skips the form.
      if (!form.mayHold.test(text)) throw new Error(`mayHold missed a text the escaped pattern matches: key ${JSON.stringify(key)}, text ${JSON.stringify(text)}`);
    }
  }
  // Not vacuous: the spellings match, many of them with no escape at all (only the key's core then tells).
  expect(matched).toBeGreaterThan(1000);
  expect(plainMatched).toBeGreaterThan(400);
});

test('mayHold reads the core a zv_ key spells out, in any case, with no escape near it: the other environment, a tab after the prefix, letters swapped', () => {
  const key = 'zv_test_AbCdEfGhIjKlMnOpQrSt1234';
  const form = escapedForm(key);
  for (const text of ['ZV_LIVE_abcdefghijklmnopqrst0000', 'zv_live_\tAbCdEfGhIjKlMnOpQrSt', 'x zV_TeSt_aBcDeFgHiJkLmNoPqRsT12 y']) {
    expect({ text, pattern: matches(form.pattern, text), mayHold: form.mayHold.test(text) }).toEqual({ text, pattern: true, mayHold: true });
  }
});
