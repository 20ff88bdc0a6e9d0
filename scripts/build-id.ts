/**
 * A step of `npm run build`, after tsc: writes dist/build-id.json, `{"suiteBuild":"<12 hex>"}`, the
 * first 12 hex of a sha256 over dist's .js files, each path (relative, with `/`) and its bytes, in
 * path order. Every commit of a release line says the same version (0.2.0 was many builds, with
 * different checks): the id tells their reports, shards and cache entries apart, where the version
 * cannot. From the built code alone, no time nor machine: two CI shards built from one commit agree
 * (tsc's output is byte-identical from run to run, and holds no absolute path without source maps).
 * Declarations are left out: they change no verdict. package-root.ts reads it (suiteBuild).
 * Run: node -r esbuild-register scripts/build-id.ts (after tsc, before dist-npmignore.ts, so the
 * file it writes is kept in the tarball as one the code reaches).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { BUILD_ID_FILE } from '../src/package-root';

function jsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFilesUnder(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
}

/** The build id of the code in `dist`: path and bytes of each .js file, in path order (as `/` paths, so a Windows build agrees). */
export function buildIdOf(dist: string): string {
  const hash = createHash('sha256');
  const files = jsFilesUnder(dist).map((file) => ({ file, path: relative(dist, file).split(sep).join('/') }));
  // By code unit, not locale: the order must not depend on the machine.
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { file, path } of files) {
    const bytes = readFileSync(file);
    // Lengths framed, so no two trees hash alike by moving bytes from a file to its name.
    hash.update(`${path.length}:${path}\0${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex').slice(0, 12);
}

/** Writes dist/build-id.json for the code now in `dist`; returns the id. */
export function writeBuildId(dist: string): string {
  const id = buildIdOf(dist);
  writeFileSync(join(dist, BUILD_ID_FILE), `${JSON.stringify({ suiteBuild: id })}\n`);
  return id;
}

if (require.main === module) {
  try {
    writeBuildId(resolve(__dirname, '..', 'dist'));
  } catch (error) {
    process.stderr.write(`build-id: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
