/**
 * A matcher's or handler's words without any Zavu API key. What they quote comes from the answer
 * (an Error's message, a body cut to a bound) and from what the test handed them (an axios or SDK
 * error's message), and a target may echo the key it was sent ("Invalid API key zv_live_…", a debug
 * field): a failing assertion would print it into the CI log. The matchers never see the key the
 * test used, so every word shaped like one (zv_test_…, zv_live_…) goes, as from the CLI's lines.
 */
export const REDACTED = '[REDACTED]';

/**
 * A Zavu key wherever it stands, as model/http.ts keyShapedWords finds one but also glued to what
 * comes before it ("Bearerzv_live_…", as the bearer-no-space variant echoes; "key_zv_test_…"), and
 * ending where another key begins ("zv_test_…zv_live_…": the first key's run of letters and digits
 * would take the second's "zv", leaving its secret shown after "_live_"). A key's secret has no
 * "_", so "zv_test_" or "zv_live_" inside a run is always the next key's start.
 * In any case: a target that upper-cases what it echoes ("INVALID KEY ZV_TEST_…") shows the same secret.
 * Its head before a cut's "…" too (a value the matchers cut to 200 characters): the prefix and a
 * character of the secret or more.
 */
const PLAIN_KEY = String.raw`zv_(?:test|live)_(?:(?:(?!zv_(?:test|live)_)[A-Za-z0-9]){8,}|[A-Za-z0-9]{1,7}(?=\u2026))`;

/**
 * One character as an encoder that escapes it writes it (JSON's \u, a URL's %XX, an HTML reference),
 * either case of a letter; or as is. The backslashes before it are one run (`\\*`, then `(?<=\\)u`
 * asks one of them): a second quantifier on them (`\\+u`) read a run again for every split of it,
 * and 1 MB of backslashes never ended.
 */
function escapedChar(char: string): string {
  const ways = [...new Set([char.toLowerCase(), char.toUpperCase()])].map((c) => {
    const code = c.charCodeAt(0);
    const hex = code.toString(16);
    return String.raw`(?<=\\)u0*${hex}|%${hex}|&#0*${code};|&#x0*${hex};`;
  });
  return String.raw`\\*(?:${char}|${ways.join('|')})`;
}

/** The hex code of a letter or digit (0-9, A-Z, a-z; either case by the pattern's `i` flag). */
const ALNUM_HEX = '(?:3[0-9]|[46][1-9a-f]|[57][0-9a])';

/** The decimal code of a letter or digit: 48-57, 65-90, 97-122. */
const ALNUM_DECIMAL = '(?:4[89]|5[0-7]|6[5-9]|[78][0-9]|90|9[7-9]|1[01][0-9]|12[0-2])';

/**
 * Any letter or digit, as is or escaped: a key's alphabet, no more. An escape of anything else
 * (`\u0020`, `%2E`, `&#32;`) and the words after it are the message's own, and stay; so a letter as
 * is follows no backslash (the `u` and digits of `\u0020` are no key's letters).
 */
const ANY_ESCAPED = String.raw`(?:[A-Za-z0-9]|\\+u00${ALNUM_HEX}|%${ALNUM_HEX}|&#0*${ALNUM_DECIMAL};|&#x0*${ALNUM_HEX};)`;

/**
 * A tab after the prefix (the control-chars case sends one there), as is or escaped: JSON's `\t`,
 * `\u0009`, `%09`, `&#9;`, and JSON's escape percent-encoded (`%5Ct`: a JSON text in a URL).
 */
const TAB = String.raw`(?:\t|\\+t|\\+u0*9|%09|&#0*9;|&#x0*9;|%5c(?:t|u0*9))`;

const escaped = (text: string): string => [...text].map(escapedChar).join('');

/**
 * What a cut inside one escape leaves of it ("%5", "&#10", "\\u00"): gone with the head it ends. A
 * reference's digits may be padded with zeros (`&#0109`, `&#x006`), as ANY_ESCAPED reads them whole.
 */
const PART_ESCAPE = String.raw`(?:\\*(?:(?<=\\)u[0-9a-f]{0,3}|\\)|%[0-9a-f]?|&(?:#(?:x0*[0-9a-f]{0,2}|0*[0-9]{0,3}))?)`;

/**
 * The key with its characters escaped, some or all: a 401 page quoting `&#122;&#118;&#95;…`, a
 * JSON text with `\u007a\u0076…` handed over as text. The matchers never see the key, so its
 * prefix escaped tells it, as the prefix as is tells a key-shaped word; then 8 characters of the
 * secret or more, or fewer before a cut's "…" (with what the cut left of an escape). Starting where a run of backslashes does, as the
 * recording's escaped form does, so a run is read once.
 */
const ESCAPED_KEY = String.raw`(?<!\\)${escaped('zv_')}(?:${escaped('test')}|${escaped('live')})${escaped('_')}${TAB}?(?:${ANY_ESCAPED}{8,}(?:${PART_ESCAPE}(?=\u2026))?|${ANY_ESCAPED}{1,7}${PART_ESCAPE}?(?=\u2026))`;

/**
 * base64 (and base64url) of a key: a Basic credential ("key:") an SDK error quotes. Whatever bytes
 * come before it, the text holds the base64 of the prefix at one of three alignments (the part the
 * prefix alone decides), then the secret's: 10 more base64 characters or more, or fewer before a "…".
 */
function base64Prefixes(): string[] {
  return ['zv_test_', 'zv_live_'].flatMap((prefix) =>
    [0, 1, 2].map((offset) => Buffer.concat([Buffer.alloc(offset), Buffer.from(prefix)]).toString('base64').slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + prefix.length) * 8) / 6))),
  );
}
const BASE64_KEY = `(?:${base64Prefixes().join('|')})(?:[A-Za-z0-9+/_-]{10,}=*|[A-Za-z0-9+/_-]{1,9}(?=\u2026))`;

/** Hex of a key's bytes (a debug echo of the header it got): the prefix's, then 16 digits or more, or fewer before a "…". */
const HEX_KEY = `7a765f(?:74657374|6c697665)5f(?:[0-9a-f]{16,}|[0-9a-f]{1,15}(?=\u2026))`;

/** Every form above in one pattern: one pass over the text, whatever it holds. */
const KEY_ANYWHERE = new RegExp(`${PLAIN_KEY}|${ESCAPED_KEY}|${BASE64_KEY}|${HEX_KEY}`, 'gi');

/**
 * `text` with every word shaped like a Zavu key replaced by [REDACTED]. One pass, each match taken
 * whole (a key and its own prefix cut by an excerpt go alike): a search of the text per distinct
 * key was quadratic (16,000 key-shaped words in 270 KB of a body took 14 s).
 */
export function withoutKeys(text: string): string {
  return text.replace(KEY_ANYWHERE, REDACTED);
}

/**
 * `judge()`'s result, or the Error it threw, without the keys: a refusal quotes what it was handed
 * (a connection error's message, an operationId) as a verdict quotes the answer.
 */
export function keyless<T extends { explanation: string }>(judge: () => T): T {
  let verdict: T;
  try {
    verdict = judge();
  } catch (error) {
    if (error instanceof Error) {
      error.message = withoutKeys(error.message);
      if (error.stack !== undefined) error.stack = withoutKeys(error.stack);
    }
    throw error;
  }
  return { ...verdict, explanation: withoutKeys(verdict.explanation) };
}
