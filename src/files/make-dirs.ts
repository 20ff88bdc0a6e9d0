/**
 * `mkdir -p` that always ends. Node 20's `mkdirSync(path, { recursive: true })` loops for ever, at
 * full CPU, where a parent exists but refuses children with ENOENT (`/proc/x`: the parent says
 * EEXIST, the child ENOENT, and Node tries the child again). Here each missing folder, from the
 * nearest one that exists down, is made once, and the first refusal is thrown as Node would throw
 * it (its `code` is what callers explain: ENOENT, EACCES, ENOTDIR, EEXIST for a file in the way).
 */
import { lstatSync, mkdirSync, readlinkSync, rmdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, sep } from 'node:path';
import { ConformanceError, FileSystemError } from '../model/errors';

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/** What a symbolic link points at, as written in it ('?' when it cannot be read meanwhile). */
function linkTarget(link: string): string {
  try {
    return readlinkSync(link);
  } catch {
    return '?';
  }
}

/** Returns the folders it made, outermost first (none when the folder was there). */
export function makeDirs(path: string, mode?: number): string[] {
  const missing: string[] = [];
  // Absolute, but not normalised: "link/../x" is the link target's sibling to the kernel, as to mkdir -p.
  const absolute = isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  // Bounded by the path's depth: dirname of the root is the root.
  for (let current = absolute; statSync(current, { throwIfNoEntry: false }) === undefined; current = dirname(current)) {
    // A link to nothing: mkdir would say EEXIST, as for a file; what is missing is its target.
    if (lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
      // `danglingLink` names the link's target, so the line can say so rather than a bare ENOENT.
      throw Object.assign(new Error(`ENOENT: symbolic link to nothing, mkdir '${current}'`), { code: 'ENOENT', syscall: 'mkdir', path: current, danglingLink: linkTarget(current) });
    }
    missing.push(current);
    if (dirname(current) === current) break;
  }
  const made: string[] = [];
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir, mode === undefined ? undefined : { mode });
      made.push(dir);
    } catch (error) {
      // Made meanwhile by someone else: fine, as with mkdir -p.
      if ((error as { code?: string }).code !== 'EEXIST' || !isDirectory(dir)) throw error;
    }
  }
  if (!isDirectory(path)) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${path}'`), { code: 'EEXIST', syscall: 'mkdir', path });
  return made;
}

/**
 * Takes back what makeDirs made, innermost first, as long as each folder is empty: a run that
 * stopped before writing into a folder it made leaves no trace of it, and one that wrote a file
 * (or found someone else's there meanwhile) keeps the folder and everything above it.
 */
export function removeMadeDirs(made: readonly string[]): void {
  for (const dir of [...made].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
  }
}

/**
 * Words for the codes the filesystem refuses a write with (the machine's doing, not the suite's bug:
 * a folder made read-only, a full disk), so a line reads "permission denied", not a bare "EACCES".
 */
export const FILE_SYSTEM_REFUSALS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
};

/**
 * Refusals met only while a folder or file is being made where the user said, in words too: a bare
 * "ENOENT" for --reports /proc/x (mkdir -p makes every missing parent, so only a file system that
 * makes nothing there, such as /proc or /sys, or a parent removed meanwhile, says it) read as a bug.
 */
const MAKE_REFUSALS: Readonly<Record<string, string>> = {
  ENOENT: 'the file system there makes no new files or folders (/proc, /sys), or a folder on the way was removed',
  ENAMETOOLONG: 'a name in the path is too long for the file system',
  ELOOP: 'the path goes round a loop of symbolic links',
};

/** Why a folder could not be made or written, from the refusal's code: "permission denied, EACCES"; an unexplained code alone. */
export function writeRefusal(code: string): string {
  const words = FILE_SYSTEM_REFUSALS[code] ?? MAKE_REFUSALS[code];
  return words === undefined ? code : `${words}, ${code}`;
}

/**
 * Why makeDirs (or a write into the folder it made) refused `dir`, in words: a file in the way, a
 * symbolic link to nothing (which a bare ENOENT would hide: the user sees a path, not a missing
 * target), or the file system's refusal.
 */
export function folderRefusal(error: unknown, dir: string): string {
  const { code, path, danglingLink } = error as { code?: string; path?: unknown; danglingLink?: unknown };
  const why = code ?? (error as Error).message;
  if (why === 'EEXIST') return 'it is a file, not a folder';
  if (why === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  if (typeof danglingLink === 'string') return `${path === dir || typeof path !== 'string' ? 'it' : path} is a symbolic link to ${danglingLink}, which does not exist`;
  return writeRefusal(why);
}

/**
 * A filesystem error met after the settings were checked (a reports folder made read-only during the
 * run, a full disk, a file made immutable): one line naming the file, not an "internal error".
 * `file`: the file to name when the error names none (a write on a descriptor: the history store's append).
 */
export function fileSystemProblem(error: unknown, file?: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // An error the suite classed already says why in its own line: an UnreachableError's code may be
  // one a file system gives too (a firewall's "connect EPERM"), and it is no file refused.
  if (error instanceof ConformanceError && !(error instanceof FileSystemError)) return undefined;
  const { code, path, dest } = error as { code?: unknown; path?: unknown; dest?: unknown };
  // A file the run could open but not replace: most often one made immutable (chattr +i) or protected.
  const why = code === 'EPERM' ? 'operation not permitted (an immutable or protected file?)' : typeof code === 'string' ? FILE_SYSTEM_REFUSALS[code] : undefined;
  if (why === undefined) return undefined;
  const named = typeof dest === 'string' ? dest : typeof path === 'string' ? path : file;
  return `${named ?? 'a file'}: ${why} (${code as string})`;
}
