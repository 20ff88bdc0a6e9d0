/**
 * How long one exchange of the live transport may take at most: in deadlines (--timeout each) for
 * one request of http-transport.ts, and in all for one exchange of the live stack, its 429s waited
 * out and asked again (retry-on-429.ts): what a bound over a case's requests must leave room for.
 * Its own file, so the runner reads it without loading node:http (a replay never does).
 */
import { RETRY_ON_429 } from './retry-on-429-policy';
import { MAX_GRACE_TIMEOUTS } from './stall-grace';

/**
 * Its own deadline; the run's busy time given back (MAX_GRACE_TIMEOUTS, stall-grace.ts); a read
 * sent again on a fresh connection after a silent reused one; one more for decoding an answer that
 * is all in. Besides the timers' own lateness on a busy loop.
 */
export const MAX_EXCHANGE_DEADLINES = 3 + MAX_GRACE_TIMEOUTS;

/** Requests one exchange may send: the first, and one per 429 waited out. */
export const MAX_SENDS_PER_EXCHANGE = RETRY_ON_429.maxRetries + 1;

/**
 * The most one exchange may wait for Retry-After: each wait is held to maxWaitMs, and all of a
 * run's to its budget, so an exchange waits the lesser (a "Retry-After: 20" each time spends the
 * minute in three waits, and still gets all four requests sent).
 */
export const MAX_RETRY_WAIT_MS = Math.min(RETRY_ON_429.maxRetries * RETRY_ON_429.maxWaitMs, RETRY_ON_429.runBudgetMs);

/**
 * The longest `exchanges` exchanges of the live stack may take one after another (a case's steps,
 * times --repeat): each request they send may wait `tickMs` for its --rate tick (the retries go
 * through the pacing too) and take all MAX_EXCHANGE_DEADLINES deadlines (a slow 429 on a busy run,
 * or after a silent reused socket, is each), plus every Retry-After waited between them, which the
 * run's budget holds to MAX_RETRY_WAIT_MS over all of them, not each. Besides the timers' lateness:
 * a bound over it adds its margin.
 */
export function longestExchangeMs(timeoutMs: number, tickMs = 0, exchanges = 1): number {
  return exchanges * MAX_SENDS_PER_EXCHANGE * (tickMs + MAX_EXCHANGE_DEADLINES * timeoutMs) + MAX_RETRY_WAIT_MS;
}
