/**
 * Keeps the suite polite: at most `concurrency` requests in flight, and (optionally) request
 * starts spaced to `ratePerSecond`. A conformance run is a handful of requests against someone's
 * production API; sending them in a burst invites the 429s that would then have to be waited out.
 */
import { performance } from 'node:perf_hooks';
import type { Exchange, HttpRequest } from '../model';
import { pause } from './pause';
import { SharedWait } from './shared-wait';
import type { SendOptions, Transport } from './transport';

export interface RateLimitOptions {
  /** Requests in flight at once (default 2, at least 1). */
  concurrency?: number;
  /** Request starts per second; unlimited when absent. */
  ratePerSecond?: number;
  /**
   * Injected for tests; defaults to a timer (pause.ts). Handed the case's stop (SendOptions.signal),
   * it must end at once when that is aborted, its timer cleared: the limiter waits for nothing else.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injected for tests; milliseconds on any monotonic scale. */
  now?: () => number;
}

export class RateLimitedTransport implements Transport {
  private readonly concurrency: number;
  private readonly intervalMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
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
  private openGroup: { left: number; wait: SharedWait } | undefined;

  constructor(
    private readonly inner: Transport,
    options: RateLimitOptions = {},
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    const rate = options.ratePerSecond;
    if (rate !== undefined && !(rate > 0)) throw new RangeError(`ratePerSecond must be positive, got ${rate}`);
    this.intervalMs = rate === undefined ? 0 : 1000 / rate;
    this.sleep = options.sleep ?? pause;
    // Monotonic, as the option asks: on the wall clock, one set back an hour mid-run (NTP, a VM
    // resumed) left the tick reserved before it an hour ahead, and the next request waited that hour.
    this.now = options.now ?? (() => performance.now());
  }

  /** Resolves with this request's own exchange, whatever order the requests finish in. */
  async send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> {
    // A stopped case's request is not sent (the transport below says so): it takes no tick, which
    // would hold the next case's request back a tick for nothing, and waits for no slot.
    if (options?.signal?.aborted === true) return this.inner.send(request, exchangeId, options);
    // Copies of one request sent at once (at most 4) leave together: held to a slot or a tick each,
    // they would leave one after another, and a server that races would pass. They still count
    // against --rate: the group waits for one tick and reserves the N - 1 after it.
    const together = options?.together ?? 1;
    if (together > 1) {
      await this.groupReady(together, options?.signal);
      return this.inner.send(request, exchangeId, options);
    }
    // Stopped while queued for a slot: it leaves the queue without one, and is not sent.
    if (!(await this.acquire(options?.signal))) return this.inner.send(request, exchangeId, options);
    try {
      // A stopped case waits out no tick (its timer cleared): its request is not sent (the transport below says so).
      await this.pace(options?.signal);
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

  /**
   * Resolves true once a slot is the caller's, or false when `signal` is aborted while it waits in
   * the queue: it leaves the queue then, so no slot is handed to it, and no listener is left on it
   * either way.
   */
  private acquire(signal: AbortSignal | undefined): Promise<boolean> {
    if (this.active < this.concurrency) {
      this.active += 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const take = (): void => {
        signal?.removeEventListener('abort', leave);
        resolve(true);
      };
      const leave = (): void => {
        const at = this.queue.indexOf(take);
        if (at >= 0) this.queue.splice(at, 1);
        resolve(false);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.queue.push(take);
    });
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
   * reserves `together` ticks so the next request waits as if each copy had been paced. A stopped
   * copy stops waiting; the timer is cleared once every copy has (SharedWait), and not before: a
   * copy of another stop, or of none, still leaves at its tick.
   */
  private groupReady(together: number, signal: AbortSignal | undefined): Promise<void> {
    const open = this.openGroup;
    if (open !== undefined && open.left > 0) {
      open.left -= 1;
      // Joined before the group closes: closed first, a group whose copies so far had all stopped
      // would clear its timer under this one.
      const joined = open.wait.join(signal);
      if (open.left === 0) this.closeGroup(open);
      return joined;
    }
    const ticks = Math.floor(together);
    const group = { left: ticks - 1, wait: new SharedWait((unwaited) => this.reserve(ticks, unwaited)) };
    this.openGroup = group;
    const joined = group.wait.join(signal);
    // A copy sent alone later (a retry) must not join a group whose tick has passed: it opens its own.
    queueMicrotask(() => this.closeGroup(group));
    return joined;
  }

  private closeGroup(group: { wait: SharedWait }): void {
    if (this.openGroup === group) this.openGroup = undefined;
    group.wait.close();
  }

  /**
   * A token bucket of capacity one: each start takes the next free tick. The tick is reserved
   * before sleeping, so callers that arrive together are spaced rather than released at once.
   */
  private pace(signal: AbortSignal | undefined): Promise<void> {
    return this.reserve(1, signal);
  }

  /**
   * Takes the next free tick and the `ticks - 1` after it; resolves when the first has come, or
   * at once when `signal` is aborted (the ticks stay taken: the next request is paced as if sent).
   */
  private reserve(ticks: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.intervalMs === 0) return Promise.resolve();
    const now = this.now();
    const startAt = Math.max(now, this.nextStartAt);
    this.nextStartAt = startAt + ticks * this.intervalMs;
    return startAt > now ? this.sleep(startAt - now, signal) : Promise.resolve();
  }
}
