import { recordedCases } from '../../src/recording/recorded-cases';
import { loadedSample } from './fixtures';

const template = '/v1/senders/{senderId}/whatsapp-sync';

test('recordedCases gives each case its scenario, decoded sender id and auth variant', () => {
  const cases = recordedCases([loadedSample()], template);
  expect(Object.fromEntries(cases)).toEqual({
    'auth-basic': { scenario: 'auth-basic', senderId: 'snd_coex_1', authVariant: 'basic' },
    'auth-none': { scenario: 'auth-none', senderId: 'snd_coex_1', authVariant: 'none' },
    'coexistence[snd_coex_1]': { scenario: 'coexistence', senderId: 'snd_coex_1', authVariant: 'valid' },
    'unknown-sender': { scenario: 'unknown-sender', senderId: 'snd_unknown_4f2a', authVariant: 'valid' },
  });
});

test('recordedCases decodes a percent-encoded sender id behind a base path', () => {
  const recording = loadedSample();
  const first = recording.entries[0];
  if (!first) throw new Error('sample has entries');
  first.exchange.request.path = '/api/v1/senders/snd%20a%2Fb/whatsapp-sync';
  expect(recordedCases([recording], template).get(first.caseId)?.senderId).toBe('snd a/b');
});

test('recordedCases takes the template literally: its regex characters match only themselves', () => {
  const recording = loadedSample();
  const first = recording.entries[0];
  if (!first) throw new Error('sample has entries');
  first.exchange.request.path = '/v1.0/senders/snd_a/sync+status';
  expect(recordedCases([recording], '/v1.0/senders/{senderId}/sync+status').get(first.caseId)?.senderId).toBe('snd_a');
  first.exchange.request.path = '/v1x0/senders/snd_a/sync+status';
  expect(recordedCases([recording], '/v1.0/senders/{senderId}/sync+status').get(first.caseId)?.senderId).toBeUndefined();
});
