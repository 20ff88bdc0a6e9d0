import { describeOutcomes } from '../../src/report/outcomes';

describe('describeOutcomes', () => {
  it('counts each status in order of first appearance, with the received statuses of bad outcomes', () => {
    expect(describeOutcomes([
      { status: 'passed', receivedStatus: 401, durationMs: 1, checks: [] },
      { status: 'failed', receivedStatus: 503, durationMs: 1, checks: ['not-a-server-error'] },
      { status: 'passed', receivedStatus: 401, durationMs: 1, checks: [] },
    ])).toBe('passed ×2, failed ×1 (503)');
  });

  it('adds no received status to a skipped outcome, as to a passed one: only what went wrong says what came back', () => {
    expect(describeOutcomes([
      { status: 'skipped', durationMs: 0, checks: [] },
      { status: 'failed', receivedStatus: 503, durationMs: 1, checks: [] },
    ])).toBe('skipped ×1, failed ×1 (503)');
  });

  it('lists distinct received statuses, and "no response" for a timeout', () => {
    expect(describeOutcomes([
      { status: 'failed', receivedStatus: 503, durationMs: 1, checks: [] },
      { status: 'failed', durationMs: 1, checks: ['timeout'] },
      { status: 'failed', receivedStatus: 503, durationMs: 1, checks: [] },
      { status: 'error', receivedStatus: 200, durationMs: 1, checks: [] },
    ])).toBe('failed ×3 (503, no response), error ×1 (200)');
  });
});
