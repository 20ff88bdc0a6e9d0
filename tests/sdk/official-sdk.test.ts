/**
 * The official TypeScript SDK (@zavudev/sdk) against the embedded reference server: what a real
 * client sees must match what the suite certifies. The package ships CommonJS next to ESM (its
 * exports map has a "require" condition), so Jest + swc load it with a plain import, no transform.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APIConnectionError, AuthenticationError, BadRequestError, NotFoundError, Zavudev, type ClientOptions } from '@zavudev/sdk';
import { parse } from 'yaml';
import {
  NO_WABA_MESSAGE,
  NOT_COEXISTENCE_MESSAGE,
  SEED_SENDERS,
  seededSenderIds,
  startReferenceServer,
  type ReferenceServer,
} from '../../src/reference-server';
import { repoRoot } from '../support/run-cli';

/** The enums straight from the contract, not from the server under test. */
const spec = parse(readFileSync(join(repoRoot, 'specs/whatsapp-sync.openapi.yaml'), 'utf8')) as {
  components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> };
};
const schemas = spec.components.schemas;
const enumOf = (values: string[] | undefined): string[] => values ?? [];
const SYNC_STATUSES = enumOf(schemas['WhatsAppSyncStatus']?.properties?.['status']?.enum);
const HISTORY_STATUSES = enumOf(schemas['WhatsAppSyncHistoryStatus']?.enum);
const CONTACTS_STATUSES = enumOf(schemas['WhatsAppSyncContactsStatus']?.enum);

/** Every URL the SDK fetches must be on loopback: the test fails rather than reach the internet. */
const loopbackOnlyFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== '127.0.0.1') throw new Error(`the SDK tried to reach ${url.origin}; only 127.0.0.1 is allowed here`);
  return fetch(input, init);
};

let server: ReferenceServer;

beforeAll(async () => {
  server = await startReferenceServer({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close();
});

/** Explicit options, so neither ZAVUDEV_API_KEY nor ZAVUDEV_BASE_URL from the shell can redirect it. */
function client(options: Partial<ClientOptions> = {}): Zavudev {
  return new Zavudev({
    apiKey: server.apiKey,
    baseURL: server.baseUrl,
    maxRetries: 0,
    timeout: 3000,
    fetch: loopbackOnlyFetch,
    logLevel: 'off',
    ...options,
  });
}

/** The rejection of a call, so a test can assert on its class and fields (undefined if it resolved). */
async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return error;
  }
}

test('the contract enums were read from the spec', () => {
  expect(SYNC_STATUSES).toContain('active');
  expect(HISTORY_STATUSES).toContain('rejected');
  expect(CONTACTS_STATUSES).toContain('not_requested');
});

test('the loopback guard refuses any other host', async () => {
  const error = await rejectionOf(client({ baseURL: 'https://api.zavu.dev' }).senders.whatsappSync.retrieve('snd_x'));
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(String((error as APIConnectionError).cause)).toContain('only 127.0.0.1 is allowed');
});

/** Known before the server starts, so each sender is its own test row. */
const COEXISTENCE_SENDERS = seededSenderIds(SEED_SENDERS).coexistence;

describe('coexistence senders', () => {
  test('the running server serves exactly the seeded ones, and there are some', () => {
    expect(COEXISTENCE_SENDERS.length).toBeGreaterThan(0);
    expect(server.senders.coexistence).toEqual(COEXISTENCE_SENDERS);
  });

  test.each(COEXISTENCE_SENDERS)('%s: typed sync data, isCoexistence true, enum statuses', async (senderId) => {
    const { sync } = await client().senders.whatsappSync.retrieve(senderId);
    expect(sync.isCoexistence).toBe(true);
    expect(SYNC_STATUSES).toContain(sync.status);
    expect(HISTORY_STATUSES).toContain(sync.history.status);
    expect(CONTACTS_STATUSES).toContain(sync.contacts.status);
    expect(typeof sync.history.canSync).toBe('boolean');
    expect(typeof sync.contacts.canSync).toBe('boolean');
  });
});

test.each([
  ['no WABA', () => server.senders.noWaba, NO_WABA_MESSAGE],
  ['not coexistence', () => server.senders.notCoexistence, NOT_COEXISTENCE_MESSAGE],
])('a sender with %s: BadRequestError, status 400, the documented message', async (_label, senderOf, message) => {
  const error = await rejectionOf(client().senders.whatsappSync.retrieve(senderOf()));
  expect(error).toBeInstanceOf(BadRequestError);
  const badRequest = error as BadRequestError;
  expect(badRequest.status).toBe(400);
  expect(badRequest.error).toMatchObject({ code: 'bad_request', message });
  expect(badRequest.message).toBe(`400 ${message}`);
});

test('a wrong key: AuthenticationError, status 401', async () => {
  const wrongKey = `zv_test_${'0'.repeat(32)}`;
  expect(wrongKey).not.toBe(server.apiKey);
  const error = await rejectionOf(client({ apiKey: wrongKey }).senders.whatsappSync.retrieve(server.senders.coexistence[0] ?? 'snd_coex_active'));
  expect(error).toBeInstanceOf(AuthenticationError);
  expect((error as AuthenticationError).status).toBe(401);
  // The SDK keeps the body; the key it sent never comes back in it.
  expect(JSON.stringify((error as AuthenticationError).error)).not.toContain(wrongKey);
});

test('an unknown sender: NotFoundError, status 404', async () => {
  const error = await rejectionOf(client().senders.whatsappSync.retrieve('snd_sdk_unknown_0001'));
  expect(error).toBeInstanceOf(NotFoundError);
  expect((error as NotFoundError).status).toBe(404);
  expect((error as NotFoundError).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
});

describe('the start calls', () => {
  const starts = {
    history: (id: string) => client().senders.whatsappSync.startHistorySync(id),
    contacts: (id: string) => client().senders.whatsappSync.startContactsSync(id),
  } as const;

  test.each([
    ['history', 'History'],
    ['contacts', 'Contacts'],
  ] as const)('%s: typed 202 data with the part pending, then BadRequestError on a second start', async (part, word) => {
    const start = starts[part];
    // The server's own store: its first start on the syncable sender takes effect.
    const started = await start(server.senders.syncable);
    expect(started.message).toBe(`${word} sync initiated`);
    expect(started.sync[part]).toMatchObject({ status: 'pending', canSync: false });
    expect(typeof started.sync[part].requestedAt).toBe('string');
    const { sync } = await client().senders.whatsappSync.retrieve(server.senders.syncable);
    expect(sync[part].status).toBe('pending');
    const again = await rejectionOf(start(server.senders.syncable));
    expect(again).toBeInstanceOf(BadRequestError);
    expect((again as BadRequestError).error).toMatchObject({ code: 'bad_request', message: `${word} sync is already in progress` });
  });

  test.each([
    ['history', 'not active', () => server.senders.notActive, 'WhatsApp account is not active'],
    ['contacts', 'not active', () => server.senders.notActive, 'WhatsApp account is not active'],
    ['history', 'no WABA', () => server.senders.noWaba, NO_WABA_MESSAGE],
    ['contacts', 'no WABA', () => server.senders.noWaba, NO_WABA_MESSAGE],
    ['history', 'not coexistence', () => server.senders.notCoexistence, 'History sync is only available for coexistence accounts'],
    ['contacts', 'not coexistence', () => server.senders.notCoexistence, 'Contacts sync is only available for coexistence accounts'],
  ] as const)('%s start, a sender %s: BadRequestError with the documented message', async (part, _label, senderOf, message) => {
    const error = await rejectionOf(starts[part](senderOf()));
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).status).toBe(400);
    expect((error as BadRequestError).error).toMatchObject({ code: 'bad_request', message });
  });

  test('a start without a valid key: AuthenticationError; an unknown sender: NotFoundError', async () => {
    const wrongKey = client({ apiKey: `zv_test_${'0'.repeat(32)}` }).senders.whatsappSync.startContactsSync(server.senders.syncable);
    expect(await rejectionOf(wrongKey)).toBeInstanceOf(AuthenticationError);
    expect(await rejectionOf(starts.history('snd_sdk_unknown_0002'))).toBeInstanceOf(NotFoundError);
  });
});
