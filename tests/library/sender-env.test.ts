/**
 * senderEnv: a role's value checked for JavaScript callers (and senders read from a JSON file):
 * an id of only whitespace names no sender, as an empty one does, and leaves the role unset.
 */
import { join } from 'node:path';
import { UsageError } from '../../src/model/errors';
import { senderEnv, senderOptionWords } from '../../src/library/sender-env';
import type { SenderOptions } from '../../src/library/options';
import { packageRoot } from '../../src/package-root';

const env = (senders: unknown): Record<string, string> => senderEnv(senders as SenderOptions, join(packageRoot, 'operations'), join(packageRoot, 'fixtures'));

function refusal(senders: unknown): string {
  try {
    env(senders);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

test('ids and lists of them become the role variables', () => {
  expect(env({ coexistence: ['snd_a', 'snd_b'], noWaba: 'snd_n', unknown: undefined })).toEqual({ ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_b', ZAVU_SENDER_NO_WABA: 'snd_n' });
});

test('an id of spaces alone is empty, as "" is: the role would be unset and its cases skipped', () => {
  expect(refusal({ noWaba: '  ' })).toBe('runConformance: senders.noWaba is empty: give it a sender id or leave it out');
  expect(refusal({ noWaba: '\t' })).toBe('runConformance: senders.noWaba is empty: give it a sender id or leave it out');
});

test('a list with an empty id, or one of spaces, or a null in it: named', () => {
  expect(refusal({ coexistence: ['snd_a', ''] })).toBe('runConformance: senders.coexistence must list sender ids, not an empty one');
  expect(refusal({ coexistence: ['snd_a', ' '] })).toBe('runConformance: senders.coexistence must list sender ids, not an empty one');
  expect(refusal({ coexistence: [null] })).toBe('runConformance: senders.coexistence must list sender ids, not null');
});

test("a refusal's words for the roles given: each given role's variable as senders.<role>, none for a role left out or not in the data", () => {
  const words = senderOptionWords({ otherProject: 'snd_x', noWaba: 'snd_n', coexistence: undefined, bogus: 'x' }, join(packageRoot, 'operations'), join(packageRoot, 'fixtures'));
  expect([...words]).toEqual([
    ['ZAVU_SENDER_OTHER_PROJECT', 'senders.otherProject'],
    ['ZAVU_SENDER_NO_WABA', 'senders.noWaba'],
  ]);
});
