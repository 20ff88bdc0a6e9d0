/**
 * A store named as one of the run's own report files (`--reports out --history out/conformance.json`):
 * the run wrote its report there, then appended its record to it (a conformance.json no JSON reader
 * takes, exit 0), and the next run refused the store and removed that report, so the night was
 * lost both ways. Refused as a setting, before anything is written or sent.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { storeAmongRecordings, storeAmongReports } from '../../src/history/store-path';
import { runConformanceCli } from '../support/conformance-run';
import { expectOneLineError } from '../support/one-line-error';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

test('a store that is one of the reports folder\'s report files is refused; any other file there, or elsewhere, is a store', () => {
  for (const name of ['conformance.json', 'conformance.html', 'summary.md', 'junit.xml', 'certificate.json']) {
    expect(storeAmongReports('/w/out/' + name, '/w/out', '--history')?.message).toBe(
      `--history /w/out/${name} is the run's own report ${name} in its reports folder /w/out: the report would be written over the store, and the store's record appended to the report; give the store a file of its own (e.g. .zavu/history.jsonl)`,
    );
  }
  expect(storeAmongReports('/w/out/history.jsonl', '/w/out', '--history')).toBeUndefined();
  expect(storeAmongReports('/w/conformance.json', '/w/out', '--history')).toBeUndefined();
});

test('the same report reached another way is refused too: through a symbolic link to the folder, or named in other case', () => {
  const cwd = scratchDir('zvc-store-path-');
  mkdirSync(join(cwd, 'out'));
  // A link to the reports folder (a CI cache path, a workspace alias) names the same file.
  symlinkSync(join(cwd, 'out'), join(cwd, 'link'));
  expect(storeAmongReports(join(cwd, 'link', 'conformance.json'), join(cwd, 'out'), '--history')?.message).toMatch(/is the run's own report conformance\.json/);
  expect(storeAmongReports(join(cwd, 'out', 'summary.md'), join(cwd, 'link'), '--history')?.message).toMatch(/is the run's own report summary\.md/);
  // macOS's and Windows' default file systems take Summary.MD for summary.md.
  expect(storeAmongReports(join(cwd, 'out', 'Summary.MD'), join(cwd, 'out'), '--history')?.message).toMatch(/is the run's own report summary\.md/);
  // A folder of its own, even reached through the link's parent, is a store's place.
  mkdirSync(join(cwd, 'other'));
  expect(storeAmongReports(join(cwd, 'other', 'conformance.json'), join(cwd, 'out'), '--history')).toBeUndefined();
});

test('a run given --history inside --reports under a report\'s name exits 2 with one line, writing neither the reports nor the store', async () => {
  const cwd = scratchDir('zvc-store-report-');
  const run = await runConformanceCli(['--fuzz-runs', '0', '--seed', '7', '--reports', 'out', '--history', 'out/conformance.json'], {}, cwd);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance: --history .*out\/conformance\.json is the run's own report conformance\.json in its reports folder/);
  expect(existsSync(join(cwd, 'out', 'conformance.json'))).toBe(false);
}, 60_000);

test('a merge given ZAVU_HISTORY as OUT/summary.md is refused the same way, before any shard is read', async () => {
  const cwd = scratchDir('zvc-store-report-merge-');
  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'out', 'shard-1', 'shard-2'], { cwd, env: { ZAVU_HISTORY: 'out/summary.md' } });
  expect(merged.code).toBe(2);
  expectOneLineError(merged.stderr, /^zavu-conformance merge: ZAVU_HISTORY .*out\/summary\.md is the run's own report summary\.md in its reports folder/);
});

test('a store named as a recording of a record or replay run is refused: the run wrote the HAR over the store, then its record into the HAR', () => {
  const cwd = scratchDir('zvc-store-har-');
  mkdirSync(join(cwd, 'rec'));
  symlinkSync(join(cwd, 'rec'), join(cwd, 'link'));
  for (const store of [join(cwd, 'rec', 'getWhatsAppSyncStatus.har'), join(cwd, 'link', 'Other.HAR')]) {
    expect(storeAmongRecordings(store, join(cwd, 'rec'), '--history')?.message).toBe(
      `--history ${store} is a .har file in the recordings folder ${join(cwd, 'rec')}: a record run writes its recordings there, and a replay reads every .har file of it, so the store's record would be appended to a recording; give the store a file of its own (e.g. .zavu/history.jsonl)`,
    );
  }
  expect(storeAmongRecordings(join(cwd, 'rec', 'history.jsonl'), join(cwd, 'rec'), '--history')).toBeUndefined();
  expect(storeAmongRecordings(join(cwd, 'x.har'), join(cwd, 'rec'), '--history')).toBeUndefined();
});

test('a record run given --history as one of its recordings exits 2 with one line, the recording not written', async () => {
  const cwd = scratchDir('zvc-store-har-run-');
  const run = await runConformanceCli(['--fuzz-runs', '0', '--seed', '7', '--mode', 'record', '--recordings', 'rec', '--operation', 'getWhatsAppSyncStatus', '--reports', 'out', '--history', 'rec/getWhatsAppSyncStatus.har'], {}, cwd);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance: --history .*rec\/getWhatsAppSyncStatus\.har is a \.har file in the recordings folder /);
  expect(existsSync(join(cwd, 'rec')) ? readdirSync(join(cwd, 'rec')) : []).toEqual([]);
}, 60_000);
