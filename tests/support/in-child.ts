/**
 * A snippet of node run in a process of its own, with a deadline: for behaviour that cannot be
 * tested inside Jest's worker. A read that blocks (a FIFO) or a loop that never ends would hang
 * the worker, where no test timeout reaches; and the time zone is read once, at a process's start.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root';

/** `require(…)` of a built module of the suite (npm test builds dist/ first), as snippet text. */
export function requireBuilt(modulePath: string): string {
  return `require(${JSON.stringify(join(packageRoot, 'dist', modulePath))})`;
}

/** Runs `script` with `node -e`, killed after 20 s; `env` is added to this process's environment. */
export function runInChild(script: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...env } });
}
