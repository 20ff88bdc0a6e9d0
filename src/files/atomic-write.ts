/**
 * Writes a file so that readers see either the old content or the new, never half of it: the data
 * goes to a temp file in the same folder (same filesystem, so the rename is atomic) and is renamed
 * over the target only once it is fully written and flushed. Reports, recordings, generated
 * schemas and cache entries all go through here.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, copyFileSync, fsyncSync, linkSync, lstatSync, openSync, promises as fs, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { realNow } from '../text/real-clock';

/** The filesystem calls an atomic write makes; tests swap one to simulate a failure. */
export interface AtomicWriteFs {
  open: typeof fs.open;
  rename: typeof fs.rename;
  rm: typeof fs.rm;
}

/** The same for the synchronous write (the cache and the schema generator are synchronous). */
export interface AtomicWriteFsSync {
  writeFileSync: (fd: number, data: string | Uint8Array) => void;
  renameSync: (from: string, to: string) => void;
}

const realFs: AtomicWriteFs = {
  open: (...args) => fs.open(...args),
  rename: (...args) => fs.rename(...args),
  rm: (...args) => fs.rm(...args),
};

const realFsSync: AtomicWriteFsSync = { writeFileSync: (fd, data) => writeFileSync(fd, data), renameSync: (from, to) => renameSync(from, to) };

/** Temp name next to the target; dot-prefixed and unique, so parallel writers never share one. */
function tempPathFor(target: string): string {
  const suffix = `${process.pid}.${randomBytes(6).toString('hex')}`;
  return path.join(path.dirname(target), `.${path.basename(target)}.${suffix}.tmp`);
}

/** What tempPathFor names a temp file: the target's name, the writer's pid, 12 hex digits. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** How old a dead writer's temp file must be before it is removed (see removeOrphanedTemps). */
const ORPHAN_AGE_MS = 60_000;

/** Whether a process with this id is running (a signal 0 probes without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes the temp files of writes to `names` in `dir` whose writing process is gone: a process
 * killed between writing a temp file and renaming it (SIGKILL, a power cut) leaves it behind, and
 * nothing else would ever remove it. A running writer's files (or a reused process id's), and any
 * under a minute old, stay. `names` is the target files' names, or a test of a target's name for a
 * folder whose file names are not all known in advance (recordings of operations since removed);
 * either way only files named as tempPathFor names them are candidates.
 */
export function removeOrphanedTemps(dir: string, names: readonly string[] | ((name: string) => boolean)): void {
  const ours = typeof names === 'function' ? names : (name: string): boolean => names.includes(name);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = TEMP_NAME.exec(entry);
    if (match === null || !ours(match[1] ?? '') || alive(Number(match[2]))) continue;
    // And a minute old: a writer in another process namespace (a container sharing the folder)
    // has a pid this process cannot see, but renames its temp file within milliseconds.
    const file = path.join(dir, entry);
    try {
      if (statSync(file).mtimeMs > realNow() - ORPHAN_AGE_MS) continue;
    } catch {
      continue;
    }
    rmSync(file, { force: true });
  }
}

/**
 * A write or flush that failed (ENOSPC, EDQUOT, EIO) names no file: Node reports it on a file
 * descriptor. The error gets `path: target`, so the line that reports it can say which file the
 * disk refused; an error that names its own file (open, rename) keeps it.
 */
function namingTarget(error: unknown, target: string): unknown {
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' && (error as { path?: unknown }).path === undefined) {
    try {
      Object.assign(error, { path: target });
    } catch {
      // A frozen error stays as it is.
    }
  }
  return error;
}

/**
 * The asynchronous writes under way in this process: each one's temp file, with the promise that
 * settles once the write has finished with it (renamed, or removed). A process that stops part-way
 * (a signal's handler: see stopWrites) must neither leave these files behind nor let one be
 * renamed after it has written NOT RUN. A synchronous write needs no entry: no handler runs while
 * it does, and no exit comes in its middle.
 */
const underway = new Map<string, Promise<void>>();

/** Set by stopWrites: no write renames its temp file any more, or starts. */
let stopped = false;

/** What a write stopped by stopWrites resolves to: nothing, ever. The process is ending, and what awaited the write must not go on as if it had been made. */
const never = (): Promise<never> => new Promise<never>(() => undefined);

/**
 * Removes every temp file of a write under way that is there, synchronously; the process is
 * leaving (an 'exit' listener, while writes are under way).
 */
function removeUnderway(): void {
  for (const temp of underway.keys()) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // A folder made unwritable meanwhile: nothing more can be done on the way out.
    }
  }
}

/**
 * Stops this process's asynchronous writes, for a process about to exit (a signal's handler; an
 * exit that may come while writes are under way): synchronously, the temp file of each write
 * under way is removed if it is there, and from now on no write renames its temp file over its
 * target. A write whose open was still pending when this ran removes its own file once the open
 * completes (removing it here would race the open); so does one in the middle of writing or
 * flushing. A stopped write, or one started after, never settles: whatever awaited it (the next
 * report, the verdict) must not follow. {@link writesSettled} says when the stopped writes are done
 * with their files. Synchronous writes are not affected: nothing can be half-way through one when
 * this runs, and a signal's handler makes its own (NOT RUN).
 */
export function stopWrites(): void {
  stopped = true;
  removeUnderway();
}

/**
 * Resolves once every asynchronous write under way has settled (after stopWrites: removed its temp
 * file), or after `boundMs` at most (an open hung on a dead network share must not keep a stopped
 * process alive); at once when none is under way.
 */
export function writesSettled(boundMs: number): Promise<void> {
  if (underway.size === 0) return Promise.resolve();
  return new Promise((resolveSettled) => {
    const timer = setTimeout(resolveSettled, boundMs);
    void Promise.all(underway.values()).then(() => {
      clearTimeout(timer);
      resolveSettled();
    });
  });
}

/** Enters a write in `underway` (and the process's exit in its clean-up); returns the function that takes it out. */
function register(temp: string): () => void {
  let settle: () => void = () => undefined;
  underway.set(
    temp,
    new Promise<void>((resolveSettled) => {
      settle = resolveSettled;
    }),
  );
  // An exit that comes while the write is under way (a stopped write past writesSettled's bound)
  // still removes its file, if there is one by then.
  if (underway.size === 1) process.on('exit', removeUnderway);
  return () => {
    underway.delete(temp);
    if (underway.size === 0) process.off('exit', removeUnderway);
    settle();
  };
}

/**
 * What a write aborted by its caller's signal rejects with (see atomicWriteFile's `signal`): its
 * temp file is gone, and `renamed` says whether the target had already been replaced (the abort came
 * during the rename), so the caller knows to take it back.
 */
export class WriteAbortedError extends Error {
  constructor(
    readonly target: string,
    readonly renamed: boolean,
  ) {
    super(`${target}: the write was aborted`);
    this.name = 'WriteAbortedError';
  }
}

/**
 * Atomically replaces `target` with `data`. The folder must exist. On any failure the temp file is
 * removed, `target` keeps its previous content (or stays absent), and the error is rethrown. Once
 * stopWrites has run, the write removes its temp file instead of renaming it and never settles.
 * `signal` (a run from code: the caller's own abort) stops this write alone, as stopWrites stops a
 * process's: the temp file removed, nothing renamed after; it rejects with WriteAbortedError, since
 * the process goes on (stopWrites is for a process about to exit, and stops every write for good).
 */
export async function atomicWriteFile(target: string, data: string | Uint8Array, io: AtomicWriteFs = realFs, signal?: AbortSignal): Promise<void> {
  if (stopped) return never();
  // A function, read afresh each time: the abort comes while the write awaits (TypeScript would narrow a plain read).
  const aborted = (): boolean => signal?.aborted === true;
  if (aborted()) throw new WriteAbortedError(target, false);
  const halted = (): boolean => stopped || aborted();
  const temp = tempPathFor(target);
  const done = register(temp);
  let created = false;
  let renamed = false;
  try {
    // "wx": fail rather than write into a file someone else created under the same name.
    const handle = await io.open(temp, 'wx', 0o644);
    created = true;
    try {
      // Each step is looked at after the one before: a stop that came meanwhile skips the rest.
      if (!halted()) await handle.writeFile(data);
      // Flush before the rename, or a crash could leave the new name pointing at empty blocks.
      if (!halted()) await handle.sync();
    } finally {
      await handle.close();
    }
    if (stopped) {
      rmSync(temp, { force: true });
      return never();
    }
    if (aborted()) throw new WriteAbortedError(target, false);
    // A stop that comes while the rename is under way either removes the temp file first (the
    // rename fails: stopped) or finds it renamed already: then the target is new, and what the stop
    // does next (NOT RUN removes the reports) comes after the rename. Either way the write counts as stopped.
    await io.rename(temp, target);
    renamed = true;
    if (stopped) return never();
    // An abort during the rename: the target is new, which the caller takes back (its NOT RUN).
    if (aborted()) throw new WriteAbortedError(target, true);
  } catch (error) {
    if (created || stopped) await io.rm(temp, { force: true }).catch(() => undefined);
    // A step that failed because the stop removed its file (a rename under way, ENOENT) is the stop's, not an error to report.
    if (stopped) return never();
    if (error instanceof WriteAbortedError) throw error;
    // A step that failed once the caller had aborted (its own error or not) is the abort's.
    if (aborted()) throw new WriteAbortedError(target, renamed);
    throw namingTarget(error, target);
  } finally {
    done();
  }
}

/** {@link atomicWriteFile}, synchronously: the same guarantees, for synchronous callers. */
export function atomicWriteFileSync(target: string, data: string | Uint8Array, io: AtomicWriteFsSync = realFsSync): void {
  renameTempFileSync(writeTempFileSync(target, data, io), target, io);
}

/**
 * The first half of {@link atomicWriteFileSync}: `data` written and flushed to a temp file beside
 * `target`, whose path it returns; `target` itself is not touched. For a set of files that must
 * change together (generated schemas): every temp file is written before any is renamed, so a full
 * disk leaves the old set whole. A failure removes the temp file and names `target`.
 */
export function writeTempFileSync(target: string, data: string | Uint8Array, io: AtomicWriteFsSync = realFsSync): string {
  const temp = tempPathFor(target);
  let created = false;
  try {
    const fd = openSync(temp, 'wx', 0o644);
    created = true;
    try {
      io.writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return temp;
  } catch (error) {
    if (created) rmSync(temp, { force: true });
    throw namingTarget(error, target);
  }
}

/** The second half: `temp` (from writeTempFileSync) renamed over `target`; on failure it is removed and the error names `target`. */
export function renameTempFileSync(temp: string, target: string, io: AtomicWriteFsSync = realFsSync): void {
  try {
    io.renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw namingTarget(error, target);
  }
}

/**
 * For a set of files that must change together (generated schemas): `target`'s present content kept
 * aside under a temp name beside it, so that a rename refused part-way through the set can put back
 * the files renamed before it. A hard link, so `target` itself never goes missing; a copy where the
 * file system allows no link. Returns the aside's path, or undefined when `target` does not exist
 * (the set's rollback then removes it). Named as a temp file is, so one a killed process left is
 * removed by removeOrphanedTemps. A folder at `target` is refused here (EISDIR, naming it), before
 * any file of the set has changed, rather than by its rename part-way through.
 */
export function keepAsideSync(target: string): string | undefined {
  let isFolder: boolean;
  try {
    isFolder = lstatSync(target).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw namingTarget(error, target);
  }
  if (isFolder) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, rename '${target}'`), { code: 'EISDIR', path: target });
  const aside = tempPathFor(target);
  try {
    linkSync(target, aside);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No hard links here (some network and FUSE file systems), or none to a file of another owner (protected_hardlinks).
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EMLINK') throw namingTarget(error, target);
    try {
      copyFileSync(target, aside, constants.COPYFILE_EXCL);
    } catch (copyError) {
      rmSync(aside, { force: true });
      throw namingTarget(copyError, target);
    }
  }
  return aside;
}
