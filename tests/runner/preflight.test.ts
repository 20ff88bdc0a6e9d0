import { preflight } from '../../src/runner/preflight';
import { UnreachableError } from '../../src/model/errors';
import { closedPort, startLoopbackServer } from '../support/loopback-server';

test('a listening server passes', async () => {
  const server = await startLoopbackServer((_req, res) => res.end());
  await expect(preflight(server.baseUrl, 1000)).resolves.toBeUndefined();
  await server.close();
});

test('a refused connection is UnreachableError (exit 3) naming target and cause', async () => {
  const port = await closedPort();
  const attempt = preflight(`http://user:pw@127.0.0.1:${port}`, 1000);
  await expect(attempt).rejects.toBeInstanceOf(UnreachableError);
  await expect(attempt).rejects.toThrow(`target http://127.0.0.1:${port} is unreachable (connection-refused: ECONNREFUSED`);
});

test('an unknown host is a dns failure', async () => {
  // .invalid never resolves (RFC 2606), so nothing leaves the machine.
  await expect(preflight('https://zavu-conformance.invalid', 2000)).rejects.toThrow(/unreachable \(dns: /);
});

test('TLS against a plain HTTP port is a tls failure', async () => {
  const server = await startLoopbackServer((_req, res) => res.end());
  const port = new URL(server.baseUrl).port;
  await expect(preflight(`https://127.0.0.1:${port}`, 2000)).rejects.toThrow(/unreachable \((tls|other|reset): /);
  await server.close();
});
