/** Decides whether an Authorization header carries the server's key as a Bearer token. */
import { tokenMatcher } from './api-key';
import { OWN_PROJECT } from './sender-store';

/**
 * RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token. The scheme is case-insensitive (RFC 7235
 * §2.1), the token is not; anything after the token (a second word, junk) makes it invalid.
 */
const BEARER_CREDENTIALS = /^bearer +([^ ]+)$/i;

/** True only for `Bearer <apiKey>` (scheme in any case). Missing, empty, Basic, bare key → false. */
export function isAuthorized(authorization: string | undefined, apiKey: string): boolean {
  return bearerMatcher(authorization)?.(apiKey) === true;
}

/** The Bearer token's matcher, or undefined when the header carries no Bearer token. */
function bearerMatcher(authorization: string | undefined): ((apiKey: string) => boolean) | undefined {
  if (authorization === undefined) return undefined;
  const token = BEARER_CREDENTIALS.exec(authorization)?.[1];
  return token === undefined ? undefined : tokenMatcher(token);
}

/**
 * The project whose key the header carries: OWN_PROJECT for the server's key, another project's
 * name for one of `otherProjectKeys` (project → key), undefined when it carries no known key.
 */
export function authenticatedProject(authorization: string | undefined, apiKey: string, otherProjectKeys: Readonly<Record<string, string>> = {}): string | undefined {
  const matches = bearerMatcher(authorization);
  if (matches === undefined) return undefined;
  if (matches(apiKey)) return OWN_PROJECT;
  return Object.entries(otherProjectKeys).find(([, key]) => matches(key))?.[0];
}
