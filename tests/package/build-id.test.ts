/**
 * scripts/build-id.ts and package-root.ts's suiteBuild: the identity of one build of the suite,
 * which its version alone is not. On small made-up dist/ folders; the real build writes it too.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildIdOf, writeBuildId } from '../../scripts/build-id';
import { BUILD_ID_FILE, readBuildId, SUITE_BUILD_PATTERN, suiteBuild } from '../../src/package-root';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

function tree(files: Record<string, string>): string {
  const root = scratchDir('zvc-build-id-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const code = { 'cli/main.js': "require('../checks/a');", 'checks/a.js': 'exports.a = 1;', 'checks/a.d.ts': 'export declare const a = 1;' };

test('the id is of the .js files, their paths and bytes: the same code gives the same id wherever it is built; other code, or the same code elsewhere, another', () => {
  const id = buildIdOf(tree(code));
  expect(id).toMatch(SUITE_BUILD_PATTERN);
  expect(buildIdOf(tree(code))).toBe(id);
  // Declarations change no verdict, and the id file itself is not code.
  expect(buildIdOf(tree({ ...code, 'checks/a.d.ts': 'export declare const a: number;', 'build-id.json': '{}' }))).toBe(id);
  expect(buildIdOf(tree({ ...code, 'checks/a.js': 'exports.a = 2;' }))).not.toBe(id);
  expect(buildIdOf(tree({ 'cli/main.js': code['cli/main.js'], 'checks/b.js': code['checks/a.js'] }))).not.toBe(id);
  // Bytes moved from a file into its name are another tree.
  expect(buildIdOf(tree({ 'a.js': 'xy' }))).not.toBe(buildIdOf(tree({ 'a.jsx.js': 'y' })));
});

test('writeBuildId writes the file the runtime reads, and the runtime reads it back', () => {
  const dist = tree(code);
  const id = writeBuildId(dist);
  expect(JSON.parse(readFileSync(join(dist, BUILD_ID_FILE), 'utf8'))).toEqual({ suiteBuild: id });
  expect(readBuildId(join(dist, BUILD_ID_FILE))).toBe(id);
});

test('a dist without the file (an older or hand-built one), or with one not of this shape, has no build id: absent, never an error', () => {
  const dir = scratchDir('zvc-build-id-');
  expect(readBuildId(join(dir, 'none.json'))).toBeUndefined();
  const bad = (text: string): string | undefined => {
    writeFileSync(join(dir, 'bad.json'), text);
    return readBuildId(join(dir, 'bad.json'));
  };
  expect(bad('not json')).toBeUndefined();
  expect(bad('{"suiteBuild":"<script>x</script>"}')).toBeUndefined();
  expect(bad(`{"suiteBuild":"${'a'.repeat(12)}","pad":"${'x'.repeat(10_000)}"}`)).toBeUndefined();
  expect(bad('{"suiteBuild":"0123456789ab"}')).toBe('0123456789ab');
});

test('the suite run from its sources has no build id (no dist/ beside it): only `npm run build` says one', () => {
  expect(existsSync(join(repoRoot, 'src', BUILD_ID_FILE))).toBe(false);
  expect(suiteBuild()).toBeUndefined();
});

test('npm run build writes dist/build-id.json, the id of the dist it built, and dist/.npmignore keeps it in the tarball', () => {
  const file = join(repoRoot, 'dist', BUILD_ID_FILE);
  expect(readBuildId(file)).toBe(buildIdOf(join(repoRoot, 'dist')));
  expect(readFileSync(join(repoRoot, 'dist', '.npmignore'), 'utf8').split('\n')).not.toContain(`/${BUILD_ID_FILE}`);
});
