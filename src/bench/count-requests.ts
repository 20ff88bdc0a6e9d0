/**
 * How many requests a run sends, for the bench's floor (request-floor.ts). The run is the bench's
 * own command in a fresh process with this file preloaded: with ZVC_COUNT_REQUESTS_INTO set, it
 * counts node:http's client requests (its diagnostics channel, so nothing of node:http is
 * patched) and writes the count to that file as the process exits.
 */
import { spawnSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const INTO = 'ZVC_COUNT_REQUESTS_INTO';
/** This file compiled: what node can preload, also when the tests load this module from its source. */
const PRELOAD = resolve(__dirname, '../../dist/bench/count-requests.js');

const sink = process.env[INTO];
if (sink !== undefined) {
  let count = 0;
  subscribe('http.client.request.start', () => (count += 1));
  process.on('exit', () => writeFileSync(sink, String(count)));
}

/**
 * The requests `node args…` sends, run from `cwd` as the bench runs it. Throws when the command
 * fails: the count of a failed run means nothing.
 */
export function countRequests(args: string[], cwd: string, limitMs = 120_000): number {
  const dir = mkdtempSync(join(tmpdir(), 'zvc-count-'));
  try {
    const run = spawnSync(process.execPath, ['--require', PRELOAD, ...args], { cwd, stdio: 'ignore', timeout: limitMs, env: { PATH: process.env['PATH'] ?? '', [INTO]: join(dir, 'count') } });
    if (run.status !== 0) throw new Error(`counting the requests of ${args.join(' ')}: it exited ${String(run.status ?? run.signal)}`);
    return Number(readFileSync(join(dir, 'count'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
