/**
 * The store's lock: `<store>.lock`, created only when absent, holding who took it. Two shard
 * merges that finish together both append to one cached store: the second waits for the first
 * (a bounded wait, then one line saying who holds it). A lock left by a killed process is stale
 * and taken over: its process is gone (same host), or it is older than any append can take.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { InputFileError, readInputFile } from '../files/read-input-file';
import { UsageError } from '../model/errors';

/** A lock holds one line naming its holder. */
const LOCK_FILE_LIMIT = 4096;

export interface LockOptions {
  /** How long to wait for another writer before giving up (ms). */
  waitMs: number;
  /** A lock older than this is stale whoever holds it: an append takes well under a second. */
  staleMs: number;
  pollMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { waitMs: 15_000, staleMs: 120_000, pollMs: 20 };

interface Holder {
  pid: number;
  host: string;
  since: string;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string' ? (value as Holder) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the lock's holder cannot still be writing; a lock that names no holder (not ours) is stale only by age. */
async function isStale(lock: string, text: string, options: LockOptions): Promise<boolean> {
  const holder = parseHolder(text);
  if (holder !== undefined && holder.host === hostname() && !isAlive(holder.pid)) return true;
  const stat = await fs.stat(lock).catch(() => undefined);
  return stat !== undefined && Date.now() - stat.mtimeMs > options.staleMs;
}

/**
 * Creates the lock with its holder already in it: the holder is written to a temp file that is
 * then hard-linked to the lock's name (link fails when the name exists). A process killed at any
 * point thus leaves either no lock or one naming it, never an empty lock nobody can judge.
 */
async function tryTake(lock: string): Promise<boolean> {
  const temp = `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }), { flag: 'wx', mode: 0o644 });
    await fs.link(temp, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UsageError(`history store lock ${lock}: cannot create it (${(error as Error).message})`);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/**
 * Removes a lock judged stale, and only that one. A read-compare-remove would race: of two
 * waiters that judged the same lock stale, the slower could remove the fresh lock the faster one
 * has just taken. A rename is atomic, so the lock is moved aside first and its content compared
 * there: a lock that is not the stale one (taken meanwhile) is linked back.
 */
export async function takeOverStale(lock: string, staleText: string): Promise<void> {
  const aside = `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await fs.rename(lock, aside);
  } catch {
    return; // Gone already: another waiter took it over.
  }
  const moved = await fs.readFile(aside, 'utf8').catch(() => undefined);
  if (moved !== staleText) await fs.link(aside, lock).catch(() => undefined);
  await fs.rm(aside, { force: true });
}

/**
 * What the lock file says, '' when it is gone or unreadable. Only a regular file, and only its
 * first KiB: a FIFO in its place would block each turn's read, out of reach of the deadline.
 */
function lockText(store: string, lock: string): string {
  try {
    return readInputFile(lock, LOCK_FILE_LIMIT, 'a lock file').toString('utf8');
  } catch (error) {
    // Gone, or refused by the file system: no holder to name. A FIFO or a folder there is no lock.
    if (error instanceof InputFileError && error.code !== undefined) return '';
    throw new UsageError(`history store ${store}: its lock ${lock} ${(error as Error).message} (remove it if no run is writing)`);
  }
}

/**
 * Runs `work` holding the store's lock; the lock is released however `work` ends. `onWait` is told
 * once, when another live writer holds it, whom the wait is for: up to waitMs of silence would
 * look like a hang.
 */
export async function withStoreLock<T>(store: string, work: () => Promise<T>, options: LockOptions = DEFAULT_LOCK_OPTIONS, onWait?: (line: string) => void): Promise<T> {
  const lock = `${store}.lock`;
  const deadline = Date.now() + options.waitMs;
  let told = false;
  // Bounded: each turn either takes the lock, removes a stale one, or sleeps towards the deadline.
  while (!(await tryTake(lock))) {
    const text = lockText(store, lock);
    if (await isStale(lock, text, options)) {
      await takeOverStale(lock, text);
      continue;
    }
    const holder = parseHolder(text);
    const who = holder === undefined ? 'another process' : `pid ${holder.pid} on ${holder.host} since ${holder.since}`;
    if (Date.now() >= deadline) {
      throw new UsageError(`history store ${store} is locked by ${who}; waited ${Math.round(options.waitMs / 1000)} s (remove ${lock} if no run is writing)`);
    }
    if (!told) {
      told = true;
      onWait?.(`history: waiting up to ${Math.round(options.waitMs / 1000)} s for ${lock}, held by ${who}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  try {
    return await work();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
