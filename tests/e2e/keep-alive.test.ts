/**
 * Kept-alive connections end to end: targets that close kept-alive sockets between requests
 * (as load balancers with short idle timeouts do) must not turn into transport errors. One proxy
 * in front of the reference server resets every socket's second request before answering it: the
 * stale-socket race on every reused socket. Another announces keep-alive and closes a connection
 * idle for a millisecond, writes included. A third forwards only each connection's first request
 * and never answers the others (a broken proxy or load balancer). Every verdict must be the
 * reference server's own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { startReferenceServer } from '../../src/reference-server';
import { IGNORED_REUSE_AFTER } from '../../src/transport/keep-alive';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward, passOn } from '../support/reference-proxy';

test('a target that resets each kept-alive socket on its second request: the run passes, no transport error', async () => {
  const server = await startReferenceServer();
  const served = new WeakMap<Socket, number>();
  let resets = 0;
  const proxy = await startScriptedServer((req, res) => {
    const nth = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, nth);
    if (nth === 2) {
      resets += 1;
      req.socket.resetAndDestroy();
      return;
    }
    forward(server, req).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502).end(`proxy: ${error.message}`),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'], serverEnv(server));
    expect(run.report?.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status}`)).toEqual([]);
    expect(run.code).toBe(0);
    // The race happened again and again (every reused socket), and was absorbed every time.
    expect(resets).toBeGreaterThan(20);
  } finally {
    await proxy.close();
    await server.close();
  }
}, 60_000);

test('a target that announces keep-alive (no Keep-Alive hint) and closes a connection idle for 1 ms: every case passes, writes included, at concurrency 1 and 4', async () => {
  // RFC 9112 §9.5: a server MAY close an idle connection at any time; nginx sends
  // "Connection: keep-alive" without a timeout hint, and its keepalive_timeout takes milliseconds.
  const server = await startReferenceServer();
  const served = new WeakMap<Socket, number>();
  let idleCloses = 0;
  const front = createServer((req, res) => {
    const nth = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, nth);
    res.setHeader('connection', 'keep-alive');
    res.on('finish', () =>
      setTimeout(() => {
        // Idle since this answer: no request came on the connection after it.
        if (served.get(req.socket) !== nth || req.socket.destroyed) return;
        idleCloses += 1;
        req.socket.end();
      }, 1),
    );
    forward(server, req).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502).end(`front: ${error.message}`),
    );
  });
  // No idle timeout of node's own, and so no "Keep-Alive: timeout=N" hint: the close is the front's.
  front.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  try {
    for (const concurrency of ['1', '4']) {
      const run = await runConformanceCli(['--base-url', baseUrl, '--seed', '5', '--allow-writes', '--concurrency', concurrency], serverEnv(server));
      expect(run.stderr).toBe('');
      expect(run.report?.results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => `${r.id}: ${r.violations.map((v) => v.message.slice(0, 160)).join('; ')}`)).toEqual([]);
      expect(run.code).toBe(0);
    }
    // The front did close idle connections, again and again.
    expect(idleCloses).toBeGreaterThan(20);
  } finally {
    front.closeAllConnections();
    await new Promise<void>((resolve) => front.close(() => resolve()));
    await server.close();
  }
}, 120_000);

test('a target that takes a second request on a kept-alive connection and never answers it: every case passes, the run stops reusing connections and says so once', async () => {
  const server = await startReferenceServer();
  const served = new WeakMap<Socket, number>();
  let ignored = 0;
  const proxy = await startScriptedServer((req, res) => {
    const nth = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, nth);
    // Keep-alive accepted (node:http announces it), but only a connection's first request goes on.
    if (nth > 1) {
      ignored += 1;
      return;
    }
    forward(server, req).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502).end(`proxy: ${error.message}`),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--timeout', '500'], serverEnv(server));
    expect(run.report?.results.filter((r) => r.status !== 'passed').map((r) => `${r.id}: ${r.status}`)).toEqual([]);
    expect(run.code).toBe(0);
    // At --concurrency 1: the two silent reused connections that ended reuse, and none after them.
    expect(ignored).toBe(IGNORED_REUSE_AFTER);
    const warnings = (run.report?.results ?? []).flatMap((r) => r.violations.filter((v) => v.severity === 'warning').map((v) => v.message));
    expect(warnings.filter((m) => m.includes('does not honour keep-alive'))).toHaveLength(1);
    expect(warnings.filter((m) => m.includes('reused kept-alive connection'))).toHaveLength(IGNORED_REUSE_AFTER);
  } finally {
    await proxy.close();
    await server.close();
  }
}, 60_000);

test('a target that sends an answer no request asked for on an idle kept-alive connection: said once as a warning of the run, the key it echoes nowhere, the exit code as without it', async () => {
  const server = await startReferenceServer();
  const env = serverEnv(server);
  const key = env['ZAVU_API_KEY'] ?? '';
  expect(key.length).toBeGreaterThan(16);
  // Deterministic, at --concurrency 1: reads and writes have pools of their own, so while a read is
  // on the wire the socket that carried the last write lies idle in the writes' pool. The front
  // writes its stray there (once), before it forwards the read: an answer to no request, echoing
  // the key, with markup and an escape sequence a renderer must not pass on.
  const outstanding = new Map<Socket, number>();
  let lastWrite: Socket | undefined;
  let strays = 0;
  const front = await startScriptedServer((req, res) => {
    outstanding.set(req.socket, (outstanding.get(req.socket) ?? 0) + 1);
    res.on('finish', () => outstanding.set(req.socket, (outstanding.get(req.socket) ?? 1) - 1));
    if (req.method === 'POST') lastWrite = req.socket;
    else if (strays === 0 && lastWrite !== undefined && lastWrite !== req.socket && outstanding.get(lastWrite) === 0 && !lastWrite.destroyed) {
      strays += 1;
      lastWrite.write(`HTTP/1.1 200 OK\r\nX-Echo: Bearer ${key}\r\nX-Note: \u001b[2J<script>alert(1)</script>\r\nContent-Length: 0\r\n\r\n`);
    }
    forward(server, req).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502).end(`front: ${error.message}`),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'startWhatsAppHistorySync', '--allow-writes', '--fuzz-runs', '0', '--seed', '1', '--concurrency', '1'], env);
    expect(strays).toBe(1);
    expect(run.stderr).toBe('');
    // A warning fails nothing: every verdict is the reference server's own, and the run passes.
    expect(run.report?.results.filter((r) => r.status === 'failed' || r.status === 'error').map((r) => r.id)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report?.runWarnings).toHaveLength(1);
    expect(run.report?.runWarnings?.[0]?.kind).toBe('unasked-bytes');
    expect(run.report?.runWarnings?.[0]?.message).toMatch(/^the target sent bytes on an idle kept-alive connection while no request was outstanding, first "HTTP\/1\.1 200 OK\\r\\nX-Echo: Bearer /);
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary.split('\n').filter((line) => line.startsWith('**Warning** (fails nothing): the target sent bytes on an idle kept-alive connection'))).toHaveLength(1);
    expect(run.stdout.split('\n').filter((line) => line.startsWith('warning (fails nothing): the target sent bytes on an idle kept-alive connection'))).toHaveLength(1);
    // Every file of the reports, and what the run printed: no key, no raw escape, no live markup.
    const outputs = [run.stdout, run.stderr, ...readdirSync(run.reportsDir).map((file) => readFileSync(join(run.reportsDir, file), 'utf8'))];
    const secret = key.slice(-24);
    expect(outputs.filter((text) => text.includes(secret))).toEqual([]);
    expect(outputs.filter((text) => text.includes('\u001b[2J'))).toEqual([]);
    expect(readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8')).not.toContain('<script>alert(1)');
  } finally {
    await front.close();
    await server.close();
  }
}, 60_000);
