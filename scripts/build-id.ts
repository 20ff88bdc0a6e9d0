/**
 * A step of `npm run build`, after tsc: writes dist/build-id.json, `{"suiteBuild":"<12 hex>"}`, the
 * first 12 hex of a sha256 over what a run executes of the package: the .js files of dist/ it ships
 * (those its entries reach, as dist-npmignore.ts finds them: not dist/bench, which no user runs and
 * whose edits would make another build of the same code) and the JSON Schemas under schemas/ (read
 * at run time, beside dist/: the gates of every report, baseline and data file read back), each
 * path (relative to dist/, with `/`) and its bytes, in path order. So an installed package's id can
 * be recomputed from its own files. Every commit of a release line says the same version (0.2.0
 * was many builds, with different checks): the id tells their reports, shards and cache entries
 * apart, where the version cannot. From the built files alone, no time nor machine: two CI shards
 * built from one commit agree (tsc's output is byte-identical from run to run, and holds no
 * absolute path without source maps). Declarations are left out: they change no verdict.
 * package-root.ts reads it (suiteBuild).
 * Run: node -r esbuild-register scripts/build-id.ts (after tsc, before dist-npmignore.ts, so the
 * file it writes is kept in the tarball as one the code reaches).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { BUILD_ID_FILE } from '../src/package-root';
import { packageEntries, reachableCode, type Manifest } from './dist-npmignore';

function filesUnder(dir: string, ending: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), ending) : e.name.endsWith(ending) ? [join(dir, e.name)] : []));
}

/** The build id of `code` (by default dist's .js files): path (relative to `dist`) and bytes of each, in path order (as `/` paths, so a Windows build agrees). */
export function buildIdOf(dist: string, code: readonly string[] = filesUnder(dist, '.js')): string {
  const hash = createHash('sha256');
  const files = code.map((file) => ({ file, path: relative(dist, file).split(sep).join('/') }));
  // By code unit, not locale: the order must not depend on the machine.
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { file, path } of files) {
    const bytes = readFileSync(file);
    // Lengths framed, so no two trees hash alike by moving bytes from a file to its name.
    hash.update(`${path.length}:${path}\0${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex').slice(0, 12);
}

/** What the id is over: the .js files of `root`'s dist/ its package.json's code entries reach (what `npm pack` ships of the code), and schemas/'s .json files. */
export function buildInputsOf(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const reached = reachableCode(packageEntries(manifest).code.map((entry) => join(root, entry)), join(root, 'dist'));
  const schemas = join(root, 'schemas');
  return [...[...reached].filter((file) => file.endsWith('.js')), ...(existsSync(schemas) ? filesUnder(schemas, '.json') : [])];
}

/** Writes dist/build-id.json for `code` (by default every .js file of `dist`); returns the id. */
export function writeBuildId(dist: string, code?: readonly string[]): string {
  const id = buildIdOf(dist, code);
  writeFileSync(join(dist, BUILD_ID_FILE), `${JSON.stringify({ suiteBuild: id })}\n`);
  return id;
}

if (require.main === module) {
  try {
    const root = resolve(__dirname, '..');
    writeBuildId(join(root, 'dist'), buildInputsOf(root));
  } catch (error) {
    process.stderr.write(`build-id: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
