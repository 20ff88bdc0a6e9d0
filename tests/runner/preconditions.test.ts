/** The folders a run writes, checked before its first request: a refusal is one line saying why in words. */
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../src/model/errors';
import { resolveRunConfig } from '../../src/config/run-config';
import { checkPreconditions, ensureWritableDir, ensureWritableStore, keySourceOf } from '../../src/runner/preconditions';
import { scratchDir } from '../support/scratch-dir';
import { thrownMessage } from '../support/thrown-message';
import { thrownUsageError } from '../support/usage-message';
import { requireBuilt } from '../support/in-child';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from '../support/unprivileged';

const refusalOf = (run: () => unknown): string => thrownMessage(run, UsageError, 'it was accepted');

test('a symbolic link to nothing is said as one, naming where it points, not as a bare ENOENT', () => {
  const dir = scratchDir('zvc-dangling-');
  const link = join(dir, 'reports');
  symlinkSync(join(dir, 'gone'), link);
  expect(refusalOf(() => ensureWritableDir(link, '--reports'))).toBe(`--reports ${link}: cannot write there (it is a symbolic link to ${join(dir, 'gone')}, which does not exist)`);
  // A link to nothing on the way: the line names that link, not the folder asked for.
  expect(refusalOf(() => ensureWritableDir(join(link, 'nightly'), '--reports'))).toBe(`--reports ${join(link, 'nightly')}: cannot write there (${link} is a symbolic link to ${join(dir, 'gone')}, which does not exist)`);
  // Nothing made through it: the user's link stays a link to nothing.
  expect(existsSync(join(dir, 'gone'))).toBe(false);
});

test("a history store whose folder is a symbolic link to nothing: that link named, and where it points", () => {
  const dir = scratchDir('zvc-dangling-store-');
  const link = join(dir, '.zavu');
  symlinkSync(join(dir, 'gone'), link);
  const store = join(link, 'history.jsonl');
  expect(refusalOf(() => ensureWritableStore(store, '--history'))).toBe(`--history ${store}: cannot append there (${link} is a symbolic link to ${join(dir, 'gone')}, which does not exist)`);
});

test('a history store that is itself a symbolic link to nothing is refused as one, and nothing is made through it', () => {
  const dir = scratchDir('zvc-dangling-store-file-');
  const store = join(dir, 'history.jsonl');
  symlinkSync(join(dir, 'gone', 'history.jsonl'), store);
  mkdirSync(join(dir, 'gone'));
  expect(refusalOf(() => ensureWritableStore(store, '--history'))).toBe(`--history ${store}: cannot append there (it is a symbolic link to ${join(dir, 'gone', 'history.jsonl')}, which does not exist)`);
  // A run would have appended its night through it: a store made at the link's target, which the user's cache never restores to.
  expect(existsSync(join(dir, 'gone', 'history.jsonl'))).toBe(false);
});

describe("a folder or store the run cannot write names it as the error's path, with the file system's code, as a refused read does", () => {
  test('under a file, or a link to nothing: the folder or the store, and the code', () => {
    const dir = scratchDir('zvc-unwritable-');
    writeFileSync(join(dir, 'plain'), 'x');
    const reports = join(dir, 'plain', 'reports');
    expect(thrownUsageError(() => ensureWritableDir(reports, '--reports'))).toMatchObject({ path: reports, code: 'ENOTDIR' });
    const store = join(dir, 'plain', 'history.jsonl');
    expect(thrownUsageError(() => ensureWritableStore(store, '--history'))).toMatchObject({ message: `--history ${store}: cannot append there (a part of its folder is a file, not a folder)`, path: store, code: 'EEXIST' });
    const dangling = join(dir, 'history.jsonl');
    symlinkSync(join(dir, 'gone.jsonl'), dangling);
    expect(thrownUsageError(() => ensureWritableStore(dangling, '--history'))).toMatchObject({ path: dangling, code: 'ENOENT' });
  });

  (modesRefuse ? test : test.skip)("a reports folder made read-only (mode 0555, a real EACCES) that holds an earlier run's summary: the folder and EACCES, kept with the longer line", () => {
    const dir = unprivilegedScratch('zvc-unwritable-reports-');
    try {
      const reports = join(dir, 'reports');
      mkdirSync(reports);
      writeFileSync(join(reports, 'summary.md'), '# earlier\n');
      chmodSync(reports, 0o555);
      const call = `${requireBuilt('runner/preconditions.js')}.ensureWritableReportsDir(${JSON.stringify(reports)}, '--reports')`;
      expect(refusalAsUnprivileged(call, dir)).toMatchObject({ name: 'UsageError', message: expect.stringMatching(/; its summary\.md is an earlier run's, not this one's$/) as unknown, path: reports, code: 'EACCES' });
    } finally {
      removeUnprivilegedScratch(dir);
    }
  });

  (modesRefuse ? test : test.skip)('a store its user may read but not write (mode 0444, a real EACCES): the store and EACCES, the case a run from code meets first', () => {
    const dir = unprivilegedScratch('zvc-unwritable-store-');
    try {
      const store = join(dir, 'history.jsonl');
      writeFileSync(store, '');
      chmodSync(store, 0o444);
      const call = `${requireBuilt('runner/preconditions.js')}.ensureWritableStore(${JSON.stringify(store)}, '--history')`;
      expect(refusalAsUnprivileged(call, dir)).toEqual({ name: 'UsageError', message: `--history ${store}: cannot append there (permission denied, EACCES)`, path: store, code: 'EACCES', exitCode: 2 });
    } finally {
      removeUnprivilegedScratch(dir);
    }
  });
});

describe('a live target without a key', () => {
  const noKey = (values: Record<string, string>): string => refusalOf(() => checkPreconditions(resolveRunConfig({ 'base-url': 'http://127.0.0.1:9' }, { values }, scratchDir('zvc-no-key-'))));

  test('unset: the line says which variable to set', () => {
    expect(noKey({})).toBe('no API key for 127.0.0.1:9: set ZAVU_API_KEY (or --api-key)');
  });

  test("there but empty (`ZAVU_API_KEY=` in .env, a CI secret that does not exist, an empty shell variable over .env's key): the line says it is empty, not only to set what its reader sees set", () => {
    const expected = "no API key for 127.0.0.1:9: ZAVU_API_KEY is set but empty (in .env, or in the environment, whose empty value still wins over .env's): set it (or --api-key) to the target's key";
    expect(noKey({ ZAVU_API_KEY: '' })).toBe(expected);
    expect(noKey({ ZAVU_API_KEY: '  ' })).toBe(expected);
  });
});

describe('inside the GitHub Action, the key named as its workflow gave it', () => {
  const action = { ZAVU_CONFORMANCE_ACTION: 'true', ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_API_KEY' };
  const liveKey = 'zv_live_0123456789abcdef0123456789abcdef';
  const writes = (values: Record<string, string>, flags: Record<string, string | boolean> = {}): string =>
    refusalOf(() => checkPreconditions(resolveRunConfig({ 'base-url': 'http://127.0.0.1:9', 'allow-writes': true, ...flags }, { values }, scratchDir('zvc-live-key-'))));

  test('--allow-writes with a key that is not a sandbox key names the api-key input when that set it, else where the key was given', () => {
    expect(writes({ ...action, ZAVU_API_KEY: liveKey })).toBe('--allow-writes with a key that is not a sandbox key (zv_test_…), given in api-key: add --allow-live-writes to write to this target anyway');
    expect(writes({ ...action, ZAVU_CONFORMANCE_ACTION_INPUTS: '', ZAVU_API_KEY: liveKey })).toBe('--allow-writes with a key that is not a sandbox key (zv_test_…), given in ZAVU_API_KEY: add --allow-live-writes to write to this target anyway');
    expect(writes({}, { 'api-key': liveKey })).toBe('--allow-writes with a key that is not a sandbox key (zv_test_…), given in --api-key: add --allow-live-writes to write to this target anyway');
  });

  test('the line saying the target refused the key names the api-key input alone when that set it', () => {
    expect(keySourceOf({ ...action, ZAVU_API_KEY: liveKey })).toBe("the action's api-key input");
    // The input left empty: the job's env, or an older action.yml that lists nothing.
    expect(keySourceOf({ ZAVU_CONFORMANCE_ACTION: 'true', ZAVU_API_KEY: liveKey })).toBe("the action's api-key input, or ZAVU_API_KEY in the job's env");
    expect(keySourceOf({ ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_API_KEY' })).toBeUndefined();
  });
});

test('a --baseline in the folder of a night not run (its conformance.json taken back) says so, not a bare "no such file"', () => {
  // A nightly script that passes last night's reports folder: after a night the target was down,
  // the next night stopped on exit 2, a second night lost to the first one's outage, and said only "no such file".
  const dir = scratchDir('zvc-baseline-not-run-');
  const last = join(dir, 'last-night');
  const baseline = join(last, 'conformance.json');
  mkdirSync(last);
  writeFileSync(join(last, 'summary.md'), '### Zavu conformance: NOT RUN\n\n`target http://127.0.0.1:9 is unreachable`\n\nExit code 3: …\n');
  const run = () => checkPreconditions(resolveRunConfig({ 'base-url': 'http://127.0.0.1:9', 'api-key': 'zv_test_abcdefgh12345678', baseline }, { values: {} }, dir));
  expect(refusalOf(run)).toBe(
    `--baseline ${baseline}: no such file: its folder holds the NOT RUN summary.md of a night stopped before its verdict (target http://127.0.0.1:9 is unreachable), which writes no conformance.json; give the last judged night's (keep a copy of each judged night's conformance.json aside, as the nightly workflow in the README does)`,
  );
  // Without such a summary, the plain line.
  writeFileSync(join(last, 'summary.md'), '### Zavu conformance: CONFORMANT\n');
  expect(refusalOf(run)).toBe(`--baseline ${baseline}: no such file`);
});
