import { createServer, get as httpGet, type ClientRequest, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpRequest } from '../../src/model';
import { HttpTransport } from '../../src/transport/http-transport';
import { IGNORED_REUSE_AFTER, isStaleReuse, keepAliveAgents, REUSE_IDLE_MS, UNASKED_KEPT_BYTES, type KeepAliveAgents } from '../../src/transport/keep-alive';
import { LOST_AFTER, SILENT_AFTER, TargetGuardTransport } from '../../src/transport/target-guard';
import { startRawServer } from '../support/misbehaving-servers';

/** A node:http server that numbers its sockets and tells the handler which socket, and which request on it, this is. */
interface CountingServer {
  baseUrl: string;
  /** For each request: the socket it came on (1-based) and its number on that socket. */
  seen: { socket: number; nth: number; url: string }[];
  sockets(): number;
  close(): Promise<void>;
}

async function startCounting(handle: (req: IncomingMessage, res: ServerResponse, at: { socket: number; nth: number }) => void): Promise<CountingServer> {
  const ids = new WeakMap<Socket, { socket: number; nth: number }>();
  let count = 0;
  const seen: CountingServer['seen'] = [];
  const server: Server = createServer((req, res) => {
    const at = ids.get(req.socket) ?? { socket: 0, nth: 0 };
    at.nth += 1;
    seen.push({ socket: at.socket, nth: at.nth, url: req.url ?? '' });
    handle(req, res, at);
  });
  server.on('connection', (socket: Socket) => {
    count += 1;
    ids.set(socket, { socket: count, nth: 0 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    sockets: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const get = (server: { baseUrl: string }, path: string): HttpRequest => ({ method: 'GET', url: server.baseUrl + path, path, headers: {}, authVariant: 'none' });

const servers: CountingServer[] = [];
const transports: HttpTransport[] = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function counting(handle: Parameters<typeof startCounting>[0]): Promise<CountingServer> {
  const server = await startCounting(handle);
  servers.push(server);
  return server;
}
function transport(...args: ConstructorParameters<typeof HttpTransport>): HttpTransport {
  const made = new HttpTransport(...args);
  transports.push(made);
  return made;
}

const json = (res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
};

test('sequential exchanges with one target reuse one connection', async () => {
  const server = await counting((_req, res) => json(res));
  const http = transport(2000);
  for (let i = 0; i < 5; i += 1) expect((await http.send(get(server, '/x'), `x${i}`)).response?.status).toBe(200);
  expect(server.sockets()).toBe(1);
  expect(server.seen.map((s) => s.nth)).toEqual([1, 2, 3, 4, 5]);
});

test("an Early Hint on a reused connection is judged by this exchange's bytes alone: the answers before it on the socket are not 1xx bytes", async () => {
  // The informational byte bound counts what this attempt read before the chunk being parsed, not
  // what the socket ever read: three answers of 100 KB before it are twice the bound over.
  const server = await counting((req, res) => {
    if (req.url === '/hinted') res.writeEarlyHints({ link: '</a.css>; rel=preload' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/hinted' ? '{}' : JSON.stringify({ pad: 'x'.repeat(100_000) }));
  });
  const http = transport(2000);
  for (let i = 0; i < 3; i += 1) expect((await http.send(get(server, '/big'), `big${i}`)).response?.status).toBe(200);
  const hinted = await http.send(get(server, '/hinted'), 'hinted');
  expect(hinted.error).toBeUndefined();
  expect(hinted.response?.status).toBe(200);
  expect(server.seen.map((s) => `${s.url}@${s.socket}`)).toEqual(['/big@1', '/big@1', '/big@1', '/hinted@1']);
});

test('sockets per target are bounded: 12 at once open at most the bound', async () => {
  const server = await counting((_req, res) => setTimeout(() => json(res), 20));
  const http = transport(2000, undefined, 3);
  const exchanges = await Promise.all(Array.from({ length: 12 }, (_, i) => http.send(get(server, '/x'), `x${i}`)));
  expect(exchanges.every((e) => e.response?.status === 200)).toBe(true);
  expect(server.sockets()).toBe(3);
});

test('a request that lost the deadline race does not leave its socket to the next one', async () => {
  const server = await counting((req, res) => (req.url === '/slow' ? setTimeout(() => json(res), 300) : json(res)));
  // One socket per target: a socket left to the slow request would hold the only slot.
  const http = transport(100, undefined, 1);
  expect((await http.send(get(server, '/fast'), 'a')).response?.status).toBe(200);
  expect((await http.send(get(server, '/slow'), 'b')).error?.kind).toBe('timeout');
  expect((await http.send(get(server, '/fast'), 'c')).response?.status).toBe(200);
  expect((await http.send(get(server, '/slow'), 'd')).error?.kind).toBe('timeout');
  // The slow request went on the first socket, silent there, and once more on a fresh one (2): a
  // target that ignores kept-alive requests looks just so. Slow there too, so the next slow one on a
  // reused socket (3) is not sent again. Each socket that lost the race was left to no one after it.
  expect(server.seen.map((s) => [s.url, s.socket])).toEqual([
    ['/fast', 1],
    ['/slow', 1],
    ['/slow', 2],
    ['/fast', 3],
    ['/slow', 3],
  ]);
});

test('a body cut at the size bound destroys its socket', async () => {
  const server = await counting((req, res) => (req.url === '/big' ? res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'x'.repeat(10_000)}"`) : json(res)));
  const http = transport(2000, 1000, 1);
  expect((await http.send(get(server, '/big'), 'a')).response?.truncated?.limitBytes).toBe(1000);
  expect((await http.send(get(server, '/small'), 'b')).response?.bodyText).toBe('{"ok":true}');
  expect(server.seen.map((s) => s.socket)).toEqual([1, 2]);
});

test('a response with too many headers (an error) destroys its socket', async () => {
  const server = await counting((req, res) => {
    if (req.url === '/flood') for (let i = 0; i < 1100; i += 1) res.setHeader(`x-h${i}`, '1');
    json(res);
  });
  const http = transport(2000, undefined, 1);
  expect((await http.send(get(server, '/flood'), 'a')).error?.kind).toBe('other');
  expect((await http.send(get(server, '/ok'), 'b')).response?.status).toBe(200);
  expect(server.seen.map((s) => s.socket)).toEqual([1, 2]);
});

test('a target that resets a kept-alive socket as the next request arrives: retried once on a fresh socket, no spurious error', async () => {
  // Every socket's second request is reset before a byte of answer: the stale-socket race, every time.
  const server = await counting((req, res, at) => (at.nth === 2 ? req.socket.resetAndDestroy() : json(res)));
  const http = transport(2000);
  const exchanges = [];
  for (let i = 0; i < 4; i += 1) exchanges.push(await http.send(get(server, `/r${i}`), `x${i}`));
  expect(exchanges.map((e) => e.response?.status ?? e.error?.kind)).toEqual([200, 200, 200, 200]);
  // r0 on socket 1; r1 reset on socket 1, retried on a connection of its own (2, never pooled: the
  // pool's other sockets are as old); r2 on a new pooled socket (3), r3 reset there, retried on 4.
  expect(server.seen.map((s) => `${s.url}@${s.socket}`)).toEqual(['/r0@1', '/r1@1', '/r1@2', '/r2@3', '/r3@3', '/r3@4']);
});

test('a reset on a fresh socket is reported, not retried', async () => {
  const server = await counting((req) => req.socket.resetAndDestroy());
  const exchange = await transport(2000).send(get(server, '/x'), 'x');
  expect(exchange.error?.kind).toBe('reset');
  expect(server.seen).toHaveLength(1);
});

test('a reset after part of the answer came back on a reused socket is reported, not retried', async () => {
  const server = await counting((req, res, at) => {
    if (at.nth === 1) return json(res);
    // Head and part of a body, then RST: the target did answer; it is its failure, not a stale socket.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"par', () => setTimeout(() => req.socket.resetAndDestroy(), 20));
  });
  const http = transport(2000);
  expect((await http.send(get(server, '/a'), 'a')).response?.status).toBe(200);
  expect((await http.send(get(server, '/b'), 'b')).error?.kind).toBe('reset');
  expect(server.seen.map((s) => s.url)).toEqual(['/a', '/b']);
});

test('a target that closes idle keep-alive sockets between requests: each request still gets its answer', async () => {
  const server = await counting((req, res) => {
    const socket = req.socket;
    json(res);
    // Closes the connection right after each answer, without saying so in a Connection header.
    res.on('finish', () => setTimeout(() => socket.end(), 5));
  });
  const http = transport(2000);
  const statuses = [];
  for (let i = 0; i < 4; i += 1) {
    statuses.push((await http.send(get(server, '/x'), `x${i}`)).response?.status);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  expect(statuses).toEqual([200, 200, 200, 200]);
  expect(server.sockets()).toBe(4);
});

test('durations are measured with sub-millisecond resolution (0.1 ms steps)', async () => {
  const server = await counting((_req, res) => setTimeout(() => json(res), 3));
  const http = transport(2000);
  const durations = [];
  for (let i = 0; i < 10; i += 1) durations.push((await http.send(get(server, '/x'), `x${i}`)).durationMs);
  expect(durations.every((d) => Math.round(d * 10) === d * 10 || Math.abs(Math.round(d * 10) - d * 10) < 1e-9)).toBe(true);
  // Whole milliseconds (Date.now) would make every one an integer.
  expect(durations.some((d) => !Number.isInteger(d))).toBe(true);
});

/** A 200 with `headers` (CRLF-terminated lines) in its head and `{}` as its body. */
const ok = (headers = ''): string => `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${headers}Content-Length: 2\r\n\r\n{}`;

/** Every request gets a 200; each socket's first answer is followed by a second, unrequested one: in the same write (`lateMs` undefined) or `lateMs` later. */
function startSmuggling(lateMs?: number): ReturnType<typeof startRawServer> {
  return startRawServer((socket, _later, nth) => {
    const smuggled = nth === 1 ? 'HTTP/1.1 500 Smuggled\r\nContent-Length: 0\r\n\r\n' : '';
    if (lateMs === undefined) return void socket.write(ok() + smuggled);
    socket.write(ok());
    if (smuggled !== '') setTimeout(() => socket.write(smuggled), lateMs);
  });
}

test.each([
  ['in the same chunk as the answer: node:http drops the socket', undefined, 0, 3],
  // A target that answers what no one asked may next do it mid-request: no socket is reused after the sign.
  ['5 ms later, on the idle socket: dropped with the socket, and no socket reused after', 5, 30, 3],
])('bytes a target sends after a complete answer never become the next exchange\'s answer (%s)', async (_when, lateMs, idleMs, connections) => {
  const target = await startSmuggling(lateMs);
  try {
    const http = transport(2000);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await http.send(get(target, '/x'), `x${i}`)).response?.status);
      await new Promise((resolve) => setTimeout(resolve, idleMs));
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(target.connections()).toBe(connections);
  } finally {
    await target.close();
  }
});

test('once a target has sent an answer to no request on an idle socket, its next unsolicited answer is never taken for a later request\'s', async () => {
  // Each connection's first answer is followed by an unsolicited 500 on its own; every later
  // request on it is first answered by one more unsolicited 500, then by its own answer: a server
  // whose answers run one ahead of its requests (a desync), sending the extra while the request waits.
  let strays = 0;
  const target = await startRawServer((socket, later, nth) => {
    const smuggled = 'HTTP/1.1 500 Smuggled\r\nContent-Length: 0\r\n\r\n';
    if (nth > 1) return void socket.write(smuggled + ok());
    socket.write(ok());
    later(5, () => {
      socket.write(smuggled);
      strays += 1;
    });
  });
  try {
    const http = transport(2000);
    const statuses = [(await http.send(get(target, '/a'), 'a')).response?.status];
    // The first stray reaches the idle socket before the next request goes (bounded wait).
    for (let i = 0; i < 100 && strays < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const path of ['/b', '/c']) statuses.push((await http.send(get(target, path), path)).response?.status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(target.connections()).toBe(3);
  } finally {
    await target.close();
  }
});

test('bytes that reach an idle socket a write kept alive end reuse too: the next write goes on a fresh connection', async () => {
  // Writes have pools of their own (a socket kept only when its answer announced keep-alive): a stray there is the same sign.
  let strays = 0;
  const target = await startRawServer((socket, later, nth) => {
    socket.write(ok('Connection: keep-alive\r\n'));
    if (nth > 1) return;
    later(5, () => {
      socket.write('HTTP/1.1 500 Smuggled\r\nContent-Length: 0\r\n\r\n');
      strays += 1;
    });
  });
  try {
    const http = transport(2000);
    const post = (path: string): HttpRequest => ({ ...get(target, path), method: 'POST' });
    const statuses = [(await http.send(post('/a'), 'a')).response?.status];
    for (let i = 0; i < 100 && strays < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    statuses.push((await http.send(post('/b'), 'b')).response?.status);
    expect(statuses).toEqual([200, 200]);
    expect(target.connections()).toBe(2);
  } finally {
    await target.close();
  }
});

describe('what the target sent on an idle kept-alive connection is kept for the reports', () => {
  /**
   * Each connection's first answer is followed, `afterMs` later on the idle socket, by `stray` (on
   * the first connection only), the server closing that connection when `close` says so; every
   * other request gets a 200. Three reads, each sent once the stray has come (bounded waits):
   * what the transport kept of it, and how many connections the reads needed.
   */
  async function afterStray(stray: string | undefined, close = false): Promise<{ statuses: (number | undefined)[]; connections: number; unasked: ReturnType<HttpTransport['unasked']> }> {
    let strays = 0;
    const target = await startRawServer((socket, later, nth) => {
      socket.write(ok());
      if (nth > 1 || stray === undefined || strays > 0) return;
      later(5, () => {
        strays += 1;
        if (close) socket.end(stray);
        else socket.write(stray);
      });
    });
    try {
      const http = transport(2000);
      const statuses = [(await http.send(get(target, '/a'), 'a')).response?.status];
      for (let i = 0; i < 100 && stray !== undefined && strays < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const path of ['/b', '/c']) statuses.push((await http.send(get(target, path), path)).response?.status);
      return { statuses, connections: target.connections(), unasked: http.unasked() };
    } finally {
      await target.close();
    }
  }

  test('an unasked answer: kept once (its start, bounded) and counted, and no connection is reused after it', async () => {
    const stray = `HTTP/1.1 500 Smuggled\r\nContent-Length: 5000\r\n\r\n${'x'.repeat(5000)}`;
    const seen = await afterStray(stray);
    expect(seen.statuses).toEqual([200, 200, 200]);
    expect(seen.connections).toBe(3);
    expect(seen.unasked?.count).toBe(1);
    expect(seen.unasked?.first.startsWith('HTTP/1.1 500 Smuggled\r\n')).toBe(true);
    expect(seen.unasked?.first.length).toBe(UNASKED_KEPT_BYTES);
  });

  test('a 408 before the target closes an idle connection (RFC 9110 §15.5.9) is no unasked answer: nothing kept, and reads go on reusing connections', async () => {
    const seen = await afterStray('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', true);
    expect(seen.statuses).toEqual([200, 200, 200]);
    expect(seen.unasked).toBeUndefined();
    // The first connection ended with the 408; the second carried /b and /c.
    expect(seen.connections).toBe(2);
  });

  test('another 4xx before a close is an unasked answer all the same: only a 408 is the one RFC 9110 allows', async () => {
    const seen = await afterStray('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', true);
    expect(seen.statuses).toEqual([200, 200, 200]);
    expect(seen.unasked?.count).toBe(1);
    expect(seen.unasked?.first.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    expect(seen.connections).toBe(3);
  });

  test('bytes past a whole answer in the same chunk (they do not parse as a next answer) are unasked bytes too: kept, counted, and no connection is reused after them', async () => {
    // Where TCP cuts the bytes must not decide whether the reports hear of them: sent a moment later they reach an idle socket.
    const target = await startRawServer((socket, _later, nth) => socket.write(nth === 1 && target.connections() === 1 ? `${ok()}{"stray":1}` : ok()));
    try {
      const http = transport(2000);
      const statuses = [];
      for (const path of ['/a', '/b', '/c']) statuses.push((await http.send(get(target, path), path)).response?.status);
      expect(statuses).toEqual([200, 200, 200]);
      expect(http.unasked()).toEqual({ count: 1, first: '{"stray":1}' });
      // The first connection went with the stray bytes; /b and /c each on a connection of its own.
      expect(target.connections()).toBe(3);
    } finally {
      await target.close();
    }
  });

  test('a second answer in the same chunk as the first (node:http drops the socket without a word) is unasked bytes too: kept from its status line, and no connection is reused after it', async () => {
    const smuggled = 'HTTP/1.1 500 Smuggled\r\nContent-Length: 0\r\n\r\n';
    const target = await startRawServer((socket, _later, nth) => socket.write(nth === 1 && target.connections() === 1 ? ok() + smuggled : ok()));
    try {
      const http = transport(2000);
      const statuses = [];
      for (const path of ['/a', '/b', '/c']) statuses.push((await http.send(get(target, path), path)).response?.status);
      expect(statuses).toEqual([200, 200, 200]);
      expect(http.unasked()).toEqual({ count: 1, first: smuggled });
      expect(target.connections()).toBe(3);
    } finally {
      await target.close();
    }
  });

  test('a 408 in the same chunk as the answer before it (the target closing the connection at once) is no unasked answer either: nothing kept', async () => {
    // The same 408 a moment later lands on the idle socket and is allowed (RFC 9110 §15.5.9): where TCP cut it must not decide.
    const timeout = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
    const target = await startRawServer((socket, _later, nth) => {
      if (nth === 1 && target.connections() === 1) socket.end(ok() + timeout);
      else socket.write(ok());
    });
    try {
      const http = transport(2000);
      const statuses = [];
      for (const path of ['/a', '/b', '/c']) statuses.push((await http.send(get(target, path), path)).response?.status);
      expect(statuses).toEqual([200, 200, 200]);
      expect(http.unasked()).toBeUndefined();
      // The first connection ended with the 408; the second carried /b and /c.
      expect(target.connections()).toBe(2);
    } finally {
      await target.close();
    }
  });

  test.each([
    ['Connection: close, then the FIN', (socket: Socket) => socket.end(ok('Connection: close\r\n'))],
    ['HTTP/1.0, close-delimited', (socket: Socket) => socket.end('HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{}')],
    ['an answer, then the socket destroyed', (socket: Socket) => {
      socket.write(ok());
      socket.destroy();
    }],
    ['a 100 and the answer in one chunk', (socket: Socket) => socket.write(`HTTP/1.1 100 Continue\r\n\r\n${ok()}`)],
    ['chunked, with trailers', (socket: Socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n')],
    ['a HEAD\'s Content-Length with no body', (socket: Socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n'), 'HEAD'],
  ] as [string, (socket: Socket) => void, HttpRequest['method']?][])('a conformant answer leaves no unasked bytes, four at a time too: %s', async (_name, answer, method = 'GET') => {
    const target = await startRawServer((socket) => answer(socket));
    try {
      const http = transport(2000);
      for (let round = 0; round < 3; round += 1) {
        const exchanges = await Promise.all(['/a', '/b', '/c', '/d'].map((path) => http.send({ ...get(target, path), method }, path)));
        expect(exchanges.map((e) => e.response?.status)).toEqual([200, 200, 200, 200]);
      }
      expect(http.unasked()).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  test('a body cut at --max-body-bytes in the chunk that ends it is no unasked bytes: the suite dropped that socket itself, and reuse goes on', async () => {
    // The head first, then the whole body in one later chunk: read as it is parsed, the body crosses
    // the bound and the cut destroys the socket while node:http is still parsing that chunk, which
    // then ends the answer. Nothing came past the answer.
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n';
    const target = await startRawServer((socket, later, nth) => {
      if (nth > 1 || target.connections() > 1) return void socket.write(ok());
      socket.write(head);
      later(5, () => socket.write('{"a":"0123456789ab"}'));
    });
    try {
      const http = transport(2000, 10);
      const first = await http.send(get(target, '/a'), 'a');
      expect(first.response?.truncated).toMatchObject({ limitBytes: 10, receivedBytes: 20 });
      const statuses = [];
      for (const path of ['/b', '/c']) statuses.push((await http.send(get(target, path), path)).response?.status);
      expect(statuses).toEqual([200, 200]);
      expect(http.unasked()).toBeUndefined();
      // The cut connection, then one kept alive for /b and /c.
      expect(target.connections()).toBe(2);
    } finally {
      await target.close();
    }
  });

  test('an unasked answer sent just before the real one is the request\'s answer on the wire: the real one, come after it on the idle socket, is what the warning shows, and no connection is reused after it', async () => {
    // What a proxy that injects a whole response ahead of the target's looks like: no HTTP/1.1 client
    // can tell the two apart (the first on the connection answers the request), so the case is judged
    // on the injected one and the warning's excerpt is the target's own answer, one a run shows as real.
    const injected = 'HTTP/1.1 500 Injected\r\nContent-Length: 0\r\n\r\n';
    let late = 0;
    const target = await startRawServer((socket, later, nth) => {
      // No Nagle: the late answer leaves at once, and so reaches the idle socket (see README, Kept-alive connections).
      socket.setNoDelay(true);
      if (nth > 1 || target.connections() > 1) return void socket.write(ok());
      socket.write(injected);
      later(5, () => {
        socket.write(ok('X-Real: 1\r\n'));
        late += 1;
      });
    });
    try {
      const http = transport(2000);
      const statuses = [(await http.send(get(target, '/a'), 'a')).response?.status];
      for (let i = 0; i < 100 && (late < 1 || http.unasked() === undefined); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      for (const path of ['/b', '/c']) statuses.push((await http.send(get(target, path), path)).response?.status);
      expect(statuses).toEqual([500, 200, 200]);
      expect(http.unasked()?.count).toBe(1);
      expect(http.unasked()?.first).toBe(ok('X-Real: 1\r\n'));
      expect(target.connections()).toBe(3);
    } finally {
      await target.close();
    }
  });

  test('a conformant target: nothing kept, one connection for every read', async () => {
    const seen = await afterStray(undefined);
    expect(seen.statuses).toEqual([200, 200, 200]);
    expect(seen.unasked).toBeUndefined();
    expect(seen.connections).toBe(1);
  });
});

test('a write reuses a kept-alive connection and is never sent twice, even when reset before a byte came back', async () => {
  const server = await counting((req, res, at) => {
    req.resume();
    // Every socket's second request is reset before a byte of answer: the stale-socket race, every time.
    req.on('end', () => (at.nth === 2 ? req.socket.resetAndDestroy() : json(res)));
  });
  const http = transport(2000);
  const post = (path: string): HttpRequest => ({ ...get(server, path), method: 'POST' });
  expect((await http.send(post('/a'), 'a')).response?.status).toBe(200);
  const reset = await http.send(post('/b'), 'b');
  expect(reset.error?.kind).toBe('reset');
  expect(reset.error?.message).toMatch(/kept-alive connection before any byte of the answer came back.*a write is never sent twice/);
  // /b went on /a's socket and, reset there, was not sent again; a read in its place would have been.
  expect(server.seen.map((s) => `${s.url}@${s.socket}#${s.nth}`)).toEqual(['/a@1#1', '/b@1#2']);
  expect((await http.send(get(server, '/c'), 'c')).response?.status).toBe(200);
  expect(server.seen.map((s) => `${s.url}@${s.socket}#${s.nth}`).slice(2)).toEqual(['/c@2#1']);
});

test('a socket idle past the bound is closed, not reused: the next write gets a fresh one', async () => {
  const server = await counting((req, res) => {
    req.resume();
    req.on('end', () => json(res));
  });
  const idleMs = 50;
  const http = transport(2000, undefined, undefined, idleMs);
  const post = (path: string): HttpRequest => ({ ...get(server, path), method: 'POST' });
  expect((await http.send(post('/a'), 'a')).response?.status).toBe(200);
  expect((await http.send(post('/b'), 'b')).response?.status).toBe(200);
  // Several times the bound: node:http's socket timeout has closed the free socket by then.
  await new Promise((resolve) => setTimeout(resolve, idleMs * 6));
  expect((await http.send(post('/c'), 'c')).response?.status).toBe(200);
  expect(server.seen.map((s) => `${s.url}@${s.socket}`)).toEqual(['/a@1', '/b@1', '/c@2']);
});

test.each([
  ['announce keep-alive with Connection: keep-alive', 'Connection: keep-alive\r\n', 1],
  ['announce keep-alive with a Keep-Alive header', 'Keep-Alive: timeout=5\r\n', 1],
  ['say nothing (HTTP/1.1 is persistent by default)', '', 3],
])('writes go on a reused socket only after an answer that announced keep-alive: answers that %s', async (_what, headers, connections) => {
  const target = await startRawServer((socket) => socket.write(ok(headers)));
  try {
    const http = transport(2000);
    const post = (path: string): HttpRequest => ({ ...get(target, path), method: 'POST' });
    for (let i = 0; i < 3; i += 1) expect((await http.send(post(`/w${i}`), `w${i}`)).response?.status).toBe(200);
    expect(target.connections()).toBe(connections);
    // Reads reuse whatever the answer said.
    const before = target.connections();
    for (let i = 0; i < 3; i += 1) expect((await http.send(get(target, `/r${i}`), `r${i}`)).response?.status).toBe(200);
    expect(target.connections()).toBe(before + 1);
  } finally {
    await target.close();
  }
});

test('a target seen closing a kept-alive socket early (a read reset on reuse) gets no write on a reused socket after: the write is answered, sent once', async () => {
  // Announces keep-alive, yet every socket's second request meets the close (an idle timeout of
  // a millisecond or two, firing as the request arrives): the read is retried, and the target known.
  const target = await startRawServer((socket, _later, nth) => (nth === 2 ? socket.resetAndDestroy() : socket.write(ok('Connection: keep-alive\r\n'))));
  try {
    const http = transport(2000);
    const post = (path: string): HttpRequest => ({ ...get(target, path), method: 'POST' });
    expect((await http.send(get(target, '/r0'), 'r0')).response?.status).toBe(200);
    expect((await http.send(post('/w0'), 'w0')).response?.status).toBe(200);
    // The read's socket is reused and reset: retried on a connection of its own.
    expect((await http.send(get(target, '/r1'), 'r1')).response?.status).toBe(200);
    // The write's socket, as old, would meet the same close; the write goes on a new connection.
    const write = await http.send(post('/w1'), 'w1');
    expect(write.response?.status ?? write.error?.message).toBe(200);
    expect(target.requests).toEqual(['GET /r0 HTTP/1.1', 'POST /w0 HTTP/1.1', 'GET /r1 HTTP/1.1', 'GET /r1 HTTP/1.1', 'POST /w1 HTTP/1.1']);
  } finally {
    await target.close();
  }
});

test('a read reset on a reused socket is retried on a new connection, never on another pooled socket as old as the first', async () => {
  const server = await counting((req, res, at) => (at.nth === 2 ? req.socket.resetAndDestroy() : json(res)));
  const http = transport(2000);
  // Two sockets in the pool, each with one answer behind it: both meet the close on their next request.
  expect((await Promise.all([http.send(get(server, '/a'), 'a'), http.send(get(server, '/b'), 'b')])).map((e) => e.response?.status)).toEqual([200, 200]);
  const read = await http.send(get(server, '/c'), 'c');
  expect(read.response?.status ?? read.error?.message).toBe(200);
  expect(server.seen.filter((s) => s.url === '/c').map((s) => s.nth)).toEqual([2, 1]);
});

test('a read handed a socket the instant the last answer freed it (node:http\'s queue) is a reused socket too: reset there, it is retried', async () => {
  const server = await counting((req, res, at) => (at.nth === 2 ? req.socket.resetAndDestroy() : json(res)));
  // One socket: the second read waits in the agent's queue and gets the first's socket as it frees.
  const http = transport(2000, undefined, 1);
  const exchanges = await Promise.all([http.send(get(server, '/a'), 'a'), http.send(get(server, '/b'), 'b')]);
  expect(exchanges.map((e) => e.response?.status ?? e.error?.message)).toEqual([200, 200]);
  expect(server.seen.map((s) => `${s.url}@${s.socket}#${s.nth}`)).toEqual(['/a@1#1', '/b@1#2', '/b@2#1']);
});

/**
 * Runs `then` once the read agent has pooled the first socket it frees: a close or a 408 sent on a
 * timer from the answer could, on a loaded machine, reach the socket before node:http freed it,
 * where it is no idle socket's but the answer's own trailing bytes (another path, pastAnswer).
 */
function whenPooled(agents: KeepAliveAgents, then: () => void): void {
  agents.reads.http.once('free', () => setImmediate(then));
}

/** Reads one answer through `agents`' read agent and resolves once its socket has closed, however. */
function readUntilClosed(agents: KeepAliveAgents, baseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpGet(`${baseUrl}/x`, { agent: agents.reads.http }, (res) => res.resume());
    req.on('socket', (socket: Socket) => socket.once('close', () => resolve()));
    req.on('error', reject);
  });
}

test.each([
  ['the target ends it 5 ms after its answer (a FIN on a pooled socket)', 5, 1000, false],
  ['the agent closes it itself at its own idle bound (no FIN from the target)', undefined, 20, true],
])('an idle kept-alive socket that closes: writes keep reusing sockets only if the target did not close it: %s', async (_what, targetIdleMs, agentIdleMs, writesReuse) => {
  let close: (() => void) | undefined;
  const target = await startRawServer((socket, later) => {
    socket.write(ok('Connection: keep-alive\r\n'));
    if (targetIdleMs !== undefined) close = () => later(targetIdleMs, () => socket.end());
  });
  const agents = keepAliveAgents(2, agentIdleMs);
  whenPooled(agents, () => close?.());
  try {
    await readUntilClosed(agents, target.baseUrl);
    expect(agents.writesReuse).toBe(writesReuse);
  } finally {
    for (const agent of [agents.reads.http, agents.writes.http]) agent.destroy();
    await target.close();
  }
});

test('a 408 on an idle socket, still open, is the close it announces: writes stop reusing sockets, reads go on, nothing is kept', async () => {
  let announce: (() => void) | undefined;
  const target = await startRawServer((socket, later) => {
    socket.write(ok('Connection: keep-alive\r\n'));
    // No FIN: only the 408 says the target is closing idle connections.
    announce = () => later(5, () => socket.write('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
  });
  const agents = keepAliveAgents(2, 1000);
  whenPooled(agents, () => announce?.());
  try {
    await readUntilClosed(agents, target.baseUrl);
    expect({ reuse: agents.reuse, writesReuse: agents.writesReuse, unasked: agents.unasked() }).toEqual({ reuse: true, writesReuse: false, unasked: undefined });
  } finally {
    for (const agent of [agents.reads.http, agents.writes.http]) agent.destroy();
    await target.close();
  }
});

test('a target that closes each connection right after its answer without saying so: every write gets its answer, each sent once', async () => {
  // Ends each connection right after its answer, without a Connection: close.
  const target = await startRawServer((socket) => socket.end(ok()));
  try {
    const http = transport(2000);
    const exchanges = [];
    for (let i = 0; i < 6; i += 1) exchanges.push(await http.send({ ...get(target, `/w${i}`), method: 'POST' }, `w${i}`));
    expect(exchanges.map((e) => e.response?.status ?? e.error?.message)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(target.requests).toHaveLength(6);
  } finally {
    await target.close();
  }
});

test('an answer slower than the idle bound is still read: the bound closes only free sockets', async () => {
  const server = await counting((_req, res) => setTimeout(() => json(res), 200));
  const http = transport(2000, undefined, undefined, 50);
  expect((await http.send({ ...get(server, '/slow'), method: 'POST' }, 'a')).response?.status).toBe(200);
});

test('after close nothing more is sent: a case Jest gave up on cannot go on once the run has ended', async () => {
  const server = await counting((_req, res) => json(res));
  const http = transport(2000);
  expect((await http.send(get(server, '/a'), 'a')).response?.status).toBe(200);
  http.close();
  const after = await http.send(get(server, '/b'), 'b');
  expect(after.error?.message).toMatch(/not sent: the run had ended/);
  expect(server.seen.map((s) => s.url)).toEqual(['/a']);
});

test('close ends a write in flight too', async () => {
  // A target that never answers: the write would otherwise wait for its whole deadline.
  const server = await counting(() => undefined);
  const http = transport(60_000);
  const write = http.send({ ...get(server, '/w'), method: 'POST' }, 'w');
  for (let i = 0; i < 400 && server.seen.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  http.close();
  expect((await write).error?.kind).toBe('reset');
});

test('a reset after part of the status line came back on a reused socket is reported, not retried: bytes came, so the target answered', async () => {
  const server = await counting((req, res, at) => {
    if (at.nth === 1) return json(res);
    // Before node:http has a whole head (no 'response' yet): the error is the request's, and the
    // bytes read since the request got the socket are all that tell it from the stale-socket race.
    req.socket.write('HTTP/1.1 200 O', () => setTimeout(() => req.socket.resetAndDestroy(), 20));
  });
  const http = transport(2000);
  expect((await http.send(get(server, '/a'), 'a')).response?.status).toBe(200);
  const broken = await http.send(get(server, '/b'), 'b');
  expect(broken.response).toBeUndefined();
  expect(server.seen.map((s) => s.url)).toEqual(['/a', '/b']);
});

test('a socket whose last answer no longer announced keep-alive carries no write, though an earlier answer on it did', async () => {
  // Each connection's first answer announces keep-alive, the ones after it do not.
  const target = await startRawServer((socket, _later, nth) => socket.write(ok(nth === 1 ? 'Connection: keep-alive\r\n' : '')));
  try {
    const http = transport(2000);
    const post = (path: string): HttpRequest => ({ ...get(target, path), method: 'POST' });
    for (let i = 0; i < 3; i += 1) expect((await http.send(post(`/w${i}`), `w${i}`)).response?.status).toBe(200);
    // w0 on connection 1 (announced), w1 reuses it (not announced: closed after), w2 on connection 2.
    expect(target.connections()).toBe(2);
  } finally {
    await target.close();
  }
});

test('once the target is seen closing idle sockets early, writes sent together each get a connection of their own: none is handed the socket another just freed', async () => {
  // Announces keep-alive on every answer, yet resets each socket's second request (an idle close racing it).
  const target = await startRawServer((socket, _later, nth) => (nth === 2 ? socket.resetAndDestroy() : socket.write(ok('Connection: keep-alive\r\n'))));
  try {
    // One socket per target: a queued request is handed the socket the one before it frees.
    const http = transport(2000, undefined, 1);
    const post = (path: string): HttpRequest => ({ ...get(target, path), method: 'POST' });
    expect((await http.send(get(target, '/r0'), 'r0')).response?.status).toBe(200);
    // Reset on reuse and retried: the target is known to close idle sockets early.
    expect((await http.send(get(target, '/r1'), 'r1')).response?.status).toBe(200);
    const writes = await Promise.all([http.send(post('/w0'), 'w0'), http.send(post('/w1'), 'w1'), http.send(post('/w2'), 'w2')]);
    expect(writes.map((w) => w.response?.status ?? w.error?.message)).toEqual([200, 200, 200]);
    expect(target.requests.filter((line) => line.startsWith('POST'))).toHaveLength(3);
  } finally {
    await target.close();
  }
});

test('close ends a write in flight on a connection of its own (no agent), as a target seen closing idle sockets early gets', async () => {
  const server = await counting((req, res, at) => {
    if (req.method === 'POST') return; // never answered: only close (or the deadline) ends it
    if (at.nth === 2) return req.socket.resetAndDestroy();
    json(res);
  });
  const http = transport(5000);
  expect((await http.send(get(server, '/r0'), 'r0')).response?.status).toBe(200);
  // Reset on reuse and retried: from now on a write goes on a connection of its own, outside the agents.
  expect((await http.send(get(server, '/r1'), 'r1')).response?.status).toBe(200);
  const write = http.send({ ...get(server, '/w'), method: 'POST' }, 'w');
  for (let i = 0; i < 400 && !server.seen.some((s) => s.url === '/w'); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  http.close();
  // Ended by close, not left to its deadline.
  expect((await write).error?.kind).toBe('reset');
});

test('the idle bound stays far below the idle timeout of common servers (Node and Apache close after 5 s)', () => {
  expect(REUSE_IDLE_MS).toBeLessThan(5000);
  expect((keepAliveAgents(2).writes.http as unknown as { options: { timeout?: number } }).options.timeout).toBe(REUSE_IDLE_MS);
});

describe('a target that takes requests on a kept-alive connection and never answers them (a broken proxy or load balancer)', () => {
  // Answers each connection's first request (announcing keep-alive, node:http's default) and ignores the rest.
  const firstOnly = (_req: IncomingMessage, res: ServerResponse, at: { nth: number }): void => {
    if (at.nth === 1) json(res);
  };

  test('each read silent on a reused connection is answered on a fresh one; after the second, no request reuses a connection', async () => {
    const server = await counting(firstOnly);
    const http = transport(300);
    const exchanges = [];
    for (let i = 0; i < 7; i += 1) exchanges.push(await http.send(get(server, `/r${i}`), `r${i}`));
    expect(exchanges.map((e) => e.response?.status ?? e.error?.kind)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    // r0 on socket 1; r1 silent there, answered on a fresh one; r2 on a new pooled socket; r3 silent
    // there, answered on a fresh one: the second, which ends reuse. r4 to r6 each on a connection of its own.
    expect(exchanges.map((e) => e.keepAliveIgnored)).toEqual([undefined, {}, undefined, { endedReuse: true, after: IGNORED_REUSE_AFTER }, undefined, undefined, undefined]);
    expect(server.seen.filter((s) => s.nth > 1).map((s) => s.url)).toEqual(['/r1', '/r3']);
    expect(server.seen.filter((s) => ['/r4', '/r5', '/r6'].includes(s.url)).map((s) => s.nth)).toEqual([1, 1, 1]);
    expect(server.seen).toHaveLength(7 + IGNORED_REUSE_AFTER);
  });

  test('a write on such a connection is never sent twice, and once reads found the target out, writes go on connections of their own', async () => {
    const server = await counting(firstOnly);
    const http = transport(300);
    const post = (path: string): HttpRequest => ({ ...get(server, path), method: 'POST' });
    expect((await http.send(post('/w0'), 'w0')).response?.status).toBe(200);
    // On the writes' reused socket (its answer announced keep-alive): silent, and not sent again.
    expect((await http.send(post('/w1'), 'w1')).error?.kind).toBe('timeout');
    expect(server.seen.filter((s) => s.url === '/w1')).toHaveLength(1);
    for (let i = 0; i < 4; i += 1) expect((await http.send(get(server, `/r${i}`), `r${i}`)).response?.status).toBe(200);
    expect((await http.send(post('/w2'), 'w2')).response?.status).toBe(200);
    expect(server.seen.filter((s) => s.url === '/w2').map((s) => s.nth)).toEqual([1]);
  });

  test('a target that answered and then went silent: one read sent twice at most, its reads time out, and the lost-target stop still ends the run', async () => {
    let served = 0;
    const server = await counting((_req, res) => {
      served += 1;
      if (served <= 2) json(res);
    });
    const guarded = new TargetGuardTransport(transport(200), 'the target');
    const exchanges = [];
    for (let i = 0; i < 2 + LOST_AFTER + 3; i += 1) exchanges.push(await guarded.send(get(server, `/r${i}`), `r${i}`));
    expect(exchanges.map((e) => (e.notSent === true ? 'not sent' : (e.response?.status ?? e.error?.kind)))).toEqual([200, 200, ...Array<string>(LOST_AFTER).fill('timeout'), 'not sent', 'not sent', 'not sent']);
    expect(exchanges.some((e) => e.keepAliveIgnored !== undefined)).toBe(false);
    // r2 went on the reused socket, then on a fresh one; no read after it was sent twice.
    expect(server.seen.map((s) => s.url)).toEqual(['/r0', '/r1', '/r2', '/r2', ...Array.from({ length: LOST_AFTER - 1 }, (_, i) => `/r${i + 3}`)]);
  });

  test('a target silent from the first request is never retried (no connection was reused) and stops the run as before', async () => {
    const server = await counting(() => undefined);
    const guarded = new TargetGuardTransport(transport(200), 'the target');
    const exchanges = [];
    for (let i = 0; i < SILENT_AFTER + 2; i += 1) exchanges.push(await guarded.send(get(server, `/r${i}`), `r${i}`));
    expect(exchanges.filter((e) => e.error?.kind === 'timeout' && e.notSent !== true)).toHaveLength(SILENT_AFTER);
    expect(guarded.stopped()?.cause).toBe('silent');
    expect(server.seen).toHaveLength(SILENT_AFTER);
  });
});

describe('the agents once a target has shown it ignores requests on reused connections', () => {
  test('reuse ends on the second such read, once: a read found out after that (one in flight on another socket) does not end it again', () => {
    const agents = keepAliveAgents(2);
    try {
      const answers = Array.from({ length: IGNORED_REUSE_AFTER + 2 }, () => agents.reuseIgnored());
      expect(answers).toEqual([...Array<boolean>(IGNORED_REUSE_AFTER - 1).fill(false), true, false, false]);
      // Writes stop reusing with reads: a write would meet the same silence, and is never sent twice.
      expect({ reuse: agents.reuse, writesReuse: agents.writesReuse }).toEqual({ reuse: false, writesReuse: false });
    } finally {
      for (const pair of [agents.reads, agents.writes]) pair.http.destroy();
    }
  });

  test('no read socket is left open for nothing: the pooled ones are closed, and one freed by a read in flight is not pooled', async () => {
    let release = (): void => undefined;
    const server = await counting((req, res) => {
      if (req.url === '/slow') release = () => json(res);
      else json(res);
    });
    const agents = keepAliveAgents(2);
    const read = (path: string): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const req = httpGet(`${server.baseUrl}${path}`, { agent: agents.reads.http }, (res) => {
          res.resume();
          res.on('end', () => setImmediate(() => resolve(req.socket as Socket)));
        });
        req.on('error', reject);
      });
    try {
      // A read held by the target on one socket while another's answer leaves its socket pooled.
      const inFlight = read('/slow');
      for (let i = 0; i < 400 && server.seen.length < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      const pooled = await read('/a');
      expect(Object.values(agents.reads.http.freeSockets).flat()).toHaveLength(1);
      for (let i = 0; i < IGNORED_REUSE_AFTER; i += 1) agents.reuseIgnored();
      expect(pooled.destroyed).toBe(true);
      release();
      const freed = await inFlight;
      expect(Object.values(agents.reads.http.freeSockets).flat()).toHaveLength(0);
      expect(freed.destroyed).toBe(true);
    } finally {
      for (const pair of [agents.reads, agents.writes]) pair.http.destroy();
    }
  });
});

test('a read whose fresh connection fails after its reused one stayed silent (a target failing, not its keep-alive) stops these retries too', async () => {
  // Answers each connection's first request and ignores the rest; resets the second connection, the first retry's.
  const server = await counting((req, res, at) => {
    if (at.socket === 2) req.socket.resetAndDestroy();
    else if (at.nth === 1) json(res);
  });
  const http = transport(300);
  const exchanges = [];
  for (let i = 0; i < 4; i += 1) exchanges.push(await http.send(get(server, `/r${i}`), `r${i}`));
  // r1: silent on the reused socket, reset on the fresh one. r3: silent on a reused socket, not sent again.
  expect(exchanges.map((e) => e.response?.status ?? e.error?.kind)).toEqual([200, 'reset', 200, 'timeout']);
  expect(server.seen.map((s) => s.url)).toEqual(['/r0', '/r1', '/r1', '/r2', '/r3']);
});

test('once reuse ended, reads waiting for a socket of the bounded pool are not handed one an answer just freed (node:http\'s queue reuses it)', async () => {
  const firstOnly = (_req: IncomingMessage, res: ServerResponse, at: { nth: number }): void => {
    if (at.nth === 1) json(res);
  };
  const server = await counting(firstOnly);
  // One socket per target: a second read at once waits in the agent's queue.
  const http = transport(300, undefined, 1);
  for (let i = 0; i < 4; i += 1) await http.send(get(server, `/r${i}`), `r${i}`);
  expect(server.seen.filter((s) => s.nth > 1)).toHaveLength(IGNORED_REUSE_AFTER);
  const later = await Promise.all(['/a', '/b', '/c'].map((path) => http.send(get(server, path), path)));
  expect(later.map((e) => [e.response?.status, e.keepAliveIgnored])).toEqual([
    [200, undefined],
    [200, undefined],
    [200, undefined],
  ]);
  expect(server.seen.filter((s) => ['/a', '/b', '/c'].includes(s.url)).map((s) => s.nth)).toEqual([1, 1, 1]);
});

test('isStaleReuse: only a reset or a broken pipe on a reused socket that sent back no byte is the stale-socket race', () => {
  const onReused = (bytesRead: number): ClientRequest => ({ reusedSocket: true, socket: { bytesRead } }) as unknown as ClientRequest;
  const failure = (code: string): Error & { code: string } => Object.assign(new Error(code), { code });
  expect(isStaleReuse(onReused(10), failure('ECONNRESET'), 10)).toBe(true);
  expect(isStaleReuse(onReused(10), failure('EPIPE'), 10)).toBe(true);
  // Another failure is the target's, whatever socket it came on: not sent again, and writes keep reusing.
  for (const code of ['ETIMEDOUT', 'ECONNREFUSED', 'HPE_INVALID_CONSTANT']) expect(isStaleReuse(onReused(10), failure(code), 10)).toBe(false);
  // Bytes came back for this request: the target had begun to answer.
  expect(isStaleReuse(onReused(12), failure('ECONNRESET'), 10)).toBe(false);
});
