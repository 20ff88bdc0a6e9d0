import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/run-cli';

test.each([[[]], [['--circus']]])("the bench's bare Jest reference %j runs its one trivial test and passes (a failing reference would make its figure meaningless)", (extra: string[]) => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist/bench/bare-jest-main.js'), ...extra], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env['PATH'] ?? '' } });
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('ok   trivial');
});
