/**
 * How long one exchange of the live transport (http-transport.ts) may wait at most, in deadlines
 * (--timeout each): what a bound over a case's requests must leave room for. Its own file, so the
 * runner reads it without loading node:http (a replay run never does).
 */
import { MAX_GRACE_TIMEOUTS } from './stall-grace';

/**
 * Its own deadline; the run's busy time given back (MAX_GRACE_TIMEOUTS, stall-grace.ts); a read
 * sent again on a fresh connection after a silent reused one; one more for decoding an answer that
 * is all in. Besides the timers' own lateness on a busy loop.
 */
export const MAX_EXCHANGE_DEADLINES = 3 + MAX_GRACE_TIMEOUTS;
