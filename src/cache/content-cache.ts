/**
 * A cache of work derived from file contents (parsed specs, compiled validators), keyed by a hash
 * of everything the result depends on, so a stale entry can never be read: a changed input is a
 * different key. It lives in node_modules/.cache/zavu-conformance (the project's own folder, not a
 * shared /tmp, because compiled validators are loaded as code). Every failure to read or write it
 * falls back to doing the work: the cache only ever saves time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export function readCache(file: string): string | undefined {
  if (!cacheEnabled()) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Atomic, so a reader (another run, in parallel) sees a whole entry or none. A failed write is
 * dropped: the next run does the work again.
 */
export function writeCache(file: string, content: string): void {
  if (!cacheEnabled()) return;
  try {
    mkdirSync(cacheDir(), { recursive: true });
    atomicWriteFileSync(file, content);
  } catch {
    // Only time is lost.
  }
}
