/**
 * Scrubbing a URL without breaking it. Each path segment and query part is decoded before it is
 * checked, so a secret hidden behind unusual percent-encoding is still found; parts that need no
 * change keep their exact original bytes.
 */
import type { QueryString } from 'har-format';
import { isSensitiveName, redactedInUrl } from './sensitive-names';

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

function scrubQuery(query: string, scrubText: (value: string) => string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (eq >= 0 && isSensitiveName(decode(name, true))) return `${scrubPart(name, scrubText)}=${redactedInUrl}`;
      return eq < 0 ? scrubPart(name, scrubText) : `${scrubPart(name, scrubText)}=${scrubPart(pair.slice(eq + 1), scrubText)}`;
    })
    .join('&');
}

/** What may stand between "//" and the "@" that ends a user-info: no separator, space or quote. */
const userInfoChars = '[^\\s/?#"<>\\\\{}|^`]*';

/** The user-info ("user:password@") of a URL that starts with "scheme://" or "//". */
const leadingUserInfo = new RegExp(`^((?:[A-Za-z][A-Za-z0-9+.-]*:)?//)${userInfoChars}@`);

/**
 * The user-info of every "scheme://user:password@host" in free text. A scheme starts only where a
 * run of scheme characters starts (the lookbehind): tried from inside every run, a 3 MB body of
 * letters would take minutes (each start rescans the rest of its run).
 */
const userInfoInText = new RegExp(`(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*://)${userInfoChars}@`, 'g');

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
 * Every absolute URL in free text, to the first character a URL holds only escaped (a space, a
 * quote, a backslash of a JSON escape). A scheme starts only where a run of scheme characters
 * starts, as in userInfoInText, so a long run of letters is scanned once.
 */
const urlInText = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>\\^`{|}]*/g;

/**
 * A `name=value` pair of a query, a fragment (OAuth's implicit grant answers `#access_token=…`)
 * or a path's `;` parameters (`;jsessionid=…`). A name holds no separator, so each pair is read once.
 */
const paramInUrl = /([?#&;])([^=&#;?/]*)=([^&#;]*)/g;

/**
 * The values of the sensitive names (sensitive-names) among the parameters of every absolute URL
 * in a text, as scrubUrl redacts those of the request's URL: a `Location`, a `Link` or a body's
 * `"download": "https://…?access_token=…"` carries the same secret as the request's query would.
 * The rest of each URL is kept byte for byte; the marker is percent-encoded, so the URL stays one.
 */
export function redactSensitiveParamsInText(text: string): string {
  return text.replace(urlInText, (url) =>
    url.replace(paramInUrl, (pair: string, separator: string, name: string) => (isSensitiveName(decode(name, true)) ? `${separator}${name}=${redactedInUrl}` : pair)),
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
  const segments = path.split('/').map((segment) => scrubPart(segment, scrubText, false));
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
