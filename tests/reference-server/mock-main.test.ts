/**
 * The standalone CLI, run as `npm run mock` runs it: from dist/, which `npm test` builds first.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { rawRequest } from './raw-request';

/** The first stdout line of the CLI. */
interface MockInfo {
  baseUrl: string;
  apiKey: string;
  senders: { coexistence: string[]; noWaba: string; notCoexistence: string };
}

const MOCK_MAIN = join(__dirname, '..', '..', 'dist', 'cli', 'mock-main.js');

function spawnMock(args: string[]): ChildProcessWithoutNullStreams {
  if (!existsSync(MOCK_MAIN)) {
    throw new Error(`${MOCK_MAIN} is missing: run "npm run build" first (npm test does it for you)`);
  }
  return spawn(process.execPath, [MOCK_MAIN, ...args], { stdio: 'pipe' });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Runs the CLI to completion and returns its exit code and output. */
async function runMock(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnMock(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [{ code }] = await Promise.all([exitOf(child), new Promise((resolve) => child.stderr.once('close', resolve))]);
  return { code, stdout, stderr };
}

function expectOneLineUsageFailure(result: { code: number | null; stdout: string; stderr: string }, mentions: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(mentions);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

test('prints the JSON line first, serves requests, and exits 0 on SIGTERM', async () => {
  const child = spawnMock(['--port', '0']);
  const exited = exitOf(child);
  try {
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const info = JSON.parse(first) as MockInfo;
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(info.apiKey).toMatch(/^zv_test_[0-9a-f]{32}$/);
    expect(info.senders).toMatchObject({ noWaba: expect.any(String), notCoexistence: expect.any(String) });

    const response = await rawRequest(info.baseUrl, `/v1/senders/${info.senders.coexistence[0] ?? ''}/whatsapp-sync`, `Bearer ${info.apiKey}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ sync: { isCoexistence: true } });
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toEqual({ code: 0, signal: null });
});

test('--api-key sets the accepted key', async () => {
  const child = spawnMock(['--port', '0', '--api-key', 'zv_test_chosen']);
  const exited = exitOf(child);
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  child.kill('SIGINT');
  expect(JSON.parse(first)).toMatchObject({ apiKey: 'zv_test_chosen' });
  expect((await exited).code).toBe(0);
});

test('--help prints usage and exits 0', async () => {
  const result = await runMock(['--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/--port/);
});

test.each([
  [['--port', 'abc'], /--port "abc"/],
  [['--port', '65536'], /--port "65536"/],
  [['--port', '1.5'], /--port "1\.5"/],
  [['--port=-1'], /--port "-1"/],
  [['--bogus'], /--bogus/],
  [['extra'], /extra/],
  [['--api-key', ''], /--api-key/],
])('%j exits 2 with one line on stderr', async (args, mentions) => {
  expectOneLineUsageFailure(await runMock(args), mentions);
});

test('a port in use exits 2 with one line naming the address', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = blocker.address() as AddressInfo;
    expectOneLineUsageFailure(await runMock(['--port', String(port)]), new RegExp(`127\\.0\\.0\\.1:${port}.*in use`));
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});
