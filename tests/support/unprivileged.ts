/**
 * A call of the built suite in a process of a user the file system refuses: a real EACCES from a
 * mode, not a spy on node:fs (which a change of how the suite imports fs could leave unhit, the test
 * then passing for nothing). Root reads any file whatever its mode, so as root the process runs as
 * nobody (65534), as the other-user CLI tests do; as anyone else, as that user, whom mode 000 refuses.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The user a root test runs the call as: nobody. */
const NOBODY = 65534;

/** Modes refuse nothing on Windows; everywhere else they do, to the user the call runs as. */
export const modesRefuse = process.platform !== 'win32';

/** What a refused call threw, as a caller of the package sees it. */
export interface Refusal {
  name: string;
  message: string;
  path?: string;
  code?: string;
  exitCode?: number;
}

/** A scratch folder the unprivileged user may enter and write its cache in (mkdtemp makes it its maker's alone); remove it with removeUnprivilegedScratch. */
export function unprivilegedScratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  return dir;
}

/**
 * Removes a folder of {@link unprivilegedScratch}: its modes given back first, from the top down,
 * since a user other than root removes nothing under a folder it may not search or write.
 */
export function removeUnprivilegedScratch(dir: string): void {
  const reopen = (path: string): void => {
    // A link's mode is its target's: left as it is.
    if (lstatSync(path).isSymbolicLink()) return;
    chmodSync(path, 0o700);
    if (lstatSync(path).isDirectory()) for (const name of readdirSync(path)) reopen(join(path, name));
  };
  reopen(dir);
  rmSync(dir, { recursive: true, force: true });
}

/** The user a process the modes must refuse runs as: nobody when the tests run as root (whom no mode refuses), else the tests' own (undefined). */
export function unprivilegedUser(): { uid: number; gid: number } | undefined {
  return process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : undefined;
}

/**
 * What `call` (a JavaScript expression, run in a process of its own as the unprivileged user)
 * threw, or rejected with when it is a promise; fails the test when it did neither or its process
 * did not end by itself.
 */
export function refusalAsUnprivileged(call: string, cwd: string): Refusal {
  const script = `Promise.resolve().then(() => ${call}).then(() => process.stdout.write('null'), (e) => process.stdout.write(JSON.stringify({ name: e.name, message: e.message, path: e.path, code: e.code, exitCode: e.exitCode })));`;
  const user = unprivilegedUser() ?? {};
  // A cache folder of its own under cwd: nobody may write in root's.
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000, cwd, env: { ...process.env, ZAVU_CACHE_DIR: join(cwd, '.cache') }, ...user });
  // No status and no signal: the process never ran (a user it may not switch to, a cwd gone), which spawn's own error says.
  if (child.error !== undefined && child.status === null && child.signal === null) throw new Error(`the call's process could not start: ${child.error.message}`);
  if (child.status !== 0) throw new Error(`the call's process ended with ${child.status ?? child.signal}: ${child.stderr}`);
  const thrown = JSON.parse(child.stdout) as Refusal | null;
  if (thrown === null) throw new Error(`${call} threw nothing`);
  return thrown;
}
