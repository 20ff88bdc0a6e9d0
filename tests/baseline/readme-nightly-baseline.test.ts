/**
 * The README's nightly matrix rolls the merged report forward as the next night's baseline. A night
 * not run (the target down, a shard stopped) writes no conformance.json: its `cp` failed, a second
 * red step ("cp: cannot stat") under the merge's own, read as a broken workflow rather than the
 * outage. The step keeps the last judged night as the baseline, and exits 0 either way.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

/** The shell of the README's step that copies the merged report to `baseline/`. */
function baselineStep(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const matrix = readme.slice(readme.indexOf('### A nightly matrix in GitHub Actions'), readme.indexOf('## History'));
  const line = matrix.split('\n').find((l) => /^\s+run: .*mkdir -p baseline/.test(l));
  if (line === undefined) throw new Error('no baseline step in the README\'s nightly matrix');
  return line.replace(/^\s+run: /, '');
}

function runStep(cwd: string): { status: number | null; stderr: string } {
  const ran = spawnSync('bash', ['-e', '-c', baselineStep()], { cwd, encoding: 'utf8' });
  return { status: ran.status, stderr: ran.stderr };
}

test('a judged night becomes the baseline', () => {
  const cwd = scratchDir('zvc-readme-baseline-');
  mkdirSync(join(cwd, 'reports'));
  writeFileSync(join(cwd, 'reports', 'conformance.json'), '{"tonight":true}');
  expect(runStep(cwd)).toEqual({ status: 0, stderr: '' });
  expect(readFileSync(join(cwd, 'baseline', 'conformance.json'), 'utf8')).toBe('{"tonight":true}');
});

test('a night not run (no conformance.json) keeps the last judged night as the baseline, and the step passes', () => {
  const cwd = scratchDir('zvc-readme-baseline-');
  mkdirSync(join(cwd, 'reports'));
  writeFileSync(join(cwd, 'reports', 'summary.md'), '### Zavu conformance: NOT RUN\n');
  mkdirSync(join(cwd, 'baseline'));
  writeFileSync(join(cwd, 'baseline', 'conformance.json'), '{"lastJudged":true}');
  expect(runStep(cwd)).toEqual({ status: 0, stderr: '' });
  expect(readFileSync(join(cwd, 'baseline', 'conformance.json'), 'utf8')).toBe('{"lastJudged":true}');
});
