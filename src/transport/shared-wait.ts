/**
 * One wait that several callers share: the copies of a concurrent step, which must leave in the
 * same turn, so they wait on one timer, not each on its own. A caller stops waiting at its own
 * stop; the timer is cleared only once every caller that joined has stopped, so a copy still
 * waiting is never let go before its tick, and no timer runs on that no one waits for.
 */
export class SharedWait {
  private readonly unwaited = new AbortController();
  private readonly ready: Promise<void>;
  /** Callers waiting that a stop may yet end (one without a signal counts for good). */
  private waiting = 0;
  private open = true;

  /** `start`: the wait itself, which must end when its signal is aborted (a pause, rate-limit's sleep). */
  constructor(start: (signal: AbortSignal) => Promise<void>) {
    this.ready = start(this.unwaited.signal);
  }

  /**
   * Resolves when the wait has ended, or at once when `signal` is aborted. Only before close(): a
   * caller joining after it might find the timer cleared, and leave before its time (rate-limit.ts
   * joins a group only while it is open).
   */
  join(signal: AbortSignal | undefined): Promise<void> {
    if (!this.open) throw new Error('SharedWait.join after close(): the wait may be over before its time');
    if (signal?.aborted === true) return Promise.resolve();
    this.waiting += 1;
    if (signal === undefined) return this.ready;
    return new Promise<void>((resolve, reject) => {
      const stop = (): void => {
        this.waiting -= 1;
        this.clearIfUnwaited();
        resolve();
      };
      signal.addEventListener('abort', stop, { once: true });
      this.ready.then(
        () => {
          signal.removeEventListener('abort', stop);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', stop);
          reject(error);
        },
      );
    });
  }

  /** No caller joins after this one: once the ones that did have all stopped, the timer is cleared. */
  close(): void {
    this.open = false;
    this.clearIfUnwaited();
  }

  private clearIfUnwaited(): void {
    if (!this.open && this.waiting === 0) this.unwaited.abort();
  }
}
