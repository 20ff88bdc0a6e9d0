/** Parsers of single setting values: each returns the value or throws one UsageError line naming the flag. */
import { UsageError } from '../model/errors';
import type { RunMode } from '../model';

export function parseBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url ${JSON.stringify(value)} is not a URL (expected e.g. https://api.zavu.dev)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--base-url ${JSON.stringify(value)} must use http or https, not ${url.protocol.replace(':', '')}`);
  }
  if (url.search || url.hash) throw new UsageError(`--base-url must not carry a query or fragment: ${url.origin}${url.pathname}`);
  return value.replace(/\/+$/, '');
}

export function parseTimeout(value: string | undefined): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value ?? '') || ms < 1 || ms > 600_000) {
    throw new UsageError(`--timeout ${JSON.stringify(value)} must be a whole number of milliseconds from 1 to 600000`);
  }
  return ms;
}

export function parseMode(value: string | undefined): RunMode {
  if (value === 'live' || value === 'record' || value === 'replay') return value;
  throw new UsageError(`--mode ${JSON.stringify(value)} must be live, record or replay`);
}

/** A whole number in [min, max], or a one-line error naming the flag. */
export function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value ?? '') || n < min || n > max) throw new UsageError(`--${flag} ${JSON.stringify(value)} must be a whole number from ${min} to ${max}`);
  return n;
}

export function parseRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0) || n > 1000) throw new UsageError(`--rate ${JSON.stringify(value)} must be a number of requests per second above 0 and at most 1000`);
  return n;
}

export function seedOf(value: string | undefined): number {
  // fast-check seeds are 32-bit integers; a fresh one each run unless the user replays one.
  return value === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber('seed', value, 0, 2 ** 31 - 1);
}
