/**
 * A lock file: created only when absent, holding who took it (pid, host, since). The history
 * store's appends wait on one (history/store-lock.ts); a run holds one on its reports folder (a
 * record run on its recordings folder too) for as long as it writes there (holdFolder). A lock
 * left by a killed process is stale and taken over: its process is gone (same host), or it is
 * older than its owner's work can take.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../model/errors';
import { InputFileError, readInputFile } from './read-input-file';
import { realIsoNow, realNow } from '../text/real-clock';

/** A lock holds one line naming its holder. */
const LOCK_FILE_LIMIT = 4096;

/**
 * The most characters of a lock's host or time any output shows: a host name or an ISO time is
 * short, and past this it is no lock a run wrote (a lock's words are anyone's who could write the folder).
 */
export const LOCK_WORD_CHARS = 64;

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  /** A folder lock's night (history/unfinished-night.ts nightKey), when its run named one: as read, anyone's words, so unknown. */
  night?: unknown;
  /** The suite version and build of the run that named its night (NightStamp): as read, anyone's words, so unknown; absent from older locks. */
  suiteVersion?: unknown;
  suiteBuild?: unknown;
}

/**
 * What a run's folder lock keeps beside its holder for the run that takes it over if it dies: its
 * night's key (history/unfinished-night.ts nightKey) and the suite that ran it, so the dead night's
 * record says which version and build died.
 */
export interface NightStamp {
  night: string;
  suiteVersion: string;
  suiteBuild?: string;
}

export function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string' ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** The holder in words, for a line that says whom a wait or a refusal is for. */
export function holderText(text: string): string {
  const holder = parseHolder(text);
  return holder === undefined ? 'another process' : `pid ${holder.pid} on ${holder.host} since ${holder.since}`;
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

/** True when the lock's holder cannot still be at work; a lock that names no holder (not ours) is stale only by age. */
export function isStale(lock: string, text: string, staleMs: number): boolean {
  const holder = parseHolder(text);
  if (holder !== undefined && holder.host === hostname() && !isAlive(holder.pid)) return true;
  const stat = statSync(lock, { throwIfNoEntry: false });
  return stat !== undefined && realNow() - stat.mtimeMs > staleMs;
}

/** A name beside `lock` no other process or call picks (its pid, then random): where a lock is written or moved aside before a link or rename. */
function besideLock(lock: string, suffix: 'tmp' | 'stale'): string {
  return `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`;
}

/**
 * Creates the lock with its holder already in it: the holder is written to a temp file that is
 * then hard-linked to the lock's name (link fails when the name exists). A process killed at any
 * point thus leaves either no lock or one naming it, never an empty lock nobody can judge.
 * Returns the text written (what `release` compares), or undefined when the lock was there.
 * Synchronous (microseconds of file work): a signal's handler takes the history store's lock with
 * it and must finish before the process exits, with nothing of the interrupted run going on meanwhile.
 */
export function tryTake(lock: string, what: string, night?: NightStamp): string | undefined {
  const temp = besideLock(lock, 'tmp');
  const text = JSON.stringify({ pid: process.pid, host: hostname(), since: realIsoNow(), ...night } satisfies LockHolder);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: 0o644 });
    linkSync(temp, lock);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw new UsageError(`${what} lock ${lock}: cannot create it (${(error as Error).message})`);
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Removes a lock judged stale, and only that one. A read-compare-remove would race: of two
 * waiters that judged the same lock stale, the slower could remove the fresh lock the faster one
 * has just taken. A rename is atomic, so the lock is moved aside first and its content compared
 * there: a lock that is not the stale one (taken meanwhile) is linked back.
 */
export function takeOverStale(lock: string, staleText: string): void {
  const aside = besideLock(lock, 'stale');
  try {
    renameSync(lock, aside);
  } catch {
    return; // Gone already: another waiter took it over.
  }
  let moved: string | undefined;
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    moved = undefined;
  }
  if (moved !== staleText) {
    try {
      linkSync(aside, lock);
    } catch {
      // Taken meanwhile by a third writer: theirs stands.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * What the lock file says, '' when it is gone or unreadable. Only a regular file, and only its
 * first KiB: a FIFO in its place would block each turn's read, out of reach of any deadline.
 */
export function lockText(what: string, lock: string): string {
  try {
    return readInputFile(lock, LOCK_FILE_LIMIT, 'a lock file').toString('utf8');
  } catch (error) {
    // Gone, or refused by the file system: no holder to name. A FIFO or a folder there is no lock.
    if (error instanceof InputFileError && error.code !== undefined) return '';
    throw new UsageError(`${what}: its lock ${lock} ${(error as Error).message} (remove it if no run is writing)`);
  }
}

/** The lock a run holds on the folder it writes its reports to. */
export const FOLDER_LOCK = '.zavu-conformance.lock';

/**
 * A run that writes a folder's reports for minutes: another run's lock older than this is stale
 * whatever its host says (on the same host a gone process already is).
 */
const FOLDER_STALE_MS = 24 * 60 * 60 * 1000;

/** Releases a folder's lock (see holdFolder); `held`: the text this process wrote into it, by which it knows the lock its own. */
export type FolderRelease = (() => void) & { readonly held: string };

/**
 * Holds `dir`'s lock until the returned function is called or the process exits (a signal's
 * handler exits through it). Two runs writing one folder would leave one's conformance.json
 * beside the other's junit.xml, and one's NOT RUN over the other's verdict: the second is refused
 * at once, with no wait, as the first may run for an hour. `what` names the folder's flag.
 * `onTakeOver` is handed the text of a stale lock this call took over (a run killed outright left
 * it, and its folder holds an earlier run's reports), and when it was last written (for handBackFolder),
 * once, when the folder is then held.
 * `night`: what the lock keeps beside its holder (NightStamp: a short hash by which the run that takes
 * it over tells whether the dead run's night was of its own store, history/unfinished-night.ts, and the suite's version and build).
 */
export async function holdFolder(dir: string, what: string, onTakeOver?: (staleText: string, staleMtimeMs: number | undefined) => void, night?: NightStamp): Promise<FolderRelease> {
  const lock = join(dir, FOLDER_LOCK);
  let takenOver: string | undefined;
  let takenOverMtimeMs: number | undefined;
  // Bounded: each turn takes the lock, or finds it gone or stale and tries once more.
  for (let turn = 0; turn < 5; turn += 1) {
    const taken = tryTake(lock, `${what} ${dir}:`, night);
    if (taken !== undefined) {
      if (takenOver !== undefined) onTakeOver?.(takenOver, takenOverMtimeMs);
      const release = (): void => {
        process.off('exit', release);
        try {
          // Only our own: a lock taken over as stale (this process stopped for a day) is another run's now.
          if (readFileSync(lock, 'utf8') === taken) rmSync(lock, { force: true });
        } catch {
          // Gone already.
        }
      };
      process.once('exit', release);
      return Object.assign(release, { held: taken });
    }
    const text = lockText(`${what} ${dir}`, lock);
    // Whose lock this turn found: a lock another run took between the turns is no stale one of ours.
    takenOver = undefined;
    if (text === '') continue;
    if (!isStale(lock, text, FOLDER_STALE_MS)) throw new UsageError(`${what} ${dir} is being written by another run (${holderText(text)}): give each run its own ${what} (remove ${lock} if no run is writing there)`);
    // Its age too, should this run hand it back (handBackFolder): a lock from another host is stale by age only.
    takenOverMtimeMs = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
    takeOverStale(lock, text);
    takenOver = text;
  }
  throw new UsageError(`${what} ${dir}: its lock ${lock} keeps changing hands; is another run starting there?`);
}

/**
 * Puts the stale lock this process took over (`staleText`, last written at `staleMtimeMs`) back in
 * place of its own on `dir`, so the next run into the folder takes it over again: what a run does
 * when it is stopped before it could record the dead run's night (history/unfinished-night.ts),
 * whose record is then the next run's to make. Synchronous (a signal's handler calls it), and only
 * over the very lock this process holds (`held`, FolderRelease's, as its release compares: a pid
 * and host alone are another pid namespace's run on a host of the same name too); written aside
 * and renamed, never half a lock; the old time is restored, as a lock from another host is stale
 * by age only. The exit's release then finds the lock another's and leaves it. False when not done.
 */
export function handBackFolder(dir: string, held: string, staleText: string, staleMtimeMs: number | undefined): boolean {
  const lock = join(dir, FOLDER_LOCK);
  if (lockText(dir, lock) !== held) return false;
  const temp = besideLock(lock, 'tmp');
  try {
    writeFileSync(temp, staleText, { flag: 'wx', mode: 0o644 });
    // In seconds, not a Date: a Date drops the fraction of a millisecond mtimeMs carries (…157.999 became …157).
    if (staleMtimeMs !== undefined) utimesSync(temp, new Date(realNow()), staleMtimeMs / 1000);
    renameSync(temp, lock);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * The holder of `dir`'s lock in words when it is another live process (not this one), else
 * undefined: a folder another run is writing is not this process's to mark NOT RUN, nor to merge.
 */
export function folderHolder(dir: string): string | undefined {
  const lock = join(dir, FOLDER_LOCK);
  let text: string;
  try {
    text = lockText(dir, lock);
  } catch {
    return undefined;
  }
  if (text === '') return undefined;
  const holder = parseHolder(text);
  if (holder !== undefined && holder.pid === process.pid && holder.host === hostname()) return undefined;
  return isStale(lock, text, FOLDER_STALE_MS) ? undefined : holderText(text);
}
