/**
 * Credentials a target sent, found in free text by their shape or by the name they stand under.
 * The configured key is found by its forms (secret-forms); a session the target opened, a JWT it
 * issued, a token under a key of its JSON are values the suite cannot know in advance. A recording
 * already drops them by name where it sees the structure (a header's name, a JSON body's keys);
 * the reports see them only as text a check quoted: a body's excerpt, a value described at a
 * pointer (`Received: /sync/session_token = "…"`), an object described whole. This is that text's
 * pass, and the recording's too, so the two redact the same values the same way.
 */
import { redactEscapedMembers } from './escaped-members';
import { redactMarkupValues } from './markup-values';
import { isQuotedMarker, isSensitiveJsonKey, isSensitiveName, kindAtText, redacted, redactedKind } from './sensitive-names';

/** A base64url run: the alphabet of a JWT's segments (RFC 7515 §2, unpadded). */
const B64URL = '[A-Za-z0-9_-]';

/**
 * A JWT (a JWS, RFC 7519; or a JWE, five segments): a header that is base64url of a JSON object,
 * then a dot and at least the start of its payload (of a JWE with no encrypted key, two dots and
 * its IV). Most headers are compact JSON and start `eyJ` ('{"'), but RFC 7515 takes any JSON: a
 * pretty-printed one starts `ewog` ('{\n '), `ewo`/`ew0`/`ewk` or `eyA` ('{ '); so the run starts
 * `ey` or `ew`, and isJwtHeader tells a JSON object's opening from a word that merely starts so.
 * The header is kept: it names the algorithm and key id and holds no secret (RFC 7515 §4), and it
 * says what was there; the payload (claims: a user, a session) and the signature are what a reader
 * of a report must not be able to replay. Not inside a longer base64url word (the lookbehind),
 * which is no JWT. Past the header, the standard base64 alphabet ("+", "/", "=") and "\\" (PHP's
 * `\\/`) go on with it: a token encoded off the RFC's alphabet loses its payload whole, not up to
 * its first "+". Only loops over one character class (`{9}` then `*`, not `{9,}`; the segments
 * after the first as one run of base64url and dots): the engine backtracks through any other loop
 * one stack frame per turn, and 8 MB of "eyJeyJ…" or of "a.a.a…" overflowed it.
 */
// A JSON escape's letter (`\n`, `\t`, `\r`) is no part of a word: `"Bearer\neyJ…"` starts a token there;
// nor are a percent-escape's hex digits: `?q=%22eyJ…%22`, `%20eyJ…` in a URL start one (read from
// the payload, the next word a dot starts, the claims were kept).
const AFTER_PERCENT_ESCAPE = '(?<=%[0-9A-Fa-f]{2})';
const JWT = new RegExp(`(?:(?<!${B64URL})|(?<=\\\\[nrt])|${AFTER_PERCENT_ESCAPE})(e[wy]${B64URL}{9}${B64URL}*)\\.\\.?${B64URL}[A-Za-z0-9_.+/=\\\\-]*`, 'g');

/** Whether a base64url segment decodes to the opening of a JSON object: "{", whitespace, a quote. */
function isJwtHeader(segment: string): boolean {
  if (segment.startsWith('eyJ')) return true; // '{"': compact JSON, nearly every JWT
  // Its first 16 characters are its first 12 bytes: "{" and the whitespace a pretty printer puts before the first name.
  return /^\{\s*"/.test(Buffer.from(segment.slice(0, 16), 'base64url').toString('latin1'));
}

/**
 * A JWT's header kept and the rest redacted; dots after its last segment (a sentence's end) are not
 * part of it, and stay, as do backslashes there. A header and one more segment is a JWT only where the text was cut after
 * it (its end, or the "…" of an excerpt): whole, a JWS has two dots at least, and a base64 JSON id
 * with a file's extension (`eyJpZCI6MX0.json`) is no token.
 */
function redactJwt(match: string, header: string, offset: number, text: string): string {
  if (!isJwtHeader(header)) return match;
  const after = offset + match.length;
  const cut = after === text.length || text.charAt(after) === '\u2026';
  if (!cut && match.indexOf('.', header.length + 1) < 0) return match;
  // Trailing backslashes open the JSON escape that ends the string (`\\"`): kept, so the JSON stays whole.
  let end = match.length;
  while (match.charAt(end - 1) === '.' || match.charAt(end - 1) === '\\') end -= 1;
  return `${header}.${redacted}${match.slice(end)}`;
}

/** A character a JWT's run holds (see JWT): base64url, the dot, and the standard alphabet's "+/=". */
/** A run of them, read from `lastIndex`: one character class, no backtracking. */
const JWT_CHARS = /[A-Za-z0-9_.+/=-]*/y;

const isJwtChar = (c: string): boolean => c.length === 1 && 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+/=-'.includes(c);

/**
 * JWTs written with JSON escapes (`ey\u004a…`, `\u002e` for a dot, `\/`: an encoder that escapes
 * more than it must), which the pattern, reading the raw text, takes for no token. Every run of
 * JWT characters and of escapes of them (`\uXXXX` of one, `\/`) that holds such an escape is read
 * decoded; where that holds a JWT, the run is written decoded, the JWT redacted (plain characters
 * are as valid in a JSON string as their escapes). A loop reading each character once, the text
 * read from its start so a `\\u…` (an escaped backslash, then letters) is told from an escape.
 */
function redactEscapedJwts(text: string): string {
  if (!text.includes('\\u') && !text.includes('\\/')) return text;
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    let decoded = '';
    let escaped = false;
    const start = i;
    for (;;) {
      const c = text.charAt(i);
      if (c === '\\') {
        const next = text.charAt(i + 1);
        const unit = next === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)) ? String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)) : next === '/' ? '/' : '';
        if (unit !== '' && isJwtChar(unit)) {
          decoded += unit;
          escaped = true;
          i += next === 'u' ? 6 : 2;
          continue;
        }
        if (decoded === '') i += next === '' ? 1 : 2; // an escape of another character: no run starts in it
        break;
      }
      if (c === '' || !isJwtChar(c)) {
        if (decoded === '') i += 1;
        break;
      }
      // Its plain characters taken as one slice: a character at a time, 8 MB of them took seconds.
      JWT_CHARS.lastIndex = i;
      JWT_CHARS.test(text);
      decoded += text.slice(i, JWT_CHARS.lastIndex);
      i = JWT_CHARS.lastIndex;
    }
    if (!escaped) continue;
    // What follows the run: its end, or an excerpt's "…", tells a JWT cut short (see redactJwt).
    const after = text.charAt(i);
    const view = decoded + after;
    const written = view.replace(JWT, (match: string, header: string, offset: number) => redactJwt(match, header, offset, view));
    // The character after the run ends `written` as it ended `view`: redactJwt keeps what follows a JWT.
    const redactedRun = written.slice(0, written.length - after.length);
    if (redactedRun !== decoded) {
      out += text.slice(from, start) + redactedRun;
      from = i;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Where the string quoted by `quote` (a JSON string's `"` unless told) that opens at `start` ends,
 * past its closing quote; -1 when it does not close. A backslash escapes the next character (JSON's
 * escapes, and Python's repr writes `\'`). A loop, not a pattern: a pattern's loop over characters
 * and escapes takes a stack frame per turn, and an open quote before 8 MB of text (or of `\"`)
 * would overflow it.
 */
function quotedEnd(text: string, start: number, quote = '"'): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === '\\') i += 1;
    else if (c === quote) return i + 1;
  }
  return -1;
}

/**
 * Where the JSON value that starts at `start` ends: a string at its closing quote, an object or
 * array at its matching bracket (strings inside skipped), a scalar at the first delimiter. Text
 * cut short (an excerpt) ends the value at its end: failing closed.
 */
function valueEnd(text: string, start: number): number {
  const first = text.charAt(start);
  if (first === '"') {
    const end = quotedEnd(text, start);
    return end < 0 ? text.length : end;
  }
  if (first !== '{' && first !== '[') {
    const stop = /[\s,}\]]/g;
    stop.lastIndex = start;
    return stop.exec(text)?.index ?? text.length;
  }
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (c === '"') {
      const end = quotedEnd(text, i);
      if (end < 0) return text.length;
      i = end - 1;
    } else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** A JSON pointer's reference tokens (RFC 6901: "~1" is "/", "~0" is "~"). */
const pointerTokens = (pointer: string): string[] => pointer.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));

/**
 * What replaces the value `text.slice(start, end)` under a sensitive name: the marker of its kind as
 * a JSON string, so a quoted object stays JSON ("[REDACTED number]": the reader is not told the target sent a string), or the value
 * itself when it is a marker already (a recording's body, scrubbed again on replay, reads as live).
 */
function markerFor(text: string, start: number, end: number): string {
  const value = text.slice(start, end);
  if (isQuotedMarker(value)) return value;
  return `"${redactedKind(kindAtText(text.charAt(start)))}"`;
}

/** The index past the whitespace at `at`. */
function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text.charAt(i))) i += 1;
  return i;
}

/**
 * The values of JSON members with a sensitive name (a body's excerpt, an object a check described
 * whole), each replaced by the marker, an object or array under the name as a whole, as
 * redact-json drops it from a JSON body. Every quote is tried as a key's opening, as a pattern
 * would be: a body's excerpt is quoted unescaped inside the check's own quotes (`Received:
 * "{"a":…`), so the first string seen may be no string of the body. Each quote is read at most
 * twice: linear.
 */
function redactMembers(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('"'); open >= 0; ) {
    const close = quotedEnd(text, open);
    if (close < 0) break;
    const colon = skipSpace(text, close);
    if (text.charAt(colon) !== ':') {
      // Its closing quote may be the opening of a key: tried next.
      open = close - 1;
      continue;
    }
    const start = skipSpace(text, colon + 1);
    if (isSensitiveJsonKey(text.slice(open + 1, close - 1)) && start < text.length) {
      const end = valueEnd(text, start);
      out += text.slice(from, start) + markerFor(text, start, end);
      from = end;
      open = text.indexOf('"', end);
    } else open = text.indexOf('"', start);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Where a JSON string the text may stand in ends: its first unescaped double quote, or the text's end. */
function jsonStringStop(text: string, from: number): number {
  // Read as the rest of a string whose opening quote stood just before `from`.
  const end = quotedEnd(text, from - 1);
  return end < 0 ? text.length : end - 1;
}

/** What may begin a Python value in a repr: a string (with its prefix), a number, a dict, list or tuple, True, False or None. */
const PYTHON_VALUE_START = /^(?:[brufBRUF]{0,2}'|\\?"|[-+.\d{[(]|True\b|False\b|None\b)/;

/**
 * Whether a close that may be Python's escaped quote written inside a JSON string (`\\'`) ends
 * the value: a bracket or the end of a JSON string (or of the text) follows, or a separator and
 * then another value, as Python's own repr goes on (`'a\\', 'n': 1`). A separator and anything
 * else (`'ab\\', SECRET'`: the value "ab', SECRET" inside a JSON string) is inside the string, which
 * goes on. A value is never cut off so, where reading on only redacts more.
 */
function endsAmbiguousPythonValue(text: string, at: number): boolean {
  const next = skipSpace(text, at);
  const c = text.charAt(next);
  if (c === '' || '}])"'.includes(c)) return true;
  if (c !== ',' && c !== ':') return false;
  const value = skipSpace(text, next + 1);
  return value >= text.length || PYTHON_VALUE_START.test(text.slice(value, value + 6));
}

/**
 * Where the single-quoted Python string opening at `start` ends, as quotedEnd reads it, but read
 * as Python inside a JSON string too: there Python's `\'` is written `\\'` (the backslash escaped
 * for JSON), which quotedEnd takes for an escaped backslash and a closing quote, and the rest of
 * the value (`'abc\\'SECRET'`: "SECRET") was kept. A close after a run of 2, 6, 10, … backslashes
 * (an odd number of Python's) is such a quote, and the string goes on, unless a bracket follows, or
 * a separator and another value, as in Python's own repr (`'a\\', 'n': 1`: a value ending in a
 * backslash); a separator alone does not (`'ab\\', SECRET'` read as closed kept "SECRET"). Each
 * character is read once (the look past a separator reads its spaces and six characters).
 */
function pythonQuotedEnd(text: string, start: number): number {
  let close = quotedEnd(text, start, "'");
  while (close >= 0) {
    let backslashes = 0;
    while (text.charAt(close - 2 - backslashes) === '\\') backslashes += 1;
    // Any other close is one (a quote after an even run of Python's backslashes, or none).
    if (backslashes % 4 !== 2 || endsAmbiguousPythonValue(text, close)) break;
    close = quotedEnd(text, close - 1, "'");
  }
  return close;
}

/**
 * Where the Python value at `start` ends, and what replaces it: a string (`'…'`, `"…"`, or `\"…\"`
 * inside a JSON string) to its closing quote, a dict or list to its matching bracket (its
 * single-quoted strings skipped), any other at its first delimiter. What does not close ends at
 * the first unescaped `"` (the end of a JSON string it is written in: the outer JSON stays JSON) or
 * at the text's end: failing closed. Loops, each character read once.
 */
function pythonValue(text: string, start: number): { end: number; marker: string } {
  const first = text.charAt(start);
  if (first === "'" || first === '"' || text.startsWith('\\"', start)) {
    const quote = first === '\\' ? '\\"' : first;
    let end: number;
    if (quote === '\\"') {
      const close = text.indexOf('\\"', start + 2);
      end = close < 0 ? jsonStringStop(text, start + 2) : close + 2;
    } else {
      const close = quote === "'" ? pythonQuotedEnd(text, start) : quotedEnd(text, start, quote);
      end = close < 0 ? jsonStringStop(text, start + 1) : close;
    }
    const value = text.slice(start, end);
    return { end, marker: isQuotedMarker(value, quote) ? value : `${quote}${redacted}${quote}` };
  }
  let end = text.length;
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = start; i < text.length; i += 1) {
      const c = text.charAt(i);
      if (c === "'") {
        const close = pythonQuotedEnd(text, i);
        if (close < 0) {
          end = jsonStringStop(text, i);
          break;
        }
        i = close - 1;
      } else if (c === '"' || (c === '\\' && text.charAt(i + 1) === '"')) {
        end = i;
        break;
      } else if (c === '{' || c === '[') depth += 1;
      else if (c === '}' || c === ']') {
        depth -= 1;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
    }
  } else {
    const stop = /[\s,}\])"\\]/g;
    stop.lastIndex = start;
    end = stop.exec(text)?.index ?? text.length;
  }
  return { end, marker: `'${redactedKind(kindAtText(first))}'` };
}

/**
 * The values under sensitive keys of a Python dict written as its repr (`{'access_token': '…'}`),
 * as a Python server's error message quotes one, also inside a JSON string: each replaced by the
 * marker, quoted as the value was (a dict or list as `'[REDACTED object]'`), so the outer JSON
 * stays JSON. A key is a single-quoted word without whitespace followed by a colon: prose between
 * two apostrophes (`don't … user's`) holds a space, and is no key. Each quote is read at most twice.
 */
function redactPythonMembers(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf("'"); open >= 0; ) {
    const close = quotedEnd(text, open, "'");
    if (close < 0) break;
    const key = text.slice(open + 1, close - 1);
    const colon = skipSpace(text, close);
    if (text.charAt(colon) !== ':' || /\s/.test(key)) {
      // Its closing quote may be the opening of a key: tried next.
      open = close - 1;
      continue;
    }
    const start = skipSpace(text, colon + 1);
    if (start < text.length && isSensitiveName(key)) {
      const { end, marker } = pythonValue(text, start);
      out += text.slice(from, start) + marker;
      from = end;
      open = text.indexOf("'", end);
    } else open = text.indexOf("'", start);
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Whether any key of the JSON text is a sensitive name, read as redactMembers reads it (a string
 * that is no key may be taken for one: that only fails closed), without building a tree.
 */
export function hasSensitiveMember(text: string): boolean {
  let open = text.indexOf('"');
  while (open >= 0) {
    const close = quotedEnd(text, open);
    if (close < 0) return false;
    if (text.charAt(skipSpace(text, close)) === ':' && isSensitiveJsonKey(text.slice(open + 1, close - 1))) return true;
    // Its closing quote may be the opening of a key: tried next.
    open = close - 1;
  }
  return false;
}

/**
 * The values a check named by a JSON pointer (`Received: /sync/session_token = "…"`) when a token
 * of the pointer is a sensitive name: the value under a credential's name goes, nested or not, as
 * redact-json drops it. A pointer starts a line or follows a space or "(", and may hold spaces
 * itself (`/sync/my token`, a key redact-json drops): it is read from the first such "/" of its
 * line (or after the last " = "), so every token of the pointer is tried (and text before it at
 * most fails closed). Each character is read once, whatever number of " = " a line holds: linear.
 */
function redactPointedValues(text: string): string {
  let out = '';
  let from = 0;
  /** The first "/" that may start a pointer on the current line, before `scanned`; -1 for none yet. */
  let first = -1;
  let scanned = 0;
  for (let eq = text.indexOf(' = '); eq >= 0; ) {
    for (; scanned < eq; scanned += 1) {
      const c = text.charAt(scanned);
      if (c === '\n') first = -1;
      else if (c === '/' && first < 0 && (scanned === from || /[\s(]/.test(text.charAt(scanned - 1)))) first = scanned;
    }
    const start = eq + 3;
    if (first >= 0 && pointerTokens(text.slice(first, eq)).some(isSensitiveName) && start < text.length) {
      const end = valueEnd(text, start);
      out += text.slice(from, start) + markerFor(text, start, end);
      from = end;
      scanned = end;
      first = -1;
      eq = text.indexOf(' = ', end);
    } else {
      // A pointer holds no " = " of its own: the next starts after this one (each character read once).
      scanned = start;
      first = -1;
      eq = text.indexOf(' = ', start);
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * A header line, or a YAML one, as a target may echo a request into a body (`GET / HTTP/1.1\r\n
 * Authorization: Bearer …\r\nX-Api-Key: …`): a name at the start of a line (after a line break,
 * or its JSON escape `\n`, `\r`), a colon, the value to the line's end (or to a quote or
 * backslash, where a JSON string's escape begins). Not at the start of the text: an echoed header
 * block starts with its request or status line, and the suite's own one-line errors start with the
 * setting they are about (`ZAVU_API_KEY: the API key must be …`), which must still say what is
 * wrong. A name that starts after a space is no line's, so prose and the suite's own
 * `-H "Authorization: …"` are not read as one. The name is given back a character at a time only
 * to a single test of the colon: each line start is read once.
 */
const HEADER_LINE = /([\r\n]|\\[rn])([A-Za-z][A-Za-z0-9_-]*)([ \t]*:[ \t]*)([^\r\n"\\]*)/g;

/**
 * A folded line (obsolete line folding, RFC 9112 §5.2): a line break, raw or JSON-escaped, then a
 * space or tab (in a JSON string, its escape `\t`); the value goes on in it. Fixed length: no loop for the engine to backtrack.
 */
const FOLD = /(?:\r\n|\r|\n)[ \t]|(?:\\r\\n|\\r|\\n)(?:[ \t]|\\t)/y;
/** The rest of a folded line's value, up to its end (or to a JSON string's escape): one character class. */
const LINE_REST = /[^\r\n"\\]*/y;

/**
 * The text with the value of every header line with a sensitive name replaced by the marker, its
 * folded continuation lines too (`Authorization:\r\n Bearer …`: the value, empty on the name's
 * line, is all in the next). Each character is read once: a fold is read from where the line ended.
 */
function redactHeaderLines(text: string): string {
  let out = '';
  let from = 0;
  HEADER_LINE.lastIndex = 0;
  for (let match = HEADER_LINE.exec(text); match !== null; match = HEADER_LINE.exec(text)) {
    const [line, before = '', name = '', colon = '', value = ''] = match;
    if (!isSensitiveName(name)) continue;
    let end = match.index + line.length;
    let folded = value;
    for (FOLD.lastIndex = end; FOLD.test(text); FOLD.lastIndex = end) {
      LINE_REST.lastIndex = FOLD.lastIndex;
      LINE_REST.test(text);
      folded += text.slice(FOLD.lastIndex, LINE_REST.lastIndex);
      end = LINE_REST.lastIndex;
    }
    HEADER_LINE.lastIndex = end;
    if (folded.trim() === '' || value === redacted) continue;
    out += text.slice(from, match.index) + before + name + colon + redacted;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Base64 of a JSON object (it starts `eyJ`, '{"'), standard or URL-safe, that is no JWT: an OAuth
 * `state`, a cursor, a blob a target echoes. One with a sensitive name among its keys goes whole
 * (`{"access_token":…}` encoded is as good as the token); any other is kept. A run starts where a
 * base64 word does (the lookbehind), and is one character class: read once; under 12 characters
 * it cannot hold `{"key":1}`, so shorter words are not decoded. An "=" or a "/" before it does not
 * make it part of a longer word: it is what comes before a value (`?state=eyJ…`, a cookie, a form
 * field) or a path segment (`/resume/eyJ…`), where such a blob is sent (read as part of one, an
 * access token in `?state=eyJ…` was kept); nor does a percent-escape (`?state=%22eyJ…%22`).
 */
const BASE64_JSON = new RegExp(`(?:(?<![A-Za-z0-9_+-])|${AFTER_PERCENT_ESCAPE})eyJ[A-Za-z0-9_+/-]{9}[A-Za-z0-9_+/-]*={0,2}`, 'g');

function redactBase64Json(match: string): string {
  return hasSensitiveMember(Buffer.from(match, 'base64').toString('utf8')) ? redacted : match;
}

/**
 * `text` without the credentials a target sent that its shape or name gives away: every JWT
 * (its header kept, `eyJhbGciOiJIUzI1NiJ9.[REDACTED]`), and every value under a sensitive name
 * in JSON a check quoted or a pointer it named, also in JSON inside a JSON string (escaped up to
 * MAX_ESCAPE_DEPTH times, its quotes `\"` or `\u0022`) and in a JWT written with JSON escapes, and
 * in a Python dict's repr, every credential's value in HTML or XML (markup-values), base64 of JSON holding one, and the
 * value of a header line with a sensitive name. What the checks judged is untouched: this runs on
 * what is written, after them.
 */
export function redactReceivedTokens(text: string): string {
  return redactMarkupValues(redactMembers(redactPythonMembers(redactEscapedMembers(redactPointedValues(redactHeaderLines(redactEscapedJwts(text).replace(JWT, redactJwt).replace(BASE64_JSON, redactBase64Json)))))));
}
