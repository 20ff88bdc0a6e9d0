/**
 * V8's code cache for the modules Node's CommonJS loader compiles in this process (the suite's and
 * Jest's own host-side code, some 3 MB): a later run deserializes compiled code instead of parsing
 * and compiling the source again. On Node versions with `module.enableCompileCache()` that is
 * used; on Node 20 the loader's compile step is wrapped to pass `cachedData` to vm.Script (what
 * the v8-compile-cache package does).
 *
 * Safe by construction: an entry is used only for the exact source it was made from (a hash of the
 * content, since V8's own check looks at the length only) and only when its bytes are the ones
 * written (a hash of the data: V8 would abort the process on damaged data past its header); V8
 * rejects data from another V8 version or other flags; a damaged or truncated file is ignored and
 * rewritten; anything this cannot
 * compile is left to Node's own loader. Only a command (the CLI) turns it on: a library must not
 * change how its host process loads modules. `ZAVU_CACHE=0` turns it off like the rest of the cache.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as Module from 'node:module';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';
import { cacheDir, cacheEnabled, cacheKeyAcrossBuilds, NODE_COMPILE_CACHE_SUBDIR, readCacheBytes, writeCache } from './content-cache';

/** What Node's CommonJS loader has and @types/node does not declare. */
interface LoaderModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface LoaderStatics {
  prototype: LoaderModule;
  wrap(source: string): string;
  _resolveFilename(request: string, parent: LoaderModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: LoaderModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (dir: string) => unknown;
}

/** One file: header length (4 bytes, little-endian), JSON header, then the entries' bytes. */
interface Header {
  /**
   * filename → [offset, length, sha1 of the source, sha1 of the cached data]. The data's own hash
   * matters: V8 release builds check only a header of the data, and flipped bytes past it reach
   * the deserializer, which aborts the process (a fatal error, not an exception).
   */
  entries: Record<string, [number, number, string, string]>;
}

const sha1 = (data: string | Buffer): string => createHash('sha1').update(data).digest('hex');

let enabled = false;

/** `require.main` in every module: the process's main module. */
const mainModule = require.main;

/** Turns the code cache on for the rest of this process; `name` keeps commands' caches apart. */
export function enableCodeCache(name: string): void {
  if (enabled || !cacheEnabled()) return;
  enabled = true;
  const loader = Module as unknown as LoaderStatics;
  if (typeof loader.enableCompileCache === 'function') {
    try {
      loader.enableCompileCache(join(cacheDir(), NODE_COMPILE_CACHE_SUBDIR));
    } catch {
      // Only time is lost.
    }
    return;
  }
  wrapCompile(loader, cacheKeyAcrossBuilds(`v8-code-${name}`, 'bin', process.version, process.arch, process.execArgv.join(' ')));
}

function readCacheFile(file: string): { header: Header; blob: Buffer } {
  try {
    const bytes = readCacheBytes(file);
    if (bytes === undefined) throw new Error('no cache file');
    const length = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
    if (typeof header.entries !== 'object' || header.entries === null) throw new Error('no entries');
    return { header, blob: bytes.subarray(4 + length) };
  } catch {
    return { header: { entries: {} }, blob: Buffer.alloc(0) };
  }
}

/**
 * The most bytes of entries a file carries over for modules this run did not load (another kind of
 * run's: a replay, a recording). A run's own are ~2.5 MB; the file is read whole by every run, so
 * what it carries is what each run holds in memory.
 */
export const CARRIED_BYTES_LIMIT = 8 * 1024 * 1024;

function wrapCompile(loader: LoaderStatics, file: string): void {
  const { header, blob } = readCacheFile(file);
  const compile = loader.prototype._compile;
  const compiled = new Map<string, { hash: string; script: vm.Script; data?: Buffer }>();
  let changed = false;

  loader.prototype._compile = function compileWithCache(this: LoaderModule, content: string, filename: string): unknown {
    // A hashbang is valid only at the very start of a script, not inside the module wrapper. A
    // dynamic import() needs the loader's own callback, which a script restored from cached data
    // loses on Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): such modules are left to Node.
    if (content.startsWith('#!') || content.includes('import(')) return compile.call(this, content, filename);
    const hash = sha1(content);
    const entry = header.entries[filename];
    const stored = entry !== undefined && entry[2] === hash && entry[0] + entry[1] <= blob.length ? blob.subarray(entry[0], entry[0] + entry[1]) : undefined;
    const cachedData = stored !== undefined && sha1(stored) === entry?.[3] ? stored : undefined;
    let script: vm.Script;
    try {
      script = new vm.Script(loader.wrap(content), { filename, ...(cachedData !== undefined ? { cachedData } : {}) });
    } catch {
      // A syntax error (or anything else) is reported by Node's own loader, in its own words.
      return compile.call(this, content, filename);
    }
    const accepted = cachedData !== undefined && script.cachedDataRejected !== true;
    if (!accepted) changed = true;
    compiled.set(filename, { hash, script, ...(accepted ? { data: cachedData } : {}) });
    const parent = this;
    const moduleRequire = Object.assign((id: string) => parent.require(id), {
      resolve: Object.assign((request: string, options?: { paths?: string[] }) => loader._resolveFilename(request, parent, false, options), {
        paths: (request: string) => loader._resolveLookupPaths(request, parent),
      }),
      main: mainModule,
      extensions: loader._extensions,
      cache: loader._cache,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, moduleRequire, this, filename, dirname(filename));
  };

  // Written once, at exit, and only when something was compiled anew: by then the code holds the functions the run used.
  process.once('exit', () => {
    // Rewritten too when it carries more than its bound (a file an older suite grew, see below).
    if (!changed && blob.length <= CARRIED_BYTES_LIMIT) return;
    const entries: Header['entries'] = {};
    const parts: Buffer[] = [];
    let offset = 0;
    for (const [filename, { hash, script, data }] of compiled) {
      const bytes = data ?? script.createCachedData();
      entries[filename] = [offset, bytes.length, hash, sha1(bytes)];
      parts.push(bytes);
      offset += bytes.length;
    }
    // Modules another kind of run loaded (a replay, a recording) keep their entries, within a bound,
    // but not those whose file is gone: keyed by path, the entries of every copy of the suite that
    // shared this folder (a scratch install, an npx copy since removed) piled up, never loaded again
    // and read whole by every run (31 MB and +26 MiB of peak RSS after a month of test runs).
    let carried = 0;
    for (const [filename, [start, size, hash, dataHash]] of Object.entries(header.entries)) {
      if (compiled.has(filename) || start + size > blob.length) continue;
      if (carried + size > CARRIED_BYTES_LIMIT || !existsSync(filename)) continue;
      carried += size;
      entries[filename] = [offset, size, hash, dataHash];
      parts.push(blob.subarray(start, start + size));
      offset += size;
    }
    const json = Buffer.from(JSON.stringify({ entries } satisfies Header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length, 0);
    writeCache(file, Buffer.concat([length, json, ...parts]));
  });
}
