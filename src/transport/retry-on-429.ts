/**
 * Waits out rate limiting instead of reporting it as the target's answer: a 429 says "not now",
 * not "this is my verdict on your request", so judging it against the scenario would blame the
 * target for the suite's pace. Every wait is recorded on the exchange (`retries`) so the
 * "rate-limited" check can still warn about it, and a target that never relents is reported
 * with its last 429, which the runner then leaves unjudged (the case could not be judged).
 */
import { performance } from 'node:perf_hooks';
import type { Exchange, HttpRequest, RateLimitRetry } from '../model';
import { isSafeMethod } from '../model/operation';
import { httpDateMs } from '../text/http-date';
import { pause } from './pause';
import { RETRY_ON_429 } from './retry-on-429-policy';
import type { SendOptions, Transport } from './transport';
import { realNow } from '../text/real-clock';

export interface RetryOn429Options {
  /** Retries after the first 429 (default RETRY_ON_429's 3): at most maxRetries + 1 requests per exchange. */
  maxRetries?: number;
  /** Longest single wait, whatever Retry-After asks (default RETRY_ON_429's 30000 ms). */
  maxWaitMs?: number;
  /**
   * All the waiting one run may do, over every request (default RETRY_ON_429's 60000 ms): once spent, a 429 is
   * the answer. Without it a target that answers every request 429 with "Retry-After: 30" holds a
   * run of ~400 reads for hours, silently.
   */
  runBudgetMs?: number;
  /** Wait when Retry-After is missing or unreadable (default RETRY_ON_429's 1000 ms). */
  defaultWaitMs?: number;
  /**
   * Injected for tests; defaults to a timer (pause.ts). Handed the case's stop (SendOptions.signal),
   * it must end at once when that is aborted, its timer cleared.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests; epoch milliseconds, used to turn an HTTP-date into a delay. */
  now?: () => number;
  /** Injected for tests; milliseconds on any monotonic scale, timing a wait a stop cut short. */
  monotonicNow?: () => number;
}

/**
 * Milliseconds a Retry-After value asks for (RFC 9110 §10.2.3: delta-seconds or an HTTP-date),
 * or undefined when it is neither. A date in the past means "now" (0).
 *
 * An HTTP-date is the answering host's clock, as its Date header is (RFC 9110 §6.6.1): the wait it
 * asks for is the date after that Date, not after the suite's clock, which may be minutes off the
 * target's (a CDN's clock 16 minutes behind would ask for no wait at all, and every retry would
 * meet the same window; one 20 minutes fast, for the longest wait each time). So `dateHeader`, the
 * answer's Date when it reads as one, is the "now" of the date; without it, the suite's clock.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number, dateHeader?: string): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Not Date.parse: it reads the asctime form in the runner's own time zone, so the same answer
  // would be waited out hours too long (or not at all) depending on where the run happens.
  const at = httpDateMs(text, nowMs);
  if (at === undefined) return undefined;
  const answeredAt = dateHeader === undefined ? undefined : httpDateMs(dateHeader, nowMs);
  return Math.max(0, at - (answeredAt ?? nowMs));
}

export class RetryOn429Transport implements Transport {
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  /** What is left of runBudgetMs; shared by every request of the run, concurrent ones too. */
  private budgetLeftMs: number;
  private readonly defaultWaitMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly monotonicNow: () => number;

  constructor(
    private readonly inner: Transport,
    options: RetryOn429Options = {},
  ) {
    this.maxRetries = Math.max(0, options.maxRetries ?? RETRY_ON_429.maxRetries);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? RETRY_ON_429.maxWaitMs);
    this.budgetLeftMs = Math.max(0, options.runBudgetMs ?? RETRY_ON_429.runBudgetMs);
    this.defaultWaitMs = options.defaultWaitMs ?? RETRY_ON_429.defaultWaitMs;
    this.sleep = options.sleep ?? pause;
    this.now = options.now ?? realNow;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
  }

  /**
   * Only 429 responses are retried: a transport error or any other status is the target's answer.
   * Only safe methods (GET, HEAD): a write answered 429 by some hop may still have taken effect
   * behind it, and a write is never sent twice.
   */
  async send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> {
    const retries: RateLimitRetry[] = [];
    let exchange = await this.inner.send(request, exchangeId, options);
    const safe = isSafeMethod(request.method);
    let spent = false;
    // A stopped case asks no more: its last 429 is its answer.
    const stopped = (): boolean => options?.signal?.aborted === true;
    while (safe && exchange.response?.status === 429 && retries.length < this.maxRetries && !stopped()) {
      const header = exchange.response.headers['retry-after'];
      const named = parseRetryAfter(header, this.now(), exchange.response.headers['date']);
      const waitedMs = Math.min(named ?? this.defaultWaitMs, this.maxWaitMs);
      // Asking again before the time the target named would only meet another 429.
      if (waitedMs > this.budgetLeftMs) {
        spent = true;
        break;
      }
      // Taken before the wait, so requests waiting beside this one cannot spend it twice.
      this.budgetLeftMs -= waitedMs;
      const retry: RateLimitRetry = { status: exchange.response.status, waitedMs, ...(named === undefined ? { retryAfter: header === undefined ? ('missing' as const) : ('unreadable' as const) } : {}) };
      retries.push(retry);
      const began = this.monotonicNow();
      await this.sleep(waitedMs, options?.signal);
      // Stopped during the wait (its timer cleared): the 429 stands, and nothing is sent again. The
      // part not waited goes back to the run's budget, and the record says what was waited, and
      // that no retry followed it (the reports would otherwise count one that was never sent).
      if (stopped()) {
        const waited = Math.min(waitedMs, Math.max(0, Math.round(this.monotonicNow() - began)));
        this.budgetLeftMs += waitedMs - waited;
        retries[retries.length - 1] = { ...retry, waitedMs: waited, stopped: true };
        break;
      }
      exchange = await this.inner.send(request, exchangeId, options);
    }
    // The final exchange keeps its own timing: durationMs is how long the target took to answer, not how long the suite waited.
    if (retries.length === 0 && !spent) return exchange;
    return { ...exchange, ...(retries.length === 0 ? {} : { retries }), ...(spent ? { rateLimitBudgetSpent: true as const } : {}) };
  }

  sourceOf(exchangeId: string): string | undefined {
    return this.inner.sourceOf?.(exchangeId);
  }
}
