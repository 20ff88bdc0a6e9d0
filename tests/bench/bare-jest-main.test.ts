/**
 * The bench's bare Jest reference passes (a failing reference would make its figure meaningless),
 * with the suite's own test runner, and with `--circus` under jest-circus: a preload notes when
 * jest-circus's runner loads, so the row labelled jest-circus is measured with it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countRequests } from '../../src/bench/sent-requests';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

test.each([
  [[], false],
  [['--circus'], true],
])("the bench's bare Jest reference %j runs its one trivial test and passes (jest-circus loaded: %p)", (extra: string[], circus: boolean) => {
  const hook = join(scratchDir('zvc-bare-jest-'), 'note-circus.js');
  writeFileSync(hook, `const Module = require('node:module'); const load = Module._load;
Module._load = function (request) { if (/jest-circus[\\\\/](build[\\\\/])?runner/.test(request)) process.stderr.write('jest-circus loaded\\n'); return load.apply(this, arguments); };\n`);
  const run = spawnSync(process.execPath, ['--require', hook, join(repoRoot, 'dist/bench/bare-jest-main.js'), ...extra], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env['PATH'] ?? '' } });
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('ok   trivial');
  expect(run.stderr.includes('jest-circus loaded')).toBe(circus);
});

test('--round-trips N adds N bare node:http round trips to the run, each answered', () => {
  // Counted as the bench counts the full run's requests (node:http's own diagnostics channel); the command must pass too.
  expect(countRequests([join(repoRoot, 'dist/bench/bare-jest-main.js'), '--round-trips', '40'], repoRoot)).toBe(40);
  expect(countRequests([join(repoRoot, 'dist/bench/bare-jest-main.js')], repoRoot)).toBe(0);
});
