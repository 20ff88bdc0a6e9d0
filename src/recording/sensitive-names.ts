/**
 * Names whose values are secrets by nature, whatever the value looks like: a session cookie or a
 * refresh token is as dangerous in a recording as the configured API key, and the suite cannot
 * know those values in advance, so it goes by the name.
 */

/** The marker written in place of a scrubbed value. */
export const redacted = '[REDACTED]';

/** The marker as it appears inside a URL, percent-encoded so the URL stays a valid RFC 3986 URI. */
export const redactedInUrl = encodeURIComponent(redacted);

/** Headers that carry credentials or session state in every HTTP stack. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Any header, query parameter or JSON key whose name contains one of these words. */
const sensitiveWord = /key|token|secret|password|passwd|auth|session|cookie|credential/i;

/** True when a value under this name must be replaced by the marker. */
export function isSensitiveName(name: string): boolean {
  return credentialHeaders.has(name.toLowerCase()) || sensitiveWord.test(name);
}
