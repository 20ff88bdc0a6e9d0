/**
 * `mkdir -p` that always ends. Node 20's `mkdirSync(path, { recursive: true })` loops for ever, at
 * full CPU, where a parent exists but refuses children with ENOENT (`/proc/x`: the parent says
 * EEXIST, the child ENOENT, and Node tries the child again). Here each missing folder, from the
 * nearest one that exists down, is made once, and the first refusal is thrown as Node would throw
 * it (its `code` is what callers explain: ENOENT, EACCES, ENOTDIR, EEXIST for a file in the way).
 */
import { lstatSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, sep } from 'node:path';

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/** Returns the folders it made, outermost first (none when the folder was there). */
export function makeDirs(path: string, mode?: number): string[] {
  const missing: string[] = [];
  // Absolute, but not normalised: "link/../x" is the link target's sibling to the kernel, as to mkdir -p.
  const absolute = isAbsolute(path) ? path : `${process.cwd()}${sep}${path}`;
  // Bounded by the path's depth: dirname of the root is the root.
  for (let current = absolute; statSync(current, { throwIfNoEntry: false }) === undefined; current = dirname(current)) {
    // A link to nothing: mkdir would say EEXIST, as for a file; what is missing is its target.
    if (lstatSync(current, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
      throw Object.assign(new Error(`ENOENT: symbolic link to nothing, mkdir '${current}'`), { code: 'ENOENT', syscall: 'mkdir', path: current });
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

/** Why a folder could not be made or written, from the refusal's code: "permission denied, EACCES"; an unexplained code alone. */
export function writeRefusal(code: string): string {
  const words = FILE_SYSTEM_REFUSALS[code];
  return words === undefined ? code : `${words}, ${code}`;
}
