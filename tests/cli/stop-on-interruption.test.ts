/**
 * A signal that lands while a report, a recording or a pruned history store is being written
 * leaves no temp file behind, and nothing renamed into place after it: the write is stopped where
 * it stands (its temp file removed by the handler, or by the write itself once its pending step
 * completes) and the exit waits for it. The signal is sent at a chosen point, not after a delay: a
 * preload wraps fs.promises.open, and once the open of the first temp file in the watched folder
 * has resolved (the file is there), sends the signal to the process itself and hands the handle
 * back only after the signal's handler has had its turn (two turns of the event loop: the signal
 * is read in the poll phase between them).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { SUMMARY_HEADING } from '../../src/report/report-files';
import { runConformanceCli } from '../support/conformance-run';
import { expectOneLineError } from '../support/one-line-error';
import { INTERRUPTION_SIGNALS, runCli } from '../support/run-cli';
import { escapeRegex } from '../../src/text/escape-regex';
import { scratchDir } from '../support/scratch-dir';
import { night, storeText } from '../history/fixtures';
import { requireBuilt, runInChild } from '../support/in-child';

const bin = 'zavu-conformance-main.js';
const quick = ['--fuzz-runs', '0', '--seed', '7', '--operation', 'getWhatsAppSyncStatus'];

/** A preload that sends `signal` once the first atomic write's temp file in `dir` is open. */
function signalWhenTempOpen(cwd: string, signal: string, dir: string): string {
  const preload = join(cwd, 'signal-on-temp.js');
  writeFileSync(
    preload,
    `const fsp = require('node:fs').promises; const path = require('node:path'); const open = fsp.open; let sent = false;
fsp.open = function (file, ...rest) {
  const opened = open.call(this, file, ...rest);
  const name = path.basename(String(file));
  if (sent || path.dirname(String(file)) !== ${JSON.stringify(dir)} || !name.startsWith('.') || !name.endsWith('.tmp')) return opened;
  sent = true;
  return opened.then((handle) => {
    process.kill(process.pid, ${JSON.stringify(signal)});
    return new Promise((resolve) => setImmediate(() => setImmediate(() => resolve(handle))));
  });
};`,
  );
  return `--require ${preload}`;
}

/** A folder's entries, dot files (temp files, a lock) included. */
const entries = (dir: string): string[] => readdirSync(dir).sort();

describe('a signal while a run writes its reports', () => {
  test.each(INTERRUPTION_SIGNALS)('%s: NOT RUN, and no temp file nor a report renamed in after it', async (signal, code) => {
    const cwd = scratchDir('zvc-stop-reports-');
    const reports = join(cwd, 'reports');
    const ended = await runConformanceCli(quick, { NODE_OPTIONS: signalWhenTempOpen(cwd, signal, reports) }, cwd);
    expect(ended.code).toBe(code);
    expectOneLineError(ended.stderr, new RegExp(`^zavu-conformance run: interrupted by ${signal} before the verdict \\(${escapeRegex(reports)}/summary\\.md says NOT RUN\\)$`));
    // Only NOT RUN's two files: the conformance.json being written when the signal came is neither left as a temp file nor renamed in.
    expect(entries(reports)).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n`));
    // Every case was judged by then (its reports were being written): NOT RUN must not say none was.
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toContain(`Exit code ${code}: stopped before its verdict: what was judged until then is not reported, so there is no verdict.`);
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).not.toContain('no case was judged');
  });
});

test("a signal after a killed run's lock was taken over: the interruption's NOT RUN says that note too, once in each file, as a stop's does", async () => {
  const cwd = scratchDir('zvc-stop-taken-');
  const reports = join(cwd, 'reports');
  mkdirSync(reports);
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(reports, '.zavu-conformance.lock'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), since: '2026-12-05T23:00:00.000Z' }));
  const ended = await runConformanceCli([...quick, '--reports', reports], { NODE_OPTIONS: signalWhenTempOpen(cwd, 'SIGINT', reports) }, cwd);
  expect(ended.code).toBe(130);
  const said = `the run that started at 2026-12-05T23:00:00.000Z (pid ${gone.stdout} on `;
  const summary = readFileSync(join(reports, 'summary.md'), 'utf8');
  expect(summary).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n`));
  expect(summary.split(said)).toHaveLength(2);
  expect(readFileSync(join(reports, 'junit.xml'), 'utf8').split(`note: ${said}`)).toHaveLength(2);
});

test('a signal while a report\'s rename is under way: whichever way the rename and the stop meet, no report of the run stands beside NOT RUN', async () => {
  const cwd = scratchDir('zvc-stop-rename-');
  const reports = join(cwd, 'reports');
  // The rename runs on the thread pool, beside the signal's handler: it may land at any point of
  // the handler's work. Here it lands at the handler's first removal of a file in the reports
  // folder, whichever that is: the stop's removal of the temp file (the rename then fails), or
  // NOT RUN's removal of conformance.json were that first (it would then be renamed back in).
  const preload = join(cwd, 'rename-in-handler.js');
  writeFileSync(
    preload,
    `const fs = require('node:fs'); const path = require('node:path'); const rename = fs.promises.rename; const rmSync = fs.rmSync;
const dir = ${JSON.stringify(reports)}; let pending; let sent = false;
fs.promises.rename = function (from, to) {
  if (sent || path.dirname(String(from)) !== dir) return rename.call(this, from, to);
  sent = true;
  return new Promise((resolve, reject) => {
    pending = () => { try { fs.renameSync(from, to); resolve(); } catch (error) { reject(error); } };
    process.kill(process.pid, 'SIGTERM');
  });
};
fs.rmSync = function (file, ...rest) {
  const removed = rmSync.call(this, file, ...rest);
  const land = path.dirname(String(file)) === dir ? pending : undefined;
  if (land !== undefined) { pending = undefined; land(); }
  return removed;
};`,
  );
  const ended = await runConformanceCli(quick, { NODE_OPTIONS: `--require ${preload}` }, cwd);
  expect(ended.code).toBe(143);
  expectOneLineError(ended.stderr, /^zavu-conformance run: interrupted by SIGTERM before the verdict \(.*summary\.md says NOT RUN\)$/);
  expect(entries(reports)).toEqual(['junit.xml', 'summary.md']);
});

test('a signal while a merge writes its verdict: NOT RUN in OUT, no temp file', async () => {
  const cwd = scratchDir('zvc-stop-merge-');
  const shards = [join(cwd, 'shard-1'), join(cwd, 'shard-2')];
  for (const [i, dir] of shards.entries()) expect((await runConformanceCli(['--shard', `${i + 1}/2`, '--reports', dir, ...quick], {}, cwd)).code).toBe(0);
  const out = join(cwd, 'merged');
  const ended = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd, env: { NODE_OPTIONS: signalWhenTempOpen(cwd, 'SIGTERM', out) } });
  expect(ended.code).toBe(143);
  expectOneLineError(ended.stderr, /^zavu-conformance merge: interrupted by SIGTERM before the verdict \(.*summary\.md says NOT RUN\)$/);
  expect(entries(out)).toEqual(['junit.xml', 'summary.md']);
});

test('a signal while a record run writes its recording (after the verdict): the reports stand, the recording is written whole first, and the line says so', async () => {
  const cwd = scratchDir('zvc-stop-recording-');
  const rec = join(cwd, 'rec');
  // The recording's files are written as one set, synchronously (finish-recording.ts): a signal sent
  // as its first temp file opens is handled once the whole set is in place, never between two files.
  const preload = join(cwd, 'signal-on-recording.js');
  writeFileSync(
    preload,
    `const fs = require('node:fs'); const path = require('node:path'); const openSync = fs.openSync; let sent = false;
fs.openSync = function (file, ...rest) {
  const name = path.basename(String(file));
  if (!sent && path.dirname(String(file)) === ${JSON.stringify(rec)} && name.startsWith('.getWhatsAppSyncStatus.har.') && name.endsWith('.tmp')) {
    sent = true;
    process.kill(process.pid, 'SIGINT');
  }
  return openSync.call(this, file, ...rest);
};`,
  );
  const ended = await runConformanceCli(['--mode', 'record', '--recordings', 'rec', ...quick], { NODE_OPTIONS: `--require ${preload}` }, cwd);
  expect(ended.code).toBe(130);
  expectOneLineError(ended.stderr, new RegExp(`^zavu-conformance run: interrupted by SIGINT after the verdict: the reports in ${escapeRegex(join(cwd, 'reports'))} stand; the recording in ${escapeRegex(rec)} is this run's, whole; the history store may lack this run$`));
  expect(ended.report?.runInfo.mode).toBe('record');
  // The whole recording, and nothing beside it: no temp file, no kept-aside copy, no lock.
  expect(entries(rec)).toEqual(['getWhatsAppSyncStatus.har']);
  expect(JSON.parse(readFileSync(join(rec, 'getWhatsAppSyncStatus.har'), 'utf8'))).toMatchObject({ log: { creator: { name: 'zavu-conformance' } } });
});

test('a signal while `history --prune-keep` rewrites the store: the exit code is the signal\'s, the store as it was, no temp file or lock beside it', async () => {
  const cwd = scratchDir('zvc-stop-prune-');
  const folder = join(cwd, 'nightly');
  const store = join(folder, 'history.jsonl');
  mkdirSync(folder);
  const text = storeText([night(1, ''), night(2, ''), night(3, '')]);
  writeFileSync(store, text);
  const ended = await runCli(bin, ['history', '--history', store, '--prune-keep', '1'], { cwd, env: { NODE_OPTIONS: signalWhenTempOpen(cwd, 'SIGINT', folder) } });
  expect(ended.code).toBe(130);
  expect(ended.stdout).toBe('');
  expectOneLineError(ended.stderr, /^zavu-conformance history: interrupted by SIGINT: the store is whole \(as it was, or pruned if its rewrite was already in place\)$/);
  expect(readFileSync(store, 'utf8')).toBe(text);
  expect(entries(folder)).toEqual(['history.jsonl']);
});

describe('stopOnInterruption, in a process of its own', () => {
  /** A key the lines must not show, though the reports folder is named with it. */
  const KEY = 'zv_test_stopinchild0123';
  /**
   * Runs `body` in a child that has loaded the built module, as a command whose reports folder is
   * `reports`, given `keys` and `inputs`. With `npm`, a command started through npm whose parent can
   * be made to go (`gone = true`): process.ppid is what onParentGone watches, and a child cannot
   * really lose its parent here.
   */
  const child = (reports: string, body: string, options: { npm?: boolean; keys?: string[]; inputs?: string[] } = {}): ReturnType<typeof runInChild> =>
    runInChild(`const { existsSync } = require('node:fs'); const { join } = require('node:path');
let gone = false;
${options.npm === true ? "process.env.npm_command = 'exec'; Object.defineProperty(process, 'ppid', { get: () => (gone ? 1 : 4194399), configurable: true });" : ''}
const aw = ${requireBuilt('files/atomic-write.js')};
const stops = ${requireBuilt('cli/stop-on-interruption.js')}.stopOnInterruption({ program: 'zavu-conformance run', afterVerdict: 'the history store' }, ${JSON.stringify(reports)}, ${JSON.stringify(options.keys ?? [])}, ${JSON.stringify(options.inputs ?? [])});
${body}`);
  /** Sends the child SIGTERM and keeps it alive meanwhile: whatever ends it is the signal, or what its handler does. */
  const signalSelf = "process.kill(process.pid, 'SIGTERM'); setTimeout(() => process.exit(0), 10_000);";
  const reportsIn = (prefix: string): string => {
    const reports = join(scratchDir(prefix), 'reports');
    mkdirSync(reports);
    return reports;
  };

  test('released (the command settled): a signal meets no handler and ends the process at once, writing nothing', () => {
    const reports = reportsIn('zvc-stop-released-');
    const ended = child(reports, `stops.release(); ${signalSelf}`);
    expect(ended.signal).toBe('SIGTERM');
    expect(ended.stderr).toBe('');
    expect(entries(reports)).toEqual([]);
  });

  test("released: npm's end afterwards is no interruption of it (the watch stopped with it)", () => {
    const reports = reportsIn('zvc-stop-released-npm-');
    // Several of the watch's polls pass before the exit.
    const ended = child(reports, 'stops.release(); gone = true; setTimeout(() => process.exit(0), 1_000);', { npm: true });
    expect(ended.stderr).toBe('');
    expect(ended.status).toBe(0);
    expect(entries(reports)).toEqual([]);
  });

  test("stopped by npm's end: a signal while the exit waits for a write meets no handler and ends the process at once, one line said", () => {
    const reports = reportsIn('zvc-stop-npm-then-signal-');
    // A write whose open hangs keeps the exit waiting (bounded): the window a second signal lands in.
    const ended = child(
      reports,
      `void aw.atomicWriteFile(join(${JSON.stringify(reports)}, 'conformance.json'), 'x', { open: () => new Promise(() => undefined), rename: async () => undefined, rm: async () => undefined });
gone = true;
const wait = setInterval(() => { if (existsSync(join(${JSON.stringify(reports)}, 'summary.md'))) { clearInterval(wait); process.kill(process.pid, 'SIGTERM'); } }, 5);`,
      { npm: true },
    );
    expect(ended.signal).toBe('SIGTERM');
    expectOneLineError(ended.stderr, /^zavu-conformance run: interrupted \(npm, which started it, ended: SIGTERM\) before the verdict \(.*summary\.md says NOT RUN\)$/);
  });

  test("before the verdict, the line names the reports folder without the key; a report the run was given to read stays; another tool's summary.md is left as found and the line says so", () => {
    const reports = join(scratchDir('zvc-stop-foreign-'), `reports-${KEY}`);
    mkdirSync(reports);
    const baseline = join(reports, 'conformance.json');
    const earlier = '{\n  "runInfo": {\n    "target": "x"\n  }\n}\n';
    writeFileSync(baseline, earlier);
    writeFileSync(join(reports, 'summary.md'), '# Lint summary\n');
    const ended = child(reports, signalSelf, { keys: [KEY], inputs: [baseline] });
    expect(ended.status).toBe(143);
    expect(ended.stderr).toBe(`zavu-conformance run: interrupted by SIGTERM before the verdict (${join(reports, 'summary.md').replace(KEY, '[REDACTED]')} is another tool's, left as found)\n`);
    expect(readFileSync(baseline, 'utf8')).toBe(earlier);
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toBe('# Lint summary\n');
  });

  test('before the verdict, a reports folder that cannot be written (gone meanwhile) is said, and the exit code is still the signal\'s', () => {
    const reports = join(scratchDir('zvc-stop-gone-'), 'reports');
    const ended = child(reports, signalSelf);
    expect(ended.status).toBe(143);
    expect(ended.stderr).toBe('zavu-conformance run: interrupted by SIGTERM before the verdict (the reports folder could not be written)\n');
  });

  test("before the verdict, a night's record that throws is given up in one line without the key, and the exit code is still the signal's", () => {
    const reports = reportsIn('zvc-stop-record-throws-');
    const ended = child(reports, `stops.onNight(() => { throw new Error('store of ${KEY} broke\\nsecond line'); }); ${signalSelf}`, { keys: [KEY] });
    expect(ended.status).toBe(143);
    expect(ended.stderr.split('\n')).toEqual([expect.stringMatching(/^zavu-conformance run: interrupted by SIGTERM before the verdict \(.*summary\.md says NOT RUN\)$/), 'history: this night (not run) was NOT appended: store of [REDACTED] broke', '']);
  });

  test('after the verdict, the line names the reports folder without the key, and the exit code is the signal\'s', () => {
    const reports = join(scratchDir('zvc-stop-after-'), `reports-${KEY}`);
    mkdirSync(reports);
    const ended = child(reports, `stops.verdictWritten(); ${signalSelf}`, { keys: [KEY] });
    expect(ended.status).toBe(143);
    expect(ended.stderr).toBe(`zavu-conformance run: interrupted by SIGTERM after the verdict: the reports in ${reports.replace(KEY, '[REDACTED]')} stand; the history store may lack this run\n`);
    expect(entries(reports)).toEqual([]);
  });
});
