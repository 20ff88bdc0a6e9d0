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

/**
 * Scrubs an absolute URL or a path. `scrubText` works on decoded parts; `scrubRaw` runs last on the
 * whole string and catches what no part holds alone (a key in the userinfo or the fragment).
 */
export function scrubUrl(url: string, scrubText: (value: string) => string, scrubRaw: (value: string) => string): string {
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
