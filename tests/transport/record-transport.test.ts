import type { Entry } from 'har-format';
import type { HttpRequest } from '../../src/model';
import { createScrubber } from '../../src/recording/scrub';
import type { ZavuEntry } from '../../src/recording/zavu-fields';
import { HttpTransport } from '../../src/transport/http-transport';
import { RecordTransport } from '../../src/transport/record-transport';
import type { Transport } from '../../src/transport/transport';
import { closedPort, startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';

const apiKey = 'zv_test_0123456789abcdef0123456789abcdef';
let server: MisbehavingServer;
const seenAuth: (string | undefined)[] = [];

beforeAll(async () => {
  server = await startScriptedServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    res.writeHead(401, { 'content-type': 'application/json', 'set-cookie': 'sid=abc' }).end(JSON.stringify({ code: 'unauthorized', message: `bad key ${apiKey}` }));
  });
});
afterAll(() => server.close());

function request(baseUrl: string): HttpRequest {
  const path = '/v1/senders/snd_1/whatsapp-sync';
  return { method: 'GET', url: baseUrl + path, path, headers: { accept: 'application/json', authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` }, authVariant: 'basic' };
}

function recorder(entries: Entry[], inner: Transport = new HttpTransport(2000)): RecordTransport {
  return new RecordTransport({ inner, scrubber: createScrubber([apiKey]), sink: (entry) => entries.push(entry), caseMeta: () => ({ scenario: 'auth-basic' }) });
}

test('sends for real, returns the live exchange, and sinks a scrubbed entry', async () => {
  const entries: Entry[] = [];
  const exchange = await recorder(entries).send(request(server.baseUrl), 'auth-basic');
  expect(seenAuth.at(-1)).toBe(request('').headers['authorization']);
  expect(exchange.response?.bodyText).toContain(apiKey); // the suite judges what really came back
  expect(entries).toHaveLength(1);
  const entry = entries[0] as ZavuEntry;
  expect(entry._zavu).toEqual({ caseId: 'auth-basic', scenario: 'auth-basic', authVariant: 'basic', path: '/v1/senders/snd_1/whatsapp-sync' });
  expect(entry.response.status).toBe(401);
  expect(entry.response.content.text).toBe('{"code":"unauthorized","message":"bad key [REDACTED]"}');
  expect(entry.request.headers).toContainEqual({ name: 'authorization', value: '[REDACTED]' });
  expect(entry.response.headers).toContainEqual({ name: 'set-cookie', value: '[REDACTED]' });
  expect(JSON.stringify(entry)).not.toContain(apiKey);
});

test('a transport error is recorded too', async () => {
  const entries: Entry[] = [];
  const exchange = await recorder(entries).send(request(`http://127.0.0.1:${await closedPort()}`), 'auth-basic');
  expect(exchange.error?.kind).toBe('connection-refused');
  expect((entries[0] as ZavuEntry)._zavu.error?.kind).toBe('connection-refused');
  expect(entries[0]?.response.status).toBe(0);
});

test('an entry that still holds the key is refused, not sunk (fail closed before anything reaches disk)', async () => {
  const entries: Entry[] = [];
  const real = createScrubber([apiKey]);
  // A scrubber that misses everything: only the final check stands between the key and the sink.
  const leaky = { ...real, text: (v: string) => v, url: (v: string) => v, body: (v: string) => v, headers: (h: Record<string, string>) => Object.entries(h).map(([name, value]) => ({ name, value })) };
  const transport = new RecordTransport({ inner: new HttpTransport(2000), scrubber: leaky, sink: (e) => entries.push(e), caseMeta: () => ({ scenario: 's' }) });
  await expect(transport.send(request(server.baseUrl), 'c')).rejects.toThrow(/refusing to write the recording/);
  expect(entries).toEqual([]);
});
