import { isLegacyId, withCurrentIds } from '../../src/baseline/legacy-ids';
import type { BaselineResult } from '../../src/baseline/read-baseline';

const READ = 'GET /v1/senders/{senderId}/whatsapp-sync';
const START = 'POST /v1/senders/{senderId}/whatsapp-sync/history';
const operations = [
  { operationId: 'getWhatsAppSyncStatus', operation: READ },
  { operationId: 'startWhatsAppHistorySync', operation: START },
];
const old = (id: string, operation = READ): BaselineResult => ({ id, operation, family: 'authentication', status: 'passed', durationMs: 3 });

test('an id without "operationId/" is a legacy id', () => {
  expect(isLegacyId('no-waba')).toBe(true);
  expect(isLegacyId('coexistence[snd_a]')).toBe(true);
  expect(isLegacyId('getWhatsAppSyncStatus/no-waba')).toBe(false);
});

test('a legacy id gets the operationId of the operation with its label; current ids are left alone', () => {
  const current: BaselineResult = { ...old('getWhatsAppSyncStatus/wrong-key'), operationId: 'getWhatsAppSyncStatus' };
  const { results, mapped } = withCurrentIds([old('no-waba'), old('started', START), current], operations);
  expect(mapped).toBe(2);
  expect(results.map((r) => [r.id, r.operationId])).toEqual([
    ['getWhatsAppSyncStatus/no-waba', 'getWhatsAppSyncStatus'],
    ['startWhatsAppHistorySync/started', 'startWhatsAppHistorySync'],
    ['getWhatsAppSyncStatus/wrong-key', 'getWhatsAppSyncStatus'],
  ]);
  expect(results[2]).toBe(current);
});

test('a label this run has not, or has twice, maps nothing: the case shows as missing rather than as another operation\'s', () => {
  expect(withCurrentIds([old('gone', 'DELETE /v1/x')], operations)).toEqual({ results: [old('gone', 'DELETE /v1/x')], mapped: 0 });
  const twice = [...operations, { operationId: 'duplicate', operation: READ }];
  expect(withCurrentIds([old('no-waba')], twice).mapped).toBe(0);
});
