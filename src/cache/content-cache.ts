/**
 * A cache of work derived from file contents (parsed specs, compiled validators), keyed by a hash
 * of everything the result depends on, so a stale entry can never be read: a changed input is a
 * different key. It lives in the suite's own node_modules/.cache/zavu-conformance, or in the
 * user's cache folder when this user may not write there (a global install, an image's read-only
 * node_modules); never in a shared /tmp, because compiled validators are loaded as code. Every
 * failure to read or write it falls back to doing the work: the cache only ever saves time.
 *
 * Bounded in time: an entry's modification time is its last use (a hit touches it), and entries
 * unused for CACHE_UNUSED_DAYS are removed whenever a new one is written. Keys change with the
 * suite's version and build, Node's and the contract's bytes, so without this every upgrade and every edit
 * of a spec would leave its entries behind for good (a code cache alone is megabytes).
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, lstatSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { atomicWriteFileSync, removeOrphanedTemps } from '../files/atomic-write';
import { makeDirs } from '../files/make-dirs';
import { switchValue } from '../text/plain-text';
import { packageRoot, suiteBuild, suiteVersion } from '../package-root';
import { realNow } from '../text/real-clock';

/** Whether this process may create or change files in `dir` (or in the folder it would be made in). */
function writable(dir: string): boolean {
  let existing = dir;
  for (;;) {
    try {
      accessSync(existing, constants.W_OK);
      return true;
    } catch (error) {
      const parent = dirname(existing);
      if ((error as { code?: string }).code !== 'ENOENT' || parent === existing) return false;
      existing = parent;
    }
  }
}

/**
 * Where the cache lives without ZAVU_CACHE_DIR: the suite's own folder when this user may write
 * there, else the user's cache folder ($XDG_CACHE_HOME, or ~/.cache), which only this user writes.
 * With neither writable, the suite's folder: every write then fails and the run does the work.
 */
export function chooseCacheDir(root: string, env: NodeJS.ProcessEnv, home: () => string, canWrite: (dir: string) => boolean): string {
  const own = join(root, 'node_modules', '.cache', 'zavu-conformance');
  if (canWrite(own)) return own;
  // A relative path would be a folder of wherever the run happens to start: neither counts.
  const xdg = env['XDG_CACHE_HOME'];
  let userCache: string;
  try {
    userCache = xdg !== undefined && isAbsolute(xdg) ? xdg : join(home(), '.cache');
  } catch {
    return own;
  }
  const user = join(userCache, 'zavu-conformance');
  return isAbsolute(user) && canWrite(user) ? user : own;
}

/** The default folder, chosen once per process (the choice costs a few system calls). */
let defaultDir: string | undefined;

/** ZAVU_CACHE_DIR is read at each use, so one set after start-up (a test, a wrapper script) still counts. */
export function cacheDir(): string {
  return process.env['ZAVU_CACHE_DIR'] ?? (defaultDir ??= chooseCacheDir(packageRoot, process.env, homedir, writable));
}

/** Turned off with ZAVU_CACHE=0 (for measuring, or when in doubt), and off in a folder another user could write. */
export function cacheEnabled(): boolean {
  // Off for 0, false, no or off, as every on/off variable reads them; unset or empty leaves it on.
  const setting = process.env['ZAVU_CACHE'] ?? '';
  const off = setting.trim() !== '' && switchValue(setting) === false;
  return !off && onlyOursToWrite(cacheDir());
}

/** The user id that owns `path`, or -1 when it cannot be read. */
function ownerOf(path: string): number {
  try {
    return statSync(path).uid;
  } catch {
    return -1;
  }
}

/** onlyOursToWrite's answers by folder: a few system calls, once per folder and process. */
const ownership = new Map<string, boolean>();

/**
 * Whether no other user can change what is in `dir`: it is this user's, and neither world-writable
 * nor writable by a group other than this user's own (a user-private group, as umask 002 gives).
 * The cache holds compiled validators that a run loads as code, and V8 code it deserializes: from
 * a folder someone else can write (a ZAVU_CACHE_DIR in a shared /tmp, a world-writable
 * node_modules), a planted file would run as whoever runs the suite. A folder not made yet will be
 * made by this user.
 */
export function onlyOursToWrite(dir: string): boolean {
  const known = ownership.get(dir);
  if (known !== undefined) return known;
  let answer = true;
  try {
    const { uid, gid, mode } = statSync(dir);
    // Platforms without uids (Windows) have no such check to make.
    if (process.getuid !== undefined && process.getgid !== undefined) {
      // Root's, or the owner's of the suite's own files (root in a user's checkout already runs
      // that user's code), count as this user's: none of them lets a third party plant a file.
      const trusted = uid === process.getuid() || uid === 0 || uid === ownerOf(packageRoot);
      answer = trusted && (mode & 0o002) === 0 && ((mode & 0o020) === 0 || gid === process.getgid());
    }
  } catch {
    // Not there (yet): this user makes it; asked again next time, once it is.
    return true;
  }
  ownership.set(dir, answer);
  return answer;
}

/**
 * A key over the suite's version and build and every input; "name-<hash>.ext". The build matters:
 * every commit of a release line says one version, and what is cached is what this code derived
 * (a parsed contract, a digest, compiled validators), so a new build keyed by the version alone was
 * served the last build's work until someone thought to add a constant to the key (SHA256_OF,
 * BODY_SCHEMAS). A dist without the build id (a hand-run tsc; the sources under Jest) keys by the
 * version alone, as before.
 */
export function cacheKey(name: string, ext: string, ...inputs: (string | Buffer)[]): string {
  const build = suiteBuild();
  return keyOver(build === undefined ? suiteVersion() : `${suiteVersion()}+${build}`, name, ext, inputs);
}

/**
 * cacheKey without the build, for an entry that checks each of its parts against the code it is
 * used for: code-cache.ts's file, whose every module is used only for the source it was made from
 * (its hash). Keyed by the build, each rebuild of a checkout would leave megabytes behind for 30 days.
 */
export function cacheKeyAcrossBuilds(name: string, ext: string, ...inputs: (string | Buffer)[]): string {
  return keyOver(suiteVersion(), name, ext, inputs);
}

function keyOver(suite: string, name: string, ext: string, inputs: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256').update(suite);
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
    const now = new Date(realNow());
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

/** An entry's own name (no temp suffix): the targets whose orphaned temp files pruneCache removes at once. */
const ENTRY_NAME = /^[a-z0-9-]+-[0-9a-f]{24}\.(?:json|js|txt|bin)$/;

/**
 * The folder handed to Node's own compile cache (`module.enableCompileCache`, Node 22 and later):
 * Node keeps one folder per Node version, architecture and flags (and user) in it, one file per
 * module.
 */
export const NODE_COMPILE_CACHE_SUBDIR = 'v8';

/** The folder of Jest's own cache (its file map of the suite's folder): see jestCacheDir. */
export const JEST_CACHE_SUBDIR = 'jest';

/** Folders of the cache that other tools fill and never empty themselves. */
const TOOL_FOLDERS = [NODE_COMPILE_CACHE_SUBDIR, JEST_CACHE_SUBDIR];

/** Node's layout is two deep (version folder, file); nothing of these tools goes deeper. */
const TOOL_FOLDER_DEPTH = 2;

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
 * A tool's folder: files not written since `oldest` go (the tool writes them again when it needs
 * them), and so do folders that end up empty, an old Node's version folder. Links are never followed.
 */
function pruneToolFolder(folder: string, oldest: number, depth: number): void {
  for (const name of listNames(folder)) {
    const path = join(folder, name);
    try {
      const stat = lstatSync(path);
      if (stat.isFile() && stat.mtimeMs < oldest) unlinkSync(path);
      if (!stat.isDirectory() || depth <= 1) continue;
      pruneToolFolder(path, oldest, depth - 1);
      // Judged before its files went (removing one makes the folder recent): a folder just made, still empty, stays.
      if (stat.mtimeMs < oldest) rmdirSync(path);
    } catch {
      // Gone already, not empty (in use), or not ours to remove: it stays.
    }
  }
}

/**
 * Removes the cache's own files unused for CACHE_UNUSED_DAYS (writeCache calls it once per
 * process), the temp files of its writes whose writer is gone (removeOrphanedTemps), and the files of Node's and Jest's caches not written for as long. Jest writes its
 * files again on every run; Node reads its own without touching them, so one still in use is
 * removed at most once a month and written again by the next run (one slower start).
 */
export function pruneCache(): void {
  const dir = cacheDir();
  // A temp file whose writer is gone (a run killed mid-write) will never be renamed: it goes now,
  // not after CACHE_UNUSED_DAYS (a code cache's is megabytes). A live writer's, or one under a minute old, stays.
  removeOrphanedTemps(dir, (name) => ENTRY_NAME.test(name));
  const oldest = realNow() - CACHE_UNUSED_DAYS * 86_400_000;
  for (const name of listNames(dir)) {
    if (OWN_FILE.test(name)) removeIfOlder(join(dir, name), oldest);
  }
  for (const folder of TOOL_FOLDERS) pruneToolFolder(join(dir, folder), oldest, TOOL_FOLDER_DEPTH);
}

/** jestCacheDir's private folders not yet released: removed when the process exits mid-run (an interruption). */
const privateFolders = new Set<string>();
/** Once per process: released folders empty the set, and a listener per run would pile up. */
let exitHooked = false;

/** Jest's cache folder for one run, and what to call when the run is over. */
export interface JestCacheFolder {
  folder: string;
  /** Removes a private folder (a no-op for the shared cache): a process that runs many times (a user's Jest, a server) keeps none. */
  release(): void;
}

/**
 * Jest's cache folder (it must have one, and crashes when it cannot write there): the cache's own
 * when the cache is on and writable, else a private folder for this run, removed when it is
 * released or, for a run cut short, at the process's exit. Not a fixed folder of the shared /tmp:
 * the first user to run there would own it, and every other user's run would fail on it (or read a
 * file map someone else wrote).
 */
export function jestCacheDir(): JestCacheFolder {
  if (cacheEnabled()) {
    const folder = join(cacheDir(), JEST_CACHE_SUBDIR);
    try {
      makeDirs(folder, 0o700);
      if (writable(folder)) return { folder, release: () => undefined };
    } catch {
      // Not ours to make: a private one below.
    }
  }
  const folder = mkdtempSync(join(tmpdir(), 'zavu-conformance-jest-'));
  // One exit listener for all of them: a library may run many times in one process.
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => privateFolders.forEach((made) => rmSync(made, { recursive: true, force: true })));
  }
  privateFolders.add(folder);
  return {
    folder,
    release: () => {
      privateFolders.delete(folder);
      rmSync(folder, { recursive: true, force: true });
    },
  };
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
    // Only this user's: under umask 000 the folder would be world-writable, and then no cache (onlyOursToWrite).
    makeDirs(dirname(file), 0o700);
    atomicWriteFileSync(file, content);
  } catch {
    // Only time is lost.
  }
  if (!pruned) {
    pruned = true;
    pruneCache();
  }
}
