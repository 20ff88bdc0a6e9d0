/**
 * The wall clock as it is, whatever the caller's realm fakes. A run from code runs on its caller's
 * globals: under `jest.useFakeTimers()` (which fakes Date unless told not to) or
 * @sinonjs/fake-timers' `install({ toFake: ['Date'] })`, `Date` says what the test set (1970 by
 * default, or a day in 2099). A run stamped its report and history record with that time, marked
 * the cache entries it used as last used then (a 1970 mark is pruned by the next real run), and
 * judged every lock and cache entry by it (from 2099, another run's fresh lock reads as stale);
 * its transport stamped each request's sent time so, which a start's requestedAt is judged against.
 * The Date of a new realm is the engine's own, which no fake of this realm's globals reaches.
 */
import { runInNewContext } from 'node:vm';

let realDate: DateConstructor | undefined;

/** The engine's Date, from a realm made once, when first asked (not when the module loads: a CLI that never asks makes none). */
function engineDate(): DateConstructor {
  realDate ??= runInNewContext('Date') as DateConstructor;
  return realDate;
}

/** Milliseconds since the epoch, as Date.now() would say with no fake installed. */
export function realNow(): number {
  return engineDate().now();
}

/** Now, as an ISO 8601 timestamp (`new Date().toISOString()`, really now). */
export function realIsoNow(): string {
  return new (engineDate())().toISOString();
}
