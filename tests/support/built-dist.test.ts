import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleBuildLine, staleBuiltFiles } from './built-dist';
import { expectOneLineError } from './one-line-error';
import { repoRoot } from './run-cli';
import { scratchDir } from './scratch-dir';

function tree(): { src: string; dist: string } {
  const root = scratchDir();
  const src = join(root, 'src');
  const dist = join(root, 'dist');
  for (const dir of [join(src, 'checks'), join(dist, 'checks')]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(src, 'checks', 'a.ts'), '');
  writeFileSync(join(src, 'types.d.ts'), '');
  writeFileSync(join(dist, 'checks', 'a.js'), '');
  return { src, dist };
}

test('a build newer than its source is fresh; declaration files have no build of their own', () => {
  const { src, dist } = tree();
  utimesSync(join(src, 'checks', 'a.ts'), 1000, 1000);
  expect(staleBuiltFiles(src, dist)).toEqual([]);
});

test('a source edited after its build, or never built, is named', () => {
  const { src, dist } = tree();
  utimesSync(join(dist, 'checks', 'a.js'), 1000, 1000);
  writeFileSync(join(src, 'new.ts'), '');
  expect(staleBuiltFiles(src, dist)).toEqual([join('checks', 'a.ts'), 'new.ts']);
});

test('the refusal names the one stale file, both of two (never "and 1 more"), and counts past that', () => {
  const { src, dist } = tree();
  const root = join(src, '..');
  utimesSync(join(dist, 'checks', 'a.js'), 1000, 1000);
  expect(staleBuildLine(root)).toBe('dist/ is older than src/checks/a.ts: run `npm run build` first (`npm test` does)');
  writeFileSync(join(src, 'new.ts'), '');
  expect(staleBuildLine(root)).toBe('dist/ is older than src/checks/a.ts and src/new.ts: run `npm run build` first (`npm test` does)');
  writeFileSync(join(src, 'other.ts'), '');
  writeFileSync(join(src, 'third.ts'), '');
  expect(staleBuildLine(root)).toBe('dist/ is older than src/checks/a.ts (and 3 more): run `npm run build` first (`npm test` does)');
});

/**
 * Runs Jest itself, as `npx jest` would, over a scratch project whose globalSetup is the real
 * built-dist.ts: what a developer who skipped the build sees is Jest's output, not a return value.
 */
function jestOver(root: string): ReturnType<typeof spawnSync> {
  // Jest skips globalSetup when it finds no test, so the project gets one that passes.
  writeFileSync(join(root, 'empty.test.js'), "test('nothing', () => undefined);\n");
  const config = {
    rootDir: root,
    roots: ['<rootDir>'],
    globalSetup: join(repoRoot, 'tests', 'support', 'built-dist.ts'),
    transform: { '^.+\\.ts$': [require.resolve('@swc/jest'), { jsc: { parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
    watchman: false,
    cache: false,
  };
  return spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--maxWorkers=1'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 25000,
  });
}

test('a stale dist/ stops Jest with one line naming the stale file and the command, and a non-zero exit', () => {
  const { src, dist } = tree();
  utimesSync(join(dist, 'checks', 'a.js'), 1000, 1000);
  const run = jestOver(join(src, '..'));
  expect(run.status).not.toBe(0);
  expectOneLineError(String(run.stderr), /dist\/ is older than src\/checks\/a\.ts.*npm run build/);
});

test('a fresh dist/ lets Jest go on', () => {
  const { src } = tree();
  utimesSync(join(src, 'checks', 'a.ts'), 1000, 1000);
  const run = jestOver(join(src, '..'));
  expect(String(run.stderr)).not.toMatch(/older than/);
  expect(run.status).toBe(0);
});
