/**
 * Credentials a target sent, found in free text by their shape or by the name they stand under.
 * The configured key is found by its forms (secret-forms); a session the target opened, a JWT it
 * issued, a token under a key of its JSON are values the suite cannot know in advance. A recording
 * already drops them by name where it sees the structure (a header's name, a JSON body's keys);
 * the reports see them only as text a check quoted: a body's excerpt, a value described at a
 * pointer (`Received: /sync/session_token = "…"`), an object described whole. This is that text's
 * pass, and the recording's too, so the two redact the same values the same way.
 */
import { REDACTED_MARKERS, isSensitiveName, redacted, redactedKind, type RedactedKind } from './sensitive-names';

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
// A JSON escape's letter (`\n`, `\t`, `\r`) is no part of a word: `"Bearer\neyJ…"` starts a token there.
const JWT = new RegExp(`(?:(?<!${B64URL})|(?<=\\\\[nrt]))(e[wy]${B64URL}{9}${B64URL}*)\\.\\.?${B64URL}[A-Za-z0-9_.+/=\\\\-]*`, 'g');

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
 * Where the JSON string that opens at `start` (a quote) ends, past its closing quote; -1 when it
 * does not close. A loop, not a pattern: a pattern's loop over characters and escapes takes a stack
 * frame per turn, and an open quote before 8 MB of text (or of `\"`) would overflow it.
 */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 1; // a backslash escapes the next character
    else if (c === 0x22) return i + 1;
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
    const end = stringEnd(text, start);
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
      const end = stringEnd(text, i);
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

/** A key as JSON reads it (`"\u0074oken"` is "token"); one that does not parse counts as sensitive: failing closed. */
function isSensitiveKey(raw: string): boolean {
  if (!raw.includes('\\')) return isSensitiveName(raw);
  try {
    const key: unknown = JSON.parse(`"${raw}"`);
    return typeof key !== 'string' || isSensitiveName(key);
  } catch {
    return true;
  }
}

/** A JSON pointer's reference tokens (RFC 6901: "~1" is "/", "~0" is "~"). */
const pointerTokens = (pointer: string): string[] => pointer.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));

/** The kind of the JSON value whose text starts with `first` (its first character); undefined for a string or text that is no value. */
function kindAt(first: string): RedactedKind | undefined {
  if (first === '{') return 'object';
  if (first === '[') return 'array';
  if (first === 't' || first === 'f') return 'boolean';
  if (first === 'n') return 'null';
  return /[-0-9]/.test(first) ? 'number' : undefined;
}

/**
 * What replaces the value `text.slice(start, end)` under a sensitive name: the marker of its kind as
 * a JSON string, so a quoted object stays JSON ("[REDACTED number]": the reader is not told the target sent a string), or the value
 * itself when it is a marker already (a recording's body, scrubbed again on replay, reads as live).
 */
function markerFor(text: string, start: number, end: number): string {
  const value = text.slice(start, end);
  if (value.startsWith('"') && value.endsWith('"') && REDACTED_MARKERS.has(value.slice(1, -1))) return value;
  return `"${redactedKind(kindAt(text.charAt(start)))}"`;
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
    const close = stringEnd(text, open);
    if (close < 0) break;
    const colon = skipSpace(text, close);
    if (text.charAt(colon) !== ':') {
      // Its closing quote may be the opening of a key: tried next.
      open = close - 1;
      continue;
    }
    const start = skipSpace(text, colon + 1);
    if (isSensitiveKey(text.slice(open + 1, close - 1)) && start < text.length) {
      const end = valueEnd(text, start);
      out += text.slice(from, start) + markerFor(text, start, end);
      from = end;
      open = text.indexOf('"', end);
    } else open = text.indexOf('"', start);
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * JSON inside a JSON string (a wrapped upstream error: `{"details":"{\"access_token\":\"…\"}"}`):
 * there every quote of the inner JSON is written `\"`, every backslash of it `\\`, and its
 * whitespace may be `\n`, `\t`, `\r`. The helpers below read that inner JSON where it stands, one
 * character of it at a time (a character, or an escape of the outer string); an unescaped quote is
 * the outer string's end, where the inner JSON ends too.
 */

/** The length in the text of the inner character at `at`: an escape of the outer string is two characters, a `\uXXXX` six. */
function escapedCharLength(text: string, at: number): number {
  if (text.charCodeAt(at) !== 0x5c) return 1;
  return text.charAt(at + 1) === 'u' ? 6 : 2;
}

/**
 * Where the inner string that opens at `start` (a `\"`) stops: at its closing `\"` (returned, the
 * string closed) or at the outer string's end (an unescaped quote) or the text's end (not closed).
 * An inner escape is `\\` then the character it escapes (`\\\"` is a quote inside the inner string).
 */
function escapedStringStop(text: string, start: number): number {
  for (let i = start + 2; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i;
    if (c !== 0x5c) i += 1;
    else if (text.charAt(i + 1) === '"') return i;
    else if (text.charAt(i + 1) === '\\') i += 2 + escapedCharLength(text, i + 2);
    else i += escapedCharLength(text, i);
  }
  return text.length;
}

/** Whether the inner string stopped at `stop` closed there (its `\"`), rather than at the outer string's end. */
const closesAt = (text: string, stop: number): boolean => text.charCodeAt(stop) === 0x5c;

/** The index past the inner whitespace at `at`: raw, or the outer string's `\n`, `\t`, `\r`. */
function skipEscapedSpace(text: string, at: number): number {
  let i = at;
  for (;;) {
    if (/\s/.test(text.charAt(i))) i += 1;
    else if (text.charAt(i) === '\\' && /[ntr]/.test(text.charAt(i + 1))) i += 2;
    else return i;
  }
}

/**
 * Where the inner JSON value at `start` ends: a string past its closing `\"`, an object or array at
 * its matching bracket, a scalar at the first delimiter or escape. A value cut by the outer
 * string's end (or the text's) ends there: failing closed, the outer JSON kept whole.
 */
function escapedValueEnd(text: string, start: number): number {
  if (text.startsWith('\\"', start)) {
    const stop = escapedStringStop(text, start);
    return closesAt(text, stop) ? stop + 2 : stop;
  }
  const first = text.charAt(start);
  if (first !== '{' && first !== '[') {
    const stop = /[\s,}\]\\"]/g;
    stop.lastIndex = start;
    return stop.exec(text)?.index ?? text.length;
  }
  let depth = 0;
  for (let i = start; i < text.length; ) {
    const c = text.charAt(i);
    if (c === '"') return i;
    if (c === '\\' && text.charAt(i + 1) === '"') {
      const stop = escapedStringStop(text, i);
      if (!closesAt(text, stop)) return stop;
      i = stop + 2;
      continue;
    }
    if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += escapedCharLength(text, i);
  }
  return text.length;
}

/** A key of the inner JSON as JSON reads it, the outer string's escapes first; one that does not parse is sensitive: failing closed. */
function isSensitiveEscapedKey(raw: string): boolean {
  if (!raw.includes('\\')) return isSensitiveName(raw);
  try {
    const inner: unknown = JSON.parse(`"${raw}"`);
    return typeof inner !== 'string' || isSensitiveKey(inner);
  } catch {
    return true;
  }
}

/** The marker as the inner JSON writes a string: the outer JSON stays JSON, and so does the inner. */
/** markerFor inside a JSON string, where the marker's quotes are written `\\"`: a string's value opens with `\\"`. */
function escapedMarkerFor(text: string, start: number, end: number): string {
  const value = text.slice(start, end);
  if (value.startsWith('\\"') && value.endsWith('\\"') && REDACTED_MARKERS.has(value.slice(2, -2))) return value;
  const first = text.charAt(start);
  return `\\"${redactedKind(first === '\\' ? undefined : kindAt(first))}\\"`;
}

/**
 * redactMembers one level down: the values of members of JSON written inside a JSON string
 * (`\"access_token\":\"…\"`, `\"pin\": 12`) with a sensitive name, each replaced by `\"[REDACTED]\"`.
 * Read from the start, an escape at a time, so a `\"` is told from the `\\\"` of a quote inside an
 * inner string; every inner quote is tried as a key's opening, as redactMembers tries every quote.
 * A loop, each character read at most three times: linear, and no stack frame per turn.
 */
function redactEscapedMembers(text: string): string {
  if (!text.includes('\\"')) return text;
  let out = '';
  let from = 0;
  let at = 0;
  for (let slash = text.indexOf('\\', at); slash >= 0; slash = text.indexOf('\\', at)) {
    const next = text.charAt(slash + 1);
    if (next !== '"') {
      // An inner backslash escapes the inner character after it: a `\\\"` opens no key.
      at = slash + 2 + (next === '\\' ? escapedCharLength(text, slash + 2) : 0);
      continue;
    }
    const stop = escapedStringStop(text, slash);
    if (!closesAt(text, stop)) {
      at = stop;
      continue;
    }
    const colon = skipEscapedSpace(text, stop + 2);
    if (text.charAt(colon) !== ':') {
      // Its closing `\"` may be the opening of a key: tried next.
      at = stop;
      continue;
    }
    const start = skipEscapedSpace(text, colon + 1);
    if (start < text.length && isSensitiveEscapedKey(text.slice(slash + 2, stop))) {
      const end = escapedValueEnd(text, start);
      out += text.slice(from, start) + escapedMarkerFor(text, start, end);
      from = end;
      at = end;
    } else at = start;
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
    const close = stringEnd(text, open);
    if (close < 0) return false;
    if (text.charAt(skipSpace(text, close)) === ':' && isSensitiveKey(text.slice(open + 1, close - 1))) return true;
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
 * `text` without the credentials a target sent that its shape or name gives away: every JWT
 * (its header kept, `eyJhbGciOiJIUzI1NiJ9.[REDACTED]`), and every value under a sensitive name
 * in JSON a check quoted or a pointer it named, also in JSON inside a JSON string and in a JWT
 * written with JSON escapes. What the checks judged is untouched: this runs on
 * what is written, after them.
 */
export function redactReceivedTokens(text: string): string {
  return redactMembers(redactEscapedMembers(redactPointedValues(redactEscapedJwts(text).replace(JWT, redactJwt))));
}
