/**
 * A record run stopped by a signal while its cases are sent (Ctrl-C, a cancelled CI job): the
 * recordings folder is left as it was, nothing new in it (no empty folder made for the run, no
 * lock, no temp file), an earlier recording byte for byte; one line says so, exit code the signal's.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { escapeRegex } from '../../src/text/escape-regex';
import { serverEnv } from '../support/conformance-run';
import { forward, passOn } from '../support/reference-proxy';
import { startScriptedServer } from '../support/misbehaving-servers';
import { expectOneLineError } from '../support/one-line-error';
import { INTERRUPTION_SIGNALS, repoRoot, spawnCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const quick = ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '7'];

/** A folder's files and their bytes, dot files (a lock, a temp file) included. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

/** A record run into `rec` against a target that answers each request slowly, stopped by `signal` once its third request is in. */
async function interruptedRecord(cwd: string, signal: NodeJS.Signals) {
  const server = await startReferenceServer();
  let running: ReturnType<typeof spawnCli> | undefined;
  // Slow, not silent: each answer 200 ms late, so the run is mid-case when the signal comes.
  const front = await startScriptedServer((req, res, index) => {
    if (index === 2) running?.child.kill(signal);
    setTimeout(() => forward(server, req).then((answer) => passOn(res, answer), () => res.destroy()), 200);
  });
  const run = spawnCli('conformance-main.js', ['--mode', 'record', '--recordings', 'rec', '--base-url', front.baseUrl, ...quick], { cwd, env: serverEnv(server) });
  running = run;
  // Bounded: a run the signal did not end is killed, and fails below on its exit code.
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
  try {
    return await run.ended;
  } finally {
    clearTimeout(timer);
    await front.close();
    await server.close();
  }
}

describe('a signal while a record run sends its cases', () => {
  test.each(INTERRUPTION_SIGNALS.slice(0, 2))('%s: no recordings folder made, one line says nothing was recorded', async (signal, code) => {
    const cwd = scratchDir('zvc-rec-stop-');
    const ended = await interruptedRecord(cwd, signal);
    expect(ended.code).toBe(code);
    expectOneLineError(ended.stderr, new RegExp(`^zavu-conformance run: interrupted by ${signal} before the verdict \\(.*summary\\.md says NOT RUN; nothing recorded: ${escapeRegex(join(cwd, 'rec'))} left as it was\\)$`));
    expect(existsSync(join(cwd, 'rec'))).toBe(false);
  });

  test('SIGINT: an earlier recording in the folder is kept byte for byte, and nothing is added beside it', async () => {
    const cwd = scratchDir('zvc-rec-stop-');
    cpSync(join(repoRoot, 'recordings'), join(cwd, 'rec'), { recursive: true });
    const before = contents(join(cwd, 'rec'));
    const ended = await interruptedRecord(cwd, 'SIGINT');
    expect(ended.code).toBe(130);
    expectOneLineError(ended.stderr, /nothing recorded: .* left as it was\)$/);
    expect(contents(join(cwd, 'rec'))).toEqual(before);
  });
});
