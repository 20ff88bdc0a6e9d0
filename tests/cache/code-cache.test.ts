/**
 * The CLI's V8 code cache (dist/cache/code-cache.js), in child processes of their own (it changes
 * how the process loads modules): a module compiled through it behaves as under Node's loader, an
 * entry is used only for the very source it was made from, a damaged cache file is ignored and
 * rewritten, and ZAVU_CACHE=0 leaves no file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

let cacheDir: string;
let project: string;
beforeEach(() => {
  cacheDir = scratchDir('zvc-code-cache-');
  project = scratchDir('zvc-code-project-');
  writeFileSync(join(project, 'other.js'), 'module.exports = 1;\n');
  writeFileSync(join(project, 'esm.mjs'), 'export const x = "from esm";\n');
});

/** Runs a fresh node that turns the cache on, then requires `probe.js` and prints what it exports. */
function probe(env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const script = `require(${JSON.stringify(join(repoRoot, 'dist/cache/code-cache.js'))}).enableCodeCache('probe');
Promise.resolve().then(() => require(${JSON.stringify(join(project, 'probe.js'))})).then(async (m) => console.log(JSON.stringify({ ...m, dyn: await m.dyn })), (e) => { console.log(String(e).split('\\n')[0]); process.exitCode = 1; });`;
  const run = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'] ?? '', ZAVU_CACHE_DIR: cacheDir, ...env }, encoding: 'utf8', timeout: 20000 });
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

const cacheFiles = (): string[] => readdirSync(cacheDir).filter((f) => f.startsWith('v8-code-probe-'));

test('a module compiled through the cache sees what Node gives it, on the run that fills the cache and on the one that reads it', () => {
  writeFileSync(
    join(project, 'probe.js'),
    'module.exports = { file: __filename, dir: __dirname, resolved: require.resolve("./other"), other: require("./other"), cached: require.cache[__filename] === module, dyn: require("./dynamic") };\n',
  );
  // A module with a dynamic import() is left to Node's loader (a script restored from cached data loses its import callback on Node 20).
  writeFileSync(join(project, 'dynamic.js'), 'module.exports = import("./esm.mjs").then((m) => m.x);\n');
  const expected = { file: join(project, 'probe.js'), dir: project, resolved: join(project, 'other.js'), other: 1, cached: true, dyn: 'from esm' };
  const cold = probe();
  expect(JSON.parse(cold.stdout)).toEqual(expected);
  expect(cacheFiles()).toHaveLength(1);
  const file = join(cacheDir, cacheFiles()[0] ?? '');
  const written = readFileSync(file);
  const header = written.subarray(4, 4 + written.readUInt32LE(0)).toString();
  expect(header).toContain(JSON.stringify(join(project, 'probe.js')));
  expect(header).not.toContain(JSON.stringify(join(project, 'dynamic.js')));
  expect(JSON.parse(probe().stdout)).toEqual(expected);
  // Nothing new was compiled: the file is not rewritten.
  expect(readFileSync(file).equals(written)).toBe(true);
});

test('an entry is used only for the source it was made from, even when the new source has the same length', () => {
  writeFileSync(join(project, 'probe.js'), 'module.exports = { value: "aaaa" };\n');
  expect(JSON.parse(probe().stdout)).toMatchObject({ value: 'aaaa' });
  writeFileSync(join(project, 'probe.js'), 'module.exports = { value: "bbbb" };\n');
  expect(JSON.parse(probe().stdout)).toMatchObject({ value: 'bbbb' });
});

test('a damaged cache file is ignored and rewritten; a syntax error is Node\'s own', () => {
  writeFileSync(join(project, 'probe.js'), 'module.exports = { value: 1 };\n');
  probe();
  const file = join(cacheDir, cacheFiles()[0] ?? '');
  const whole = readFileSync(file);
  const dataStart = 4 + whole.readUInt32LE(0);
  // Same length, V8's own header of each entry intact, bytes flipped past it: V8 release builds do
  // not check those, and deserializing them aborts the process unless the entry's hash refuses them.
  const flipped = Buffer.from(whole);
  for (let i = dataStart + 64; i < flipped.length; i += 3) flipped[i] = (flipped[i] ?? 0) ^ 0xff;
  for (const damage of [Buffer.from('garbage'), whole.subarray(0, 200), Buffer.concat([whole.subarray(0, dataStart), Buffer.from('not v8 code')]), flipped]) {
    writeFileSync(file, damage);
    const run = probe();
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ value: 1 });
    expect(readFileSync(file).equals(damage)).toBe(false);
  }
  writeFileSync(join(project, 'probe.js'), 'module.exports = { value: ;\n');
  const broken = probe();
  expect(broken.status).toBe(1);
  expect(broken.stdout).toBe('SyntaxError: Unexpected token \';\'');
});

test('ZAVU_CACHE=0 turns it off: no file', () => {
  writeFileSync(join(project, 'probe.js'), 'module.exports = { value: 1 };\n');
  expect(JSON.parse(probe({ ZAVU_CACHE: '0' }).stdout)).toMatchObject({ value: 1 });
  expect(cacheFiles()).toEqual([]);
});

test('a run that reads the code cache marks it used, so pruning keeps it', () => {
  writeFileSync(join(project, 'probe.js'), 'module.exports = { value: 1 };\n');
  probe();
  const file = join(cacheDir, cacheFiles()[0] ?? '');
  const longAgo = new Date(Date.now() - 60 * 86_400_000);
  utimesSync(file, longAgo, longAgo);
  const written = readFileSync(file);
  expect(JSON.parse(probe().stdout)).toMatchObject({ value: 1 });
  // Read, not rewritten, and now recent.
  expect(readFileSync(file).equals(written)).toBe(true);
  expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(86_400_000);
});

test('entries of modules whose file is gone are dropped, and a file carrying more than its bound is rewritten though nothing was compiled anew', () => {
  writeFileSync(join(project, 'probe.js'), 'module.exports = { value: 1 };\n');
  probe();
  const file = join(cacheDir, cacheFiles()[0] ?? '');
  const whole = readFileSync(file);
  const headerLength = whole.readUInt32LE(0);
  const { entries } = JSON.parse(whole.subarray(4, 4 + headerLength).toString()) as { entries: Record<string, [number, number, string, string]> };
  const blob = whole.subarray(4 + headerLength);
  const sha1 = (data: Buffer): string => createHash('sha1').update(data).digest('hex');
  // Beside this run's entry: a module of a scratch copy since removed (9 MiB, as a month of them
  // piled up), and one of another kind of run whose file is still there.
  const gone = Buffer.alloc(9 * 1024 * 1024, 7);
  const kept = Buffer.from('other run');
  const grown = { ...entries, [join(project, 'removed-copy', 'gone.js')]: [blob.length, gone.length, 'a', sha1(gone)], [join(project, 'other.js')]: [blob.length + gone.length, kept.length, 'b', sha1(kept)] };
  const json = Buffer.from(JSON.stringify({ entries: grown }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length, 0);
  writeFileSync(file, Buffer.concat([length, json, blob, gone, kept]));
  expect(JSON.parse(probe().stdout)).toMatchObject({ value: 1 });
  const rewritten = readFileSync(file);
  const names = Object.keys((JSON.parse(rewritten.subarray(4, 4 + rewritten.readUInt32LE(0)).toString()) as { entries: object }).entries);
  expect(names.sort()).toEqual([join(project, 'other.js'), join(project, 'probe.js')]);
  expect(rewritten.length).toBeLessThan(whole.length + 1024);
  // And it is read as before.
  expect(JSON.parse(probe().stdout)).toMatchObject({ value: 1 });
});
