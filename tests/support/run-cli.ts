/** Runs a built CLI (dist/cli/*.js) as a user would: a child process with its own env and working directory. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { scratchDir } from './scratch-dir';

export const repoRoot = resolve(__dirname, '../..');

/** The build id `npm run build` wrote into dist/ (dist/build-id.json): the build the CLI under test names. */
export function builtSuiteBuild(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'dist', 'build-id.json'), 'utf8')) as { suiteBuild: string }).suiteBuild;
}

/**
 * The signals that end a command early, each with the exit code a shell reports for it (128 + its
 * number), written out here rather than read from the code under test: a mutant giving SIGHUP 0
 * must fail the tests that use it.
 */
export const INTERRUPTION_SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
}

export interface CliOptions {
  /** The child's whole environment besides PATH and HOME: nothing from the developer's shell leaks in. */
  env?: Record<string, string>;
  /** Default: a fresh scratch directory, so reports and .env never touch the repository. */
  cwd?: string;
  /** Runs the CLI as another user (the test process must be root to switch). */
  user?: { uid: number; gid: number };
}

/** A CLI still running: its process, what it printed so far, and its end. */
export interface SpawnedCli {
  child: ChildProcessByStdio<null, Readable, Readable>;
  cwd: string;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** The first line the CLI prints on stdout, without its newline (rejects if the CLI ends first). */
  firstLine(): Promise<string>;
  /** Resolves once the process has exited and its output is read to the end. */
  ended: Promise<CliRun & { signal: NodeJS.Signals | null }>;
}

/** Starts a CLI and hands back the running process, for tests that talk to it while it runs. */
export function spawnCli(script: string, args: string[], options: CliOptions = {}): SpawnedCli {
  const entry = join(repoRoot, 'dist/cli', script);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm test does)`);
  const cwd = options.cwd ?? scratchDir('zvc-cli-');
  const env = { PATH: process.env['PATH'] ?? '', HOME: cwd, ...options.env };
  const child = spawn(process.execPath, [entry, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(options.user ?? {}) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolveEnd, reject) => {
    child.once('error', reject);
    // 'close' comes after 'exit' and after both output streams have ended.
    child.once('close', (code, signal) => resolveEnd({ code, signal, stdout, stderr, cwd }));
  });
  const firstLine = (): Promise<string> =>
    new Promise((resolveLine, reject) => {
      const check = (): void => {
        const end = stdout.indexOf('\n');
        if (end < 0) return;
        child.stdout.off('data', check);
        resolveLine(stdout.slice(0, end));
      };
      child.stdout.on('data', check);
      check();
      void ended.then(() => reject(new Error(`${script} ended before printing a line; stderr: ${stderr}`)), reject);
    });
  return { child, cwd, stdout: () => stdout, stderr: () => stderr, firstLine, ended };
}

/**
 * A CLI run still going after this long is killed (code null, no report): a hung run, not a slow
 * one. 60 s, not 20: beside a CI run on two cores whole runs that pass in ~5 s on a quiet machine
 * took 10-37 s, and one was killed mid-run with nothing wrong (a red CI for the machine's load).
 * Jest's own per-test bound (jest.config.ts) stays above it.
 */
export const CLI_RUN_BOUND_MS = 60_000;

/** Runs a CLI to the end; a run still going after timeoutMs (default CLI_RUN_BOUND_MS) is killed. */
export async function runCli(script: string, args: string[], options: CliOptions & { timeoutMs?: number } = {}): Promise<CliRun> {
  const running = spawnCli(script, args, options);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), options.timeoutMs ?? CLI_RUN_BOUND_MS);
  try {
    const { code, stdout, stderr, cwd } = await running.ended;
    return { code, stdout, stderr, cwd };
  } finally {
    clearTimeout(timer);
  }
}
