/** The starts in the documented order, the state change they make, and the GET after them, through handleRequest. */
import { createSenderStore, handleRequest, type HandlerConfig, type WhatsAppSyncStatus } from '../../../src/reference-server';
import { schemaErrors } from '../spec-schemas';

const apiKey = `zv_test_${'ab'.repeat(16)}`;
const bearer = `Bearer ${apiKey}`;
const now = () => new Date('2026-12-02T10:00:00.123Z');
const fresh = (): HandlerConfig => ({ apiKey, store: createSenderStore(), now });
const start = (config: HandlerConfig, part: 'history' | 'contacts', senderId: string, authorization: string | null = bearer) =>
  handleRequest({ method: 'POST', path: `/v1/senders/${senderId}/whatsapp-sync/${part}`, ...(authorization !== null ? { authorization } : {}) }, config).planned;
const read = (config: HandlerConfig, senderId: string) => handleRequest({ method: 'GET', path: `/v1/senders/${senderId}/whatsapp-sync`, authorization: bearer }, config).planned;
const body = (planned: { body: string }) => JSON.parse(planned.body) as { code?: string; message?: string; sync?: WhatsAppSyncStatus };

describe.each(['history', 'contacts'] as const)('start %s', (part) => {
  const word = part === 'history' ? 'History' : 'Contacts';
  test.each([
    ['no credentials', 'snd_coex_syncable', null, 401, 'unauthorized', undefined],
    ['an unknown sender (after authentication)', 'snd_nobody', bearer, 404, 'not_found', 'Sender not found'],
    ['no WABA', 'snd_sms_no_waba', bearer, 400, 'bad_request', 'Sender does not have a WhatsApp Business Account connected'],
    ['not coexistence, in the operation\'s own words', 'snd_waba_cloud_api', bearer, 400, 'bad_request', `${word} sync is only available for coexistence accounts`],
    ['an account not active', 'snd_coex_pending_verification', bearer, 400, 'bad_request', 'WhatsApp account is not active'],
    ['a part already syncing', 'snd_coex_syncing', bearer, 400, 'bad_request', `${word} sync is already in progress`],
    ['a part that cannot sync (rate limit)', part === 'history' ? 'snd_coex_active' : 'snd_coex_fresh', bearer, 400, 'bad_request', 'Sync limit reached. Please wait 24 hours before trying again.'],
  ])('%s', (_what, senderId, authorization, status, code, message) => {
    const config = fresh();
    const before = read(config, senderId).body;
    const planned = start(config, part, senderId, authorization);
    expect(planned.status).toBe(status);
    expect(body(planned).code).toBe(code);
    if (message !== undefined) expect(body(planned).message).toBe(message);
    expect(schemaErrors('Error', body(planned))).toEqual([]);
    // A refused start changes nothing.
    expect(read(config, senderId).body).toBe(before);
  });

  test('202 on the syncable sender: that part pending, the other unchanged; the GET after agrees; a second start is in progress', () => {
    const config = fresh();
    const before = body(read(config, 'snd_coex_syncable')).sync;
    const planned = start(config, part, 'snd_coex_syncable');
    expect(planned.status).toBe(202);
    const started = body(planned);
    expect(schemaErrors('WhatsAppSyncStartResponse', started)).toEqual([]);
    expect(started.message).toBe(`${word} sync initiated`);
    expect(started.sync?.[part]).toMatchObject({ status: 'pending', canSync: false, requestedAt: '2026-12-02T10:00:00Z' });
    const other = part === 'history' ? 'contacts' : 'history';
    expect(started.sync?.[other]).toEqual(before?.[other]);
    expect(body(read(config, 'snd_coex_syncable')).sync).toEqual(started.sync);
    expect(body(start(config, part, 'snd_coex_syncable')).message).toBe(`${word} sync is already in progress`);
  });
});

test('two servers (stores) do not share state, and the seed is never changed', () => {
  const first = fresh();
  const second = fresh();
  expect(start(first, 'history', 'snd_coex_syncable').status).toBe(202);
  expect(body(read(second, 'snd_coex_syncable')).sync?.history.status).toBe('not_requested');
  expect(start(second, 'history', 'snd_coex_syncable').status).toBe(202);
});

test('both parts in turn: each start leaves the other part as the previous one left it', () => {
  const config = fresh();
  const history = body(start(config, 'history', 'snd_coex_syncable'));
  const contacts = body(start(config, 'contacts', 'snd_coex_syncable'));
  expect(contacts.message).toBe('Contacts sync initiated');
  expect(contacts.sync?.history).toEqual(history.sync?.history);
  expect(body(read(config, 'snd_coex_syncable')).sync).toMatchObject({ history: { status: 'pending' }, contacts: { status: 'pending' } });
  for (const part of ['history', 'contacts'] as const) expect(start(config, part, 'snd_coex_syncable').status).toBe(400);
});
