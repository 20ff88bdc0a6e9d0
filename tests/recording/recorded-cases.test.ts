import type { OperationContract } from '../../src/model';
import { matchPath, recordedCases } from '../../src/recording/recorded-cases';
import { loadedSample } from './fixtures';

const template = '/v1/senders/{senderId}/whatsapp-sync';
const withTemplate = (pathTemplate: string) => (): OperationContract => ({ operationId: 'op', method: 'GET', pathTemplate, pathParameters: ['senderId'], writes: false, label: 'GET', responses: [] });

test('recordedCases gives each case its scenario, decoded sender id and auth variant', () => {
  const cases = recordedCases([loadedSample()], withTemplate(template));
  expect(Object.fromEntries(cases)).toEqual({
    'auth-basic': { scenario: 'auth-basic', params: { senderId: 'snd_coex_1' }, stepParams: {}, ownPathSent: true, authVariant: 'basic', authVariants: ['basic'] },
    'auth-none': { scenario: 'auth-none', params: { senderId: 'snd_coex_1' }, stepParams: {}, ownPathSent: true, authVariant: 'none', authVariants: ['none'] },
    'coexistence[snd_coex_1]': { scenario: 'coexistence', params: { senderId: 'snd_coex_1' }, stepParams: {}, ownPathSent: true, authVariant: 'valid', authVariants: ['valid'] },
    'unknown-sender': { scenario: 'unknown-sender', params: { senderId: 'snd_unknown_4f2a' }, stepParams: {}, ownPathSent: true, authVariant: 'valid', authVariants: ['valid'] },
  });
});

test("a witness step's sender is kept apart: the case's own sender comes from its other exchanges, whichever came first", () => {
  const recording = loadedSample();
  const [first, second] = recording.entries;
  if (!first || !second) throw new Error('sample has two entries');
  first.caseId = 'seq#read-other-before';
  first.exchange.request.path = '/v1/senders/snd_witness/whatsapp-sync';
  second.caseId = 'seq#start';
  second.exchange.request.path = '/v1/senders/snd_own/whatsapp-sync';
  const cases = recordedCases([recording], withTemplate(template), (_caseId, step) => step === 'read-other-before');
  expect(cases.get('seq')).toMatchObject({ params: { senderId: 'snd_own' }, stepParams: { 'read-other-before': { senderId: 'snd_witness' } }, ownPathSent: true });
  // A sequence that stopped at its step with a path of its own never sent the case's path.
  const stopped = recordedCases([{ ...recording, entries: [first] }], withTemplate(template), (_caseId, step) => step === 'read-other-before');
  expect(stopped.get('seq')).toMatchObject({ params: {}, ownPathSent: false });
});

test('recordedCases decodes a percent-encoded sender id behind a base path', () => {
  const recording = loadedSample();
  const first = recording.entries[0];
  if (!first) throw new Error('sample has entries');
  first.exchange.request.path = '/api/v1/senders/snd%20a%2Fb/whatsapp-sync';
  expect(recordedCases([recording], withTemplate(template)).get(first.caseId)?.params['senderId']).toBe('snd a/b');
});

test('recordedCases takes the template literally: its regex characters match only themselves', () => {
  const recording = loadedSample();
  const first = recording.entries[0];
  if (!first) throw new Error('sample has entries');
  first.exchange.request.path = '/v1.0/senders/snd_a/sync+status';
  expect(recordedCases([recording], withTemplate('/v1.0/senders/{senderId}/sync+status')).get(first.caseId)?.params['senderId']).toBe('snd_a');
  first.exchange.request.path = '/v1x0/senders/snd_a/sync+status';
  expect(recordedCases([recording], withTemplate('/v1.0/senders/{senderId}/sync+status')).get(first.caseId)?.params['senderId']).toBeUndefined();
});

test('paths with several parameters decode each', () => {
  expect(matchPath('/v1/{a}/x/{b}', '/base/v1/one/x/t%20wo?q')).toEqual({ a: 'one', b: 't wo' });
  expect(matchPath('/v1/{a}/x/{b}', '/v1/one/y/two')).toBeUndefined();
});
