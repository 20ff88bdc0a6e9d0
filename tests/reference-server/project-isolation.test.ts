/**
 * Projects: the server's key sees only its project's senders. Another project's sender is
 * answered exactly as an unknown id (same status, same body) by every operation, and a start on
 * it changes nothing; that project's own key sees it, and none of the first project's senders.
 */
import { createSenderStore, handleRequest, scopeTo, OWN_PROJECT, startReferenceServer, type HandlerConfig, type PlannedResponse } from '../../src/reference-server';
import { rawRequest } from './raw-request';

const apiKey = `zv_test_${'ab'.repeat(16)}`;
const otherKey = `zv_test_${'cd'.repeat(16)}`;
const OTHER = 'snd_other_project';
const paths = {
  getWhatsAppSyncStatus: (id: string) => ({ method: 'GET', path: `/v1/senders/${id}/whatsapp-sync` }),
  startWhatsAppHistorySync: (id: string) => ({ method: 'POST', path: `/v1/senders/${id}/whatsapp-sync/history` }),
  startWhatsAppContactsSync: (id: string) => ({ method: 'POST', path: `/v1/senders/${id}/whatsapp-sync/contacts` }),
};

function fresh(): { config: HandlerConfig; call: (request: { method: string; path: string }, key?: string) => PlannedResponse } {
  const config: HandlerConfig = { apiKey, otherProjectKeys: { other: otherKey }, store: createSenderStore() };
  return { config, call: (request, key = apiKey) => handleRequest({ ...request, authorization: `Bearer ${key}` }, config).planned };
}

describe.each(Object.entries(paths))('%s', (_operationId, requestFor) => {
  test("another project's sender is answered exactly as an unknown id, and is left unchanged", () => {
    const { config, call } = fresh();
    const before = config.store?.get(OTHER);
    const other = call(requestFor(OTHER));
    const unknown = call(requestFor('snd_nobody'));
    expect(other.status).toBe(404);
    expect(other).toEqual(unknown);
    expect(config.store?.get(OTHER)).toEqual(before);
  });

  test("that project's own key sees its sender, and not the first project's", () => {
    const { call } = fresh();
    expect(call(requestFor(OTHER), otherKey).status).toBe(requestFor(OTHER).method === 'GET' ? 200 : 202);
    expect(call(requestFor('snd_coex_syncable'), otherKey).status).toBe(404);
    expect(call(requestFor('snd_coex_syncable')).status).toBe(requestFor(OTHER).method === 'GET' ? 200 : 202);
  });

  test('without a key it is 401, like any sender: authentication comes first', () => {
    const { config } = fresh();
    expect(handleRequest(requestFor(OTHER), config).planned.status).toBe(401);
  });
});

test('a scoped store hides and protects the other projects\' senders only', () => {
  const store = createSenderStore();
  const own = scopeTo(store, OWN_PROJECT);
  const other = scopeTo(store, 'other');
  const sync = store.get(OTHER);
  if (sync?.kind !== 'coexistence') throw new Error('the seed lacks the other project\'s coexistence sender');
  expect(own.get(OTHER)).toBeUndefined();
  expect(own.setSync(OTHER, { ...sync.sync, status: 'error' })).toBe(false);
  expect(store.get(OTHER)).toEqual(sync);
  expect(other.get(OTHER)).toEqual(sync);
  expect(other.get('snd_coex_active')).toBeUndefined();
  expect(own.get('snd_coex_active')?.id).toBe('snd_coex_active');
});

test('a started server gives each other project of the seed a key of its own, over the wire', async () => {
  const server = await startReferenceServer();
  try {
    const key = server.otherProjectKeys['other'];
    expect(key).toMatch(/^zv_test_[0-9a-f]{32}$/);
    expect(key).not.toBe(server.apiKey);
    const path = `/v1/senders/${server.senders.otherProject}/whatsapp-sync`;
    expect((await rawRequest(server.baseUrl, path, `Bearer ${server.apiKey}`)).status).toBe(404);
    expect((await rawRequest(server.baseUrl, path, `Bearer ${key ?? ''}`)).status).toBe(200);
  } finally {
    await server.close();
  }
});
