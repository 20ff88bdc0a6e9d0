/**
 * Keeps the suite polite: at most `concurrency` requests in flight, and (optionally) request
 * starts spaced to `ratePerSecond`. A conformance run is a handful of requests against someone's
 * production API; sending them in a burst invites the 429s that would then have to be waited out.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Exchange, HttpRequest } from '../model';
import type { SendOptions, Transport } from './transport';

export interface RateLimitOptions {
  /** Requests in flight at once (default 2, at least 1). */
  concurrency?: number;
  /** Request starts per second; unlimited when absent. */
  ratePerSecond?: number;
  /** Injected for tests; defaults to a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; milliseconds on any monotonic scale. */
  now?: () => number;
}

export class RateLimitedTransport implements Transport {
  private readonly concurrency: number;
  private readonly intervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private active = 0;
  /** Callers waiting for a slot, first come first served. */
  private readonly queue: Array<() => void> = [];
  /** Earliest time the next request may start. */
  private nextStartAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly inner: Transport,
    options: RateLimitOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    const rate = options.ratePerSecond;
    if (rate !== undefined && !(rate > 0)) throw new RangeError(`ratePerSecond must be positive, got ${rate}`);
    this.intervalMs = rate === undefined ? 0 : 1000 / rate;
    this.sleep = options.sleep ?? delay;
    this.now = options.now ?? Date.now;
  }

  /** Resolves with this request's own exchange, whatever order the requests finish in. */
  async send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> {
    // Copies of one request sent at once (at most 4) leave together: held to a slot or a tick each,
    // they would leave one after another, and a server that races would pass.
    if ((options?.together ?? 1) > 1) return this.inner.send(request, exchangeId, options);
    await this.acquire();
    try {
      await this.pace();
      return await this.inner.send(request, exchangeId);
    } finally {
      this.release();
    }
  }

  sourceOf(exchangeId: string): string | undefined {
    return this.inner.sourceOf?.(exchangeId);
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  /** Hands the slot straight to the next waiter, so a newcomer cannot overtake the queue. */
  private release(): void {
    const next = this.queue.shift();
    if (next === undefined) this.active -= 1;
    else next();
  }

  /**
   * A token bucket of capacity one: each start takes the next free tick. The tick is reserved
   * before sleeping, so callers that arrive together are spaced rather than released at once.
   */
  private async pace(): Promise<void> {
    if (this.intervalMs === 0) return;
    const now = this.now();
    const startAt = Math.max(now, this.nextStartAt);
    this.nextStartAt = startAt + this.intervalMs;
    if (startAt > now) await this.sleep(startAt - now);
  }
}
