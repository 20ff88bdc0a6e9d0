/**
 * "Reproduce with:" must send the request the suite sent: the same method, request-target and
 * headers, byte for byte. Each request below goes out once through the live transport and once as
 * its curl, to a server that records the request head, and the two heads must match (Host and
 * Connection aside). The curl is run twice over: by the real curl binary when the machine has one,
 * and always by a model of curl's documented rules (below), so the property is tested everywhere.
 */
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { AuthVariant, HttpRequest, OperationContract } from '../../src/model';
import { formatCurl } from '../../src/reproduce/format-curl';
import { authorizationFor } from '../../src/transport/auth-headers';
import { buildRequest } from '../../src/transport/build-request';
import { HttpTransport } from '../../src/transport/http-transport';
import { senderPath } from '../../src/transport/path-segment';
import { curlModel, curlPath, curlWords, type Head } from '../support/curl-model';

const key = 'zv_test_Fidelity0123456789abcdefA';

/** The read, as the registry loads it (only what building a request looks at matters here). */
const contract: OperationContract = { operationId: 'getWhatsAppSyncStatus', method: 'GET', pathTemplate: '/v1/senders/{senderId}/whatsapp-sync', pathParameters: ['senderId'], writes: false, label: 'GET /v1/senders/{senderId}/whatsapp-sync', responses: [] };

function parseHead(raw: string): Head {
  const [line = '', ...fields] = raw.split('\r\n');
  const [method = '', target = ''] = line.split(' ');
  const headers: Record<string, string> = {};
  for (const field of fields) {
    const at = field.indexOf(':');
    const name = field.slice(0, at).toLowerCase();
    if (name === 'host' || name === 'connection') continue;
    headers[name] = field.slice(at + 1).replace(/^[ \t]+/, '');
  }
  return { method, target, headers };
}

/** A server that keeps each request head (latin1: an obs-text byte such as 0x85 stays one code point) and answers a fixed 200. */
async function startCapture(): Promise<{ origin: string; heads: string[]; close: () => Promise<void> }> {
  const heads: string[] = [];
  const server: Server = createServer((socket) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = received.slice(0, end);
      heads.push(head);
      socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n${head.startsWith('HEAD ') ? '' : '{}'}`);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, heads, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The requests: every method the suite sends, odd paths (a raw "#", dot segments, a lone "%"), a query, and credential variants with odd bytes. */
function requests(origin: string): HttpRequest[] {
  const read = '/v1/senders/{senderId}/whatsapp-sync';
  const make = (method: HttpRequest['method'], path: string, authVariant: AuthVariant): HttpRequest => {
    const authorization = authorizationFor(authVariant, key, 'zv_test_unknownUnknownUnknown0000');
    return { method, url: origin + path, path, headers: { accept: 'application/json', ...(authorization === undefined ? {} : { authorization }) }, authVariant };
  };
  return [
    make('GET', senderPath(read, { id: 'snd_coex_active', raw: false }), 'valid'),
    make('HEAD', senderPath(read, { id: 'snd_coex_active', raw: false }), 'none'),
    make('POST', senderPath(`${read}/history`, { id: 'snd_coex_syncable', raw: false }), 'none'),
    make('POST', `${senderPath(`${read}/contacts`, { id: 'snd_coex_syncable', raw: false })}?zvc=1`, 'wrong-key'),
    make('OPTIONS', senderPath(`${read}/history`, { id: 'snd_coex_syncable', raw: false }), 'none'),
    ...['#', 'a#b', '..', '.', '%', '%2F', "it's $(x) `y`", 'é\n'].map((id) => make('GET', senderPath(read, { id, raw: true }), 'valid')),
    // A row's own spelling of the path (a data file's pathTemplate) with bytes a request line cannot carry.
    buildRequest({ ...contract, pathTemplate: read }, { senderId: 'snd_coex_active' }, 'valid', { baseUrl: origin, apiKey: key, unknownKey: 'zv_test_unknown' }, { pathTemplate: '/v1/senders/{senderId}/whatsapp sync/é' }),
    ...(['basic', 'control-chars', 'long-token', 'extra-spaces', 'empty-bearer', 'case-changed', 'truncated'] as const).map((variant) => make('GET', senderPath(read, { id: 'snd_coex_active', raw: false }), variant)),
  ];
}

/** Sends every request through the transport, then hands each one's head and curl to `compare`. */
async function eachSentAndItsCurl(compare: (sent: Head, curl: string, origin: string, capture: { heads: string[] }) => Promise<void>): Promise<void> {
  const capture = await startCapture();
  const transport = new HttpTransport(5000);
  try {
    for (const request of requests(capture.origin)) {
      const before = capture.heads.length;
      const exchange = await transport.send(request, 'fidelity');
      expect(exchange.error).toBeUndefined();
      await compare(parseHead(capture.heads[before] ?? ''), formatCurl(request), capture.origin, capture);
    }
  } finally {
    transport.close();
    await capture.close();
  }
}

test('node-only: the curl of every request, by curl\'s documented rules, sends the method, request-target and headers the suite sent', async () => {
  await eachSentAndItsCurl(async (sent, curl) => {
    const { origin: _origin, ...head } = curlModel(curlWords(curl, key));
    expect({ curl, ...head }).toEqual({ curl, ...sent });
  });
});

if (curlPath() === '') console.warn('curl-fidelity: no curl binary on PATH; the test that runs real curl is skipped (the node-only model above still runs)');

(curlPath() === '' ? test.skip : test)('real curl: the curl of every request sends, byte for byte, the head the suite sent (skipped without a curl binary)', async () => {
  await eachSentAndItsCurl(async (sent, curl, _origin, capture) => {
    const before = capture.heads.length;
    await new Promise<void>((resolve) => execFile('bash', ['--norc', '-c', `${curl} >/dev/null`], { env: { PATH: process.env['PATH'] ?? '', ZAVU_API_KEY: key } }, () => resolve()));
    const received = parseHead(capture.heads[before] ?? '');
    expect({ curl, ...received }).toEqual({ curl, ...sent });
  });
});
