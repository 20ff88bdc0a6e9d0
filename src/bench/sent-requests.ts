/**
 * What a run sends, for the bench: the count for its floor (request-floor.ts), and each request
 * with the status it got for the peer of the same scope (same-scope-peer.spec.ts). The run is the
 * bench's own command in a fresh process with this file preloaded: with ZVC_SENT_REQUESTS_INTO
 * set, it watches node:http's client requests through its diagnostics channels (so nothing of
 * node:http is patched) and writes them to that file as the process exits. The file holds the
 * run's key (the embedded server's own, made for that run): it lives in a temporary folder of the
 * bench's, removed before the call returns.
 */
import { spawnSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** One request as it left the run, and the status it got (none when it got no answer). */
export interface SentRequest {
  method: string;
  /** The request target as written on the request line: raw bytes, `..` and all. */
  path: string;
  headers: Record<string, string>;
  status?: number;
}

const INTO = 'ZVC_SENT_REQUESTS_INTO';
/** This file compiled: what node can preload, also when the tests load this module from its source. */
const PRELOAD = resolve(__dirname, '../../dist/bench/sent-requests.js');

const sink = process.env[INTO];
if (sink !== undefined) {
  const sent = new Map<ClientRequest, SentRequest>();
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    // A header sent as a list (none of the suite's) is joined as node:http would send it on one line.
    const headers = Object.fromEntries(Object.entries(request.getHeaders()).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
    sent.set(request, { method: request.method, path: request.path, headers });
  });
  subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    const entry = sent.get(request);
    if (entry !== undefined && response.statusCode !== undefined) entry.status = response.statusCode;
  });
  process.on('exit', () => writeFileSync(sink, JSON.stringify([...sent.values()])));
}

/**
 * The requests `node args…` sends, run from `cwd` as the bench runs it, in the order they were
 * started. Throws when the command fails: what a failed run sent means nothing.
 */
export function captureRequests(args: string[], cwd: string, limitMs = 120_000): SentRequest[] {
  const dir = mkdtempSync(join(tmpdir(), 'zvc-sent-'));
  try {
    const run = spawnSync(process.execPath, ['--require', PRELOAD, ...args], { cwd, stdio: 'ignore', timeout: limitMs, env: { PATH: process.env['PATH'] ?? '', [INTO]: join(dir, 'sent.json') } });
    if (run.status !== 0) throw new Error(`watching the requests of ${args.join(' ')}: it exited ${String(run.status ?? run.signal)}`);
    return JSON.parse(readFileSync(join(dir, 'sent.json'), 'utf8')) as SentRequest[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many requests `node args…` sends (see captureRequests). */
export function countRequests(args: string[], cwd: string, limitMs = 120_000): number {
  return captureRequests(args, cwd, limitMs).length;
}
