import { Agent, request } from 'node:http';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { caseRequests } from '../support/case-requests';
import { portOf, startScriptedServer } from '../support/misbehaving-servers';
import { rawRequest } from './raw-request';
import { schemaErrors } from './spec-schemas';

const EXPECTED: Record<string, [number, string]> = {
  'getWhatsAppSyncStatus/no-waba': [400, 'Error'],
  'getWhatsAppSyncStatus/not-coexistence': [400, 'Error'],
  // Their HEAD rows, probed here with GET: the same refusal (the HEAD carries no body to check).
  'getWhatsAppSyncStatus/head-no-waba': [400, 'Error'],
  'getWhatsAppSyncStatus/head-not-coexistence': [400, 'Error'],
  'getWhatsAppSyncStatus/not-active': [200, 'WhatsAppSyncStatusResponse'],
  'getWhatsAppSyncStatus/unknown-sender': [404, 'Error'],
  'getWhatsAppSyncStatus/other-project-sender': [404, 'Error'],
  // Spellings of another project's sender: answered as unknown.
  'getWhatsAppSyncStatus/negative-inputs': [404, 'Error'],
  // Its router matches the path as written: "/v1/%73enders/…" reaches no route (any 4xx is correct there).
  'getWhatsAppSyncStatus/no-credentials-encoded-path': [404, 'Error'],
  // Nor does "/v1/senders/…/./whatsapp-sync".
  'getWhatsAppSyncStatus/no-credentials-dot-segment': [404, 'Error'],
  'getWhatsAppSyncStatus/no-credentials-trailing-slash': [404, 'Error'],
  'getWhatsAppSyncStatus/no-credentials-path-parameter': [404, 'Error'],
  // Nor "/v1//senders/…": its router keeps the empty segment.
  'getWhatsAppSyncStatus/no-credentials-doubled-slash': [404, 'Error'],
  // Nor ".../whatsapp-sync.": it keeps the dot.
  'getWhatsAppSyncStatus/no-credentials-trailing-dot': [404, 'Error'],
  // Its router matches letter case: "/V1/Senders/…/WhatsApp-Sync" reaches no route.
  'getWhatsAppSyncStatus/no-credentials-case-folded-path': [404, 'Error'],
  'getWhatsAppSyncStatus/other-project-sender-trailing-slash': [404, 'Error'],
};

describe('a started reference server', () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer();
  });
  afterAll(() => server.close());

  test('listens on loopback with an ephemeral port and a fresh sandbox-style key', () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).not.toMatch(/:0$/);
    expect(server.apiKey).toMatch(/^zv_test_[0-9a-f]{32}$/);
    expect(server.senders.coexistence.length).toBeGreaterThanOrEqual(5);
  });

  test('answers every planned case over the wire with JSON matching the spec', async () => {
    for (const probe of caseRequests(server)) {
      const response = await rawRequest(server.baseUrl, probe.path, probe.authorization);
      const [status, schema] = probe.caseId.startsWith('getWhatsAppSyncStatus/coexistence[')
        ? [200, 'WhatsAppSyncStatusResponse']
        : // Another project's key on the key's own sender: an unknown id to that project.
          probe.caseId.startsWith('getWhatsAppSyncStatus/own-sender-other-project-key[')
          ? [404, 'Error']
          : (EXPECTED[probe.caseId] ?? [401, 'Error']);
      expect({ caseId: probe.caseId, status: response.status }).toEqual({ caseId: probe.caseId, status });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['content-length']).toBe(String(Buffer.byteLength(response.body)));
      expect(schemaErrors(schema, JSON.parse(response.body))).toEqual([]);
      if (status === 401) expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  test('HEAD gets the GET headers and no body', async () => {
    const path = `/v1/senders/${server.senders.coexistence[0] ?? ''}/whatsapp-sync`;
    const get = await rawRequest(server.baseUrl, path, `Bearer ${server.apiKey}`);
    const head = await rawRequest(server.baseUrl, path, `Bearer ${server.apiKey}`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
  });

  test('another method gets a 405 Error with Allow', async () => {
    const response = await rawRequest(server.baseUrl, '/v1/senders/snd_coex_active/whatsapp-sync', undefined, 'DELETE');
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toContain('GET');
    expect(schemaErrors('Error', JSON.parse(response.body))).toEqual([]);
  });
});

test('close() ends promptly although a keep-alive connection is open, and may be called twice', async () => {
  const server = await startReferenceServer({ apiKey: 'zv_test_fixed' });
  const agent = new Agent({ keepAlive: true });
  const { port } = new URL(server.baseUrl);
  const status = await new Promise<number | undefined>((resolve, reject) => {
    const path = '/v1/senders/snd_coex_active/whatsapp-sync';
    const headers = { authorization: 'bearer zv_test_fixed' };
    const outgoing = request({ host: '127.0.0.1', port, path, agent, headers }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve(incoming.statusCode));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
  expect(status).toBe(200);
  const started = Date.now();
  await Promise.all([server.close(), server.close()]);
  expect(Date.now() - started).toBeLessThan(1000);
  agent.destroy();
});

test('a port in use rejects with EADDRINUSE', async () => {
  const blocker = await startScriptedServer(() => undefined);
  try {
    await expect(startReferenceServer({ port: portOf(blocker) })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  } finally {
    await blocker.close();
  }
});

test.each(['', 'zv test', 'zv_tëst'])('an API key no header could carry (%j) is refused', async (apiKey) => {
  await expect(startReferenceServer({ apiKey })).rejects.toThrow(RangeError);
});

test('the other project\'s key can be given: its sender answers that key, and not the server\'s own', async () => {
  const otherProjectApiKey = 'zv_test_0ther0000000000000000000000000000';
  const server = await startReferenceServer({ otherProjectApiKey });
  try {
    expect(server.otherProjectApiKey).toBe(otherProjectApiKey);
    const read = (key: string) => fetch(`${server.baseUrl}/v1/senders/${server.senders.otherProject}/whatsapp-sync`, { headers: { authorization: `Bearer ${key}` } }).then((res) => res.status);
    expect(await read(otherProjectApiKey)).toBe(200);
    expect(await read(server.apiKey)).toBe(404);
  } finally {
    await server.close();
  }
  await expect(startReferenceServer({ apiKey: otherProjectApiKey, otherProjectApiKey })).rejects.toThrow(/the same as apiKey/);
  await expect(startReferenceServer({ otherProjectApiKey: 'zv test' })).rejects.toThrow(RangeError);
});

test.each([
  ['an invalid status', { status: 42, headers: {}, body: '' }],
  ['a header value node:http refuses', { status: 200, headers: { 'x-bad': 'a\nb' }, body: '{}' }],
])('a fault producing %s gets a 500 Error instead of a crash', async (_label, planned) => {
  const server = await startReferenceServer({ fault: () => planned });
  try {
    const response = await rawRequest(server.baseUrl, '/anything');
    expect(response.status).toBe(500);
    expect(response.headers['x-bad']).toBeUndefined();
    expect(schemaErrors('Error', JSON.parse(response.body))).toEqual([]);
  } finally {
    await server.close();
  }
});
