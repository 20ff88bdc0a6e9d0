/**
 * scripts/dist-npmignore.ts: what the build leaves out of the tarball. The tarball itself, packed and
 * installed, is checked in packed-package.test.ts; here, how the entries and what each compiled file
 * loads are read, on small made-up dist/ folders.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ignoreLines, loadedBy, packageEntries, reachableCode, reachableTypes, writeDistNpmignore } from '../../scripts/dist-npmignore';
import { repoRoot } from '../support/run-cli';
import { scratchDir, scratchTree } from '../support/scratch-dir';

/** `files` (path relative to the folder → contents) in a fresh folder; returns the folder. */
function tree(files: Record<string, string>): string {
  return scratchTree(files, 'zvc-npmignore-');
}

test('the entries are main, bin, every exports condition and typesVersions; wildcard subpaths and folders outside are not dist entries', () => {
  const entries = packageEntries({
    main: 'dist/library/index.js',
    types: 'dist/library/index.d.ts',
    bin: { tool: 'dist/cli/main.js' },
    exports: {
      '.': { types: './dist/library/index.d.ts', default: './dist/library/index.js' },
      './jest': { types: './dist/jest/index.d.ts', require: './dist/jest/index.js' },
      './schemas/*': './schemas/*',
    },
    typesVersions: { '*': { pactum: ['dist/pactum/index.d.ts'] } },
  });
  expect(entries).toEqual({
    types: ['dist/jest/index.d.ts', 'dist/library/index.d.ts', 'dist/pactum/index.d.ts'],
    code: ['dist/cli/main.js', 'dist/jest/index.js', 'dist/library/index.js'],
  });
  expect(packageEntries({ bin: 'dist/cli/main.js' }).code).toEqual(['dist/cli/main.js']);
});

test('what tsc writes for a lazy require, require.resolve, import() and a path from __dirname is read; packages are not', () => {
  const source = [
    "const a = require('./a');",
    "(require('../cli/merge-main')).mergeCommand(args);",
    "const b = require.resolve('./b.js');",
    "const c = await import('./c.js');",
    "const d = require('ajv'); const e = require('node:fs');",
    "const suiteDir = (0, node_path_1.resolve)(__dirname, '../suite');",
    "exports.SCHEMA = path.resolve(__dirname, '..', '..', 'schemas', 'x.json');",
  ].join('\n');
  expect(loadedBy(source)).toEqual({ modules: ['./a', '../cli/merge-main', './b.js', './c.js'], paths: [['../suite'], ['..', '..', 'schemas', 'x.json']] });
});

test('code reached by a lazy require or loaded by path from __dirname stays; code nothing reaches, and declarations of a folder loaded by path, are left out', () => {
  const root = tree({
    'dist/cli/main.js': "require('./run'); if (x) require('../lazy/command');",
    'dist/cli/run.js': "const dir = (0, node_path_1.resolve)(__dirname, '../suite'); const s = path.resolve(__dirname, '..', '..', 'schemas');",
    'dist/lazy/command.js': "require('../model/index');",
    'dist/model/index.js': '"use strict";',
    'dist/model/types.js': '"use strict";',
    'dist/suite/env.js': '',
    'dist/suite/env.d.ts': '',
    'dist/bench/bench-main.js': "require('../cli/run');",
    'schemas/a.json': '{}',
  });
  const dist = join(root, 'dist');
  const kept = reachableCode([join(dist, 'cli/main.js')], dist);
  expect([...kept].map((f) => f.slice(dist.length + 1)).sort()).toEqual(['cli/main.js', 'cli/run.js', 'lazy/command.js', 'model/index.js', 'suite/env.js']);
  expect(ignoreLines(dist, kept)).toEqual(['/bench/bench-main.js', '/model/types.js', '/suite/env.d.ts']);
});

test('a relative require that resolves to no file fails the build, naming the file and the module', () => {
  const root = tree({ 'dist/cli/main.js': "require('./gone');" });
  expect(() => reachableCode([join(root, 'dist/cli/main.js')], join(root, 'dist'))).toThrow("dist/cli/main.js: cannot resolve require('./gone')");
});

test('`types` and `main` are entries by themselves, an exports target that is a bare string is code, and a typesVersions wildcard names no file', () => {
  // The real package.json repeats types and main in its exports map; a package that did not must keep them all the same.
  expect(packageEntries({ main: './dist/index.js', types: './dist/index.d.ts' })).toEqual({ types: ['dist/index.d.ts'], code: ['dist/index.js'] });
  expect(packageEntries({ exports: './dist/index.js' }).code).toEqual(['dist/index.js']);
  expect(packageEntries({ exports: { '.': './dist/index.js', './package.json': './package.json' } })).toEqual({ types: [], code: ['dist/index.js', 'package.json'] });
  expect(packageEntries({ typesVersions: { '*': { '*': ['dist/*'], jest: ['dist/jest/index.d.ts'] } } }).types).toEqual(['dist/jest/index.d.ts']);
});

test("a path from __dirname by join() is read too, and one that is not there at build time (written at run time) neither stops the build nor ships anything", () => {
  expect(loadedBy("const f = (0, node_path_1.join)(__dirname, 'a', 'b');").paths).toEqual([['a', 'b']]);
  const root = tree({ 'dist/cli/main.js': "const cache = (0, node_path_1.join)(__dirname, '..', 'cache-at-run-time'); const dir = (0, node_path_1.join)(__dirname, '..', 'data');", 'dist/data/rules.json': '{}', 'dist/other.js': '' });
  const dist = join(root, 'dist');
  expect(ignoreLines(dist, reachableCode([join(dist, 'cli/main.js')], dist))).toEqual(['/other.js']);
});

test('only code is read for what it loads: a data file that quotes a require is data', () => {
  const root = tree({ 'dist/cli/main.js': "const dir = path.resolve(__dirname, '../data');", 'dist/data/examples.json': JSON.stringify({ snippet: "require('./not-a-module')" }) });
  const dist = join(root, 'dist');
  expect([...reachableCode([join(dist, 'cli/main.js')], dist)].map((f) => f.slice(dist.length + 1)).sort()).toEqual(['cli/main.js', 'data/examples.json']);
});

test("a module out of dist/ is not followed: what it loads is not the package's code", () => {
  // A require that leaves dist/ (a file copied beside the package, say) is none of this script's business; nothing reached through it is kept.
  const root = tree({ 'dist/cli/main.js': "require('../../lib/helper');", 'lib/helper.js': "require('./gone'); require('../dist/unused');", 'dist/unused.js': '' });
  const dist = join(root, 'dist');
  const kept = reachableCode([join(dist, 'cli/main.js')], dist);
  expect([...kept].filter((f) => !f.startsWith(dist))).toEqual([]);
  expect(ignoreLines(dist, kept)).toEqual(['/unused.js']);
});

test('the lines are sorted as whole paths, not folder by folder: the file is the same whichever order the disk lists', () => {
  const root = tree({ 'dist/a/z.js': '', 'dist/a-b.js': '', 'dist/b.js': '' });
  expect(ignoreLines(join(root, 'dist'), new Set())).toEqual(['/a-b.js', '/a/z.js', '/b.js']);
});

test('an entry package.json names that the build did not write fails the build, naming it', () => {
  const root = tree({ 'package.json': JSON.stringify({ main: 'dist/index.js', bin: { tool: 'dist/cli/main.js' } }), 'dist/index.js': '' });
  expect(() => writeDistNpmignore(root)).toThrow('package.json names entries the build did not write: dist/cli/main.js');
  expect(existsSync(join(root, 'dist/.npmignore'))).toBe(false);
});

test('tsc failing to list the declarations fails the build with its first line, not an empty keep-list', () => {
  const missing = join(scratchDir('zvc-npmignore-'), 'missing.d.ts');
  expect(() => reachableTypes(repoRoot, [missing])).toThrow(`tsc --listFilesOnly failed: error TS6053: File '${missing}' not found.`);
});

test('run as the last step of the build, a failure is one line on stderr and exit 1, so `npm run build` fails', () => {
  // The script names its package by its own place (scripts/..): a copy in a made-up package, with the repository's loader.
  const root = tree({ 'package.json': JSON.stringify({ main: 'dist/index.js' }), 'dist/other.js': '' });
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(repoRoot, 'scripts/dist-npmignore.ts'), join(root, 'scripts/dist-npmignore.ts'));
  const ran = spawnSync(process.execPath, ['-r', join(repoRoot, 'node_modules/esbuild-register/register.js'), join(root, 'scripts/dist-npmignore.ts')], { cwd: root, encoding: 'utf8' });
  expect(ran.status).toBe(1);
  expect(ran.stderr).toBe('dist-npmignore: package.json names entries the build did not write: dist/index.js\n');
});
