/**
 * The README's TypeScript samples of "A library" and "Jest matchers for your own tests", taken from
 * the README itself (a copy elsewhere drifts unseen): each compiles strictly against the built
 * package's own declarations, as the ES module the README says it is, and the first one runs and
 * ends as its comment says. The package is reached through a node_modules link to this repository,
 * so its exports map and its dist/ are what a user's compiler reads, with no pack and no install.
 */
import { symlinkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-cli';
import { run, userEnv } from '../support/packed-package';
import { scratchDir } from '../support/scratch-dir';

/** The ```ts blocks between two headings of the README, each as a reader pastes it (a list item's indent taken off). */
function tsSamples(from: string, to: string): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${from}\n`);
  const end = readme.indexOf(`\n${to}\n`, start);
  if (start < 0 || end < 0) throw new Error(`README has no section "${from}" before "${to}"`);
  const blocks = [...readme.slice(start, end).matchAll(/^( *)```ts\n([\s\S]*?)^\1```$/gm)];
  return blocks.map(([, indent = '', code = '']) => code.replace(new RegExp(`^${indent}`, 'gm'), ''));
}

const library = tsSamples('### A library', '### Jest matchers for your own tests');
const matchers = tsSamples('### Jest matchers for your own tests', '### With PactumJS');

/** A user's project whose node_modules holds this package (a link) and nothing else. */
function userProject(): string {
  const project = scratchDir('zvc-readme-ts-');
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(repoRoot, join(project, 'node_modules', 'zavu-conformance'), 'dir');
  return project;
}

test('the sections hold the samples this test compiles', () => {
  expect({ library: library.length, matchers: matchers.length }).toEqual({ library: 2, matchers: 1 });
});

test("the README's library and matcher samples compile strictly against the package's declarations, and the first runs as its comment says", async () => {
  const project = userProject();
  // The first sample, with one line after it that prints what its comment says it ends with.
  const files = {
    'library-run.mts': `${library[0] ?? ''}console.log(JSON.stringify({ exitCode, level: report.certificate.level }));\n`,
    'library-errors.mts': library[1] ?? '',
    'jest-matchers.mts': matchers[0] ?? '',
  };
  for (const [name, code] of Object.entries(files)) writeFileSync(join(project, name), code);
  // @types/jest gives the matcher sample its global expect, as in a user's Jest project.
  const compilerOptions = { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, outDir: 'out', typeRoots: [join(repoRoot, 'node_modules/@types')], types: ['node', 'jest'] };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: Object.keys(files) }));
  const tsc = await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
  expect({ output: tsc.stdout + tsc.stderr, code: tsc.code }).toEqual({ output: '', code: 0 });
  // A live target's run (a baseUrl given) without allowWrites skips the writes: 'partial', exit 0.
  const ran = await run(process.execPath, ['out/library-run.mjs'], { cwd: project, env: userEnv() });
  expect({ stdout: ran.stdout, stderr: ran.stderr, code: ran.code }).toEqual({ stdout: '{"exitCode":0,"level":"partial"}\n', stderr: '', code: 0 });
});
