/**
 * scripts/build-id.ts and package-root.ts's suiteBuild: the identity of one build of the suite,
 * which its version alone is not. On small made-up dist/ folders; the real build writes it too.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIdOf, buildInputsOf, writeBuildId } from '../../scripts/build-id';
import { BUILD_ID_FILE, readBuildId, SUITE_BUILD_PATTERN, suiteBuild } from '../../src/package-root';
import { repoRoot } from '../support/run-cli';
import { scratchDir, scratchTree } from '../support/scratch-dir';

/** `files` (path relative to the folder → contents) in a fresh folder; returns the folder. */
function tree(files: Record<string, string>): string {
  return scratchTree(files, 'zvc-build-id-');
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
  // The bound is of bytes: 120 two-byte characters are under 256 characters but over 256 bytes.
  expect(bad(`{"suiteBuild":"0123456789ab","pad":"${'é'.repeat(120)}"}`)).toBeUndefined();
  expect(bad(`{"suiteBuild":"0123456789ab","pad":"${'é'.repeat(100)}"}`)).toBe('0123456789ab');
  // A file past the bound is refused even where its head alone would parse (white space after the JSON).
  expect(bad(`{"suiteBuild":"0123456789ab"}${' '.repeat(300)}`)).toBeUndefined();
});

test('the suite run from its sources has no build id (no dist/ beside it): only `npm run build` says one', () => {
  expect(existsSync(join(repoRoot, 'src', BUILD_ID_FILE))).toBe(false);
  expect(suiteBuild()).toBeUndefined();
});

test('npm run build writes dist/build-id.json, the id of the code it built that ships, and dist/.npmignore keeps it in the tarball', () => {
  const file = join(repoRoot, 'dist', BUILD_ID_FILE);
  expect(readBuildId(file)).toBe(buildIdOf(join(repoRoot, 'dist'), buildInputsOf(repoRoot)));
  expect(readFileSync(join(repoRoot, 'dist', '.npmignore'), 'utf8').split('\n')).not.toContain(`/${BUILD_ID_FILE}`);
});

test('the id is of the code the package ships, what its entries reach: a file the tarball leaves out (dist/bench) is no part of it', () => {
  const root = tree({ 'package.json': JSON.stringify({ main: 'dist/cli/main.js' }), ...Object.fromEntries(Object.entries(code).map(([path, text]) => [`dist/${path}`, text])), 'dist/bench/bench-main.js': 'exports.b = 1;' });
  const id = buildIdOf(join(root, 'dist'), buildInputsOf(root));
  writeFileSync(join(root, 'dist/bench/bench-main.js'), 'exports.b = 2;');
  expect(buildIdOf(join(root, 'dist'), buildInputsOf(root))).toBe(id);
  writeFileSync(join(root, 'dist/checks/a.js'), 'exports.a = 2;');
  expect(buildIdOf(join(root, 'dist'), buildInputsOf(root))).not.toBe(id);
});

test("the real build's id can be recomputed from what npm packs: dist's .js files less those dist/.npmignore leaves out, and schemas/", () => {
  const dist = join(repoRoot, 'dist');
  const ignored = new Set(readFileSync(join(dist, '.npmignore'), 'utf8').split('\n').filter((line) => line.startsWith('/')).map((line) => join(dist, line.slice(1))));
  expect([...ignored].some((file) => file.endsWith('.js'))).toBe(true);
  const packed = [...filesUnder(dist).filter((file) => file.endsWith('.js') && !ignored.has(file)), ...filesUnder(join(repoRoot, 'schemas')).filter((file) => file.endsWith('.json'))];
  expect(readBuildId(join(dist, BUILD_ID_FILE))).toBe(buildIdOf(dist, packed));
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test('the JSON Schemas the runtime reads beside dist/ (schemas/: the gates of every report and data file read) are part of it: one code with another gate is another build', () => {
  const root = tree({ 'package.json': JSON.stringify({ main: 'dist/cli/main.js' }), ...Object.fromEntries(Object.entries(code).map(([path, text]) => [`dist/${path}`, text])), 'schemas/conformance-report.schema.json': '{"required":["runInfo"]}' });
  const id = buildIdOf(join(root, 'dist'), buildInputsOf(root));
  expect(buildIdOf(join(root, 'dist'), buildInputsOf(root))).toBe(id);
  writeFileSync(join(root, 'schemas/conformance-report.schema.json'), '{"required":["runInfo","results"]}');
  expect(buildIdOf(join(root, 'dist'), buildInputsOf(root))).not.toBe(id);
});
