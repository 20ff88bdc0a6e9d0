/**
 * Names whose values are secrets by nature, whatever the value looks like: a session cookie or a
 * refresh token is as dangerous in a recording as the configured API key, and the suite cannot
 * know those values in advance, so it goes by the name.
 */

/** The marker written in place of a scrubbed value. */
export const redacted = '[REDACTED]';

/**
 * The kinds of JSON value a marker names when the value under a sensitive name was no string: a
 * report showing `"sessionTimeout": "[REDACTED]"` would read as if the target had sent a string. The
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

/** The kind of the JSON value whose text starts with `first` (its first character); undefined for a string or text that is no value. */
export function kindAtText(first: string): RedactedKind | undefined {
  if (first === '{') return 'object';
  if (first === '[') return 'array';
  if (first === 't' || first === 'f') return 'boolean';
  if (first === 'n') return 'null';
  return /[-0-9]/.test(first) ? 'number' : undefined;
}

/**
 * Every marker, exactly: a value already redacted (a recording scrubbed again on replay) keeps the
 * marker it has, so a replay shows what the live run showed; any other string is redacted as a string.
 */
export const REDACTED_MARKERS: ReadonlySet<string> = new Set([redacted, ...(['number', 'boolean', 'null', 'object', 'array'] as const).map(redactedKind)]);

/**
 * Whether `value` is a marker written as a string quoted by `quote` (`"[REDACTED]"`, `\"[REDACTED number]\"`,
 * `'[REDACTED]'`): a value redacted already, which a second pass (a recording scrubbed again on
 * replay) keeps as it is.
 */
export function isQuotedMarker(value: string, quote = '"'): boolean {
  return value.length >= 2 * quote.length && value.startsWith(quote) && value.endsWith(quote) && REDACTED_MARKERS.has(value.slice(quote.length, -quote.length));
}

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
  // Other credentials written as one word (`IDTOKEN`, `clientsecret`, Django's csrfmiddlewaretoken), and plurals that hold several.
  'idtoken', 'clientsecret', 'privatekey', 'secretkey', 'accesskey', 'apitoken', 'sessiontoken', 'bearertoken',
  'csrftoken', 'xsrftoken', 'csrfmiddlewaretoken', 'passphrase', 'pwd', 'secrets', 'passwords',
]);

/**
 * A last part that says what a name tells about a credential, not the credential: `keyPrefix` (the
 * first characters a dashboard shows to tell keys apart, Zavu's SubAccountApiKey), `tokenCount`,
 * `token_type` ("bearer"). A reviewer needs these, and none can be replayed.
 */
const describingWords = new Set(['prefix', 'count', 'type']);

/**
 * Words before a last part "token" that make the name a pagination cursor (`nextToken`, Zavu's
 * FunctionLogsResponse; `pageToken`, `next_page_token`, `continuationToken`): a position in a
 * list, which a reviewer reads to follow the pages and which opens nothing without the key.
 */
const cursorWords = new Set(['next', 'page', 'prev', 'previous', 'continuation', 'pagination']);

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

/** Every credential word holds one of these (sensitive-names' quick test; scrub-url's pairs too). */
export const CREDENTIAL_STEMS = 'key|token|secret|passw|passp|pwd|auth|sess|cookie|credential|sig';

const mayBeSensitive = new RegExp(CREDENTIAL_STEMS, 'i');

/**
 * Whether a name's parts hold a credential: one of them is a credential word, and the name is no
 * cursor (a cursor word then "token" at its end), no idempotency key and does not end in a
 * describing word (see describingWords). `nextAccessToken` and `pageAuthToken` still count: their
 * "token" follows a credential's own word, not a cursor word.
 */
function holdsCredential(parts: readonly string[]): boolean {
  const last = parts.length - 1;
  if (last > 0 && describingWords.has(parts[last] ?? '')) return false;
  return parts.some((part, i) => {
    if (!credentialWords.has(part)) return false;
    if (i === last && i > 0) {
      const before = parts[i - 1] ?? '';
      if (part === 'token' && cursorWords.has(before)) return false;
      if (part === 'key' && before === 'idempotency') return false;
    }
    return true;
  });
}

/** True when a value under this name must be replaced by the marker. */
export function isSensitiveName(name: string): boolean {
  // Every credential word and header holds one of these: most names (a body's millions of keys, a
  // form's pairs) are told apart without being split.
  if (!mayBeSensitive.test(name)) return false;
  return credentialHeaders.has(name.toLowerCase()) || holdsCredential(nameParts(name));
}

/** A JSON key as it is written (`"\u0074oken"` is "token"); one that does not parse counts as sensitive: failing closed. */
export function isSensitiveJsonKey(raw: string): boolean {
  if (!raw.includes('\\')) return isSensitiveName(raw);
  try {
    const key: unknown = JSON.parse(`"${raw}"`);
    return typeof key !== 'string' || isSensitiveName(key);
  } catch {
    return true;
  }
}
