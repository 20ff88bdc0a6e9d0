/**
 * The shapes a secret takes on the wire or on disk, as regular expressions. A key rarely appears only
 * verbatim: Basic auth base64-encodes "key:", URLs percent-encode it, JSON escapes it. Scrubbing and
 * the final leak check both use this one list, so what is scrubbed is exactly what is checked.
 */
import { keyDerivedTokens, keyPrefix } from '../model/http';
import { escapeRegex, escapeRegexUnicode } from '../text/escape-regex';

/** One recognisable form of a secret; `label` names the form in errors without showing the secret. */
export interface SecretForm {
  label: string;
  pattern: RegExp;
  /** A cheap test a text must pass for `pattern` to match (CredentialForm.mayHold). */
  mayHold?: RegExp;
}

/** Base64 alphabet (standard and URL-safe), for eating the rest of an encoded token. */
const base64Tail = '[A-Za-z0-9+/_-]*=*';

/** Shorter base64 cores than this match too much unrelated text to be worth a pattern. */
const minCoreLength = 4;

/**
 * The part of base64(prefix + secret) that depends on the secret alone, for a prefix of 0, 1 or 2
 * bytes. Any base64 text that encodes the secret (alone, as "key:", as "user:key", inside a longer
 * blob) contains one of these three cores, whatever bytes come before or after it.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= minCoreLength) cores.push(core);
  }
  return cores;
}

/** Percent-encoded form; hex digits match in either case, as both are valid and seen in the wild. */
function percentPattern(encoded: string): string {
  return escapeRegex(encoded).replace(/%([0-9A-F])([0-9A-F])/g, (_m, a: string, b: string) => `%[${a}${a.toLowerCase()}][${b}${b.toLowerCase()}]`);
}

/** How long a piece of the secret fragmentForm and utf16Form look for (fragmentForm says why). */
function pieceLength(secret: string): number {
  // The shorter half of an odd key counts too: a key echoed split in two leaks both halves.
  return Math.max(8, Math.floor(secret.length / 2), Math.min(16, secret.length - 8));
}

/**
 * Long pieces of the secret. Several auth cases send tokens derived from the key (its last characters
 * changed or cut off, characters appended, a tab after its prefix, its letters' case swapped); a
 * server that echoes one in part (the piece after the tab, say) leaks most of the key, which no
 * exact form catches. A run of at least half the key (rounded down) counts, and never one under 16 on a key of 24
 * or more; on a key of 16 to 23 characters the piece after the tab (its last n − 8) counts too,
 * and no run under 8 ever does: it would match ordinary text. The `zv_test_`/`zv_live_` prefix
 * alone is no piece: it is public, and the suite's own unknown key begins with it. The match runs on to the end of the
 * token, so "<most of the key>0000" goes as a whole.
 */
function fragmentForm(secret: string): SecretForm | undefined {
  const length = pieceLength(secret);
  if (secret.length <= length) return undefined; // the verbatim form already covers it
  const pieces = new Set<string>();
  for (let start = 0; start + length <= secret.length; start++) {
    const piece = secret.slice(start, start + length);
    if (!/^zv_(?:live|test)_$/.test(piece)) pieces.add(escapeRegex(piece));
  }
  if (pieces.size === 0) return undefined;
  // Any case: the case-changed and truncated credentials the suite sends are a long piece in another case.
  return { label: 'partial', pattern: new RegExp(`(?:${[...pieces].join('|')})[A-Za-z0-9_-]*`, 'gi') };
}

/** A NUL as received text holds it: raw, or as the `\u0000` of a JSON string (more backslashes when escaped again). */
const NUL = '(?:\\x00|\\\\+u0{4})';

/** Secrets shorter than this have no UTF-16 form looked for: a few letters with NULs between may be any UTF-16 text's. */
const minUtf16Length = 8;

/**
 * The pieces of `secret` a form with something between its characters looks for (utf16Form,
 * interleavedForm): three of fragmentForm's length, its head, its core past the public prefix and
 * its tail, not the prefix alone; none for a secret shorter than minUtf16Length.
 */
function spreadPieces(secret: string): string[] {
  if (secret.length < minUtf16Length) return [];
  const length = Math.min(secret.length, pieceLength(secret));
  const starts = new Set([0, Math.min(keyPrefix(secret.toLowerCase()).length, secret.length - length), secret.length - length]);
  return [...starts].map((start) => secret.slice(start, start + length)).filter((piece) => !/^zv_(?:live|test)_$/i.test(piece));
}

/**
 * The key as a target answering in UTF-16 echoes it (a .NET or Windows service's error page, a
 * `charset=utf-16le` body): each character beside a NUL, after it (LE) or before it (BE), which
 * the suite reads as UTF-8 and every other form misses. Three of the secret's long pieces (as long
 * as fragmentForm's), each character beside a NUL: its head (the key, a truncated or appended
 * credential, the head a cut left of any: at least half the key), its core past the public
 * prefix (the credential with a tab after the prefix), and its tail (an echo that lost the key's
 * start). Every piece, as fragmentForm has, made a pattern V8 took ~200 ms to compile, per
 * scrubber and per check context; three take ~10 ms. The match runs on to the end of the token,
 * so the whole key goes as one.
 */
function utf16Form(secret: string): SecretForm | undefined {
  const pieces = spreadPieces(secret);
  if (pieces.length === 0) return undefined;
  const spaced = pieces.map((piece) => [...piece].map(escapeRegex).join(NUL));
  // The run after a piece is bounded (the rest of the key and what an appended token adds is shorter
  // than the key): each step of an unbounded one was kept on V8's backtracking stack, and the key in
  // a JSON string followed by ~1 million letters (7 MB, within --max-body-bytes) overflowed it.
  return { label: 'UTF-16', pattern: new RegExp(`(?:${spaced.join('|')})(?:${NUL}[A-Za-z0-9_-]){0,${secret.length}}`, 'gi') };
}

/**
 * What a target may put between the key's characters that hides from the eye: a control, format or
 * invisible character (a zero-width space, a soft hyphen, U+FEFF, a tag character); raw, or escaped
 * as a report shows it and as JSON writes it (`\u200b`, any backslashes before it; `\n`), as an HTML
 * reference (`&#8203;`) or percent-encoded (`%E2%80%8B`, a byte at a time). Not a combining mark,
 * which draws on the letter before it: `\p{M}` doubled the time V8 takes to compile the form.
 */
const BETWEEN = String.raw`(?:[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]|\\+(?:[uU][0-9a-fA-F]{4}|[nrt])|&#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});|%[0-9a-fA-F]{2})`;

/** What a cut leaves of an escape of BETWEEN's: its backslashes, `\u` and some of its digits, `&#…` or `%` and a digit. */
const CUT_ESCAPE = String.raw`(?:\\+(?:[uU][0-9a-fA-F]{0,3})?|&(?:#[xX]?[0-9a-fA-F]{0,6})?|%[0-9a-fA-F]?)?`;

/** The most of them looked for between two characters: a run without bound is a step each on V8's backtracking stack (see utf16Form). */
const MAX_BETWEEN = 16;

/**
 * The key with something invisible between its characters (BETWEEN): "z\u200bv\u200b_…" is no
 * form above, and every report shows the character as an escape, so the key reads in plain sight.
 * The pieces utf16Form looks for (head, core past the prefix, tail), one to MAX_BETWEEN of them
 * after each character, and the run on to the end of the token: the whole key goes as one. At least
 * one: a plain piece is the other forms' to find (the credential-echoed check holds a short key's
 * plain pieces back, which another key of its prefix may share).
 */
function interleavedForm(secret: string): SecretForm | undefined {
  const pieces = spreadPieces(secret);
  if (pieces.length === 0) return undefined;
  const gap = `${BETWEEN}{1,${MAX_BETWEEN}}`;
  // Either case, spelt out: the `i` flag on a `u` pattern folds the case of every character in BETWEEN's classes, which cost ~100 ms of compiling.
  const anyCase = (char: string): string => (char.toLowerCase() === char.toUpperCase() ? escapeRegexUnicode(char) : `[${char.toLowerCase()}${char.toUpperCase()}]`);
  const spaced = pieces.map((piece) => [...piece].map(anyCase).join(gap));
  const ofKey = `(?:${[...new Set([...secret.toLowerCase(), ...secret.toUpperCase()])].map(escapeRegexUnicode).join('|')})`;
  const rest = `(?:${gap}[A-Za-z0-9_-]){0,${secret.length}}`;
  // The head a cut of the suite's left before its "…" (a check's excerpt: the escapes make each character several wide), from the prefix and 4 characters on, as cut-pieces.ts takes a plain one's; with the escape the cut split.
  const head = [...secret.slice(0, keyPrefix(secret.toLowerCase()).length + 4)].map(anyCase).join(gap);
  const cut = `${head}${rest}${BETWEEN}{0,${MAX_BETWEEN}}${CUT_ESCAPE}(?=…)`;
  // Compiled on first use (~12 ms a key, the regular expression's size): the scrubber and the check
  // test mayHold first, which few texts pass, so a run against a conformant target never compiles it.
  let compiled: RegExp | undefined;
  return {
    label: 'interleaved',
    get pattern(): RegExp {
      compiled ??= new RegExp(`(?:${spaced.join('|')})${rest}|${cut}`, 'gu');
      return compiled;
    },
    // Three of the key's characters with BETWEEN's between: what every match begins with (a piece, the
    // cut's head), and what few texts hold (a NUL-joined list of texts, a JSON "\n", hold one gap in a row).
    mayHold: new RegExp(`${ofKey}${gap}${ofKey}${gap}${ofKey}`, 'u'),
  };
}

/**
 * `token` with each lone surrogate (a key cut in the middle of an emoji, as the key-cut-short case
 * cuts it) as U+FFFD, as a UTF-8 or WHATWG URL encoder writes it: a lone surrogate has no UTF-8 form.
 */
function wellFormed(token: string): string {
  return token.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** One character's escapes (escapedChar), without the backslashes that may come first. */
function escapesOf(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const units = [...Array(char.length).keys()].map((i) => `${i === 0 ? '(?<=\\\\)' : '\\\\+'}u0*${char.charCodeAt(i).toString(16)}`).join('');
  const bytes = [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  return `${units}|${bytes}|&#0*${code};|&#x0*${code.toString(16)};`;
}

/**
 * One character of a token as received text may write it: as is (after backslashes: JSON's `\"`,
 * `\\`, `\/`), as a JSON or JavaScript `\uXXXX` escape (a UTF-16 unit each; more backslashes
 * before it when the JSON text was itself put in a string), its UTF-8 bytes percent-encoded, or an
 * HTML or XML character reference, decimal or hex. Hex digits and letters match in any case (the
 * pattern's `i` flag), and so does an escaped letter (`&#90;` for "z" too: the case-changed
 * credentials the suite sends, echoed escaped, are the key as plainly as the key in capitals is).
 * A JSON encoder may escape every character, a URL encoder every byte:
 * credential-echoed reads a JSON body as parsed and finds such a key, so the scrubber must too.
 * The backslashes come first, for every way (`(?<=\\)` asks one of `\u`): see escapedCharsPattern.
 */
function escapedChar(char: string): string {
  const other = char.toLowerCase() === char ? char.toUpperCase() : char.toLowerCase();
  const otherCase = /^[A-Za-z]$/.test(char) ? `|${escapesOf(other)}` : '';
  return `\\\\*(?:${escapeRegex(char)}|${escapesOf(char)}${otherCase})`;
}

/** A token's characters, each as escapedChar reads it. */
function escapedChars(token: string): string {
  return [...wellFormed(token)].map(escapedChar).join('');
}

/**
 * A token with any of its characters escaped (escapedChar), or none: the lone surrogate of a cut key
 * as its UTF-8 encoder writes it. A match starts only where a run of backslashes does (`(?<!\\)`),
 * and takes the run whole: started at each backslash of a run, the search read the rest of the run
 * from each, and a body of 64 KiB of backslashes took 9 s (a 16 MiB one, days) in every run's
 * credential-echoed and scrubber. Each run is read once from its start now: linear in the body.
 */
function escapedCharsPattern(token: string): string {
  return `(?<!\\\\)${escapedChars(token)}`;
}

/** The characters the wrong-checksum case changes at the end of the key (and key-cut-short cuts one of). */
const CHECKSUM_CHARS = 4;

/** A secret shorter than this past its prefix and checksum is looked for whole, escaped: a shorter core may be an id's. */
const MIN_ESCAPED_CORE = 16;

/** A tab as the control-chars case sends it after the prefix: as is, JSON's `\t`, or escaped. */
const ESCAPED_TAB = '(?:\\t|\\\\+t|\\\\+u0*9|%09|&#0*9;|&#x0*9;)';

/** The hex code of a letter or digit (0-9, A-Z, a-z; either case by the pattern's `i` flag). */
const ALNUM_HEX = '(?:3[0-9]|[46][1-9a-f]|[57][0-9a])';

/** The decimal code of a letter or digit: 48-57, 65-90, 97-122. */
const ALNUM_DECIMAL = '(?:4[89]|5[0-7]|6[5-9]|[78][0-9]|90|9[7-9]|1[01][0-9]|12[0-2])';

/**
 * The most characters ESCAPED_TAIL takes: the key's last four and an appended token's few, with room
 * to spare. Unbounded, each was a step V8's backtracking stack kept: the key but its checksum, then
 * ~12 million letters (a body within --max-body-bytes) overflowed it, and the case was an ERROR.
 */
const MAX_TAIL_CHARS = 64;

/**
 * What follows the core: the key's last characters (or the wrong checksum's, or what an appended
 * token adds), as is or escaped: letters and digits only, as a key's are. An escape of anything
 * else (`\u0020`, `%2C`, `&#46;`) and the target's words after it are no key's, and stay; so a
 * letter as is follows no backslash (the `u` and digits of `\u0020` are no key's letters).
 */
const ESCAPED_TAIL = `(?:[a-z0-9]|\\\\+u00${ALNUM_HEX}|%${ALNUM_HEX}|&#0*${ALNUM_DECIMAL};|&#x0*${ALNUM_HEX};){0,${MAX_TAIL_CHARS}}`;

/**
 * The key with its characters escaped (escapedChar), and with it each wrong credential the auth
 * cases derive from it, whose echo is as much of a leak: any environment's prefix in any case, a tab
 * after it, then the secret but its last four characters (which wrong-checksum changes and
 * key-cut-short cuts), then whatever characters follow. One pattern the size of the key's: one per
 * derived token cost 1-2 s of regex compile and ~2 ms an answer. A key too short for such a core,
 * or with no `zv_test_`/`zv_live_` prefix, is looked for whole.
 */
function escapedKeyPattern(secret: string): string {
  const prefix = keyPrefix(secret.toLowerCase());
  const core = secret.slice(prefix.length, secret.length - CHECKSUM_CHARS);
  if (prefix === '' || core.length < MIN_ESCAPED_CORE) return escapedCharsPattern(secret);
  return `(?<!\\\\)${escapedChars('zv_')}(?:${escapedChars('test')}|${escapedChars('live')})${escapedChars('_')}${ESCAPED_TAB}?${escapedChars(core)}${ESCAPED_TAIL}`;
}

/**
 * What every text escapedKeyPattern matches holds: an escape's start (a backslash, `%` and two hex
 * digits, `&#`) or, with none, the part of the key it spells out whole (its core past the prefix,
 * or the whole key when looked for whole), in either case. Each character of a match is the
 * character as is or an escape (escapedChar), any backslashes before it; with no escape and no
 * backslash its characters stand side by side. The search itself tries every position of a text
 * (~0.2 s a credential in a 15 MiB body, three credentials in every run's credential-echoed and
 * scrubber); this test is one quick scan (~15-60 ms), and most answers pass none of it.
 */
function escapedKeyMayHold(secret: string): RegExp {
  const prefix = keyPrefix(secret.toLowerCase());
  const core = secret.slice(prefix.length, secret.length - CHECKSUM_CHARS);
  const spelt = prefix === '' || core.length < MIN_ESCAPED_CORE ? secret : core;
  // The same `i` flag as the pattern: its letters as is fold case as the pattern's do.
  return new RegExp(String.raw`\\|%[0-9a-f]{2}|&#|${escapeRegex(wellFormed(spelt))}`, 'i');
}

/** A token shorter than this has no hex form looked for: 32 hex digits are no accident, 8 may be an id's. */
const minHexBytes = 16;

/** Derived tokens shorter than this are not looked for: a one-letter key's wrong checksum is "0000". */
const minDerivedLength = 8;

/** One case-insensitive pattern for any of `texts` (longest first, so the longest match wins), or none for an empty list. */
function anyOf(label: string, texts: readonly string[], toPattern: (text: string) => string = escapeRegex, suffix = '', flags = 'gi'): SecretForm[] {
  const unique = [...new Set(texts)].sort((a, b) => b.length - a.length);
  return unique.length === 0 ? [] : [{ label, pattern: new RegExp(`(?:${unique.map(toPattern).join('|')})${suffix}`, flags) }];
}

/**
 * A token percent-encoded as a URL would carry it. A lone surrogate (a key cut in the middle of an
 * emoji, as the key-cut-short case cuts it) has no UTF-8 form, where encodeURIComponent throws:
 * it is encoded as U+FFFD, as a WHATWG URL encoder writes it.
 */
function percentEncoded(token: string): string {
  return encodeURIComponent(wellFormed(token));
}

/**
 * Every form of one secret; an empty secret has none (there is nothing to leak). The tokens the
 * wrong-credential cases derive from the key are looked for whole too, whatever the key's length
 * (a short key's derived tokens carry less than the partial form's pieces).
 */
export function secretForms(secret: string): SecretForm[] {
  if (secret === '') return [];
  const derived = keyDerivedTokens(secret).filter((token) => token !== secret && token.length >= minDerivedLength);
  const tokens = [secret, ...derived];
  const fragment = fragmentForm(secret);
  const utf16 = utf16Form(secret);
  const interleaved = interleavedForm(secret);
  return [
    { label: 'verbatim', pattern: new RegExp(escapeRegex(secret), 'g') },
    // A server may echo the key with its case changed (a case-insensitive lookup normalises it).
    { label: 'case-changed', pattern: new RegExp(escapeRegex(secret), 'gi') },
    ...anyOf('derived', derived),
    ...anyOf('percent-encoded', tokens.map(percentEncoded).filter((encoded, i) => encoded !== tokens[i]), percentPattern),
    ...anyOf('JSON-escaped', tokens.map((token) => JSON.stringify(token).slice(1, -1)).filter((escaped, i) => escaped !== tokens[i])),
    // Any of its characters escaped, each its own way (`\u007a`, `%7A`, `&#122;`): what the exact forms above leave.
    // The secret alone, not each derived token: the pattern is ~60 characters of regex per character
    // of the key, and with the ~15 derived tokens V8 took 1-2 s to compile it and ~2 ms to search one
    // short answer (this form is in every run: credential-echoed, the result scrubber); for the key
    // alone, the full run costs ~1.6 % more CPU than before the form.
    ...anyOf('escaped', [secret], escapedKeyPattern).map((form) => ({ ...form, mayHold: escapedKeyMayHold(secret) })),
    // The URL-safe alphabet swaps "+/" for "-_"; the tail swallows the rest of the token and its
    // padding, so "Basic <base64(key:)>" becomes "Basic [REDACTED]", not "[REDACTED]Og==". Base64
    // encodes case (a case-swapped token's is another): each derived token has its cores, each matched in any case.
    ...base64Forms(tokens),
    // Hex of its bytes, either case: a target's debug echo of the header it got ("5a765f746573745f…").
    // Only for tokens of 16 bytes or more: the hex of a mock's 4-character key is 8 digits an id could hold.
    ...anyOf('hex', tokens.filter((token) => Buffer.byteLength(token, 'utf8') >= minHexBytes).map((token) => Buffer.from(token, 'utf8').toString('hex'))),
    ...(utf16 === undefined ? [] : [utf16]),
    ...(fragment === undefined ? [] : [fragment]),
    ...(interleaved === undefined ? [] : [interleaved]),
  ];
}

function base64Forms(tokens: readonly string[]): SecretForm[] {
  const cores = tokens.flatMap(base64Cores);
  const urlSafe = cores.map((core) => core.replace(/\+/g, '-').replace(/\//g, '_')).filter((core, i) => core !== cores[i]);
  // In any case too: a quote of a media type lower-cases it (text/answer-form.ts), and base64 with its
  // case folded still gives the key back (each 4 characters one of 16 spellings, the key's alphabet
  // telling which). A core is the encoding of the whole secret: in another case it matches no other text.
  return [...anyOf('base64', cores, escapeRegex, base64Tail), ...anyOf('base64url', urlSafe, escapeRegex, base64Tail)];
}

/**
 * Forms of several secrets in the order to apply them: longer secrets first (one may contain
 * another), and for each the exact forms before the partial one, which only mops up.
 */
export function allSecretForms(secrets: readonly string[]): SecretForm[] {
  return [...secrets].sort((a, b) => b.length - a.length).flatMap(secretForms);
}

/**
 * One form of a secret as the literal text it is, with how many of its first characters say
 * nothing of the secret: the encoding of the public `zv_test_`/`zv_live_` prefix alone (0 for a
 * key without one).
 */
export interface SecretText {
  text: string;
  publicChars: number;
}

/** Base64 cores of `token` (as base64Cores), each with the characters of it the public prefix alone decides. */
function base64Texts(token: string, prefixBytes: number): SecretText[] {
  const bytes = Buffer.from(token, 'utf8');
  const texts: SecretText[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((offset * 8) / 6);
    const core = encoded.slice(start, Math.floor(((offset + bytes.length) * 8) / 6));
    if (core.length < minCoreLength) continue;
    const publicChars = Math.max(0, Math.floor(((offset + prefixBytes) * 8) / 6) - start);
    texts.push({ text: core, publicChars }, { text: core.replace(/\+/g, '-').replace(/\//g, '_'), publicChars });
  }
  return texts;
}

/**
 * One character escaped each way an encoder that escapes all writes it: JSON's `\u0041` (each UTF-16
 * unit), a URL's `%41` (each UTF-8 byte), an HTML or XML reference `&#65;` or `&#x41;`.
 */
function charEscapes(char: string): string[] {
  const code = char.codePointAt(0) ?? 0;
  const units = [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
  const bytes = [...Buffer.from(wellFormed(char), 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  return [units, bytes, `&#${code};`, `&#x${code.toString(16)};`];
}

/**
 * `token` with every character escaped one way (charEscapes). The escaped form's pattern takes these
 * whole; a cut leaves their head, which only a literal text finds (cut-pieces.ts reads a run of
 * backslashes as one, so `\\u0041` is found too, and any escape whole however it is padded or cased).
 */
function everyCharEscaped(token: string): string[] {
  const chars = [...token].map(charEscapes);
  return [0, 1, 2, 3].map((way) => chars.map((escapes) => escapes[way]).join(''));
}

/**
 * The heads a cut inside the escape of one of `token`'s ASCII letters leaves when the letter was
 * written as a capital (`&#6` of `&#65;`, whatever case the token has it in). cut-pieces.ts reads a
 * whole escape in either case as one, in lower case (the form's own `&#65;` reads as `&#97;`), so the
 * escapes before the cut may be in any case mix, and a cut inside a small letter's escape is the
 * form's own head; but what a cut left of the last one it reads as it stands: each letter's head as a
 * capital is a text here, the token's own capitals' too (a token with a letter beyond ASCII keeps its
 * case, and its capitals are no other token's small letters).
 */
function capitalHeads(token: string): string[] {
  const heads: string[] = [];
  // The token's escapes so far, one way each: built once, each head a copy of one.
  const before = ['', '', '', ''];
  for (const char of token) {
    if (/^[A-Za-z]$/.test(char)) {
      charEscapes(char.toUpperCase()).forEach((escape, way) => heads.push(`${before[way] as string}${escape.slice(0, -1)}`));
    }
    charEscapes(char).forEach((escape, way) => {
      before[way] += escape;
    });
  }
  return heads;
}

/**
 * The forms of secretForms as literal texts, for what cannot be a pattern: the head of a form that a
 * cut left (cut-pieces.ts), which no form matches whole. The same tokens (the secret and the wrong
 * credentials derived from it) in the same encodings: as is, percent-encoded, JSON-escaped, base64
 * and base64url (each core), hex, and every character escaped (everyCharEscaped: a head of it shows
 * the secret's first characters as plainly as the key's own head does).
 */
export function secretTexts(secret: string): SecretText[] {
  if (secret === '') return [];
  const tokens = [secret, ...keyDerivedTokens(secret).filter((token) => token !== secret && token.length >= minDerivedLength)];
  const plain = tokens.flatMap((token) => {
    // Any case: the swapped-case token the suite sends begins "ZV_TEST_", no less public.
    const prefix = token.slice(0, keyPrefix(token.toLowerCase()).length);
    const prefixBytes = Buffer.byteLength(prefix, 'utf8');
    const texts: SecretText[] = [
      { text: token, publicChars: prefix.length },
      { text: percentEncoded(token), publicChars: percentEncoded(prefix).length },
      { text: JSON.stringify(token).slice(1, -1), publicChars: JSON.stringify(prefix).length - 2 },
      ...base64Texts(token, prefixBytes),
    ];
    if (Buffer.byteLength(token, 'utf8') >= minHexBytes) texts.push({ text: Buffer.from(token, 'utf8').toString('hex'), publicChars: 2 * prefixBytes });
    // JSON-escaped, then percent-encoded (a JSON text in a URL): the tab the suite sends after the prefix is `%5Ct`.
    const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);
    texts.push({ text: percentEncoded(jsonEscaped(token)), publicChars: percentEncoded(jsonEscaped(prefix)).length });
    // In UTF-16 (utf16Form), its NULs raw or as a JSON text writes them: the form's pieces are half the
    // key, and a cut left any head (12 of 40 characters showed 4 past the prefix). Little-endian only:
    // big-endian is the same text past its first NUL, which tells nothing.
    if (token.length >= minUtf16Length) {
      const utf16 = Buffer.from(token, 'utf16le').toString('utf8');
      texts.push({ text: utf16, publicChars: 2 * prefix.length }, { text: jsonEscaped(utf16), publicChars: jsonEscaped(Buffer.from(prefix, 'utf16le').toString('utf8')).length });
    }
    return texts;
  });
  return [...plain, ...escapedTexts(tokens)];
}

/**
 * How each way of charEscapes begins whatever the character (`\\u`, `%`, `&#`, `&#x`): a cut just
 * past the escaped public prefix that leaves this much of the next escape shows nothing of the
 * secret, and a text that has the escaped prefix before some other escape (this suite's README,
 * `export ZAVU_API_KEY=zv_test_…` escaped every character and cut there: `…&#95;&`) is no key's head.
 */
const ESCAPE_LEADS = ['\\u', '%', '&#', '&#x'];

/**
 * Each token with every character escaped (everyCharEscaped), and the head a cut leaves inside a
 * letter's escape written as a capital (capitalHeads), each text once. cut-pieces reads a whole
 * escape in either case as one, so the lower-cased token's texts stand for the token in any case
 * mix (lower- or upper-cased by a target that so echoes it, or mangled): an escape names one case's
 * code, which no folding of the text's letters reads as the other. A token with a letter beyond
 * ASCII, whose case cut-pieces does not fold, has its texts in its own case, lower- and upper-cased.
 */
function escapedTexts(tokens: readonly string[]): SecretText[] {
  const texts = new Map<string, number>();
  for (const token of tokens) {
    const prefixLength = keyPrefix(token.toLowerCase()).length;
    const cases = /^[\x00-\x7f]*$/.test(token) ? [token.toLowerCase()] : [token, token.toLowerCase(), token.toUpperCase()];
    for (const cased of new Set(cases)) {
      // The public prefix escaped, and the start of the next escape, which names no character yet.
      const publicChars = everyCharEscaped(cased.slice(0, prefixLength)).map((escaped, way) => escaped.length + (ESCAPE_LEADS[way] as string).length);
      everyCharEscaped(cased).forEach((text, way) => texts.set(text, publicChars[way] as number));
      capitalHeads(cased).forEach((text, i) => texts.set(text, publicChars[i % 4] as number));
    }
  }
  return [...texts].map(([text, publicChars]) => ({ text, publicChars }));
}
