/**
 * The start handlers called directly on hand-made stores, for the combinations the seed lacks:
 * which refusal wins when several apply, and that canSync (not the status) decides the rate limit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  createSenderStore,
  SYNC_STATUSES,
  startedSync,
  startMessages,
  startSync,
  type PlannedResponse,
  type SyncPart,
  type WhatsAppSyncStatus,
} from '../../../src/reference-server';
import { schemaErrors } from '../spec-schemas';

const now = (): Date => new Date('2026-12-02T10:00:00.000Z');
const idle = { status: 'not_requested', canSync: true } as const;
const sync = (status: WhatsAppSyncStatus['status'], part: object): WhatsAppSyncStatus => ({
  isCoexistence: true,
  status,
  history: { ...idle, ...part },
  contacts: { ...idle, ...part } as WhatsAppSyncStatus['contacts'],
});
/** A start of `part` on a store holding one coexistence sender in `state`; the store is returned too. */
function startOn(part: SyncPart, state: WhatsAppSyncStatus): { planned: PlannedResponse; store: ReturnType<typeof createSenderStore> } {
  const store = createSenderStore([{ id: 'snd_t', kind: 'coexistence', note: 'made by the test', sync: state }]);
  return { planned: startSync(part, 'snd_t', store, now), store };
}

describe.each(['history', 'contacts'] as const)('%s start', (part) => {
  const messages = startMessages(part);

  test.each([
    ['not active beats in progress', sync('pending_registration', { status: 'pending', canSync: false }), messages.not_active],
    ['not active beats the rate limit', sync('disconnected', { status: 'completed', canSync: false }), messages.not_active],
    ['not active even when canSync says true', sync('error', { status: 'not_requested', canSync: true }), messages.not_active],
    ['in progress beats the rate limit (pending)', sync('active', { status: 'pending', canSync: false }), messages.in_progress],
    ['in progress even when canSync says true (syncing)', sync('active', { status: 'syncing', canSync: true }), messages.in_progress],
    ['a completed part is rate limited', sync('active', { status: 'completed', canSync: false }), messages.rate_limit],
    ['a never-requested part with canSync false is rate limited', sync('active', { status: 'not_requested', canSync: false }), messages.rate_limit],
  ])('%s', (_what, state, message) => {
    const { planned, store } = startOn(part, state);
    expect(planned.status).toBe(400);
    const body: unknown = JSON.parse(planned.body);
    expect(body).toEqual({ code: 'bad_request', message });
    expect(schemaErrors('Error', body)).toEqual([]);
    expect(store.get('snd_t')).toMatchObject({ sync: state });
  });

  test.each(SYNC_STATUSES.filter((status) => status !== 'active'))('an account %s is not active', (status) => {
    expect(JSON.parse(startOn(part, sync(status, idle)).planned.body)).toMatchObject({ message: messages.not_active });
  });

  test('canSync decides, not the status: a completed part that may sync again starts', () => {
    const { planned, store } = startOn(part, sync('active', { status: 'completed', canSync: true }));
    expect(planned.status).toBe(202);
    expect(store.get('snd_t')).toMatchObject({ sync: { [part]: { status: 'pending', canSync: false } } });
  });

  test('the 202 is the stored state, and the new part has exactly the documented fields', () => {
    const { planned, store } = startOn(part, sync('active', idle));
    const body = JSON.parse(planned.body) as { message: string; sync: WhatsAppSyncStatus };
    expect(body.message).toBe(messages.started);
    expect(schemaErrors('WhatsAppSyncStartResponse', body)).toEqual([]);
    const expected = part === 'history'
      ? { status: 'pending', canSync: false, requestedAt: '2026-12-02T10:00:00Z', completedAt: null }
      : { status: 'pending', canSync: false, requestedAt: '2026-12-02T10:00:00Z' };
    expect(body.sync[part]).toEqual(expected);
    expect(store.get('snd_t')).toEqual(expect.objectContaining({ sync: body.sync }));
  });
});

test('startedSync leaves its input alone, keeps the other part, and writes RFC 3339 UTC without milliseconds', () => {
  const before = sync('active', { status: 'completed', canSync: false, requestedAt: '2026-01-01T00:00:00+02:00' });
  const frozen = JSON.stringify(before);
  const after = startedSync(before, 'contacts', new Date('2026-05-06T07:08:09.999Z'));
  expect(JSON.stringify(before)).toBe(frozen);
  expect(after.history).toEqual(before.history);
  expect(after.contacts.requestedAt).toBe('2026-05-06T07:08:09Z');
  expect(startedSync(before, 'history', new Date('2026-05-06T07:08:09Z')).history.requestedAt).toBe('2026-05-06T07:08:09Z');
});

interface SpecResponse {
  content: { 'application/json': { example?: { message?: string }; examples?: Record<string, { value: { message: string } }> } };
}
const specPaths = (
  parse(readFileSync(join(__dirname, '..', '..', '..', 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8')) as {
    paths: Record<string, { post?: { responses: Record<string, SpecResponse> } }>;
  }
).paths;

test.each(['history', 'contacts'] as const)('the %s start messages are its operation\'s spec examples, verbatim', (part) => {
  const responses = specPaths[`/v1/senders/{senderId}/whatsapp-sync/${part}`]?.post?.responses ?? {};
  const examples = responses['400']?.content['application/json'].examples ?? {};
  const documented = Object.fromEntries(Object.entries(examples).map(([name, example]) => [name, example.value.message]));
  const { started, ...refusals } = startMessages(part);
  expect(refusals).toEqual(documented);
  expect(Object.keys(documented).sort()).toEqual(['in_progress', 'no_waba', 'not_active', 'not_coexistence', 'rate_limit']);
  expect(started).toBe(responses['202']?.content['application/json'].example?.message);
});
