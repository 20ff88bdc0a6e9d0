/**
 * A cache of work derived from file contents (parsed specs, compiled validators), keyed by a hash
 * of everything the result depends on, so a stale entry can never be read: a changed input is a
 * different key. It lives in node_modules/.cache/zavu-conformance (the project's own folder, not a
 * shared /tmp, because compiled validators are loaded as code). Every failure to read or write it
 * falls back to doing the work: the cache only ever saves time.
 *
 * Bounded in time: an entry's modification time is its last use (a hit touches it), and entries
 * unused for CACHE_UNUSED_DAYS are removed whenever a new one is written. Keys change with the
 * suite's version, Node's and the contract's bytes, so without this every upgrade and every edit
 * of a spec would leave its entries behind for good (a code cache alone is megabytes).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { atomicWriteFileSync } from '../files/atomic-write';
import { packageRoot, suiteVersion } from '../package-root';

/** Read at each use, so ZAVU_CACHE_DIR set after start-up (a test, a wrapper script) still counts. */
export function cacheDir(): string {
  return process.env['ZAVU_CACHE_DIR'] ?? join(packageRoot, 'node_modules', '.cache', 'zavu-conformance');
}

/** Turned off with ZAVU_CACHE=0 (for measuring, or when in doubt). */
export function cacheEnabled(): boolean {
  return process.env['ZAVU_CACHE'] !== '0';
}

/** A key over the suite version and every input; "name-<hash>.ext". */
export function cacheKey(name: string, ext: string, ...inputs: (string | Buffer)[]): string {
  const hash = createHash('sha256').update(suiteVersion());
  for (const input of inputs) hash.update('\0').update(input);
  return join(cacheDir(), `${name}-${hash.digest('hex').slice(0, 24)}.${ext}`);
}

/** An entry's bytes, undefined when there is none (or the cache is off); a hit marks the entry used. */
export function readCacheBytes(file: string): Buffer | undefined {
  if (!cacheEnabled()) return undefined;
  try {
    const bytes = readFileSync(file);
    touch(file);
    return bytes;
  } catch {
    return undefined;
  }
}

export function readCache(file: string): string | undefined {
  return readCacheBytes(file)?.toString('utf8');
}

/** Marks an entry as used now, so pruning keeps it (a failure, e.g. a read-only folder, changes nothing). */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Only the entry's age is off: at worst it is computed again later.
  }
}

/** Entries (and temp files of interrupted writes) unused for this long are removed. */
export const CACHE_UNUSED_DAYS = 30;

/**
 * What this cache names its files ("name-<24 hex>.ext"), and atomic-write's temp files for them:
 * only these are ever removed, whatever else ZAVU_CACHE_DIR's folder holds.
 */
const OWN_FILE = /^\.?[a-z0-9-]+-[0-9a-f]{24}\.(?:json|js|txt|bin)(?:\.[^/]*\.tmp)?$/;

/**
 * The folder handed to Node's own compile cache (`module.enableCompileCache`, Node 22 and later):
 * Node keeps one folder per Node version, architecture and flags (and user) in it, one file per
 * module, and removes nothing, so every Node upgrade would leave its folder behind.
 */
export const NODE_COMPILE_CACHE_SUBDIR = 'v8';

/** Names in a folder, none when it cannot be listed (missing, or not a folder). */
function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes `file` when it was last modified before `oldest` (a failure: gone already, or not ours to remove; nothing is lost). */
function removeIfOlder(file: string, oldest: number): void {
  try {
    if (statSync(file).mtimeMs < oldest) unlinkSync(file);
  } catch {
    // Another run pruned it first, or it cannot be removed: at worst it stays.
  }
}

/**
 * Removes the cache's own files unused for CACHE_UNUSED_DAYS (writeCache calls it once per
 * process), and the files of Node's compile cache not written for as long. Node reads those without
 * touching them, so one still in use is removed at most once a month and written again by the next
 * run (one slower start); a version folder left empty, an old Node's, goes with them.
 */
export function pruneCache(): void {
  const dir = cacheDir();
  const oldest = Date.now() - CACHE_UNUSED_DAYS * 86_400_000;
  for (const name of listNames(dir)) {
    if (OWN_FILE.test(name)) removeIfOlder(join(dir, name), oldest);
  }
  const nodeCache = join(dir, NODE_COMPILE_CACHE_SUBDIR);
  for (const version of listNames(nodeCache)) {
    const folder = join(nodeCache, version);
    // Judged before its files go (removing one makes the folder recent): a folder Node just made, still empty, stays.
    let stale = false;
    try {
      stale = statSync(folder).mtimeMs < oldest;
    } catch {
      continue;
    }
    for (const name of listNames(folder)) removeIfOlder(join(folder, name), oldest);
    try {
      if (stale) rmdirSync(folder);
    } catch {
      // Not empty (in use), or not a folder: it stays.
    }
  }
}

/** Set once this process has pruned: the first write prunes, so a run that only reads never lists the folder. */
let pruned = false;

/**
 * Atomic, so a reader (another run, in parallel) sees a whole entry or none. A failed write is
 * dropped: the next run does the work again.
 */
export function writeCache(file: string, content: string | Uint8Array): void {
  if (!cacheEnabled()) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    atomicWriteFileSync(file, content);
  } catch {
    // Only time is lost.
  }
  if (!pruned) {
    pruned = true;
    pruneCache();
  }
}
