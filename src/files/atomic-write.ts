/**
 * Writes a file so that readers see either the old content or the new, never half of it: the data
 * goes to a temp file in the same folder (same filesystem, so the rename is atomic) and is renamed
 * over the target only once it is fully written and flushed. Reports, recordings, generated
 * schemas and cache entries all go through here.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, promises as fs, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

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
 * under a minute old, stay.
 */
export function removeOrphanedTemps(dir: string, names: readonly string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = TEMP_NAME.exec(entry);
    if (match === null || !names.includes(match[1] ?? '') || alive(Number(match[2]))) continue;
    // And a minute old: a writer in another process namespace (a container sharing the folder)
    // has a pid this process cannot see, but renames its temp file within milliseconds.
    const file = path.join(dir, entry);
    try {
      if (statSync(file).mtimeMs > Date.now() - ORPHAN_AGE_MS) continue;
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
 * Atomically replaces `target` with `data`. The folder must exist. On any failure the temp file is
 * removed, `target` keeps its previous content (or stays absent), and the error is rethrown.
 */
export async function atomicWriteFile(target: string, data: string | Uint8Array, io: AtomicWriteFs = realFs): Promise<void> {
  const temp = tempPathFor(target);
  let created = false;
  try {
    // "wx": fail rather than write into a file someone else created under the same name.
    const handle = await io.open(temp, 'wx', 0o644);
    created = true;
    try {
      await handle.writeFile(data);
      // Flush before the rename, or a crash could leave the new name pointing at empty blocks.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await io.rename(temp, target);
  } catch (error) {
    if (created) await io.rm(temp, { force: true }).catch(() => undefined);
    throw namingTarget(error, target);
  }
}

/** {@link atomicWriteFile}, synchronously: the same guarantees, for synchronous callers. */
export function atomicWriteFileSync(target: string, data: string | Uint8Array, io: AtomicWriteFsSync = realFsSync): void {
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
    io.renameSync(temp, target);
  } catch (error) {
    if (created) rmSync(temp, { force: true });
    throw namingTarget(error, target);
  }
}
