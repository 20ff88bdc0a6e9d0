/**
 * A default live run loads only what it uses: the replay path (HAR reading and matching), the
 * recording writer and the baseline modules stay unloaded, so start-up does not pay for them; and
 * Jest runs the suite with the suite's own test runner, so neither jest-circus nor expect loads,
 * in the host or in Jest's sandbox. The run is the built CLI against the embedded server, with a
 * preload that lists every file compiled in the process: by Node's require and through node:vm
 * (the suite's code cache and the sandbox's module registry compile there), and every process
 * spawned: none (Jest lists the suite's folder with readdir, not by running find(1) twice).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConformanceCli } from '../support/conformance-run';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

/** The dist/ files (relative, without .js) the process compiled, and every file compiled, from a run with this preload. */
async function loadedByRun(args: string[]): Promise<{ code: number | null; loaded: string[]; files: string[] }> {
  const dir = scratchDir('zvc-lazy-');
  const list = join(dir, 'loaded.txt');
  const hook = join(dir, 'list-loaded.js');
  writeFileSync(
    hook,
    `const Module = require('node:module');
const compile = Module.prototype._compile;
const seen = [];
Module.prototype._compile = function (content, filename) { seen.push(filename); return compile.apply(this, arguments); };
const vm = require('node:vm');
const Script = vm.Script;
vm.Script = class extends Script { constructor(code, options) { super(code, options); if (options && options.filename) seen.push(String(options.filename)); } };
const compileFunction = vm.compileFunction;
vm.compileFunction = function (code, params, options) { if (options && options.filename) seen.push(String(options.filename)); return compileFunction.apply(this, arguments); };
const childProcess = require('node:child_process');
const spawn = childProcess.spawn;
childProcess.spawn = function (command) { seen.push('spawn: ' + String(command)); return spawn.apply(this, arguments); };
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, seen.join('\\n')));
`,
  );
  const run = await runConformanceCli(args, { NODE_OPTIONS: `--require ${hook}` });
  const files = readFileSync(list, 'utf8').split('\n');
  const loaded = files.flatMap((f) => /[\\/]dist[\\/](.+)\.js$/.exec(f)?.[1]?.replace(/\\/g, '/') ?? []);
  return { code: run.code, loaded, files };
}

test('a live run with reports loads the engine and the renderers, and no replay, recording, baseline or history module', async () => {
  const { code, loaded } = await loadedByRun(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']);
  expect(code).toBe(0);
  // What it uses: the engine once, in the host, and the report renderers it writes with.
  expect(loaded).toEqual(expect.arrayContaining(['runner/suite-engine', 'transport/http-transport', 'schema/create-validator', 'report/render-html', 'report/render-junit']));
  expect(loaded.filter((f) => /^(runner\/(prepare-replay|finish-recording)|recording\/(read-recordings|har-|recorded-cases|recorded-keys)|transport\/(replay|record)-transport|baseline\/|history\/)/.test(f))).toEqual([]);
  // Only a merge compares the shards' builds: a run formats its shard night (not-run.ts) without that check.
  expect(loaded).not.toContain('shard/shared-build');
});

test('Jest runs the suite without jest-circus or expect, in the host or in the sandbox, and spawns no process: the suite file is what the sandbox compiles', async () => {
  const { code, files } = await loadedByRun(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']);
  expect(code).toBe(0);
  expect(files.filter((f) => /node_modules[\\/](jest-circus|expect|@jest[\\/]expect)[\\/]/.test(f))).toEqual([]);
  // The preload sees the sandbox's compiles: the suite file is among them, and the runner in its place.
  expect(files.some((f) => /dist[\\/]suite[\\/]operations\.conformance\.js$/.test(f))).toBe(true);
  expect(files.some((f) => /dist[\\/]suite[\\/]suite-test-runner\.js$/.test(f))).toBe(true);
  expect(files.filter((f) => f.startsWith('spawn: '))).toEqual([]);
});

test('a run over a contract an earlier run compiled loads its validators from the cache: ajv itself never loads', async () => {
  // The first run compiles the contract's schemas (strict) and keeps the standalone code; the second loads it.
  expect((await loadedByRun(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'])).code).toBe(0);
  const { code, files } = await loadedByRun(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']);
  expect(code).toBe(0);
  expect(files.some((f) => /dist[\\/]schema[\\/]create-validator\.js$/.test(f))).toBe(true);
  expect(files.filter((f) => /node_modules[\\/]ajv[\\/]dist[\\/](ajv|core|compile[\\/]index)\.js$/.test(f))).toEqual([]);
});

test('the runner itself loads no file renderer: a run from code without reports (or one that ends NOT RUN) never pays for them', () => {
  const script = "require('./dist/runner/run-conformance'); console.log(JSON.stringify(Object.keys(require.cache).filter((f) => /[\\\\/]dist[\\\\/]report[\\\\/]/.test(f))))";
  const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' })) as string[];
  expect(loaded.some((f) => /report-files\.js$/.test(f))).toBe(true);
  expect(loaded.filter((f) => /(write-reports|render-html|render-junit|render-markdown|render-json)\.js$/.test(f))).toEqual([]);
});
