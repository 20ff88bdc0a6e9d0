/**
 * Keeps the suite polite: at most `concurrency` requests in flight, and (optionally) request
 * starts spaced to `ratePerSecond`. A conformance run is a handful of requests against someone's
 * production API; sending them in a burst invites the 429s that would then have to be waited out.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Exchange, HttpRequest } from '../model';
import { untilStopped } from './case-stopped';
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
  /**
   * The copies of one request sent at once (SendOptions.together) still joining their group: the
   * caller starts every copy's send in one synchronous run (Promise.all over a map), so they meet
   * here before any await; the group is closed once full, or at the end of that run.
   */
  private openGroup: { left: number; ready: Promise<void> } | undefined;

  constructor(
    private readonly inner: Transport,
    options: RateLimitOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    const rate = options.ratePerSecond;
    if (rate !== undefined && !(rate > 0)) throw new RangeError(`ratePerSecond must be positive, got ${rate}`);
    this.intervalMs = rate === undefined ? 0 : 1000 / rate;
    this.sleep = options.sleep ?? delay;
    // Monotonic, as the option asks: on the wall clock, one set back an hour mid-run (NTP, a VM
    // resumed) left the tick reserved before it an hour ahead, and the next request waited that hour.
    this.now = options.now ?? (() => performance.now());
  }

  /** Resolves with this request's own exchange, whatever order the requests finish in. */
  async send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> {
    // Copies of one request sent at once (at most 4) leave together: held to a slot or a tick each,
    // they would leave one after another, and a server that races would pass. They still count
    // against --rate: the group waits for one tick and reserves the N - 1 after it.
    const together = options?.together ?? 1;
    if (together > 1) {
      await untilStopped(this.groupReady(together), options?.signal);
      return this.inner.send(request, exchangeId, options);
    }
    await this.acquire();
    try {
      // A stopped case waits out no tick: its request is not sent (the transport below says so).
      await untilStopped(this.pace(), options?.signal);
      return await this.inner.send(request, exchangeId, options);
    } finally {
      this.release();
    }
  }

  /**
   * Resolves when the next request may start, reserving nothing: a caller that hands the target
   * over to another limiter (the other project's key check, before the run's) waits it out, so the
   * next request is paced after this one's last.
   */
  untilNextStart(): Promise<void> {
    const wait = this.nextStartAt - this.now();
    return wait > 0 ? this.sleep(wait) : Promise.resolve();
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
   * The moment a copy of a group may leave: one shared wait for the whole group (so the copies
   * leave in the same turn, not each after its own timer), taken by the first copy to arrive, which
   * reserves `together` ticks so the next request waits as if each copy had been paced.
   */
  private groupReady(together: number): Promise<void> {
    const open = this.openGroup;
    if (open !== undefined && open.left > 0) {
      open.left -= 1;
      if (open.left === 0) this.openGroup = undefined;
      return open.ready;
    }
    const ready = this.reserve(Math.floor(together));
    const group = { left: Math.floor(together) - 1, ready };
    this.openGroup = group;
    // A copy sent alone later (a retry) must not join a group whose tick has passed: it opens its own.
    queueMicrotask(() => {
      if (this.openGroup === group) this.openGroup = undefined;
    });
    return ready;
  }

  /**
   * A token bucket of capacity one: each start takes the next free tick. The tick is reserved
   * before sleeping, so callers that arrive together are spaced rather than released at once.
   */
  private pace(): Promise<void> {
    return this.reserve(1);
  }

  /** Takes the next free tick and the `ticks - 1` after it; resolves when the first has come. */
  private reserve(ticks: number): Promise<void> {
    if (this.intervalMs === 0) return Promise.resolve();
    const now = this.now();
    const startAt = Math.max(now, this.nextStartAt);
    this.nextStartAt = startAt + ticks * this.intervalMs;
    return startAt > now ? this.sleep(startAt - now) : Promise.resolve();
  }
}
