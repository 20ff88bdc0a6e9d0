/** getWhatsAppSyncStatus called directly: each branch after authentication, and the store as it is now. */
import {
  createSenderStore,
  getWhatsAppSyncStatus,
  NO_WABA_MESSAGE,
  NOT_COEXISTENCE_MESSAGE,
  SEED_SENDERS,
  startSync,
  type CoexistenceSeedSender,
} from '../../../src/reference-server';
import { schemaErrors } from '../spec-schemas';

const bodyOf = (planned: { body: string }): unknown => JSON.parse(planned.body);

test.each([
  ['an unknown sender', 'snd_nobody', 404, { code: 'not_found', message: 'Sender not found' }],
  ['no WABA', 'snd_sms_no_waba', 400, { code: 'bad_request', message: NO_WABA_MESSAGE }],
  ['not coexistence, in the GET\'s own words', 'snd_waba_cloud_api', 400, { code: 'bad_request', message: NOT_COEXISTENCE_MESSAGE }],
])('%s → %s', (_what, senderId, status, expected) => {
  const planned = getWhatsAppSyncStatus(senderId, createSenderStore());
  expect(planned.status).toBe(status);
  expect(bodyOf(planned)).toEqual(expected);
  expect(schemaErrors('Error', bodyOf(planned))).toEqual([]);
});

const coexistence = SEED_SENDERS.filter((sender): sender is CoexistenceSeedSender => sender.kind === 'coexistence');
test.each(coexistence.map((sender) => [sender.id, sender] as const))('%s → 200 with its seeded sync, exactly', (id, sender) => {
  const planned = getWhatsAppSyncStatus(id, createSenderStore());
  expect(planned.status).toBe(200);
  expect(bodyOf(planned)).toEqual({ sync: sender.sync });
  expect(schemaErrors('WhatsAppSyncStatusResponse', bodyOf(planned))).toEqual([]);
});

test('the GET reads the store as the starts left it', () => {
  const store = createSenderStore();
  const started = startSync('contacts', 'snd_coex_active', store, () => new Date('2026-12-02T11:00:00Z'));
  expect(started.status).toBe(202);
  expect(bodyOf(getWhatsAppSyncStatus('snd_coex_active', store))).toEqual({ sync: (bodyOf(started) as { sync: unknown }).sync });
  // Another store never saw the start.
  expect(bodyOf(getWhatsAppSyncStatus('snd_coex_active', createSenderStore()))).toMatchObject({ sync: { contacts: { status: 'not_requested' } } });
});
