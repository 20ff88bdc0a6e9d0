/**
 * A router that answers another spelling of a path with a redirect to its plain one (Go's ServeMux
 * cleaning "//", a rewrite that drops a trailing "."), in front of the API served under a base
 * URL with a path of its own (--base-url http://host/zavu): a conformant target. Its Location holds
 * the base URL's path, which the operation's path as sent does not.
 */
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startReferenceServer } from '../../src/reference-server';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward, passOn } from '../support/reference-proxy';

test('a redirect of "//" and of a trailing "." to the plain path, under the base URL\'s path, is a router\'s answer: exit 0', async () => {
  const server = await startReferenceServer();
  const redirected: string[] = [];
  const gateway = await startScriptedServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith('/zavu/')) {
      res.writeHead(404).end();
      return;
    }
    const at = url.indexOf('?');
    const [path, query] = at === -1 ? [url.slice('/zavu'.length), ''] : [url.slice('/zavu'.length, at), url.slice(at)];
    const plain = path.replace(/\/{2,}/g, '/').replace(/([^/.])\.$/, '$1');
    if (plain !== path) {
      redirected.push(path);
      res.writeHead(301, { location: `/zavu${plain}${query}`, 'content-type': 'text/html' }).end('<a>Moved</a>');
      return;
    }
    req.url = `${path}${query}`;
    forward(server, req).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502).end(`gateway: ${error.message}`),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', `${gateway.baseUrl}/zavu`, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'], serverEnv(server));
    // The rows of this commit reached the router's redirect.
    expect(redirected.some((path) => path.startsWith('/v1//senders/'))).toBe(true);
    expect(redirected.some((path) => path.endsWith('/whatsapp-sync.'))).toBe(true);
    expect(run.report?.results.filter((r) => r.status !== 'passed' && r.status !== 'skipped').map((r) => r.id)).toEqual([]);
    expect(run.code).toBe(0);
  } finally {
    await gateway.close();
    await server.close();
  }
}, 90_000);
