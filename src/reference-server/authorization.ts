/** Decides whether an Authorization header carries the server's key as a Bearer token. */
import { tokenMatches } from './api-key';

/**
 * RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token. The scheme is case-insensitive (RFC 7235
 * §2.1), the token is not; anything after the token (a second word, junk) makes it invalid.
 */
const BEARER_CREDENTIALS = /^bearer +([^ ]+)$/i;

/** True only for `Bearer <apiKey>` (scheme in any case). Missing, empty, Basic, bare key → false. */
export function isAuthorized(authorization: string | undefined, apiKey: string): boolean {
  if (authorization === undefined) return false;
  const token = BEARER_CREDENTIALS.exec(authorization)?.[1];
  return token !== undefined && tokenMatches(token, apiKey);
}
