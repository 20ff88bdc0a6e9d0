/**
 * A full disk as a user meets it: a run whose reports (or history record) the disk refuses says
 * so in one line naming the file, the same line in summary.md and junit.xml, leaves no temp file,
 * and never calls that "no case was judged". The disk is made full for the files named by a
 * preload (tests/support/enospc-preload.cjs), which fails their writes as Node does on a full disk:
 * a small tmpfs would need root, and a mount a killed test leaves behind outlives it.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectOneLineError } from '../support/one-line-error';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const PRELOAD = join(__dirname, '..', 'support', 'enospc-preload.cjs');
const fullFor = (pattern: string): Record<string, string> => ({ NODE_OPTIONS: `--require ${PRELOAD}`, ZVC_TEST_ENOSPC: pattern });

test('reports the disk has no room for: exit 2, one line naming the file; summary.md and junit.xml say that line, not "no case was judged"; no temp file', async () => {
  const reports = join(scratchDir('zvc-full-disk-'), 'reports');
  // conformance.json's temp file (tempPathFor: ".conformance.json.<pid>.<hex>.tmp") is the one the disk refuses.
  const run = await runCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', reports], { env: fullFor('/\\.conformance\\.json\\.\\d+\\.[0-9a-f]+\\.tmp$') });
  expect(run.code).toBe(2);
  const line = /^zavu-conformance: (\S+\/reports\/conformance\.json): no space left on the device \(ENOSPC\)$/;
  expectOneLineError(run.stderr, line);
  const said = line.exec(run.stderr.trim())?.[0].replace(/^zavu-conformance: /, '');
  expect(readdirSync(reports).sort()).toEqual(['junit.xml', 'summary.md']);
  const summary = readFileSync(join(reports, 'summary.md'), 'utf8');
  expect(summary).toContain(`\`${said}\``);
  expect(summary).toContain('Exit code 2: a file of the run could not be written (the line above names it), so there is no verdict.');
  expect(summary).not.toContain('no case was judged');
  expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain(`message="${said}"`);
});

test('a history store the disk has no room to append to: the line names the store; the store as it was', async () => {
  const disk = scratchDir('zvc-full-disk-');
  const store = join(disk, 'history.jsonl');
  writeFileSync(store, '');
  const run = await runCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', join(scratchDir(), 'reports'), '--history', store], { env: fullFor('/history\\.jsonl$') });
  expect(run.code).toBe(2);
  expect(run.stdout).toContain(`history: this run was NOT appended: ${store}: no space left on the device (ENOSPC)\n`);
  expect(readFileSync(store, 'utf8')).toBe('');
  // The lock is released, and no temp file is left.
  expect(readdirSync(disk).sort()).toEqual(['history.jsonl']);
});
