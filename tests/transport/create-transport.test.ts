/**
 * The run's transports: closing them ends the kept-alive sockets of the live stack, so a run from
 * code (the library) leaves none open in the user's process. The server here keeps idle sockets for
 * a minute, so only the client's close can end them within the test.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpRequest } from '../../src/model';
import { createTransports, type TransportOptions } from '../../src/transport/create-transport';

test('close() ends the idle kept-alive sockets of a live run (cases and negative inputs share them)', async () => {
  const open = new Set<Socket>();
  const closed: Promise<void>[] = [];
  const server = createServer((_req, res) => res.end('{}'));
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const options: TransportOptions = { mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [] };
  const request: HttpRequest = { method: 'GET', url: `${baseUrl}/v1/x`, path: '/v1/x', headers: {}, authVariant: 'none' };
  try {
    const transports = createTransports(options, '');
    expect((await transports.cases.send(request, 'a')).response?.status).toBe(200);
    expect((await transports.negative.send(request, 'b')).response?.status).toBe(200);
    // One socket, kept alive across both exchanges, and still open on the server's side.
    expect(open.size).toBe(1);
    transports.close();
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([Promise.all(closed).then(() => 'closed'), new Promise((resolve) => (timer = setTimeout(() => resolve('still open'), 5000)))]);
    clearTimeout(timer);
    expect(ended).toBe('closed');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test.each([
  ['a wait for Retry-After (a 429 asking for an hour, capped at 30 s)', { ratePerSecond: undefined }],
  ['a pause of the pacing (--rate, one request a minute)', { ratePerSecond: 1 / 60 }],
])('close() ends %s at once: what it would have sent next is refused, and the target hears nothing more', async (_what, pacing) => {
  let arrived = 0;
  let closeNow = (): void => undefined;
  const server = createServer((_req, res) => {
    arrived += 1;
    res.writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' }).end('{"code":"rate_limited","message":"slow down"}');
    // Closed once the answer that starts the wait has had time to arrive (closed before it has, the
    // request in flight is cut instead: a hang-up, and this test fails; never a false pass).
    setTimeout(() => closeNow(), 500);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const options: TransportOptions = { mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [], ...(pacing.ratePerSecond !== undefined ? { ratePerSecond: pacing.ratePerSecond } : {}) };
  const request: HttpRequest = { method: 'GET', url: `${baseUrl}/v1/x`, path: '/v1/x', headers: {}, authVariant: 'none' };
  try {
    const transports = createTransports(options, '');
    closeNow = () => transports.close();
    // The Retry-After case waits after its one request; the pacing case after the first of two.
    const sent = await Promise.all([transports.cases.send(request, 'a'), ...(pacing.ratePerSecond !== undefined ? [transports.cases.send(request, 'b')] : [])]);
    expect(sent.at(-1)?.error?.message).toMatch(/not sent: the run had ended/);
    expect(arrived).toBe(1);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}, 10_000);
