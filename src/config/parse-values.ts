/**
 * Parsers of single setting values. Each returns the value or throws one UsageError line that
 * names where the value came from (the flag, or the environment variable and whether .env set it).
 */
import { UsageError } from '../model/errors';
import type { RunMode } from '../model';

/** A raw setting and the name to blame for it: "--timeout", "ZAVU_TIMEOUT_MS" or "ZAVU_TIMEOUT_MS (from .env)". */
export interface Picked {
  value: string | undefined;
  label: string;
  /** True when neither a flag nor the environment gave the value. */
  isDefault?: boolean;
}

/**
 * The value as it may be echoed in an error line: all before its last "@" masked, after the scheme
 * and slashes when there are some. A value the parser refuses, or reads as another scheme
 * ("alice:pw@host" has the scheme "alice"), has no user-info to it, yet holds the password as
 * typed: without a scheme, with backslashes, with a "/" in the password.
 */
function shown(value: string): string {
  return JSON.stringify(value.replace(/^(\s*(?:[a-z][a-z0-9+.-]*:[/\\]+)?)[^]*@/i, '$1***@'));
}

/**
 * A host (and port, and path) typed without its scheme, `localhost:4010` or `api.zavu.dev`: a URL
 * parser reads the first as the scheme "localhost" and refuses the second, and neither error says
 * what is missing. The URL likely meant: http for this machine, https elsewhere.
 */
function withoutScheme(value: string): string | undefined {
  const trimmed = value.trim();
  const host = /^([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?(?:\/[^\s]*)?$/i.exec(trimmed)?.[1];
  if (host === undefined || (!host.includes('.') && host.toLowerCase() !== 'localhost')) return undefined;
  const local = host.toLowerCase() === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return `${local ? 'http' : 'https'}://${trimmed}`;
}

export function parseBaseUrl({ value, label }: Picked): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The one part a URL parser refuses that a reader would not see: a port past 65535.
    const port = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(value)?.[1];
    if (port !== undefined && Number(port) > 65535) throw new UsageError(`${label} ${shown(value)}: port ${port} is out of range (1 to 65535)`);
    // A key given where the URL goes (the two flags swapped) must not be echoed: it would reach the CI log.
    if (/^\s*zv_[a-z]+_/i.test(value)) throw new UsageError(`${label} is not a URL: it looks like an API key (zv_…), which goes in --api-key or ZAVU_API_KEY; the URL is e.g. https://api.zavu.dev`);
    const meant = withoutScheme(value);
    if (meant !== undefined) throw new UsageError(`${label} ${shown(value)} has no scheme: did you mean ${shown(meant)}?`);
    throw new UsageError(`${label} ${shown(value)} is not a URL (expected e.g. https://api.zavu.dev)`);
  }
  // Port 0 parses, and names no port a server listens on.
  if (url.port === '0') throw new UsageError(`${label} ${shown(value)}: port 0 is out of range (1 to 65535)`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // "localhost:4010" parses, as the scheme "localhost".
    const meant = value.includes('//') ? undefined : withoutScheme(value);
    if (meant !== undefined) throw new UsageError(`${label} ${shown(value)} has no scheme: did you mean ${shown(meant)}?`);
    // What the parser took for a scheme is then the user name: not a scheme to name.
    if (!/^[^@]*\/\//.test(value) && value.includes('@')) throw new UsageError(`${label} ${shown(value)} has no scheme, and must not carry credentials (user:password@): the API key goes in ZAVU_API_KEY (or --api-key)`);
    throw new UsageError(`${label} ${shown(value)} must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.search || url.hash) throw new UsageError(`${label} must not carry a query or fragment: ${url.origin}${url.pathname}`);
  // A password in the URL would reach every curl, report and recording; the key has its own setting.
  if (url.username || url.password) throw new UsageError(`${label} must not carry credentials (user:password@): the API key goes in ZAVU_API_KEY (or --api-key), ${url.origin}${url.pathname}`);
  // The URL as parsed, not as typed: a leading space or tab, "http:/host", a backslash or a dot
  // segment would otherwise reach every request unparsed while the banner showed the parsed one.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function parseTimeout({ value, label }: Picked): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value ?? '') || ms < 1 || ms > 600_000) {
    throw new UsageError(`${label} ${JSON.stringify(value)} must be a whole number of milliseconds from 1 to 600000`);
  }
  return ms;
}

export function parseMode({ value, label }: Picked): RunMode {
  if (value === 'live' || value === 'record' || value === 'replay') return value;
  throw new UsageError(`${label} ${JSON.stringify(value)} must be live, record or replay`);
}

/** A whole number in [min, max], or a one-line error naming the flag. */
export function wholeNumber({ value, label }: Picked, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? '') || n < min || n > max) throw new UsageError(`${label} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}`);
  return n;
}

/** The slowest pace --rate takes: a request every 10 s (a run of ~750 requests is then two hours; below it a run looks hung, and past ~2^31 ms between requests Node's timers overflow). */
export const MIN_RATE = 0.1;

export function parseRate({ value, label }: Picked): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= MIN_RATE) || n > 1000) throw new UsageError(`${label} ${JSON.stringify(value)} must be a number of requests per second from ${MIN_RATE} (one every 10 s) to 1000`);
  return n;
}

export function seedOf(picked: Picked): number {
  // fast-check seeds are 32-bit integers; a fresh one each run unless the user replays one.
  return picked.value === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber(picked, 0, 2 ** 31 - 1);
}

/** A rate from 0 to 1 (--fail-on-flaky-rate), or undefined when not given. */
export function parseRateLimit({ value, label }: Picked): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${label} ${JSON.stringify(value)} must be a number from 0 to 1 (a share of the history window, e.g. 0.2)`);
  return n;
}
