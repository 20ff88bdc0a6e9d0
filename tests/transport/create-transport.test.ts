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
