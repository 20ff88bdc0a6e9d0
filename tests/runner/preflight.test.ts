import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { preflight, untrustedCertificateHint } from '../../src/runner/preflight';
import { UnreachableError } from '../../src/model/errors';
import { closedPort, portOf, raw, startRawServer, startScriptedServer } from '../support/misbehaving-servers';

test('a listening server passes', async () => {
  const server = await startScriptedServer((_req, res) => res.end());
  await expect(preflight(server.baseUrl, 1000)).resolves.toBeUndefined();
  await server.close();
});

test('a refused connection is UnreachableError (exit 3) naming target and cause', async () => {
  const port = await closedPort();
  const attempt = preflight(`http://user:pw@127.0.0.1:${port}`, 1000);
  await expect(attempt).rejects.toBeInstanceOf(UnreachableError);
  // The system error's code, for a caller that acts on it (start the server) without reading the line.
  await expect(attempt).rejects.toMatchObject({ exitCode: 3, code: 'ECONNREFUSED', reason: 'connection-refused' });
  await expect(attempt).rejects.toThrow(`target http://127.0.0.1:${port} is unreachable: nothing accepts connections on 127.0.0.1:${port}; is the server started, and listening on that port? (connection-refused: ECONNREFUSED`);
});

test('a refused connection names the host and port nothing listens on, the likely fix first: a mock not started yet, or on another port', async () => {
  // A mock author's first run: the mock not started, or started on its own default port. The error
  // alone ("connect ECONNREFUSED") reads as the suite's network trouble; the line says what to check.
  const port = await closedPort();
  const error = await preflight(`http://localhost:${port}/base`, 1000).then(() => undefined, (caught: unknown) => caught);
  expect((error as Error).message).toMatch(new RegExp(`^target http://localhost:${port}/base is unreachable: nothing accepts connections on localhost:${port}; is the server started, and listening on that port\\? \\(connection-refused: ECONNREFUSED`));
});

test('an unknown host is a dns failure', async () => {
  // .invalid never resolves (RFC 2606), so nothing leaves the machine.
  // No proxy variable of the machine's: the line is then the resolver's alone.
  const attempt = preflight('https://zavu-conformance.invalid', 2000, {});
  await expect(attempt).rejects.toThrow(/unreachable \(dns: /);
  // ENOTFOUND, or EAI_AGAIN where no resolver answers (a machine offline): the resolver's code either way.
  expect(((await attempt.catch((error: unknown) => error)) as UnreachableError).code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
  // Told by reason too: a caller need not know every resolver's code.
  await expect(attempt).rejects.toMatchObject({ reason: 'dns' });
});

test('TLS against a plain HTTP port is a tls failure, with OpenSSL\'s code', async () => {
  const server = await startScriptedServer((_req, res) => res.end());
  try {
    // OpenSSL's "wrong version number" alone sends people after certificates: the line names the URL
    // likely meant, first (a CI log or a NOT RUN line cut short keeps it), then Node's code and OpenSSL's
    // reason, without OpenSSL's internals (thread id, packed code, function, source file and line).
    const error = await preflight(`https://127.0.0.1:${portOf(server)}/base`, 2000).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).code).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
    expect((error as UnreachableError).reason).toBe('tls');
    expect((error as Error).message).toBe(`target https://127.0.0.1:${portOf(server)}/base is unreachable: the port answers without TLS (plain HTTP?); is the target http://127.0.0.1:${portOf(server)}/base? (tls: ERR_SSL_WRONG_VERSION_NUMBER: wrong version number)`);
  } finally {
    await server.close();
  }
});

test('a server that accepts TCP but never completes the TLS handshake: unreachable by the preflight\'s own deadline, not before it and not by anything else', async () => {
  // A ClientHello never ends a request head, so this server never answers at all.
  const server = await startRawServer(raw.neverAnswers());
  // Real I/O turns, kept before the fake clock takes setTimeout: the sockets run on Node's own timers.
  const turn = (): Promise<void> => new Promise((resolveTurn) => setImmediate(resolveTurn));
  // Only the timer functions are faked: the deadline is then the only timer this test moves, so
  // what ends the preflight is its deadline at exactly the limit, never a machine's pace.
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'Date', 'hrtime', 'performance'] });
  try {
    let settled = false;
    const attempt = preflight(`https://127.0.0.1:${portOf(server)}`, 300);
    attempt.then(() => (settled = true), () => (settled = true));
    // Bounded: a loopback connection is accepted within a few I/O turns.
    for (let i = 0; i < 10_000 && server.connections() === 0; i += 1) await turn();
    expect(server.connections()).toBe(1);
    for (let i = 0; i < 20; i += 1) await turn();
    jest.advanceTimersByTime(299);
    for (let i = 0; i < 20; i += 1) await turn();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await turn();
    expect(settled).toBe(true);
    await expect(attempt).rejects.toThrow('is unreachable (no connection within 300 ms)');
    // The suite's own deadline, said with the code Node gives a connection timed out.
    await expect(attempt).rejects.toMatchObject({ code: 'ETIMEDOUT', reason: 'timeout' });
  } finally {
    jest.useRealTimers();
    await server.close();
  }
});

describe('a certificate this machine does not trust', () => {
  // A test-only self-signed certificate for 127.0.0.1 (EC P-256, valid to 2126): Node has no API
  // to make one, and a fixture keeps the test off openssl's presence and version.
  const tlsDir = join(__dirname, '../support/tls');
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createHttpsServer({ key: readFileSync(join(tlsDir, 'self-signed-key.pem')), cert: readFileSync(join(tlsDir, 'self-signed-cert.pem')) }, (_req, res) => res.end());
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

  test('a self-signed certificate: unreachable, the line saying what to do first (NODE_EXTRA_CA_CERTS), then the code', async () => {
    const error = await preflight(`https://127.0.0.1:${port}/zavu`, 2000).then(() => undefined, (caught: unknown) => caught);
    expect(error).toMatchObject({ exitCode: 3, code: 'DEPTH_ZERO_SELF_SIGNED_CERT', reason: 'tls' });
    expect((error as Error).message).toBe(
      `target https://127.0.0.1:${port}/zavu is unreachable: its certificate is not signed by a CA this machine trusts (self-signed, or a private CA); give that CA's certificate as NODE_EXTRA_CA_CERTS=/path/to/ca.pem (which keeps the check on) (tls: DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate)`,
    );
  });

  test('trusted through NODE_EXTRA_CA_CERTS, as the line says, the same target passes', async () => {
    // Node reads NODE_EXTRA_CA_CERTS once, at start: a child process that preflights the same URL
    // (spawned, not spawnSync: the server answers from this process's event loop).
    const child = spawn(process.execPath, ['-r', 'esbuild-register', '-e', `require(${JSON.stringify(join(__dirname, '../../src/runner/preflight'))}).preflight('https://127.0.0.1:${port}', 10000).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(tlsDir, 'self-signed-cert.pem') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((exited) => child.on('close', exited));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});

test("each OpenSSL verdict on a chain no trusted CA ends (a private CA's, a missing intermediate) names NODE_EXTRA_CA_CERTS; an expired or misnamed certificate, which no CA file fixes, does not", () => {
  for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_UNTRUSTED']) {
    expect([code, untrustedCertificateHint(code)]).toEqual([code, expect.stringContaining('NODE_EXTRA_CA_CERTS=/path/to/ca.pem')]);
  }
  for (const code of ['CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ECONNRESET']) expect(untrustedCertificateHint(code)).toBe('');
});
