/**
 * Starts Stoplight Prism (a third-party OpenAPI mock server) on loopback for a certification run.
 *
 * Flags: static mode (no --dynamic), so every 200 is the spec's own example and a run is
 * deterministic; --errors false, Prism's default, so its request validation answers only what the
 * contract itself documents (401 for a missing or non-Bearer credential) instead of turning every
 * validation finding into a 422. Prism runs in its own process group and close() ends the group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { closedPort } from './misbehaving-servers';
import { repoRoot } from './run-cli';

export interface PrismServer {
  /** e.g. "http://127.0.0.1:40123", no trailing slash. */
  baseUrl: string;
  /** Everything Prism printed so far (its request log), for a failing test to show. */
  output(): string;
  /** Ends Prism and its process group; resolves once it has exited. Safe to call twice. */
  close(): Promise<void>;
}

export interface StartPrismOptions {
  /** Bound on the whole start, attempts included (default 20 s). */
  startTimeoutMs?: number;
}

/** The prism command line, shared with scripts/certify-prism.sh in spirit: loopback, static, --errors false. */
export function prismArgs(specPath: string, port: number): string[] {
  return [join(repoRoot, 'node_modules/.bin/prism'), 'mock', specPath, '--host', '127.0.0.1', '--port', String(port), '--errors', 'false'];
}

/** Starts Prism on a free loopback port; rejects (after killing it) if it does not answer in time. */
export async function startPrism(specPath: string, options: StartPrismOptions = {}): Promise<PrismServer> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 20000);
  let lastError: Error | undefined;
  // The port was free a moment ago; another process may take it first. A lost race makes Prism
  // exit at once: three attempts, all inside the one deadline.
  for (let attempt = 0; attempt < 3 && Date.now() < deadline; attempt += 1) {
    const prism = launch(specPath, await closedPort());
    try {
      await waitUntilAnswering(prism, deadline);
      return prism.server;
    } catch (error) {
      await prism.server.close();
      lastError = error as Error;
      // Only a lost port race is worth another try; a bad spec or a hung start is not.
      if (!/EADDRINUSE/.test(prism.server.output())) break;
    }
  }
  throw lastError ?? new Error('Prism did not start');
}

interface Launched {
  server: PrismServer;
  child: ChildProcess;
  exited(): boolean;
}

function launch(specPath: string, port: number): Launched {
  // Only what Prism needs: no analytics, no colour codes in its log, nothing from the developer's shell.
  const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', SCARF_ANALYTICS: 'false', DO_NOT_TRACK: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  const child = spawn(process.execPath, prismArgs(specPath, port), { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  child.once('error', (error) => {
    output += `\nspawn error: ${error.message}`;
    exited = true; // a child that failed to spawn may never emit 'exit'
  });
  // If the test process itself goes away, Prism must not outlive it.
  const onParentExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', onParentExit);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      process.off('exit', onParentExit);
      if (!exited) {
        killGroup(child, 'SIGTERM');
        const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        await exit;
        clearTimeout(forced);
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    })());
  return { child, exited: () => exited, server: { baseUrl: `http://127.0.0.1:${port}`, output: () => output, close } };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: Prism and anything it forked
  } catch {
    child.kill(signal);
  }
}

/** Polls until Prism answers any HTTP response (a 404 for "/" is fine), it exits, or the deadline. */
async function waitUntilAnswering(prism: Launched, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (prism.exited()) throw new Error(`Prism exited before answering:\n${tail(prism.server.output())}`);
    if (await answers(prism.server.baseUrl, Math.min(1000, deadline - Date.now()))) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Prism did not answer on ${prism.server.baseUrl} in time (killed):\n${tail(prism.server.output())}`);
}

function answers(baseUrl: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${baseUrl}/`, { method: 'GET', timeout: Math.max(timeoutMs, 1), agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

function tail(text: string): string {
  return text.split('\n').slice(-20).join('\n');
}
