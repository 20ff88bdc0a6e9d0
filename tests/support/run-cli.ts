/** Runs a built CLI (dist/cli/*.js) as a user would: a child process with its own env and working directory. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
}

/** A scratch working directory, so a run's reports and .env never touch the repository. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'zvc-cli-'));
}

export function runCli(script: string, args: string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const entry = join(repoRoot, 'dist/cli', script);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm test does)`);
  const cwd = options.cwd ?? scratchDir();
  // Only what the CLI needs: no ZAVU_* from the developer's shell leaks into a test.
  const env = { PATH: process.env['PATH'] ?? '', HOME: cwd, ...options.env };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, cwd });
    });
  });
}
