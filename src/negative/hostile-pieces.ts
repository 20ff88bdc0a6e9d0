/**
 * The building blocks of hostile sender ids, grouped by what they attack. The arbitrary mixes
 * them; fixedHostileIds tries each group's classics first, so a run always covers them whatever
 * its seed.
 */

/** Astral, right-to-left, combining, invisible and look-alike text: breaks naive length, regex and collation code. */
export const UNICODE_PIECES: readonly string[] = [
  '😀', // astral: two UTF-16 units, four UTF-8 bytes
  '𝕊', // astral letter
  '👩‍👩‍👧', // ZWJ sequence: one grapheme, several code points
  'מ', // Hebrew (RTL)
  'م', // Arabic (RTL)
  '\u202e', // RIGHT-TO-LEFT OVERRIDE
  '\u200f', // RIGHT-TO-LEFT MARK
  'e\u0301', // e + COMBINING ACUTE (NFD é)
  'é', // precomposed (NFC é): equal to the above after normalisation only
  '\u0351\u0300\u0353', // stacked combining marks ("zalgo")
  '\u200b', // ZERO WIDTH SPACE
  '\ufeff', // BYTE ORDER MARK
  'ｓｎｄ', // fullwidth look-alikes of "snd"
  'ſ', // LATIN SMALL LONG S: upper-cases to "S"
  'İ', // dotted capital I: lower-cases to two code points
  '\ud800', // lone high surrogate: no UTF-8 form at all
];

/** Characters and escapes with a meaning in URLs and paths. */
export const RESERVED_PIECES: readonly string[] = [
  '/', '..', '.', '%2F', '%2f', '%2e%2e', '?', '#', '%00', '%', '%zz', '%E0%A4', ';', '\\', '%5C',
  '&', '=', '+', ':', '@', ',', '$', '!', '*', '(', ')', '[', ']', '~', '|', '^', '`', '{', '}',
];

/** Whitespace and controls, including the ones trim() and \s disagree about. */
export const WHITESPACE_PIECES: readonly string[] = [' ', '\t', '\n', '\r', '\r\n', '\u000b', '\f', '\u00a0', '\u2028', '\u3000', '\u0000', '\u007f'];

/**
 * Quotes and strings that look like injections into SQL, templates, shells, HTML or JSON queries.
 * None that would destroy anything where it worked: reads go to production targets too, so the
 * stacked-query probe selects rather than drops (a vulnerable server shows itself either way).
 */
export const INJECTION_PIECES: readonly string[] = [
  "'",
  '"',
  '`',
  "' OR '1'='1",
  "1'; SELECT 1;--",
  '{{7*7}}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{"$ne":null}',
  '$(id)',
  '../../etc/passwd',
  '%s%s%s%n',
  'null',
  'undefined',
  '[object Object]',
  'NaN',
  '-1',
  '0',
  '__proto__',
];

/** Lengths of the long ids: past common 255 / 1024 column and buffer limits, and at the 8 KB request-line limit of many servers. */
export const LONG_ID_LENGTHS: readonly number[] = [1024, 8192];

/** Ids that are the whole test on their own. */
export const STANDALONE_IDS: readonly string[] = [
  '',
  '/',
  'a/b',
  '..',
  '.',
  '../..',
  '%2F',
  'a%2Fb',
  '%2e%2e',
  '?',
  'a?b=c',
  '#',
  'a#b',
  '%00',
  'a%00b',
  '%',
  '100%',
  '%zz',
  ';',
  'a;b=c',
  '\\',
  'a\\b',
  ' ',
  ' snd',
  'snd ',
  'a b',
  '\t',
  '\n',
  '\r\n',
  '\u0000',
  '\u00a0',
];
