/**
 * A pause of the run's (a `--rate` tick, a Retry-After, a write's settle) that any of its signals
 * ends at once: the run's close, the case's stop. Ended so, its timer is cleared, not left to run
 * out (a Retry-After's up to 30 s, holding a process open), and it takes its listeners off every
 * signal either way, so a run whose cases are stopped one after another piles none on the run's.
 * One signal of its own that the others abort, not AbortSignal.any: the package supports Node 20.0,
 * which lacks it. On node:timers/promises, as the run's pauses always were.
 */
import { setTimeout as delay } from 'node:timers/promises';

/** Resolves after `ms`, or at once when any signal is aborted; never rejects. */
export async function pause(ms: number, ...signals: readonly (AbortSignal | undefined)[]): Promise<void> {
  const given = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (given.some((signal) => signal.aborted)) return;
  if (given.length === 0) {
    // No signal, a plain timer: nothing could end it sooner.
    await delay(ms);
    return;
  }
  const any = new AbortController();
  const end = (): void => any.abort();
  for (const signal of given) signal.addEventListener('abort', end, { once: true });
  try {
    // Aborted, the timer is cleared and the promise rejects: the pause is over either way.
    await delay(ms, undefined, { signal: any.signal }).catch(() => undefined);
  } finally {
    for (const signal of given) signal.removeEventListener('abort', end);
  }
}
