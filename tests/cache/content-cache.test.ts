import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { cachedValidator } from '../../src/cache/cached-validator';
import { CACHE_UNUSED_DAYS, cacheKey, chooseCacheDir, jestCacheDir, JEST_CACHE_SUBDIR, NODE_COMPILE_CACHE_SUBDIR, onlyOursToWrite, pruneCache, readCache, writeCache } from '../../src/cache/content-cache';
import { loadContract } from '../../src/registry/load-contract';
import { packageRoot } from '../../src/package-root';
import { scratchCacheDirs } from '../support/scratch-cache';
import { scratchDir } from '../support/scratch-dir';
import { fullSpecPath } from '../schema/support/fixtures';

const cacheDir = scratchCacheDirs('zvc-cache-');

const specPath = join(packageRoot, 'specs/whatsapp-sync.openapi.yaml');
const operationIds = ['getWhatsAppSyncStatus'];
const schemaPath = join(packageRoot, 'schemas/scenarios.schema.json');
/** Not a valid scenarios file: `scenarios` must not be empty. */
const invalidScenarios = { operationId: 'getWhatsAppSyncStatus', scenarios: [] };

/** The one cache file of this test whose name starts with `prefix-`. */
function entry(prefix: string): string {
  const files = readdirSync(cacheDir()).filter((f) => f.startsWith(`${prefix}-`) && !f.endsWith('.tmp'));
  expect(files).toHaveLength(1);
  return join(cacheDir(), files[0] ?? '');
}

/** Rewrites the cached contract's spec.version (a field no integrity check of the entry covers). */
function tamperContract(version: string): void {
  const file = entry('contract');
  const cached = JSON.parse(readFileSync(file, 'utf8')) as { spec: { version: string } };
  cached.spec.version = version;
  writeFileSync(file, JSON.stringify(cached));
}

test('a contract is computed once, then read from the cache', () => {
  const cold = loadContract(specPath, operationIds);
  expect(cold.spec.version).toBe('0.2.0');
  expect(Object.keys(cold.schemas)).toContain('WhatsAppSyncStatusResponse');
  tamperContract('from-cache');
  // Only a read of the entry can produce a version the spec does not have.
  const warm = loadContract(specPath, operationIds);
  expect(warm.spec.version).toBe('from-cache');
  expect({ ...warm, spec: { ...warm.spec, version: '0.2.0' } }).toEqual(cold);
});

test('a changed spec is a different key: never a stale contract', () => {
  const copy = join(scratchDir('zvc-spec-'), 'spec.yaml');
  copyFileSync(specPath, copy);
  const before = loadContract(copy, operationIds);
  writeFileSync(copy, readFileSync(specPath, 'utf8').replace('version: 0.2.0', 'version: 0.3.0'));
  const after = loadContract(copy, operationIds);
  expect(before.spec.version).toBe('0.2.0');
  expect(after.spec.version).toBe('0.3.0');
});

test("an entry written when the spec's sha256 was of its raw bytes is not read: a CRLF checkout's is the LF one's", () => {
  const copy = join(scratchDir('zvc-spec-'), 'spec.yaml');
  const crlf = readFileSync(specPath, 'utf8').replace(/\n/g, '\r\n');
  writeFileSync(copy, crlf);
  // What an earlier suite of the same version cached for this file: the key it used, the sha256 of the CRLF bytes.
  const raw = createHash('sha256').update(crlf).digest('hex');
  const old = { spec: { path: copy, title: 'Zavu Unified Messaging Layer API', version: '0.2.0', sha256: raw }, operations: [], specOperationIds: [], schemas: {} };
  writeCache(cacheKey('contract', 'json', Buffer.from(crlf), copy, ...operationIds), JSON.stringify(old));
  expect(loadContract(copy, operationIds).spec.sha256).toBe(loadContract(specPath, operationIds).spec.sha256);
});

test('an entry written when an inline body schema was taken as none is not read: the spec is refused, not judged by nothing', () => {
  const copy = join(scratchDir('zvc-spec-'), 'spec.yaml');
  const inline = readFileSync(specPath, 'utf8').replace("schema:\n                $ref: '#/components/schemas/WhatsAppSyncStatusResponse'", 'schema:\n                type: array');
  expect(inline).toContain('type: array');
  writeFileSync(copy, inline);
  // What the suite of the same version cached for this file before it refused such a schema: the operation with no schemaName.
  const old = loadContract(specPath, operationIds);
  const withoutSchema = { ...old, spec: { ...old.spec, path: copy }, operations: old.operations.map((o) => ({ ...o, responses: o.responses.map(({ schemaName: _dropped, ...r }) => r) })) };
  writeCache(cacheKey('contract', 'json', Buffer.from(inline), copy, 'sha256 of spec-text.ts', ...operationIds), JSON.stringify(withoutSchema));
  expect(() => loadContract(copy, operationIds)).toThrow(/the 200 body schema at .* is not a \$ref to #\/components\/schemas\/<Name>/);
});

test('an entry written before an operation whose request body is required was refused is not read: the spec is refused, not certified with empty bodies', () => {
  const copy = join(scratchDir('zvc-spec-'), 'spec.json');
  const bytes = readFileSync(fullSpecPath);
  writeFileSync(copy, bytes);
  // What the suite of the same version cached for createAgent before the refusal: a contract it gave, under the key it used then.
  const then = 'body schemas: components only, each one a body reaches defined (a $ref into one too); YAML merge keys; every servers path';
  const old = { spec: { path: copy, title: 'Zavu', version: '1', sha256: createHash('sha256').update(bytes).digest('hex') }, operations: [], specOperationIds: ['createAgent'], schemas: {} };
  writeCache(cacheKey('contract', 'json', bytes, copy, 'sha256 of spec-text.ts', then, 'createAgent'), JSON.stringify(old));
  expect(() => loadContract(copy, ['createAgent'])).toThrow(/: createAgent \(POST \/v1\/senders\/\{senderId\}\/agent\) requires a request body /);
});

test('a corrupt contract entry is read, then recomputed', () => {
  loadContract(specPath, operationIds);
  tamperContract('from-cache');
  expect(loadContract(specPath, operationIds).spec.version).toBe('from-cache');
  // The same entry, damaged: it is read, and must not break the run.
  writeFileSync(entry('contract'), 'this is { not json');
  expect(loadContract(specPath, operationIds).spec.version).toBe('0.2.0');
});

test('a compiled validator is read from the cache; a corrupt one falls back to compiling', () => {
  expect(cachedValidator('probe', schemaPath)(invalidScenarios)).toBe(false);
  const file = entry('probe');
  // A valid module that accepts everything: only a read of the entry can make the invalid file pass.
  writeFileSync(file, 'module.exports = function validate() { validate.errors = null; return true; };');
  expect(cachedValidator('probe', schemaPath)(invalidScenarios)).toBe(true);
  writeFileSync(file, 'this is { not javascript');
  const validate = cachedValidator('probe', schemaPath);
  expect(validate(invalidScenarios)).toBe(false);
  expect(validate.errors?.[0]?.instancePath).toBe('/scenarios');
});

test('an entry read twice in one process is compiled once: the same validator comes back while the entry is unchanged', () => {
  cachedValidator('probe-twice', schemaPath);
  const first = cachedValidator('probe-twice', schemaPath);
  expect(cachedValidator('probe-twice', schemaPath)).toBe(first);
  writeFileSync(entry('probe-twice'), 'module.exports = function validate() { validate.errors = null; return true; };');
  expect(cachedValidator('probe-twice', schemaPath)).not.toBe(first);
});

test('errors in the spec are still reported on the cold path', () => {
  expect(() => loadContract(join(scratchDir(), 'absent.yaml'), operationIds)).toThrow(/absent\.yaml: spec file not found/);
});

test('an entry is written whole or not at all: no temporary file is left in the cache folder', () => {
  const file = cacheKey('probe-entry', 'json', 'input');
  writeCache(file, '{"whole":true}');
  expect(readCache(file)).toBe('{"whole":true}');
  expect(readdirSync(cacheDir())).toEqual([basename(file)]);
});

describe('entries unused for 30 days are removed', () => {
  const day = 86_400_000;
  /** A file in the cache folder, last modified `daysAgo` days ago. */
  function aged(name: string, daysAgo: number): string {
    const file = join(cacheDir(), name);
    writeFileSync(file, 'x');
    const when = new Date(Date.now() - daysAgo * day);
    utimesSync(file, when, when);
    return file;
  }
  const hex = 'a'.repeat(24);

  test('a write removes the cache\'s own files unused for 30 days, and nothing else', () => {
    const stale = aged(`contract-${hex}.json`, CACHE_UNUSED_DAYS + 1);
    const staleCode = aged(`v8-code-run-${hex}.bin`, CACHE_UNUSED_DAYS + 1);
    const staleTemp = aged(`.contract-${hex}.json.123.abcdef.tmp`, CACHE_UNUSED_DAYS + 1);
    const recent = aged(`contract-${'b'.repeat(24)}.json`, CACHE_UNUSED_DAYS - 1);
    // ZAVU_CACHE_DIR may name a folder that holds other files: only names the cache gives are removed.
    const notOurs = aged('notes.txt', 400);
    const notOursLookalike = aged(`contract-${hex}.yaml`, 400);
    pruneCache();
    expect([stale, staleCode, staleTemp].filter(existsSync)).toEqual([]);
    expect([recent, notOurs, notOursLookalike].filter(existsSync)).toEqual([recent, notOurs, notOursLookalike]);
  });

  test('a temp file of a write whose process is gone (killed mid-write) goes on the next prune, not after 30 days; a live writer\'s stays, and so does one under a minute old', () => {
    const hour = 1 / 24;
    // 4194399 is above Linux's pid_max: no process has it.
    const orphan = aged(`.contract-${hex}.json.4194399.a1b2c3d4e5f6.tmp`, hour);
    const orphanCode = aged(`.v8-code-run-${hex}.bin.4194399.0123456789ab.tmp`, hour);
    const live = aged(`.contract-${hex}.json.${process.pid}.a1b2c3d4e5f6.tmp`, hour);
    const justWritten = aged(`.contract-${'c'.repeat(24)}.json.4194399.a1b2c3d4e5f6.tmp`, 0);
    // Not the cache's own name: another tool's temp file in a shared ZAVU_CACHE_DIR stays.
    const notOurs = aged('.notes.txt.4194399.a1b2c3d4e5f6.tmp', hour);
    pruneCache();
    expect([orphan, orphanCode].filter(existsSync)).toEqual([]);
    expect([live, justWritten, notOurs].filter(existsSync)).toEqual([live, justWritten, notOurs]);
  });

  test("Node's own compile cache loses files not written for 30 days, and an old Node's folder goes with its last file", () => {
    // Node 22 and later keep their compile cache under v8/<version tag>/<one file per module>.
    const ageOf = (path: string, daysAgo: number): string => {
      const when = new Date(Date.now() - daysAgo * day);
      utimesSync(path, when, when);
      return path;
    };
    const folder = (tag: string): string => {
      const path = join(cacheDir(), NODE_COMPILE_CACHE_SUBDIR, tag);
      mkdirSync(path, { recursive: true });
      return path;
    };
    const file = (dir: string, name: string, daysAgo: number): string => {
      writeFileSync(join(dir, name), 'x');
      return ageOf(join(dir, name), daysAgo);
    };
    const oldNode = folder('v22.1.0-x64-1a2b3c4d-0');
    const oldNodeFiles = [file(oldNode, '0badf00d', CACHE_UNUSED_DAYS + 40), file(oldNode, '1badf00d', CACHE_UNUSED_DAYS + 2)];
    ageOf(oldNode, CACHE_UNUSED_DAYS + 2);
    const current = folder('v24.3.0-x64-5e6f7a8b-0');
    const currentStale = file(current, '2badf00d', CACHE_UNUSED_DAYS + 1);
    const currentFresh = file(current, '3badf00d', 1);
    // A folder Node made on this run, nothing in it yet: Node writes into it at exit.
    const justMade = folder('v24.4.0-x64-5e6f7a8b-0');
    pruneCache();
    expect([...oldNodeFiles, oldNode, currentStale].filter(existsSync)).toEqual([]);
    expect([current, currentFresh, justMade].filter(existsSync)).toEqual([current, currentFresh, justMade]);
  });

  test("Jest's file map not written for 30 days goes too (Jest reads it without marking it used, and writes it again when missing)", () => {
    const folder = join(cacheDir(), JEST_CACHE_SUBDIR);
    mkdirSync(folder);
    const stale = aged(join(JEST_CACHE_SUBDIR, 'haste-map-0a1b-2c3d'), CACHE_UNUSED_DAYS + 1);
    const recent = aged(join(JEST_CACHE_SUBDIR, 'haste-map-4e5f-6a7b'), 2);
    pruneCache();
    expect([stale, recent].filter(existsSync)).toEqual([recent]);
  });

  test("the caller's faked Date (a run from code inside a test) judges no entry: from 2099 a recent entry and a just-written temp file stay; a hit in 1970 is marked used now", () => {
    // Every timer but Date left real: the clock alone, as jest.useFakeTimers({ now }) or sinon's toFake: ['Date'] set it.
    const fakeDateAt = (now: number): void => void jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'], now });
    const recent = aged(`contract-${'d'.repeat(24)}.json`, 1);
    const justWritten = aged(`.contract-${'e'.repeat(24)}.json.4194399.a1b2c3d4e5f6.tmp`, 0);
    const file = cacheKey('probe-fake-date', 'txt', 'input');
    writeCache(file, 'cached');
    const old = new Date(Date.now() - (CACHE_UNUSED_DAYS + 5) * day);
    utimesSync(file, old, old);
    try {
      fakeDateAt(0);
      expect(readCache(file)).toBe('cached');
      jest.useRealTimers();
      fakeDateAt(Date.UTC(2099, 0, 1));
      pruneCache();
    } finally {
      jest.useRealTimers();
    }
    expect([recent, justWritten].filter(existsSync)).toEqual([recent, justWritten]);
    expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - day);
  });

  test('a hit makes an entry recent again: one read every day is never removed, however old its write', () => {
    const file = cacheKey('probe', 'txt', 'input');
    writeCache(file, 'cached');
    const when = new Date(Date.now() - (CACHE_UNUSED_DAYS + 5) * day);
    utimesSync(file, when, when);
    expect(readCache(file)).toBe('cached');
    pruneCache();
    expect(readCache(file)).toBe('cached');
  });

  test('the first write of a process prunes (a run that only reads lists nothing)', () => {
    // In a fresh process: pruning happens once per process, and this one may have written already.
    const stale = aged(`contract-${hex}.json`, CACHE_UNUSED_DAYS + 1);
    const script = `const c = require(${JSON.stringify(join(packageRoot, 'dist/cache/content-cache.js'))});
c.readCache(c.cacheKey('missing', 'txt', 'x'));
process.stdout.write(String(require('node:fs').existsSync(${JSON.stringify(stale)})));
c.writeCache(c.cacheKey('fresh', 'txt', 'x'), 'y');
process.stdout.write(' ' + String(require('node:fs').existsSync(${JSON.stringify(stale)})));`;
    const run = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'] ?? '', ZAVU_CACHE_DIR: cacheDir() }, encoding: 'utf8', timeout: 20000 });
    expect(run.stdout).toBe('true false');
  });
});

describe('a folder another user could write is no cache (what it holds would run as whoever runs the suite)', () => {
  const made = (mode: number): string => {
    const dir = join(scratchDir('zvc-own-'), 'cache');
    mkdirSync(dir);
    chmodSync(dir, mode);
    return dir;
  };

  test('this user\'s folder, or one only its own group may also write, is; a world-writable one is not', () => {
    expect(onlyOursToWrite(made(0o700))).toBe(true);
    expect(onlyOursToWrite(made(0o755))).toBe(true);
    // umask 002 with a user-private group: the folder's group is this user's own.
    expect(onlyOursToWrite(made(0o775))).toBe(true);
    expect(onlyOursToWrite(made(0o777))).toBe(false);
    expect(onlyOursToWrite(made(0o1777))).toBe(false);
    expect(onlyOursToWrite(join(scratchDir('zvc-own-'), 'not-yet'))).toBe(true);
  });

  const root = process.getuid?.() === 0;
  (root ? test : test.skip)("another user's folder is not, nor one writable by another group (run as root, which can hand folders out)", () => {
    const theirs = made(0o755);
    chownSync(theirs, 65534, 65534);
    expect(onlyOursToWrite(theirs)).toBe(false);
    const otherGroup = made(0o775);
    chownSync(otherGroup, 0, 65534);
    expect(onlyOursToWrite(otherGroup)).toBe(false);
  });

  test('in a world-writable ZAVU_CACHE_DIR nothing is written, and a planted entry is never read', () => {
    const shared = made(0o777);
    process.env['ZAVU_CACHE_DIR'] = shared;
    const planted = cacheKey('planted', 'js', 'x');
    writeFileSync(planted, 'module.exports = () => true;');
    expect(readCache(planted)).toBeUndefined();
    writeCache(cacheKey('entry', 'txt', 'y'), 'z');
    expect(readdirSync(shared)).toEqual([basename(planted)]);
  });
});

describe('where the cache lives', () => {
  const root = '/opt/suite';
  const own = '/opt/suite/node_modules/.cache/zavu-conformance';
  const home = (): string => '/home/ci';
  const only = (...dirs: string[]) => (dir: string): boolean => dirs.includes(dir);

  test("the suite's own folder when this user may write there", () => {
    expect(chooseCacheDir(root, { XDG_CACHE_HOME: '/xdg' }, home, only(own, '/xdg/zavu-conformance'))).toBe(own);
  });

  test("else the user's cache folder: $XDG_CACHE_HOME when absolute, else ~/.cache", () => {
    expect(chooseCacheDir(root, { XDG_CACHE_HOME: '/xdg' }, home, only('/xdg/zavu-conformance'))).toBe('/xdg/zavu-conformance');
    // The XDG specification: a relative path is invalid and ignored.
    expect(chooseCacheDir(root, { XDG_CACHE_HOME: 'relative' }, home, only('/home/ci/.cache/zavu-conformance'))).toBe('/home/ci/.cache/zavu-conformance');
    expect(chooseCacheDir(root, {}, home, only('/home/ci/.cache/zavu-conformance'))).toBe('/home/ci/.cache/zavu-conformance');
  });

  test("never a folder another user could write: with neither writable (or no home), the suite's folder, where writes then fail", () => {
    expect(chooseCacheDir(root, {}, home, only())).toBe(own);
    const noHome = (): string => {
      throw new Error('no home directory');
    };
    expect(chooseCacheDir(root, {}, noHome, only('/tmp/zavu-conformance'))).toBe(own);
    expect(chooseCacheDir(root, {}, () => '', only('.cache/zavu-conformance'))).toBe(own);
  });

  describe("Jest's cache folder", () => {
    const previous = process.env['ZAVU_CACHE'];
    afterEach(() => {
      if (previous === undefined) delete process.env['ZAVU_CACHE'];
      else process.env['ZAVU_CACHE'] = previous;
    });

    test('in the cache when it can be written, and kept when released', () => {
      const shared = jestCacheDir();
      expect(shared.folder).toBe(join(cacheDir(), JEST_CACHE_SUBDIR));
      shared.release();
      expect(existsSync(join(cacheDir(), JEST_CACHE_SUBDIR))).toBe(true);
    });

    test('a private folder of this run when the cache is off or cannot be written, never a fixed one, gone once released', () => {
      process.env['ZAVU_CACHE'] = '0';
      const off = jestCacheDir();
      process.env['ZAVU_CACHE'] = '1';
      // A cache folder below a plain file cannot be made, whoever runs.
      const blocked = join(cacheDir(), 'a-file');
      writeFileSync(blocked, 'x');
      process.env['ZAVU_CACHE_DIR'] = join(blocked, 'cache');
      const unwritable = jestCacheDir();
      process.env['ZAVU_CACHE_DIR'] = cacheDir();
      for (const { folder } of [off, unwritable]) {
        expect(folder.startsWith(join(tmpdir(), 'zavu-conformance-jest-'))).toBe(true);
        expect(statSync(folder).mode & 0o777).toBe(0o700);
      }
      expect(off.folder).not.toBe(unwritable.folder);
      // Released at the end of each run: a process that runs many times (a user's Jest file) keeps none.
      for (const run of [off, unwritable]) {
        run.release();
        expect(existsSync(run.folder)).toBe(false);
      }
      // Nor does it pile up exit listeners, one per run.
      const listeners = process.listenerCount('exit');
      // ZAVU_CACHE reads like every on/off variable: false turns the cache off as 0 does.
      process.env['ZAVU_CACHE'] = 'false';
      for (let round = 0; round < 12; round++) {
        const run = jestCacheDir();
        expect(run.folder.startsWith(join(tmpdir(), 'zavu-conformance-jest-'))).toBe(true);
        run.release();
      }
      expect(process.listenerCount('exit')).toBeLessThanOrEqual(listeners);
    });
  });
});

describe('a new build of the same version is never served the last build\'s derived work', () => {
  /** content-cache and cached-validator as loaded by a build of the suite whose id is `build` (undefined: a dist without one). */
  function asBuild(build: string | undefined): { validator: typeof cachedValidator; key: typeof cacheKey; acrossBuilds: typeof cacheKey } {
    let loaded: { validator: typeof cachedValidator; key: typeof cacheKey; acrossBuilds: typeof cacheKey } | undefined;
    jest.isolateModules(() => {
      jest.doMock('../../src/package-root', () => ({ ...jest.requireActual<object>('../../src/package-root'), suiteBuild: () => build }));
      loaded = {
        validator: (require('../../src/cache/cached-validator') as typeof import('../../src/cache/cached-validator')).cachedValidator,
        key: (require('../../src/cache/content-cache') as typeof import('../../src/cache/content-cache')).cacheKey,
        acrossBuilds: (require('../../src/cache/content-cache') as typeof import('../../src/cache/content-cache')).cacheKeyAcrossBuilds,
      };
    });
    jest.dontMock('../../src/package-root');
    return loaded!;
  }

  test('the key is of the build as well as the version: 0.2.0 is many builds, whose code compiles and derives differently', () => {
    const [a, b, none] = [asBuild('aaaaaaaaaaaa'), asBuild('bbbbbbbbbbbb'), asBuild(undefined)];
    expect(a.key('contract', 'json', 'input')).not.toBe(b.key('contract', 'json', 'input'));
    expect(a.key('contract', 'json', 'input')).toBe(asBuild('aaaaaaaaaaaa').key('contract', 'json', 'input'));
    // A dist without the id keys as the version alone did.
    expect(none.key('contract', 'json', 'input')).toBe(cacheKey('contract', 'json', 'input'));
    // V8's code cache checks each module by its source's hash: one file across builds, not megabytes left by each rebuild.
    expect(a.acrossBuilds('v8-code-run', 'bin', 'v20')).toBe(b.acrossBuilds('v8-code-run', 'bin', 'v20'));
  });

  test("a validator another build compiled and cached is not this build's: it compiles its own", () => {
    const older = asBuild('aaaaaaaaaaaa');
    expect(older.validator('probe-build', schemaPath)(invalidScenarios)).toBe(false);
    // What that build's code compiled (here: a validator that accepts everything) stays that build's.
    writeFileSync(entry('probe-build'), 'module.exports = function validate() { validate.errors = null; return true; };');
    expect(asBuild('aaaaaaaaaaaa').validator('probe-build', schemaPath)(invalidScenarios)).toBe(true);
    expect(asBuild('bbbbbbbbbbbb').validator('probe-build', schemaPath)(invalidScenarios)).toBe(false);
  });
});
