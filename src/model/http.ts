/**
 * What crosses the wire. The transport fills these in; checks and reporters only read them.
 * Header names are lower-case. The request keeps real credentials in memory only: anything
 * written to disk or printed goes through the curl formatter or a scrubber first.
 */

import { isSafeMethod, type HttpMethod } from './operation';

/** How the request authenticates: the scenario picks it, the transport turns it into headers. */
export type AuthVariant =
  | 'valid' // Authorization: Bearer <configured key>
  | 'none' // no Authorization header
  | 'wrong-key' // Bearer <well-formed key the target does not know>
  | 'empty-bearer' // "Bearer " with an empty token
  | 'no-scheme' // the configured key without the Bearer scheme
  | 'basic' // Basic base64("<configured key>:") — the right secret in the wrong scheme
  | 'lowercase-bearer' // "bearer <key>": RFC 7235 schemes are case-insensitive, so either outcome is defensible
  | 'extra-spaces' // "Bearer   <key>  ": padding around the token
  | 'long-token' // Bearer <8 KB token>
  | 'control-chars' // Bearer <key with a tab inside and U+0085 (a C1 control) at the end>
  | 'key-then-word' // "Bearer <key> extra": a second word after the token
  | 'wrong-checksum' // Bearer <the key with its last characters changed>: right prefix and length
  | 'token-scheme' // "Token <key>": the right secret after another scheme word
  | 'apikey-scheme' // "ApiKey <key>": likewise
  | 'bearer-no-space' // "Bearer<key>": no space between scheme and token
  | 'case-changed' // Bearer <the key with the case of each letter past its zv_test_/zv_live_ prefix swapped>
  | 'appended' // Bearer <the key with characters appended>
  | 'prepended' // Bearer <characters, then the key>
  | 'other-environment' // Bearer <the key's secret under the other environment's prefix: zv_test_ ↔ zv_live_>
  | 'property-name' // "Bearer constructor": a name every plain JavaScript object has
  | 'truncated' // Bearer <the key without its last character>
  | 'other-project-key'; // Bearer <the other project's own key (ZAVU_OTHER_PROJECT_API_KEY)>: that project reading its own sender

/**
 * The variants that send the configured key itself in a changed form (another scheme word, no
 * space, a word after it, its case, a character more or less): a target that takes one for the key
 * reads the key leniently, which says nothing of whether it authenticates without one.
 */
export const KEY_FORMS: ReadonlySet<AuthVariant> = new Set<AuthVariant>([
  'no-scheme', 'basic', 'control-chars', 'wrong-checksum', 'key-then-word', 'token-scheme', 'apikey-scheme',
  'bearer-no-space', 'case-changed', 'appended', 'prepended', 'other-environment', 'truncated',
]);

/** Whether `status` is a success (2xx); false when there is none (no answer, or none known). */
export function isSuccessStatus(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

/**
 * The variable of the other project's own key: with it, the starts sent to that project's sender
 * read the sender as its owner sees it, before and after, and a 404 that changed it anyway shows.
 * A secret like ZAVU_API_KEY (never printed, never written; curls show the variable's name).
 */
export const OTHER_PROJECT_KEY_ENV = 'ZAVU_OTHER_PROJECT_API_KEY';

/** The key .env.example ships with, public and never valid. */
export const ENV_EXAMPLE_KEY = 'zv_test_replace_me';

/**
 * Why a key cannot be used as a bearer token, or undefined when it can. A token must be
 * non-empty visible ASCII without spaces, or no Authorization header could ever carry it (a line
 * break in it would even start a header of its own). Never quotes the key.
 */
export function apiKeyProblem(apiKey: string, what = 'the API key'): string | undefined {
  if (apiKey.length === 0) return `${what} is empty`;
  if (!/^[\x21-\x7e]+$/.test(apiKey)) return `${what} must be visible ASCII without spaces (a bearer token in one header line)`;
  // A secret pasted with the quotes of the JSON or shell line it was copied from: a bearer token
  // has no quote mark (RFC 6750 §2.1), and the key is never shown, so the 401 it would earn reads
  // as a wrong key rather than as the quotes the user cannot see.
  if (/^["'`]|["'`]$/.test(apiKey)) return `${what} begins or ends with a quote mark, which no key has (copied with its quotes?): remove them`;
  return undefined;
}

/** The default of --max-body-bytes: 16 MiB, far above any answer of this API and far below what hurts. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** What the 'appended' variant adds after the key (fixed, so a curl can show it next to $ZAVU_API_KEY). */
export const APPENDED_KEY_SUFFIX = '00';

/** The word the 'key-then-word' variant sends after the key and a space (fixed, so a curl can show it). */
export const TRAILING_WORD = 'extra';

/** What the 'prepended' variant puts before the key (fixed, so a curl can show it next to $ZAVU_API_KEY). */
export const PREPENDED_KEY_PREFIX = '00';

/** [A-Za-z0-9], by its UTF-16 code. */
function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The words of `text` shaped like a Zavu API key (zv_test_…, zv_live_…): a key given in the wrong
 * place (a positional argument, another setting's value) is a key all the same, and is scrubbed
 * from what quotes it.
 */
export function keyShapedWords(text: string): string[] {
  // Zavu's two environments only: zv_run_20240501 (a folder name) is no key. The prefix is found by
  // a regex, the letters after it counted by hand: V8 keeps a backtrack entry a letter of a greedy
  // [A-Za-z0-9]{8,}, and past ~5 million of them (a recorded 16 MiB body) threw a RangeError.
  const prefix = /(?<![A-Za-z0-9_])zv_(?:test|live)_/g;
  const words: string[] = [];
  for (let found = prefix.exec(text); found !== null; found = prefix.exec(text)) {
    let end = prefix.lastIndex;
    while (end < text.length && isAsciiAlphanumeric(text.charCodeAt(end))) end++;
    if (end - prefix.lastIndex >= 8) words.push(text.slice(found.index, end));
    prefix.lastIndex = end;
  }
  return words;
}

/**
 * The keys a caller gave, each once, trimmed: `named` (a key option, ZAVU_API_KEY) and every word
 * shaped like a Zavu key in `texts` (a key given in the wrong place is echoed by the error that
 * refuses it). What the CLI's and the library's error lines are scrubbed of.
 */
export function givenKeyValues(named: readonly unknown[], texts: readonly string[]): string[] {
  const keys = [...named, ...texts.flatMap(keyShapedWords)].filter((key): key is string => typeof key === 'string');
  return [...new Set(keys.map((key) => key.trim()).filter((key) => key !== ''))];
}

/** Every ASCII letter's case swapped. */
export function swapCase(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
}

/** The key's public environment prefix (`zv_test_`, `zv_live_`), or '' for a key without one. */
export function keyPrefix(apiKey: string): string {
  return /^zv_(?:test|live)_/.exec(apiKey)?.[0] ?? '';
}

/**
 * What 'case-changed' sends: the prefix kept, every letter after it swapped. Swapping the prefix
 * too would let a server that checks the prefix exactly, and the secret in any case, refuse it for
 * the wrong reason.
 */
export function caseChangedKey(apiKey: string): string {
  const prefix = keyPrefix(apiKey);
  return prefix + swapCase(apiKey.slice(prefix.length));
}

/** What 'other-environment' sends: the secret under the other environment's prefix; undefined for a key without one. */
export function otherEnvironmentKey(apiKey: string): string | undefined {
  const prefix = keyPrefix(apiKey);
  if (prefix === '') return undefined;
  return (prefix === 'zv_test_' ? 'zv_live_' : 'zv_test_') + apiKey.slice(prefix.length);
}

/** The key with its last four characters changed: what 'wrong-checksum' sends (a checksum or length check, if any, must reject it). */
export function wrongChecksum(apiKey: string): string {
  return apiKey.slice(0, -4) + (apiKey.endsWith('0000') ? '1111' : '0000');
}

/** The key with a tab after its first eight characters (past a `zv_test_` prefix): what 'control-chars' sends, before the C1 control it appends. */
export function tabbedKey(apiKey: string): string {
  return `${apiKey.slice(0, 8)}\t${apiKey.slice(8)}`;
}

/**
 * Every token the wrong-credential cases derive from the key and send (see auth-headers.ts). Each
 * carries most of the key, so a server that echoes one leaks it: the scrubber catches each whole,
 * in whatever length the key has. ('appended' and 'prepended' contain the key itself.)
 */
export function keyDerivedTokens(apiKey: string): string[] {
  const otherEnvironment = otherEnvironmentKey(apiKey);
  return [caseChangedKey(apiKey), swapCase(apiKey), apiKey.slice(0, -1), wrongChecksum(apiKey), tabbedKey(apiKey), ...(otherEnvironment === undefined ? [] : [otherEnvironment])];
}

/**
 * Adds a received header to a record of lower-case names, a repeat joined to the earlier value with
 * ", ". As an own property, always: a header is named by the target, and `constructor` read through
 * `record[name]` is Object's own (its value was recorded as "function Object() { [native code] },
 * x"), while `record["__proto__"] = x` sets no property at all (the header vanished).
 */
export function addHeader(record: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase();
  const previous = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
  Object.defineProperty(record, key, { value: previous === undefined ? value : `${previous}, ${value}`, enumerable: true, writable: true, configurable: true });
}

/** The content-codings the live transport undoes, as it advertises them in Accept-Encoding. */
export const ACCEPTED_CODINGS = 'gzip, deflate, br';

/**
 * Every content-coding the live transport decodes, lower-cased (RFC 9110 §8.4.1: case-insensitive):
 * the advertised ones and x-gzip, gzip's old name a recipient treats as gzip (§8.4.1.3). One list
 * for the transport's decoders (keyed by it) and the check that tells a coding left on a body (which
 * may not import transport), so the two cannot drift. "identity" is no coding: nothing to decode.
 */
export const DECODED_CODINGS = ['gzip', 'x-gzip', 'deflate', 'br'] as const;

export type DecodedCoding = (typeof DECODED_CODINGS)[number];

const DECODED: ReadonlySet<string> = new Set(DECODED_CODINGS);

/** Whether the transport decodes a coding, named in lower case: a Set, so "constructor" is none (an object's key would be). */
export function isDecodedCoding(coding: string): coding is DecodedCoding {
  return DECODED.has(coding);
}

/**
 * The headers the live transport sends besides a request's own (which win over them), by method:
 * Accept-Encoding (the codings it decodes), User-Agent (a WAF refuses a request without one, and
 * Bot Control rules refuse curl's own), Cache-Control: no-cache on every read (the origin's answer,
 * not a shared cache's), and, on a POST, PUT or PATCH, the Content-Length: 0 node:http frames an
 * empty body with (a front such as IIS or Google's answers 411 to a POST without it). One list for
 * the transport and the curl formatter, so a reproduction sends what the suite sent.
 */
export function transportHeaders(method: string, userAgent: string): Record<string, string> {
  return {
    'accept-encoding': ACCEPTED_CODINGS,
    'user-agent': userAgent,
    ...(isSafeMethod(method) ? { 'cache-control': 'no-cache' } : {}),
    ...(FRAMED_EMPTY.has(method) ? { 'content-length': '0' } : {}),
  };
}

/** The methods node:http frames with Content-Length: 0 when they carry no body (it leaves GET, HEAD, DELETE, OPTIONS unframed). */
const FRAMED_EMPTY: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL as sent. */
  url: string;
  /** Path and query as sent (percent-encoded). */
  path: string;
  headers: Record<string, string>;
  authVariant: AuthVariant;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body decoded as UTF-8 text, exactly as received (after content-encoding is undone). */
  bodyText: string;
  /** Set when the body crossed --max-body-bytes: the connection was dropped and bodyText is only its start. */
  truncated?: BodyTruncation;
  /** Set when the body's bytes are not UTF-8 (bodyText has U+FFFD in their place): RFC 8259 §8.1 asks UTF-8 of JSON. */
  notUtf8?: true;
}

/** A body cut off at the size bound: how much was read, and which count crossed the bound. */
export interface BodyTruncation {
  /** The bound (--max-body-bytes). */
  limitBytes: number;
  /** Bytes read from the connection before it was dropped (still content-coded). */
  receivedBytes: number;
  /** Whether the bytes on the wire or their decoded form (some content-coding's output) crossed the bound. */
  crossed: 'received' | 'decoded';
}

export type TransportErrorKind = 'timeout' | 'connection-refused' | 'dns' | 'tls' | 'reset' | 'other';

/**
 * One of the transport's own bounds on what a target sends besides an answer's body
 * (transport/transport-bounds.ts): the response head in bytes and in header lines, the trailer
 * section after a chunked body in bytes, the informational (1xx) heads by count and in bytes, the
 * content-codings stacked on a body.
 */
export type TransportBound = 'head-bytes' | 'header-count' | 'trailer-bytes' | 'informational-count' | 'informational-bytes' | 'stacked-codings';

export interface TransportError {
  kind: TransportErrorKind;
  message: string;
  /**
   * The bound that ended the request, when one did: the target answered, past what the suite reads.
   * The run's stop line reads it (transport/target-guard.ts), not the message's words. Live only: a
   * recording keeps the message, which names the bound too.
   */
  bound?: TransportBound;
  /**
   * The target answered, with nothing an HTTP client can judge: a 101 to a request that asked for no
   * upgrade, a status under 100. An answer all the same, so the run's stop line says it answered
   * (transport/target-guard.ts) rather than ask whether an HTTP server listens there. Live only, as `bound`.
   */
  unjudgeable?: true;
  /**
   * A timeout after the answer's head came (a body that stalled or dripped): its message says how
   * much came, and the run's stop line says "in full", not that nothing answered. Live only, as `bound`.
   */
  headCame?: true;
  /**
   * With `headCame`: the status of that head. Unlike `headCame`, recorded (`_zavu.error.headStatus`),
   * so a replay's case line reads "timeout after the head (status 200)" as the live run's did
   * (CaseResult.headStatus).
   */
  headStatus?: number;
}

/**
 * A 429 answered before the final response: the suite waited and asked again. Or, `stopped`, the
 * final 429 itself: its case was stopped during the wait after it (RetryOn429Transport), so
 * `waitedMs` is the part waited, and nothing was asked again.
 */
export interface RateLimitRetry {
  status: number;
  waitedMs: number;
  /** Set on the last only: the case's stop cut this wait short, and no retry followed it. */
  stopped?: true;
  /**
   * Set when the 429 named no wait the suite could read, so it waited its default: no Retry-After
   * at all, or one that is neither delta-seconds nor an HTTP-date ("soon"). A client that honours
   * the header has nothing to go by: the rate-limited warning says so.
   */
  retryAfter?: 'missing' | 'unreadable';
}

/** One request and what came back (a response, or a transport error). */
export interface Exchange {
  /** Stable id within a run, e.g. "coexistence[snd_coex_active]#1". */
  id: string;
  request: HttpRequest;
  response?: HttpResponse;
  error?: TransportError;
  /** ISO 8601 time the request was sent. */
  startedAt: string;
  durationMs: number;
  /**
   * The run's own event-loop busy time while this request was out (0.1 ms; the live transport's
   * answers only): the part of durationMs that may be the run's, not the target's (an answer that
   * came at once is read late by a busy loop), which the deadline gives back (transport/stall-grace.ts)
   * and the near-timeout warning leaves out (runner/near-timeout-tally.ts). Kept in no report or recording.
   */
  runBusyMs?: number;
  /** Rate-limited attempts that preceded this response, oldest first. */
  retries?: RateLimitRetry[];
  /** A 429 not waited out because the run's waiting budget was spent: left as the answer, which the runner does not judge. */
  rateLimitBudgetSpent?: true;
  /** Never sent: the target had stopped answering (the error says so); nothing to judge. */
  notSent?: true;
  /**
   * A read that got no answer on a reused kept-alive connection within --timeout, sent once more on
   * a fresh connection, which answered: the target ignores requests on kept-alive connections.
   * Judged on that answer; the timeout check warns of it.
   */
  keepAliveIgnored?: KeepAliveIgnored;
}

/**
 * What Exchange.keepAliveIgnored says: `endedReuse` on the read that made the run stop reusing
 * connections, the `after`-th such read. `after` comes with `endedReuse`, always: the transport's
 * threshold is the transport's to know (checks may not import it), so whoever words the warning
 * reads the number here rather than guessing it.
 */
export type KeepAliveIgnored = { endedReuse: true; after: number } | { endedReuse?: undefined; after?: undefined };
