/**
 * Which exchanges are latency samples, at the edges a mutation audit found untested: each of these
 * mistakes makes an outage read as a faster night (an unserved exchange counted as a quick sample,
 * or a timeout's slow one dropped).
 */
import type { CaseResult, StepResult } from '../../src/model';
import { caseLeftOut, NO_ANSWER, runExchanges } from '../../src/model/latency-samples';
import { caseLatency } from '../../src/repeat/latency';
import { result, violation } from '../report/fixtures';

const noStatus = (overrides: Partial<CaseResult>): CaseResult => {
  const { receivedStatus: _none, ...rest } = result(overrides);
  return rest;
};

const step = (overrides: Partial<StepResult>): StepResult => ({ id: 's', operationId: 'o', operation: 'GET /x', status: 'passed', durationMs: 5, ...overrides });

describe('runExchanges at the edges', () => {
  it('a 500 is a 5xx like any other: left out, not a sample', () => {
    const internal = result({ status: 'failed', durationMs: 1, receivedStatus: 500, violations: [violation({ check: 'not-a-server-error', instancePath: '' })] });
    expect(runExchanges(internal)).toEqual({ samples: [], leftOut: [500] });
    expect(runExchanges({ ...internal, receivedStatus: 499 })).toEqual({ samples: [1], leftOut: [] });
  });

  it('a timeout stays a sample when the case could not be judged (error): it is no "no answer"', () => {
    // A check that crashed on the timed-out exchange makes the case an error; the timeout still
    // measured the target at the deadline, and leaving it out would make the night read faster.
    const timedOut = noStatus({ status: 'error', durationMs: 10000, violations: [violation({ check: 'timeout', instancePath: '' })] });
    expect(runExchanges(timedOut)).toEqual({ samples: [10000], leftOut: [] });
    expect(caseLatency(timedOut)?.p95).toBe(10000);
    const seq = result({ status: 'error', steps: [step({ id: 'slow', status: 'error', durationMs: 10000 })], violations: [violation({ check: 'timeout', step: 'slow', instancePath: '' })] });
    expect(runExchanges(seq)).toEqual({ samples: [10000], leftOut: [] });
  });

  it('a transport error or a timeout among the omitted violations counts as one kept', () => {
    const omitted = (check: string) => ({ check, severity: 'error' as const, count: 1, instancePath: '', step: 'only' });
    const refused = result({ status: 'failed', steps: [step({ id: 'only', status: 'failed', durationMs: 0.3 })], omittedViolations: [omitted('transport-error')] });
    expect(runExchanges(refused)).toEqual({ samples: [], leftOut: [NO_ANSWER] });
    const timedOut = result({ status: 'error', steps: [step({ id: 'only', status: 'error', durationMs: 9000 })], omittedViolations: [omitted('timeout')] });
    expect(runExchanges(timedOut)).toEqual({ samples: [9000], leftOut: [] });
  });

  it('a skipped step sent nothing: neither a 0 ms sample nor left out', () => {
    const seq = result({ steps: [step({ id: 'a', durationMs: 30, receivedStatus: 200 }), step({ id: 'b', status: 'skipped', durationMs: 0 })] });
    expect(runExchanges(seq)).toEqual({ samples: [30], leftOut: [] });
    expect(caseLatency(seq)?.p50).toBe(30);
  });

  it('a concurrent step whose copies were all unanswered (status 0) is no answer, not a quick sample', () => {
    const seq = result({
      status: 'failed',
      steps: [step({ id: 'copies', status: 'failed', durationMs: 0.2, receivedStatuses: [0, 0] })],
      violations: [violation({ check: 'transport-error', step: 'copies', instancePath: '' })],
    });
    expect(runExchanges(seq)).toEqual({ samples: [], leftOut: [NO_ANSWER] });
    // One copy served is enough for the step to be a sample.
    const served = { ...seq, steps: [{ ...seq.steps![0]!, receivedStatuses: [0, 202] }] };
    expect(runExchanges(served)).toEqual({ samples: [0.2], leftOut: [] });
  });

  it('an aggregate (the negative-input case) leaves nothing out: its one duration is many requests\', no exchange', () => {
    // Not one hostile id judged (status error, no status of its own): no "no answer" in the run's count.
    const negative = noStatus({ id: 'negative-inputs', scenario: 'negative-inputs', family: 'negative-inputs', fuzzed: 'senderId', status: 'error', durationMs: 9000 });
    expect(caseLeftOut(negative)).toBeUndefined();
    expect(caseLeftOut({ ...negative, receivedStatus: 502 })).toBeUndefined();
  });
});
