/**
 * Names whose values are secrets by nature, whatever the value looks like: a session cookie or a
 * refresh token is as dangerous in a recording as the configured API key, and the suite cannot
 * know those values in advance, so it goes by the name.
 */

/** The marker written in place of a scrubbed value. */
export const redacted = '[REDACTED]';

/**
 * The kinds of JSON value a marker names when the value under a sensitive name was no string: a
 * report showing `"sessionCount": "[REDACTED]"` would read as if the target had sent a string. The
 * kind is no secret (the value is); a string's marker stays the plain one.
 */
export type RedactedKind = 'number' | 'boolean' | 'null' | 'object' | 'array';

/** The marker for a value of this kind: "[REDACTED number]"; the plain marker for a string (or a value cut short). */
export function redactedKind(kind: RedactedKind | undefined): string {
  return kind === undefined ? redacted : `[REDACTED ${kind}]`;
}

/** The kind of a parsed JSON value, undefined for a string. */
export function kindOf(value: unknown): RedactedKind | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'object') return typeof value as RedactedKind;
  return undefined;
}

/**
 * Every marker, exactly: a value already redacted (a recording scrubbed again on replay) keeps the
 * marker it has, so a replay shows what the live run showed; any other string is redacted as a string.
 */
export const REDACTED_MARKERS: ReadonlySet<string> = new Set([redacted, ...(['number', 'boolean', 'null', 'object', 'array'] as const).map(redactedKind)]);

/** The marker as it appears inside a URL, percent-encoded so the URL stays a valid RFC 3986 URI. */
export const redactedInUrl = encodeURIComponent(redacted);

/** Headers that carry credentials or session state in every HTTP stack. */
const credentialHeaders = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Credential words, matched against whole parts of a name (see nameParts), never as substrings:
 * "author", "keywords", "tokensUsed" and "www-authenticate" (a challenge, which carries no secret)
 * are ordinary names. The run-together forms ("apikey", "accesstoken") are listed because a name
 * written in one lower-case word has only one part.
 */
const credentialWords = new Set([
  'key', 'apikey', 'token', 'accesstoken', 'refreshtoken', 'authtoken', 'secret', 'password', 'passwd',
  'auth', 'authorization', 'session', 'sessionid', 'cookie', 'cookies', 'credential', 'credentials',
  // A signed URL's signature is its credential: S3's X-Amz-Signature, CloudFront's Signature, Azure SAS's sig.
  'signature', 'sig',
  // Session cookies named in one word by their stacks: Java's JSESSIONID, PHP's PHPSESSID.
  'jsessionid', 'phpsessid',
]);

/**
 * The parts of a name, lower-cased: split on camelCase humps ("XApiKey" → x, api, key) and on every
 * character that is no letter or digit ("-", "_", ".", a space, but also "/", ":", "[", "$"): a
 * target's key may be "a/token", "oauth:token" or "token[]", and a part missed there is a secret kept.
 */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part !== '')
    .map((part) => part.toLowerCase());
}

/** True when a value under this name must be replaced by the marker. */
export function isSensitiveName(name: string): boolean {
  // Every credential word and header holds one of these: most names (a body's millions of keys, a
  // form's pairs) are told apart without being split.
  if (!/key|token|secret|passw|auth|sess|cookie|credential|sig/i.test(name)) return false;
  return credentialHeaders.has(name.toLowerCase()) || nameParts(name).some((part) => credentialWords.has(part));
}
