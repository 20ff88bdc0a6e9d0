/**
 * The bench's peer: the gate a competent engineer would hand-write for
 * GET /v1/senders/{senderId}/whatsapp-sync with mocha and pactum — the six core requests, their
 * documented statuses (operations/getWhatsAppSyncStatus/scenarios.json) and pactum's built-in JSON
 * Schema check of each body, against the embedded reference server started as a conformance run
 * without --base-url starts it. `npm run bench` times it beside the full run; tests/bench runs it
 * once and requires it to pass, so the comparison is never against a broken peer.
 * Run: `mocha dist/bench/peer-gate.spec.js`.
 */
import { request, spec } from 'pactum';
import { startReferenceServer, type ReferenceServer } from '../reference-server';

// mocha's globals, as its CLI provides them (@types/mocha would clash with Jest's in this project's typecheck).
declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => PromiseLike<unknown>) => void;
declare const before: (body: () => Promise<void>) => void;
declare const after: (body: () => Promise<void>) => void;

/** The documented 200 body, written out by hand from the OpenAPI document. */
const syncSchema = {
  type: 'object',
  required: ['sync'],
  properties: {
    sync: {
      type: 'object',
      required: ['isCoexistence', 'status', 'history', 'contacts'],
      properties: {
        isCoexistence: { type: 'boolean' },
        status: { enum: ['pending_verification', 'pending_registration', 'active', 'disconnected', 'error'] },
        history: { type: 'object', required: ['status', 'canSync'], properties: { canSync: { type: 'boolean' } } },
        contacts: { type: 'object' },
      },
    },
  },
};

/** The documented error body. */
const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
};

describe('GET /v1/senders/{senderId}/whatsapp-sync', () => {
  let server: ReferenceServer;
  const path = (senderId: string): string => `/v1/senders/${senderId}/whatsapp-sync`;
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  before(async () => {
    server = await startReferenceServer();
    request.setBaseUrl(server.baseUrl);
  });
  after(() => server.close());

  it('200 with the sync status of a coexistence sender', () =>
    spec()
      .get(path(server.senders.coexistence[0] ?? ''))
      .withHeaders(bearer(server.apiKey))
      .expectStatus(200)
      .expectJsonSchema(syncSchema)
      .expectJsonLike({ sync: { isCoexistence: true } }));

  it('400 for a sender without a WhatsApp Business Account', () =>
    spec().get(path(server.senders.noWaba)).withHeaders(bearer(server.apiKey)).expectStatus(400).expectJsonSchema(errorSchema));

  it('400 for a sender that is not in coexistence mode', () =>
    spec().get(path(server.senders.notCoexistence)).withHeaders(bearer(server.apiKey)).expectStatus(400).expectJsonSchema(errorSchema));

  it('404 for an unknown sender', () =>
    spec().get(path('snd_does_not_exist')).withHeaders(bearer(server.apiKey)).expectStatus(404).expectJsonSchema(errorSchema));

  it('401 without an API key', () => spec().get(path(server.senders.noWaba)).expectStatus(401).expectJsonSchema(errorSchema));

  it('401 with a wrong API key', () =>
    spec().get(path(server.senders.noWaba)).withHeaders(bearer('zv_test_0123456789abcdef0123456789abcdef')).expectStatus(401).expectJsonSchema(errorSchema));
});
