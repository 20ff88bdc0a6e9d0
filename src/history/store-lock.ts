/**
 * The store's lock: `<store>.lock`, created only when absent, holding who took it. Two shard
 * merges that finish together both append to one cached store: the second waits for the first
 * (a bounded wait, then one line saying who holds it). A lock left by a killed process is stale
 * and taken over: its process is gone (same host), or it is older than any append can take.
 */
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { UsageError } from '../model/errors';
import { holderText, isStale, lockText, takeOverStale, tryTake } from '../files/lock-file';
import { escapeControl, excerpt } from '../text/plain-text';

export interface LockOptions {
  /** How long to wait for another writer before giving up (ms). */
  waitMs: number;
  /** A lock older than this is stale whoever holds it: an append takes well under a second. */
  staleMs: number;
  pollMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { waitMs: 15_000, staleMs: 120_000, pollMs: 20 };

/** Characters of the lock's holder a wait line shows. */
const HOLDER_CHARS = 200;

/**
 * Runs `work` holding the store's lock; the lock is released however `work` ends. `onWait` is told
 * once, when another live writer holds it, whom the wait is for: up to waitMs of silence would
 * look like a hang.
 */
export async function withStoreLock<T>(store: string, work: () => Promise<T>, options: LockOptions = DEFAULT_LOCK_OPTIONS, onWait?: (line: string) => void): Promise<T> {
  const lock = `${store}.lock`;
  // Deadlines on the monotonic clock: the wall clock set back while waiting (NTP) added the step to the wait.
  const deadline = performance.now() + options.waitMs;
  let told = false;
  let taken: string | undefined;
  // Bounded: each turn either takes the lock, removes a stale one, or sleeps towards the deadline.
  while ((taken = tryTake(lock, 'history store')) === undefined) {
    const text = lockText(`history store ${store}`, lock);
    if (isStale(lock, text, options.staleMs)) {
      takeOverStale(lock, text);
      continue;
    }
    const who = holderText(text);
    if (performance.now() >= deadline) {
      throw new UsageError(`history store ${store} is locked by ${who}; waited ${Math.round(options.waitMs / 1000)} s (remove ${lock} if no run is writing)`);
    }
    if (!told) {
      told = true;
      // A console line, as the run's history lines: the path is the user's folder names, the holder
      // whatever the lock file says (anyone's, in a CI cache, up to its 4 KiB): inert, and short.
      onWait?.(`history: waiting up to ${Math.round(options.waitMs / 1000)} s for ${escapeControl(lock)}, held by ${excerpt(who, HOLDER_CHARS)}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  // A process that exits while `work` is under way (a signal's exit stops a prune's rewrite, which
  // then never settles) lets the lock go on its way out, as a run lets its folder's go: only its own.
  const releaseOnExit = (): void => {
    try {
      if (readFileSync(lock, 'utf8') === taken) rmSync(lock, { force: true });
    } catch {
      // Gone already.
    }
  };
  process.once('exit', releaseOnExit);
  try {
    return await work();
  } finally {
    process.off('exit', releaseOnExit);
    await fs.rm(lock, { force: true });
  }
}

/**
 * How long an interrupted run (a signal to the CLI, an aborted signal of a run from code) waits for
 * the store's lock to record its night as not run: an append holds it for milliseconds, so a lock
 * still held after this is another run's longer work, and the interrupted run gives the record up
 * rather than delay its exit.
 */
export const INTERRUPTED_LOCK_WAIT_MS = 250;

/** Sleeps `ms` without a turn of the event loop: nothing else of the process runs meanwhile. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * {@link withStoreLock} without a turn of the event loop, waiting at most `waitMs`: for an
 * interrupted run, which records its night from a signal's handler before it exits. Nothing of the
 * interrupted run (a verdict, reports) can go on between taking the lock and letting it go.
 */
export function withStoreLockNow<T>(store: string, work: () => T, waitMs: number, pollMs = 10): T {
  const lock = `${store}.lock`;
  // Monotonic, as withStoreLock's: this wait holds the whole process, so a step of the wall clock would too.
  const deadline = performance.now() + waitMs;
  // Bounded by the deadline, whatever each turn finds: a stale lock that cannot be moved aside (a
  // folder not ours to write) must not keep this loop, which the whole process waits on, turning.
  while (tryTake(lock, 'history store') === undefined) {
    const text = lockText(`history store ${store}`, lock);
    const stale = isStale(lock, text, DEFAULT_LOCK_OPTIONS.staleMs);
    if (stale) takeOverStale(lock, text);
    if (performance.now() >= deadline) throw new UsageError(`history store ${store} is locked by ${holderText(text)}; an interrupted run waits ${waitMs} ms at most for it`);
    if (!stale) sleepSync(pollMs);
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}
