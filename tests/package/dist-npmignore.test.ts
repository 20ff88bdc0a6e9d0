/**
 * scripts/dist-npmignore.ts: what the build leaves out of the tarball. The tarball itself, packed and
 * installed, is checked in packed-package.test.ts; here, how the entries and what each compiled file
 * loads are read, on small made-up dist/ folders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ignoreLines, loadedBy, packageEntries, reachableCode } from '../../scripts/dist-npmignore';
import { scratchDir } from '../support/scratch-dir';

/** Writes `files` (path relative to the folder → contents) under a fresh folder; returns the folder. */
function tree(files: Record<string, string>): string {
  const root = scratchDir('zvc-npmignore-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
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
