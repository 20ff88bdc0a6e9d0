/**
 * A start refused as not active ("Only available for coexistence accounts with active status", the
 * documented not_active 400) starts nothing: each start operation's not-active row reads that sender
 * before and after the start, the read after predicted unchanged. Without the reads, a server that
 * refuses the start yet stores the sync (an upsert before the check) passed whenever the not-active
 * sender was not also one of the configured coexistence senders, as on a live target it is not.
 */
import { registry } from '../support/shipped-contract';

test('every start operation reads its not-active sender before and after the refused start, and predicts it unchanged', () => {
  const starts = registry.operations.filter((operation) => operation.operationId !== 'getWhatsAppSyncStatus');
  expect(starts.map((operation) => operation.operationId).sort()).toEqual(['startWhatsAppContactsSync', 'startWhatsAppHistorySync']);
  for (const operation of starts) {
    const part = operation.operationId === 'startWhatsAppHistorySync' ? 'history' : 'contacts';
    const row = operation.scenarios.find((scenario) => scenario.id === 'not-active');
    expect(row?.path).toEqual({ senderId: 'notActive' });
    const steps = (row?.steps ?? []).map((step) => [step.id, step.operation, step.auth, step.expect.status, step.expect.examples, step.expect.predict]);
    expect({ operation: operation.operationId, steps }).toEqual({
      operation: operation.operationId,
      steps: [
        ['read-before', 'getWhatsAppSyncStatus', 'valid', 200, undefined, undefined],
        ['start', undefined, 'valid', 400, ['not_active'], undefined],
        ['read-after', 'getWhatsAppSyncStatus', 'valid', 200, undefined, { model: 'unchanged', part, from: 'read-before' }],
      ],
    });
  }
});
