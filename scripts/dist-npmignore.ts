/**
 * The last step of `npm run build`: writes dist/.npmignore, naming every file of dist/ that no
 * entry point of the package can reach, so `npm pack` leaves them out. npm reads a .npmignore in a
 * folder that `files` includes (and never packs the .npmignore itself), so package.json stays as it
 * is and the list is derived afresh from each build: nothing to keep in step by hand.
 *
 * - Types: what TypeScript itself loads for a consumer of the typed entries (`types`, each
 *   `exports` condition `types`, `typesVersions`), by `tsc --listFilesOnly`: the compiler's own
 *   resolution, self-references (`zavu-conformance/jest`) included. Without this, 280-odd
 *   declarations shipped where about 40 are ever read.
 * - Code: from `main`, `bin` and each `exports` condition, every relative `require()`,
 *   `require.resolve()` and `import()` (the CLI loads its commands lazily by require), and every
 *   path a file builds from its own `__dirname` (Jest loads dist/suite by path: a folder found
 *   that way ships all its code). A relative module that does not resolve fails the build.
 *
 * Only ever leaves out: a dist/ file this does not list ships, so a new kind of file errs towards
 * being packed. Run: node -r esbuild-register scripts/dist-npmignore.ts (after tsc).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The fields of package.json that name what a user loads. */
export interface Manifest {
  main?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  typesVersions?: Record<string, Record<string, string[]>>;
}

/** The package's entry files, relative to its root: those with types, and those that run. */
export function packageEntries(manifest: Manifest): { types: string[]; code: string[] } {
  const types = new Set<string>();
  const code = new Set<string>();
  if (manifest.types !== undefined) types.add(manifest.types);
  if (manifest.main !== undefined) code.add(manifest.main);
  for (const bin of typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {})) code.add(bin);
  // Each condition's target: `types` for the compiler, any other for Node. Wildcard subpaths
  // (`./schemas/*`) name folders outside dist/, which this does not prune.
  const visit = (value: unknown, condition: string): void => {
    if (typeof value === 'string') {
      if (!value.includes('*')) (condition === 'types' ? types : code).add(value);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, key.startsWith('.') ? condition : key);
    }
  };
  visit(manifest.exports, 'default');
  for (const map of Object.values(manifest.typesVersions ?? {})) for (const targets of Object.values(map)) for (const target of targets) if (!target.includes('*')) types.add(target);
  const clean = (paths: Set<string>): string[] => [...new Set([...paths].map((p) => p.replace(/^\.\//, '')))].sort();
  return { types: clean(types), code: clean(code) };
}

/** What one compiled file loads: relative module specifiers, and paths built from its `__dirname`. */
export function loadedBy(source: string): { modules: string[]; paths: string[][] } {
  const modules = [...source.matchAll(/\b(?:require|require\.resolve|import)\s*\(\s*(["'])(\.[^"']*)\1/g)].map((m) => m[2] ?? '');
  // tsc writes `path.resolve(__dirname, '../suite')` or `(0, node_path_1.join)(__dirname, 'a', 'b')`.
  const paths = [...source.matchAll(/\b(?:resolve|join)\)?\(\s*__dirname\s*,((?:\s*(["'])[^"']*\2\s*,?)+)\s*\)/g)].map((m) => [...(m[1] ?? '').matchAll(/(["'])([^"']*)\1/g)].map((s) => s[2] ?? ''));
  return { modules, paths };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The module file Node loads for `specifier` required from `from`, as Node tries them. */
function resolveModule(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.js`, `${base}.json`, join(base, 'index.js')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/**
 * Every file reachable from `roots` (absolute paths) through what each loads, within `within`
 * (the package's dist/: a path out of it, to the package's schemas/ say, is not followed).
 */
export function reachableCode(roots: string[], within: string): Set<string> {
  const inside = (path: string): boolean => path === within || path.startsWith(within + sep);
  const seen = new Set<string>();
  const queue = [...roots];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const { modules, paths } = loadedBy(readFileSync(file, 'utf8'));
    for (const specifier of modules) {
      const target = resolveModule(file, specifier);
      if (target === undefined) throw new Error(`${relative(dirname(within), file)}: cannot resolve require('${specifier}')`);
      if (inside(target)) queue.push(target);
    }
    for (const parts of paths) {
      const target = resolve(dirname(file), ...parts);
      if (!inside(target) || !existsSync(target)) continue;
      // A folder's code, not its declarations: those ship only when a typed entry reaches them.
      queue.push(...(statSync(target).isDirectory() ? filesUnder(target).filter((f) => !f.endsWith('.d.ts')) : [target]));
    }
  }
  return seen;
}

/** The declaration files the compiler loads for a consumer of `entries` (absolute paths). */
export function reachableTypes(root: string, entries: string[]): Set<string> {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  // No tsconfig: a consumer's view, as nodenext resolves the exports map (and self-references).
  const listed = spawnSync(process.execPath, [tsc, '--ignoreConfig', '--listFilesOnly', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', ...entries], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`tsc --listFilesOnly failed: ${(listed.stdout + listed.stderr).trim().split('\n')[0] ?? ''}`);
  return new Set(listed.stdout.split('\n').filter((line) => line.trim() !== '').map((line) => resolve(line.trim())));
}

/** The lines of dist/.npmignore: each file of `dist` not in `keep`, anchored to the folder. */
export function ignoreLines(dist: string, keep: Set<string>): string[] {
  return filesUnder(dist)
    .filter((file) => !keep.has(file) && !file.endsWith(`${sep}.npmignore`))
    .map((file) => `/${relative(dist, file).split(sep).join('/')}`)
    .sort();
}

export function writeDistNpmignore(root: string): { kept: number; left: number } {
  const dist = join(root, 'dist');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  const entries = packageEntries(manifest);
  const missing = [...entries.types, ...entries.code].filter((entry) => !existsSync(join(root, entry)));
  if (missing.length > 0) throw new Error(`package.json names entries the build did not write: ${missing.join(', ')}`);
  const keep = new Set([...reachableTypes(root, entries.types.map((e) => join(root, e))), ...reachableCode(entries.code.map((e) => join(root, e)), dist)]);
  const lines = ignoreLines(dist, keep);
  const header = '# Written by scripts/dist-npmignore.ts at each build: the files no entry point reaches, left out of npm pack.\n';
  writeFileSync(join(dist, '.npmignore'), header + lines.map((line) => `${line}\n`).join(''));
  return { kept: filesUnder(dist).length - 1 - lines.length, left: lines.length };
}

if (require.main === module) {
  try {
    writeDistNpmignore(resolve(__dirname, '..'));
  } catch (error) {
    process.stderr.write(`dist-npmignore: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
