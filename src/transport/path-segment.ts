/**
 * How a path parameter's value goes into the request path; for a hostile value, two ways. Two ways, because they probe different
 * code: the encoded form reaches the server's id lookup (does it survive any id?), the raw form
 * reaches its router and URL parser (does it survive any path?).
 *
 * What is sent: HttpTransport hands the path to node:http byte for byte, so "..", "%2F", "\",
 * "#" and a lone "%" arrive as written. Anything that re-parses the URL does not keep them:
 * `new URL()` resolves "." / ".." and "%2e%2e" segments, turns "\" into "/", drops "#…" and
 * percent-encodes spaces; curl squashes dot segments unless given --path-as-is. Never round-trip
 * a request URL through `new URL()`.
 */

/** A sender id and how it is put into the path. */
export interface NegativeInput {
  id: string;
  /**
   * false: percent-encoded like an SDK would (encodeURIComponent, plus "." and ".." as %2E so
   * the id stays one segment). true: printable ASCII goes on the wire as typed, so reserved
   * characters keep their meaning; only what a request line cannot carry at all (controls,
   * space, non-ASCII) is percent-encoded as UTF-8.
   */
  raw: boolean;
}

/** One key per distinct request an input makes (its id and how it goes into the path), for caches of sent inputs. */
export const inputKey = (input: NegativeInput): string => JSON.stringify([input.id, input.raw]);

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * UTF-8 percent-encoding of one code point. A lone surrogate has no UTF-8 form; it is sent as
 * its WTF-8 bytes (e.g. %ED%A0%80): invalid UTF-8 on purpose, a classic decoder crash.
 */
export function percentEncodeCodePoint(char: string): string {
  const unit = char.charCodeAt(0);
  if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map(hex).join('');
  return [...Buffer.from(char, 'utf8')].map(hex).join('');
}

/**
 * encodeURIComponent, except that a lone surrogate, on which it throws, goes as its WTF-8 bytes.
 * The whole text at once where it can: the negative property sends ids of 8 KB and more, hundreds
 * of times a run, and a call per character cost more than the request itself.
 */
function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // A URIError: a lone surrogate somewhere. Code point by code point (the u flag matches a pair as
    // one), each as encodeURIComponent would give it, the lone surrogate as its WTF-8 bytes.
    return text.replace(/[^A-Za-z0-9\-_.!~*'()]/gu, percentEncodeCodePoint);
  }
}

/**
 * Percent-encoded, as UTF-8, only what a request line cannot carry at all (controls, space,
 * non-ASCII); printable ASCII as it is. A run of such characters never holds one that
 * encodeURIComponent leaves alone, and holds a surrogate pair whole (both halves are outside).
 */
export const percentEncodeForRequestLine = (text: string): string => text.replace(/[^\x21-\x7e]+/g, encodeComponent);

/** The path segment for an input (see NegativeInput.raw). */
export function senderSegment(input: NegativeInput): string {
  if (input.raw) return percentEncodeForRequestLine(input.id);
  // Dot segments would otherwise be resolved away by any URL-aware hop; %2E keeps them an id.
  if (input.id === '.' || input.id === '..') return input.id.replace(/\./g, '%2E');
  return encodeComponent(input.id);
}

/** A path parameter's value: a plain value (sent percent-encoded) or a negative input. */
export type PathValue = string | NegativeInput;

/**
 * The path template with each `{name}` replaced by its value's segment, e.g.
 * "/v1/senders/a%2Fb/whatsapp-sync".
 *
 * @throws Error when the template names a parameter without a value (the registry binds every one at load)
 */
export function fillPath(pathTemplate: string, values: Readonly<Record<string, PathValue>>): string {
  // A function replacement, so "$&" or "$1" inside an id are not replacement patterns.
  return pathTemplate.replace(/\{([^{}]+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`path template ${pathTemplate}: no value for {${name}}`);
    return senderSegment(typeof value === 'string' ? { id: value, raw: false } : value);
  });
}

/** The template with its {senderId} replaced by the input's segment (the negative property's one parameter). */
export function senderPath(pathTemplate: string, input: NegativeInput): string {
  if (!pathTemplate.includes('{senderId}')) throw new Error(`path template ${pathTemplate} has no {senderId}`);
  return fillPath(pathTemplate, { senderId: input });
}

/**
 * True when a raw input can leave its path segment: a "/", "\", "?" or "#" (or %2F / %5C, which
 * some servers decode before routing), or a dot segment (also as %2e, which URL-normalising hops
 * resolve like "."). The request may then address another resource, so only "no 5xx, no dropped
 * connection" still holds.
 */
export function escapesSegment(input: NegativeInput): boolean {
  // Judged on the segment as sent: an id "/" goes out as %2F, the very bytes of the raw id "%2F",
  // which a front that refuses encoded slashes (Apache's AllowEncodedSlashes Off) answers alike.
  const segment = senderSegment(input);
  if (/[/\\?#]|%2f|%5c/i.test(segment)) return true;
  return input.raw && /^(?:\.|%2e){1,2}$/i.test(segment);
}

/**
 * True when the segment as sent carries an encoded NUL (`%00`): RFC 3986 §7.3 has applications
 * reject it, and common fronts do, before any route, with a 400 page of their own (nginx and so
 * OpenResty and Kong, OpenLiteSpeed): a refusal the API never saw.
 */
export function encodesNul(input: NegativeInput): boolean {
  return /%00/i.test(senderSegment(input));
}

/** HTTP.sys's default UrlSegmentMaxLength: the longest path segment it lets through to any route. */
export const HTTP_SYS_SEGMENT_LIMIT = 260;

/**
 * True when the segment as sent is longer than HTTP.sys lets through (IIS, Azure App Service on
 * Windows, Web Application Proxy: UrlSegmentMaxLength, 260 by default), which refuses the URL with
 * its own "400 Bad Request - Invalid URL" page before any route: a refusal the API never saw.
 */
export function overlongSegment(input: NegativeInput): boolean {
  return senderSegment(input).length > HTTP_SYS_SEGMENT_LIMIT;
}

/** The longest request line many fronts let through: nginx's large_client_header_buffers (8k by default), and many CDNs'. */
export const FRONT_URL_LIMIT = 8192;

/**
 * True when the request line the id is sent in ("GET <target> HTTP/1.1") is as long as a front
 * lets through, or longer (nginx's large_client_header_buffers, 8k by default, many CDNs): such a
 * front refuses the request with a page of its own before any route. `around`: the line's
 * characters besides the id's segment (method, the rest of the target, the version;
 * requestLineAround); without it the segment alone decides, and an id a little under 8 KB whose
 * line is over was put down to HTTP.sys's segment limit alone.
 */
export function overlongUrl(input: NegativeInput, around = 0): boolean {
  return senderSegment(input).length + around >= FRONT_URL_LIMIT;
}

/**
 * The request target a URL is sent with (http-transport): all after the authority, as a request
 * line can carry it, "/" when empty. Not `new URL()`'s: it would resolve dot segments and the
 * hostile ids' backslashes, and its origin is not the URL's first characters when the URL has a
 * default port, userinfo or a host not in ASCII.
 */
export function requestTarget(url: string): string {
  const rest = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*(.*)$/is.exec(url)?.[1] ?? '';
  const target = percentEncodeForRequestLine(rest);
  return target.startsWith('/') ? target : `/${target}`;
}

/**
 * The characters of a request's line besides one path value's segment, from the request sent with
 * that value empty: "<method> <request target> HTTP/1.1", the target as the transport sends it.
 */
export function requestLineAround(withEmptyValue: { method: string; url: string }): number {
  return `${withEmptyValue.method} ${requestTarget(withEmptyValue.url)} HTTP/1.1`.length;
}

/**
 * True when a raw input's segment is not one RFC 3986's grammar allows (a "%" not followed by two
 * hex digits, or a character outside pchar such as "^", "|", "[", a quote): the request-target is
 * then invalid, and an HTTP layer may refuse it with a 400 of its own before any route (RFC 9112 §3.2).
 */
export function invalidSegment(input: NegativeInput): boolean {
  if (!input.raw) return false;
  const segment = senderSegment(input);
  return /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@%]/.test(segment);
}
