/**
 * The transport against servers that misbehave below HTTP semantics. Whatever the server does,
 * send() resolves with an Exchange that says what happened; it never throws and never hangs
 * past its deadline. (Rate-limiting servers: tests/transport/retry-on-429.test.ts.)
 */
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import type { Exchange, HttpRequest } from '../../src/model';
import { HttpTransport } from '../../src/transport/http-transport';
import { raw, startRawServer, startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';

const TIMEOUT_MS = 300;
let server: MisbehavingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function get(path = '/v1/senders/snd_a/whatsapp-sync', headers: Record<string, string> = {}): HttpRequest {
  if (server === undefined) throw new Error('start a server first');
  return { method: 'GET', url: server.baseUrl + path, path, headers, authVariant: 'valid' };
}

/**
 * The deadline of an exchange that should be answered: long, so a loaded CI machine (the 300 ms
 * deadline once lost a gzip answer on two busy cores) fails no test; a timeout is asked for by name.
 */
const ANSWERED_MS = 10_000;

const send = (request: HttpRequest, timeoutMs = ANSWERED_MS): Promise<Exchange> => new HttpTransport(timeoutMs).send(request, 'resilience#1');

describe('servers that do not finish in time', () => {
  it('never answers → timeout at the transport deadline, no response at all', async () => {
    server = await startRawServer(raw.neverAnswers());
    const exchange = await send(get(), TIMEOUT_MS);
    expect(exchange.error).toEqual({ kind: 'timeout', message: `no complete response within ${TIMEOUT_MS} ms` });
    expect(exchange.response).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  // A head then a stalled or dripped body is not "no response": the words say how much came.
  it.each([
    ['sends headers, then stalls', raw.headersThenStall(), false],
    ['trickles one byte every 40 ms (never idle, never done)', raw.trickle(40, 500), true],
  ])('%s → timeout at the transport deadline, saying the head and how many bytes came', async (_name, behaviour, dripped) => {
    server = await startRawServer(behaviour);
    const exchange = await send(get(), TIMEOUT_MS);
    expect(exchange.error?.kind).toBe('timeout');
    const match = /^status 200 and (\d+) bytes of the answer came, not the rest, within 300 ms$/.exec(exchange.error?.message ?? '');
    expect(match).not.toBeNull();
    // The head as both servers write it (writeHead, a three-digit Content-Length); a drip adds its bytes to it.
    const head = Buffer.byteLength('HTTP/1.1 200 X\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n');
    const bytes = Number(match?.[1]);
    if (dripped) expect(bytes).toBeGreaterThan(head);
    else expect(bytes).toBe(head);
    expect(exchange.response).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  // The bytes said are the answer's: 1xx heads before it (103 Early Hints, an unasked 100 Continue)
  // are no part of it, and counted in they would make a stalled head look like a head and a body.
  it('1xx heads, then the head, then a stall → the head\'s bytes alone', async () => {
    const head = 'HTTP/1.1 200 X\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n';
    server = await startRawServer((socket, later) => {
      socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n');
      later(20, () => socket.write(head));
    });
    const exchange = await send(get(), TIMEOUT_MS);
    expect(exchange.error).toEqual({ kind: 'timeout', message: `status 200 and ${Buffer.byteLength(head)} bytes of the answer came, not the rest, within ${TIMEOUT_MS} ms`, headCame: true, headStatus: 200 });
  });
});

describe('connections that end too early', () => {
  const truncatedGzip = gzipSync(JSON.stringify({ code: 'x'.repeat(2000) })).subarray(0, 30);
  it.each([
    ['a body shorter than its Content-Length, then FIN', raw.truncated('{"sync":', 100)],
    ['a gzip body cut short, then FIN', raw.truncated(truncatedGzip, 500, { 'content-encoding': 'gzip' })],
    ['headers and half a body, then RST', raw.resetMidResponse()],
    ['RST before any response byte', raw.resetBeforeResponse()],
  ])('%s → transport error "reset", never a partial body', async (_name, behaviour) => {
    server = await startRawServer(behaviour);
    const exchange = await send(get());
    // A cut-short body must not pass as a response: json-body would judge the fragment as the server's answer.
    expect(exchange.response).toBeUndefined();
    expect(exchange.error?.kind).toBe('reset');
  });
});

describe('bodies in every framing and coding', () => {
  const body = JSON.stringify({ code: 'not_found', message: 'Sender not found' });

  it('receives a 3 MB JSON body whole', async () => {
    const big = JSON.stringify({ items: Array.from({ length: 60_000 }, (_, index) => ({ index, pad: 'x'.repeat(40) })) });
    expect(big.length).toBeGreaterThan(3_000_000);
    server = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(big));
    const exchange = await send(get());
    expect(exchange.response?.bodyText).toBe(big);
  });

  it.each([
    ['gzip', gzipSync],
    ['GZIP', gzipSync], // content-codings are case-insensitive (RFC 9110 §8.4.1)
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync], // the raw deflate some servers send
    ['br', brotliCompressSync],
  ])('decodes Content-Encoding %s', async (coding, compress) => {
    server = await startScriptedServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json', 'content-encoding': coding }).end(compress(body)));
    const exchange = await send(get());
    expect(exchange.response).toMatchObject({ status: 404, bodyText: body });
  });

  it.each(['constructor', '__proto__'])('keeps a body coded %s as received: a name an object answers for itself is no decoder (it threw past the transport)', async (coding) => {
    server = await startScriptedServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json', 'content-encoding': coding }).end(body));
    const exchange = await send(get());
    expect(exchange.error).toBeUndefined();
    expect(exchange.response).toMatchObject({ status: 404, bodyText: body });
  });

  it('advertises the codings it decodes, unless the request sets its own', async () => {
    const seen: (string | undefined)[] = [];
    server = await startScriptedServer((req, res) => {
      seen.push(req.headers['accept-encoding']);
      res.end('{}');
    });
    await send(get());
    await send(get(undefined, { 'accept-encoding': 'identity' }));
    expect(seen).toEqual(['gzip, deflate, br', 'identity']);
  });

  it('reports a body that does not decode as a transport error, without throwing', async () => {
    server = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('plain text, not gzip'));
    const exchange = await send(get());
    expect(exchange.error).toEqual({ kind: 'other', message: expect.stringContaining('gzip body cannot be decoded') });
  });

  it('keeps an empty body with a Content-Encoding as empty', async () => {
    server = await startScriptedServer((_req, res) => res.writeHead(204, { 'content-encoding': 'gzip' }).end());
    expect((await send(get())).response).toMatchObject({ status: 204, bodyText: '' });
  });

  it('reassembles a chunked body', async () => {
    server = await startScriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(body.slice(0, 5));
      setImmediate(() => res.end(body.slice(5)));
    });
    const exchange = await send(get());
    expect(exchange.response?.headers['transfer-encoding']).toBe('chunked');
    expect(exchange.response?.bodyText).toBe(body);
  });

  it('keeps a response without Content-Type as it came', async () => {
    server = await startScriptedServer((_req, res) => res.writeHead(200).end(body));
    const exchange = await send(get());
    expect(exchange.response?.headers['content-type']).toBeUndefined();
    expect(exchange.response?.bodyText).toBe(body);
  });

  it('reports a 302 instead of following it', async () => {
    server = await startScriptedServer((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const exchange = await send(get());
    expect(exchange.response).toMatchObject({ status: 302, headers: expect.objectContaining({ location: '/elsewhere' }) });
    expect(server.requests).toHaveLength(1);
  });
});

describe('paths go on the wire as written', () => {
  it.each([
    '/v1/senders/../whatsapp-sync',
    '/v1/senders/%2e%2e/whatsapp-sync',
    '/v1/senders/100%/whatsapp-sync',
    '/v1/senders/a\\b/whatsapp-sync',
    '/v1/senders/a#b/whatsapp-sync',
    '/v1/senders/a%2Fb;c/whatsapp-sync?x=1',
  ])('%s', async (path) => {
    server = await startScriptedServer((_req, res) => res.end('{}'));
    const exchange = await send(get(path));
    expect(exchange.error).toBeUndefined();
    expect(server.requests).toEqual([`GET ${path}`]);
  });

  it('keeps a base URL path prefix and escapes only what a request line cannot carry', async () => {
    server = await startScriptedServer((_req, res) => res.end('{}'));
    await new HttpTransport(ANSWERED_MS).send({ ...get('/v1/x y/é'), url: `${server.baseUrl}/api/v1/x y/é` }, 'x');
    expect(server.requests).toEqual(['GET /api/v1/x%20y/%C3%A9']);
  });
});

describe('Content-Length framing a client must not guess at (RFC 9112 §6.3)', () => {
  const answerWith = (fields: string, body = '{}'): Parameters<typeof startRawServer>[0] => (socket) => socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n${fields}\r\n${body}`);
  it('a tab before the value is whitespace HTTP allows (OWS): the answer is read', async () => {
    server = await startRawServer(answerWith('Content-Length:\t2\r\n'));
    expect((await send(get())).response).toMatchObject({ status: 200, bodyText: '{}' });
  });
  it.each([
    ['a space inside the number', 'Content-Length: 1 2\r\n', /Content-Length/],
    ['the field twice, equal values', 'Content-Length: 2\r\nContent-Length: 2\r\n', /Duplicate Content-Length/],
    ['the field twice, different values', 'Content-Length: 2\r\nContent-Length: 7\r\n', /Duplicate Content-Length/],
    ['Content-Length and Transfer-Encoding: chunked (§6.1: a server MUST NOT send both)', 'Content-Length: 2\r\nTransfer-Encoding: chunked\r\n', /Transfer-Encoding can't be present with Content-Length/],
  ])('%s → a transport error naming the framing, never a body read on a guess', async (_name, fields, named) => {
    server = await startRawServer(answerWith(fields, fields.includes('chunked') ? '2\r\n{}\r\n0\r\n\r\n' : '{}'));
    const exchange = await send(get());
    expect(exchange.response).toBeUndefined();
    expect(exchange.error?.kind).toBe('other');
    expect(exchange.error?.message).toMatch(named);
  });
});
