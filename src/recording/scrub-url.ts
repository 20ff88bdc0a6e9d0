/**
 * Scrubbing a URL without breaking it. Each path segment and query part is decoded before it is
 * checked, so a secret hidden behind unusual percent-encoding is still found; parts that need no
 * change keep their exact original bytes.
 */
import type { QueryString } from 'har-format';
import { redactReceivedTokens } from './received-tokens';
import { CREDENTIAL_STEMS, isSensitiveName, redacted, redactedInUrl } from './sensitive-names';

/** Decodes one part; "+" means a space only in a query (form encoding), never in a path. */
function decode(part: string, inQuery: boolean): string {
  try {
    return decodeURIComponent(inQuery ? part.replace(/\+/g, ' ') : part);
  } catch {
    return part; // malformed escapes: check the raw text instead
  }
}

/** Re-encodes a part only when scrubbing its decoded text changed something. */
function scrubPart(raw: string, scrubText: (value: string) => string, inQuery = true): string {
  const decoded = decode(raw, inQuery);
  const scrubbed = scrubText(decoded);
  return scrubbed === decoded ? raw : encodeURIComponent(scrubbed);
}

/**
 * One `name=value` pair of a query or of a path segment's `;` parameters: a sensitive name's value
 * redacted, and a value that decodes to a credential (valueHoldsToken), as the same URL in text
 * loses it: a value encoded twice is decoded once here, which shows no header line to scrubText.
 */
function scrubPair(pair: string, scrubText: (value: string) => string): string {
  const eq = pair.indexOf('=');
  const name = eq < 0 ? pair : pair.slice(0, eq);
  if (eq >= 0 && (isSensitiveName(decode(name, true)) || valueHoldsToken(pair.slice(eq + 1)))) return `${scrubPart(name, scrubText)}=${redactedInUrl}`;
  return eq < 0 ? scrubPart(name, scrubText) : `${scrubPart(name, scrubText)}=${scrubPart(pair.slice(eq + 1), scrubText)}`;
}

function scrubQuery(query: string, scrubText: (value: string) => string): string {
  return query
    .split('&')
    .map((pair) => scrubPair(pair, scrubText))
    .join('&');
}

/**
 * A path segment and its `;` parameters (`/a;jsessionid=…`), each parameter as a query's pair: a
 * segment scrubbed whole would be re-encoded whole (`a%3Bjsessionid%3D%255BREDACTED%255D`).
 */
function scrubSegment(segment: string, scrubText: (value: string) => string): string {
  const [head = '', ...params] = segment.split(';');
  return [scrubPart(head, scrubText, false), ...params.map((pair) => scrubPair(pair, scrubText))].join(';');
}

/** What may stand between "//" and the "@" that ends a user-info: no separator, space or quote. */
const userInfoChars = '[^\\s/?#"<>\\\\{}|^`]*';

/** The user-info ("user:password@") of a URL that starts with "scheme://" or "//". */
const leadingUserInfo = new RegExp(`^((?:[A-Za-z][A-Za-z0-9+.-]*:)?//)${userInfoChars}@`);

/**
 * A "/" as a URL in a JSON string may carry it: raw, or escaped. PHP's json_encode (and any encoder
 * escaping "/" so that "</script>" cannot end a script block) writes `https:\/\/host\/cb?token=…`,
 * and a stricter one `\u002F`; free text is searched in both spellings, or a body of such an API
 * would keep every URL's user-info and token.
 */
const slash = String.raw`(?:/|\\/|\\u002[fF])`;

/**
 * The user-info of every "scheme://user:password@host" in free text. A scheme starts only where a
 * run of scheme characters starts (the lookbehind): tried from inside every run, a 3 MB body of
 * letters would take minutes (each start rescans the rest of its run).
 */
const userInfoInText = new RegExp(`(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*:${slash}${slash})${userInfoChars}@`, 'g');

/**
 * Drops the user-info of a URL ("https://user:pass@host/x" becomes "https://host/x"): whatever it
 * holds (a password, a token as the user name) is a credential the suite cannot know in advance.
 */
function stripUserInfo(url: string): string {
  return url.replace(leadingUserInfo, '$1');
}

/** stripUserInfo for every URL in a text (a Location header, an error message, a body, a target label). */
export function stripUserInfoInText(text: string): string {
  return text.replace(userInfoInText, '$1');
}

/**
 * Where an absolute URL starts in free text: a scheme and "//", either "/" perhaps JSON-escaped
 * (see slash). A scheme starts only where a run of scheme characters starts, as in
 * userInfoInText, so a long run of letters is scanned once.
 */
const urlStart = new RegExp(`(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:${slash}${slash}`, 'g');

/** The characters a URL holds unescaped, as a run (RFC 3986 leaves out space, quotes, "<>\\^`{|}"). */
const urlRun = /[^\s"'<>\\^`{|}]*/y;

/** The JSON escapes a URL may go on through: "/" (PHP's default) and "&" (PHP's JSON_HEX_AMP). */
const urlEscape = /\\\/|\\u002[fF]|\\u0026/y;

/**
 * Where the URL that goes on at `from` ends: at the first character a URL holds only escaped (a
 * space, a quote, a backslash of any JSON escape but those of urlEscape), so a replacement never
 * cuts an escape in two. A loop over runs, not one pattern: a pattern's loop over alternatives
 * takes a stack frame per turn, and a body of 8 MB of "\/" would overflow it.
 */
function urlEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    urlRun.lastIndex = at;
    urlRun.test(text);
    at = urlRun.lastIndex;
    urlEscape.lastIndex = at;
    if (!urlEscape.test(text)) return at;
    at = urlEscape.lastIndex;
  }
}

/**
 * A `name=value` pair of a query, a fragment (OAuth's implicit grant answers `#access_token=…`)
 * or a path's `;` parameters (`;jsessionid=…`). A name holds no separator, so each pair is read once.
 */
const paramInUrl = /([?#&;])([^=&#;?/]*)=([^&#;]*)/g;

/**
 * Whether a parameter's value, percent-decoded, carries a credential a target's own JSON would:
 * `?state=%7B%22access_token%22%3A%22…%22%7D` (JSON in a query, an OAuth state), or a header line
 * (`?next=%0D%0AAuthorization%3A%20Bearer%20…`: a response-splitting probe a target echoes back,
 * which received-tokens reads as the header line it decodes to), also encoded again (`%250D%250A…`,
 * up to PERCENT_LEVELS times). Only a value with an encoded quote or line break is decoded (at each
 * level): most values are read no further than that search.
 */
const credentialStem = new RegExp(CREDENTIAL_STEMS, 'i');
const mayEncodeToken = /%(?:25){0,3}(?:22|0[ad])/i;

/**
 * How many times a value is percent-decoded at most: a value encoded once more on its way (a
 * redirect's `next` carrying a URL whose own query held the line, `%250D%250A…`) hides its line
 * behind each `%25`; four, as JSON is read four escapings deep.
 */
const PERCENT_LEVELS = 4;

function valueHoldsToken(value: string): boolean {
  let decoded = value;
  for (let level = 0; level < PERCENT_LEVELS && mayEncodeToken.test(decoded); level += 1) {
    const next = decode(decoded, true);
    if (next === decoded) return false;
    if (credentialStem.test(next) && redactReceivedTokens(next) !== next) return true;
    decoded = next;
  }
  return false;
}

/** The sensitive parameters of one URL redacted; its "&" JSON-escaped (`\u0026`) separates pairs as "&" does. */
function redactParams(url: string): string {
  const redactPairs = (part: string): string =>
    part.replace(paramInUrl, (pair: string, separator: string, name: string, value: string) =>
      isSensitiveName(decode(name, true)) || valueHoldsToken(value) ? `${separator}${name}=${redactedInUrl}` : pair,
    );
  if (!url.includes('\\u0026')) return redactPairs(url);
  return url
    .split('\\u0026')
    .map((part, i) => (i === 0 ? redactPairs(part) : redactPairs(`&${part}`).slice(1)))
    .join('\\u0026');
}

/**
 * The values of the sensitive names (sensitive-names) among the parameters of every absolute URL
 * in a text, as scrubUrl redacts those of the request's URL: a `Location`, a `Link` or a body's
 * `"download": "https://…?access_token=…"` carries the same secret as the request's query would,
 * and so does a JSON body's `"https:\/\/…?access_token=…"`. The rest of each URL is kept byte for
 * byte; the marker is percent-encoded, so the URL stays one.
 */
export function redactSensitiveParamsInText(text: string): string {
  let out = '';
  let from = 0;
  urlStart.lastIndex = 0;
  for (let match = urlStart.exec(text); match !== null; match = urlStart.exec(text)) {
    const end = urlEnd(text, match.index + match[0].length);
    const url = text.slice(match.index, end);
    const redacted = redactParams(url);
    if (redacted !== url) {
      out += text.slice(from, match.index) + redacted;
      from = end;
    }
    urlStart.lastIndex = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * A `name=value` pair outside an absolute URL: a relative one (`"next": "/v1/x?access_token=…"`, a
 * `Location: /cb?token=…` quoted), a form-encoded body (`access_token=…&token_type=bearer`, as
 * GitHub's OAuth answers by default) or a header value made of such pairs. A pair starts the text
 * or follows "?", "&", "#", ";" or a quote, never a space, so prose the suite writes (`KEY=PERCENT`
 * in a usage line) is not taken for one; a value in quotes goes to its closing quote. A name holds
 * no separator and a value no space, quote or backslash, so each pair is read once.
 */
const pairInText = /(^|[?&#;"'])([^=&#;?/\s"'<>\\]+)=("[^"\\]*"|[^&#;\s"'<>\\]*)/g;

/** A character a pair's name holds (see pairInText). */
const isNameChar = (c: string): boolean => c !== '=' && !'&#;?/"\'<>\\'.includes(c) && !/\s/.test(c);

/**
 * Whether a name that holds a credential word (sensitive-names) ends at an "=" somewhere in the
 * text. Read back from each "=" to the start of its name, which no "=" is inside: each character is
 * read once. (A pattern "stem, name characters, =" read on from each of 8 MB of "token" with no
 * "=" after them to the text's end: quadratic, minutes.)
 */
function mayHoldSensitivePair(text: string): boolean {
  let after = 0;
  for (let eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', after)) {
    let start = eq;
    while (start > after && isNameChar(text.charAt(start - 1))) start -= 1;
    if (credentialStem.test(text.slice(start, eq))) return true;
    after = eq + 1;
  }
  return false;
}

/** The values of the sensitive names among the `name=value` pairs of a text (see pairInText), as `%5BREDACTED%5D`. */
export function redactSensitivePairsInText(text: string): string {
  // A text without a credential word before an "=" has no such pair: one search, not a call per pair.
  if (!mayHoldSensitivePair(text) && !mayEncodeToken.test(text)) return text;
  return text.replace(pairInText, (pair: string, before: string, name: string, value: string) =>
    value === '' || value === redactedInUrl || value === redacted || !(isSensitiveName(decode(name, true)) || valueHoldsToken(value)) ? pair : `${before}${name}=${redactedInUrl}`,
  );
}

/**
 * Scrubs an absolute URL or a path. The user-info goes first (see stripUserInfo); `scrubText` works
 * on decoded parts; `scrubRaw` runs last on the whole string and catches what no part holds alone
 * (a key in the fragment).
 */
export function scrubUrl(value: string, scrubText: (value: string) => string, scrubRaw: (value: string) => string): string {
  const url = stripUserInfo(value);
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const segments = path.split('/').map((segment) => scrubSegment(segment, scrubText));
  const query = queryAt < 0 ? '' : `?${scrubQuery(beforeHash.slice(queryAt + 1), scrubText)}`;
  return scrubRaw(segments.join('/') + query + fragment);
}

/** The HAR queryString of a URL: decoded name/value pairs, in order. */
export function queryStringOf(url: string): QueryString[] {
  const beforeHash = url.split('#', 1)[0] ?? '';
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return [];
  return beforeHash
    .slice(queryAt + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: decode(pair, true), value: '' } : { name: decode(pair.slice(0, eq), true), value: decode(pair.slice(eq + 1), true) };
    });
}
