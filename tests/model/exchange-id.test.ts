/**
 * Exchange ids read back: which case an exchange is of, in the recordings (caseOfExchange) and in the
 * summary's Reproduce (exchangeOfCase), with the fixture values a configured sender id may bring.
 */
import { caseOfExchange, concurrentCopyId, exchangeOfCase } from '../../src/model/exchange-id';

test('a step of a sequence belongs to its case', () => {
  expect(caseOfExchange('op/start[snd_a]#read-before')).toEqual({ caseId: 'op/start[snd_a]', step: 'read-before' });
  expect(caseOfExchange('op/no-waba')).toEqual({ caseId: 'op/no-waba' });
  // A configured id may hold a "#": in the case's value, in a witness step's, or both.
  expect(caseOfExchange('op/coexistence[snd#1]')).toEqual({ caseId: 'op/coexistence[snd#1]' });
  expect(caseOfExchange('op/start[snd#1]#read-before')).toEqual({ caseId: 'op/start[snd#1]', step: 'read-before' });
  expect(caseOfExchange('op/start-syncable#read-other-before[snd#2]')).toEqual({ caseId: 'op/start-syncable', step: 'read-other-before[snd#2]' });
  expect(caseOfExchange('op/start[snd#1]#read-other-before[snd#2]')).toEqual({ caseId: 'op/start[snd#1]', step: 'read-other-before[snd#2]' });
});

test('a copy of a concurrent step is of its step and its case', () => {
  expect(concurrentCopyId('op/start#start', 2)).toBe('op/start#start@2');
  expect(caseOfExchange(concurrentCopyId('op/start[snd#1]#start', 2))).toEqual({ caseId: 'op/start[snd#1]', step: 'start@2' });
});

test('an exchange is of a case by its id, a step, a negative input or a copy, never by a longer id it begins', () => {
  expect(exchangeOfCase('op/no-waba', 'op/no-waba')).toBe(true);
  expect(exchangeOfCase('op/negative-path#17', 'op/negative-path')).toBe(true);
  expect(exchangeOfCase('op/start[snd#1]#read-before', 'op/start[snd#1]')).toBe(true);
  expect(exchangeOfCase('op/start@2', 'op/start')).toBe(true);
  // Another case whose id only begins with this one's.
  expect(exchangeOfCase('op/start-syncable#start', 'op/start')).toBe(false);
  expect(exchangeOfCase('op/start[snd_a]', 'op/start')).toBe(false);
  // The fixture value's "#" is the case's own: its exchanges are not the plain case's steps.
  expect(exchangeOfCase('op/start[snd#1]#read-before', 'op/start')).toBe(false);
});
