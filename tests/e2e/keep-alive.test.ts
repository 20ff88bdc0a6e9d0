/**
 * Kept-alive connections end to end: targets that close kept-alive sockets between requests
 * (as load balancers with short idle timeouts do) must not turn into transport errors. The proxy
 * in front of the reference server resets every socket's second request before answering it: the
 * stale-socket race on every reused socket. Every verdict must be the reference server's own.
 */
import type { Socket } from 'node:net';
import { startReferenceServer } from '../../src/reference-server';
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
