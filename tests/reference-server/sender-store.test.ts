/** One store per server: seeded by copy from fixtures/senders.json, isolated, and never aliased. */
import { readFileSync } from 'node:fs';
import { createSenderStore, SEED_SENDERS, SENDER_FIXTURES, storeOf, type SeedSender, type WhatsAppSyncStatus } from '../../src/reference-server';

const fileSeed = (JSON.parse(readFileSync(SENDER_FIXTURES, 'utf8')) as { seed: SeedSender[] }).seed;

/** The sync state of a coexistence sender in the store; throws if the seed no longer has one. */
function syncOf(store: ReturnType<typeof createSenderStore>, id: string): WhatsAppSyncStatus {
  const sender = store.get(id);
  if (sender?.kind !== 'coexistence') throw new Error(`${id} is no coexistence sender in the seed any more`);
  return sender.sync;
}

const errorSync = (sync: WhatsAppSyncStatus): WhatsAppSyncStatus => ({ ...sync, status: 'error' });

test('a new store holds every record of the fixture file, and nothing else', () => {
  const store = createSenderStore();
  for (const sender of fileSeed) expect(store.get(sender.id)).toEqual(sender);
  expect(store.get('snd_nobody')).toBeUndefined();
  // Ids are exact: no case folding, no trimming.
  expect(store.get(fileSeed[0]?.id.toUpperCase() ?? '')).toBeUndefined();
  expect(store.get(` ${fileSeed[0]?.id ?? ''}`)).toBeUndefined();
});

test('a store can be seeded with other records', () => {
  const only: SeedSender = { id: 'snd_only', kind: 'no-waba', note: 'the one record' };
  const store = createSenderStore([only]);
  expect(store.get('snd_only')).toEqual(only);
  expect(store.get('snd_coex_syncable')).toBeUndefined();
});

test('get hands out copies: mutating what it returned changes neither the store nor the seed', () => {
  const store = createSenderStore();
  const sync = syncOf(store, 'snd_coex_syncable');
  sync.status = 'error';
  sync.history.canSync = false;
  expect(syncOf(store, 'snd_coex_syncable')).toMatchObject({ status: 'active', history: { canSync: true } });
  expect(store.get('snd_coex_syncable')).not.toBe(store.get('snd_coex_syncable'));
});

test('setSync keeps a copy: mutating the argument afterwards changes nothing', () => {
  const store = createSenderStore();
  const next = errorSync(syncOf(store, 'snd_coex_syncable'));
  expect(store.setSync('snd_coex_syncable', next)).toBe(true);
  next.status = 'active';
  next.contacts.status = 'completed';
  expect(syncOf(store, 'snd_coex_syncable')).toMatchObject({ status: 'error', contacts: { status: 'not_requested' } });
});

test('setSync refuses ids that name no coexistence sender, and changes nothing then', () => {
  const store = createSenderStore();
  const sync = syncOf(store, 'snd_coex_syncable');
  expect(store.setSync('snd_sms_no_waba', sync)).toBe(false);
  expect(store.setSync('snd_waba_cloud_api', sync)).toBe(false);
  expect(store.setSync('snd_nobody', sync)).toBe(false);
  expect(store.get('snd_sms_no_waba')).toEqual(fileSeed.find((sender) => sender.id === 'snd_sms_no_waba'));
  expect(store.get('snd_nobody')).toBeUndefined();
});

test('two stores do not share state, and the seed never changes', () => {
  const first = createSenderStore();
  const second = createSenderStore();
  first.setSync('snd_coex_syncable', errorSync(syncOf(first, 'snd_coex_syncable')));
  expect(syncOf(second, 'snd_coex_syncable').status).toBe('active');
  expect(syncOf(createSenderStore(), 'snd_coex_syncable').status).toBe('active');
  expect(SEED_SENDERS).toEqual(fileSeed);
});

test('a handler config keeps one store for its lifetime, another config has its own', () => {
  const config = { apiKey: 'zv_test_a' };
  const store = storeOf(config);
  expect(storeOf(config)).toBe(store);
  expect(storeOf({ apiKey: 'zv_test_a' })).not.toBe(store);
  const given = createSenderStore();
  expect(storeOf({ apiKey: 'zv_test_a', store: given })).toBe(given);
});
