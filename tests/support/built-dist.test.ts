import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleBuiltFiles } from './built-dist';
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
