/**
 * The package as users get it: `npm pack` of the built repository, installed into an empty folder.
 * The install runs offline from the npm cache `npm ci` filled: a lockfile made from the
 * repository's own pins stands in for the registry's metadata (npm caches tarballs, not the
 * registry's version lists), so `npm test` needs no network. What gets installed is what the
 * tarball's package.json declares: a dependency it forgets fails here.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './run-cli';

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: no npm script variables, no ZAVU_ settings from the developer. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|ZAVU_|JEST_|INIT_CWD$)/i.test(name)));
  return { ...env, NODE_ENV: 'test', ...extra };
}

/** Runs a command to its end (killed after timeoutMs). */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** What `npm pack --json` says of the tarball. */
export interface PackedTarball {
  path: string;
  size: number;
  unpackedSize: number;
  files: string[];
}

/** Packs the repository (already built: npm test builds first) into `dir`. Scripts are skipped: `prepare` would rebuild dist/ under the other tests' feet. */
export async function packTarball(dir: string): Promise<PackedTarball> {
  const result = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repoRoot });
  if (result.code !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
  const [info] = JSON.parse(result.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  if (info === undefined) throw new Error('npm pack printed no tarball');
  return { path: join(dir, info.filename), size: info.size, unpackedSize: info.unpackedSize, files: info.files.map((f) => f.path) };
}

/** The version the repository pins for a package (so the offline install finds it in the cache). */
export function pinnedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (version === undefined) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/** Writes a user project into `dir`: package.json with `dependencies`, and a lockfile of the repository's pins. */
export function writeProject(dir: string, dependencies: Record<string, string>): void {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { name: string; packages: Record<string, unknown> };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, dependencies }, null, 2));
  // The repository's pins, rooted at the user project: npm keeps what the dependencies need and drops the rest.
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ ...lock, name: 'user-project', packages: { ...lock.packages, '': { name: 'user-project', dependencies } } }, null, 2));
}

/**
 * Writes a user project into `dir` (see writeProject) and installs it offline.
 * Resolves to the install's duration in milliseconds (for the README's figure).
 */
export async function installProject(dir: string, dependencies: Record<string, string>): Promise<number> {
  writeProject(dir, dependencies);
  const started = Date.now();
  const result = await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`npm install in ${dir} failed: ${result.stderr}`);
  return Date.now() - started;
}
