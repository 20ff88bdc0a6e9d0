/** The starts over the wire: the 202 and its effect on the GET, refusals, methods, and one store per server. */
import { readFileSync } from 'node:fs';
import { SENDER_FIXTURES, startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { rawRequest, type RawResponse } from './raw-request';
import { schemaErrors } from './spec-schemas';

const roles = (JSON.parse(readFileSync(SENDER_FIXTURES, 'utf8')) as { roles: Record<string, { seeded?: unknown }> }).roles;

let server: ReferenceServer;
beforeEach(async () => {
  server = await startReferenceServer();
});
afterEach(() => server.close());

const syncPath = (id: string, part = ''): string => `/v1/senders/${encodeURIComponent(id)}/whatsapp-sync${part === '' ? '' : `/${part}`}`;
/** A start; `authorization` null sends no Authorization header. */
const post = (part: string, id = server.senders.syncable, authorization: string | null = `Bearer ${server.apiKey}`, body?: string) =>
  rawRequest(server.baseUrl, syncPath(id, part), authorization ?? undefined, 'POST', body);
const get = (id = server.senders.syncable, on = server): Promise<RawResponse> => rawRequest(on.baseUrl, syncPath(id), `Bearer ${on.apiKey}`);
const json = (response: RawResponse) => JSON.parse(response.body) as { message?: string; code?: string; sync?: { history: { status: string }; contacts: { status: string } } };

test('senders has the seeded value of every role of fixtures/senders.json, and nothing else', () => {
  const seeded = Object.fromEntries(Object.entries(roles).flatMap(([name, role]) => (role.seeded === undefined ? [] : [[name, role.seeded]])));
  expect(server.senders).toEqual(seeded);
});

test.each(['history', 'contacts'] as const)('POST %s: 202 JSON start response, the GET after reports it, a second start is 400', async (part) => {
  // A request body is no part of the operation: it is drained and ignored.
  const started = await post(part, server.senders.syncable, `Bearer ${server.apiKey}`, '{"ignored":true}');
  expect(started.status).toBe(202);
  expect(started.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(started.headers['content-length']).toBe(String(Buffer.byteLength(started.body)));
  expect(schemaErrors('WhatsAppSyncStartResponse', json(started))).toEqual([]);
  expect(json(started).sync?.[part].status).toBe('pending');
  const after = await get();
  expect(schemaErrors('WhatsAppSyncStatusResponse', json(after))).toEqual([]);
  expect(json(after).sync).toEqual(json(started).sync);
  const again = await post(part);
  expect(again.status).toBe(400);
  expect(schemaErrors('Error', json(again))).toEqual([]);
  expect(json(again).message).toMatch(/sync is already in progress$/);
});

test.each([
  ['no credentials', () => post('history', server.senders.syncable, null), 401],
  ['a wrong key', () => post('history', server.senders.syncable, 'Bearer zv_test_wrong'), 401],
  ['not active', () => post('history', server.senders.notActive), 400],
  ['no WABA', () => post('contacts', server.senders.noWaba), 400],
  ['not coexistence', () => post('contacts', server.senders.notCoexistence), 400],
  ['an unknown sender', () => post('contacts', 'snd_nobody'), 404],
  ['a completed part (rate limit)', () => post('history', 'snd_coex_active'), 400],
])('%s: an Error with the documented status, and the syncable sender untouched', async (_what, send, status) => {
  const before = (await get()).body;
  const response = await send();
  expect(response.status).toBe(status);
  expect(schemaErrors('Error', json(response))).toEqual([]);
  if (status === 401) expect(response.headers['www-authenticate']).toBe('Bearer');
  expect((await get()).body).toBe(before);
});

test('another method on a start path is 405 with Allow: POST', async () => {
  for (const method of ['GET', 'HEAD', 'PUT']) {
    const response = await rawRequest(server.baseUrl, syncPath(server.senders.syncable, 'contacts'), `Bearer ${server.apiKey}`, method);
    expect({ method, status: response.status, allow: response.headers['allow'] }).toEqual({ method, status: 405, allow: 'POST' });
  }
});

test('a second server has its own store: a start on one is not seen by the other', async () => {
  const other = await startReferenceServer();
  try {
    expect((await post('history')).status).toBe(202);
    expect(json(await get(server.senders.syncable, other)).sync?.history.status).toBe('not_requested');
  } finally {
    await other.close();
  }
});
