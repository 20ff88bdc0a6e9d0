import type { CaseResult } from '../../src/model';
import { isAggregateResult } from '../../src/model/aggregate-result';
import { countLeftOut, LEFT_OUT_STATUSES, NO_ANSWER, runExchanges } from '../../src/model/latency-samples';
import { combineAttempts } from '../../src/repeat/combine-attempts';
import { caseLatency, caseLeftOut, exchangeDurations, latencyStats, overallLatency, overallLeftOut, p95Rose } from '../../src/repeat/latency';
import { result, skippedResult, violation } from '../report/fixtures';
import { applyLatencyBudget } from '../../src/repeat/latency-budget';

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('latencyStats (nearest rank)', () => {
  it('rounds a rank up, never to the nearest: p95 of 12 samples is the 12th (11.4 up), not the 11th', () => {
    expect(latencyStats(oneTo(12))).toMatchObject({ p50: 6, p95: 12, p99: 12, max: 12 });
    expect(latencyStats(oneTo(11))).toMatchObject({ p50: 6 });
  });

  it('takes the sample at rank ⌈p·N/100⌉, whatever the input order', () => {
    expect(latencyStats(oneTo(100).reverse())).toEqual({ samples: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(latencyStats([7, 3, 9, 1, 5, 2, 8, 10, 4, 6])).toEqual({ samples: 10, p50: 5, p95: 10, p99: 10, max: 10 });
    // 20 samples: p95 is rank 19, not the maximum
    expect(latencyStats(oneTo(20))?.p95).toBe(19);
  });

  it('never interpolates: every figure is a measured duration', () => {
    expect(latencyStats([10, 20])).toEqual({ samples: 2, p50: 10, p95: 20, p99: 20, max: 20 });
    expect(latencyStats([12.5])).toEqual({ samples: 1, p50: 12.5, p95: 12.5, p99: 12.5, max: 12.5 });
  });

  it('is undefined without samples and ignores non-finite ones', () => {
    expect(latencyStats([])).toBeUndefined();
    expect(latencyStats([Number.NaN, 3, Number.POSITIVE_INFINITY, 1])).toEqual({ samples: 2, p50: 1, p95: 3, p99: 3, max: 3 });
  });
});

describe('exchange durations of results', () => {
  const repeated = result({
    attempts: [
      { status: 'passed', durationMs: 10, checks: [] },
      { status: 'skipped', durationMs: 0, checks: [] },
      { status: 'failed', durationMs: 30, checks: ['timeout'] },
    ],
  });

  it('are the attempts that ran, or the one duration, and none for a skipped case', () => {
    expect(exchangeDurations(repeated)).toEqual([10, 30]);
    expect(exchangeDurations(result({ durationMs: 42 }))).toEqual([42]);
    expect(exchangeDurations(skippedResult)).toEqual([]);
  });

  it('give a case its latency when it carries none', () => {
    const carried = { samples: 3, p50: 1, p95: 2, p99: 2, max: 2 };
    expect(caseLatency(result({ latency: carried }))).toBe(carried);
    expect(caseLatency(result({ durationMs: 42 }))).toEqual({ samples: 1, p50: 42, p95: 42, p99: 42, max: 42 });
    expect(caseLatency(skippedResult)).toBeUndefined();
  });

  it('are pooled over the whole run', () => {
    expect(overallLatency([repeated, result({ durationMs: 20 }), skippedResult])).toEqual({ samples: 3, p50: 20, p95: 30, p99: 30, max: 30 });
    expect(overallLatency([skippedResult])).toBeUndefined();
  });
});

describe('aggregate results (the negative-input case: one result over many requests)', () => {
  const negative = result({ id: 'negative-inputs', scenario: 'negative-inputs', family: 'negative-inputs', fuzzed: 'senderId', durationMs: 9000 });
  const repeatedNegative = result({
    ...negative,
    attempts: [
      { status: 'passed', durationMs: 9000, checks: [] },
      { status: 'passed', durationMs: 8000, checks: [] },
    ],
    latency: { samples: 2, p50: 8000, p95: 9000, p99: 9000, max: 9000 },
  });

  it('are recognised by the fuzzed parameter the result names, not by a family id (families are data)', () => {
    expect(isAggregateResult(negative)).toBe(true);
    expect(isAggregateResult(result())).toBe(false);
    // A fuzzed row of a new operation, in a family of its own: still many requests in one result.
    const elsewhere = result({ id: 'getZvcProbe/hostile-ids', scenario: 'hostile-ids', family: 'hostile-ids', fuzzed: 'senderId', durationMs: 9000 });
    expect(isAggregateResult(elsewhere)).toBe(true);
    expect(overallLatency([elsewhere, result({ durationMs: 20 })])).toEqual({ samples: 1, p50: 20, p95: 20, p99: 20, max: 20 });
    // A row of the family the shipped fuzz rows use, that fuzzes nothing, is one request like any other.
    expect(isAggregateResult(result({ family: 'negative-inputs', durationMs: 20 }))).toBe(false);
  });

  it('have no latency of their own, even when they carry repeat stats', () => {
    expect(exchangeDurations(negative)).toEqual([]);
    expect(exchangeDurations(repeatedNegative)).toEqual([]);
    expect(caseLatency(negative)).toBeUndefined();
    expect(caseLatency(repeatedNegative)).toBeUndefined();
  });

  it('stay out of the run\'s percentiles', () => {
    expect(overallLatency([negative, repeatedNegative, result({ durationMs: 20 })])).toEqual({ samples: 1, p50: 20, p95: 20, p99: 20, max: 20 });
    expect(overallLatency([negative])).toBeUndefined();
  });
});

describe('exchanges the target did not serve are left out of the figures, and counted', () => {
  const quick502 = result({ status: 'failed', durationMs: 1.2, receivedStatus: 502, violations: [violation({ check: 'not-a-server-error', instancePath: '' })] });
  const unanswered = (overrides: Partial<CaseResult>): CaseResult => {
    const { receivedStatus: _none, ...rest } = result(overrides);
    return rest;
  };
  const refused = unanswered({ status: 'failed', durationMs: 0.4, violations: [violation({ check: 'transport-error', instancePath: '' })] });
  const timedOut: CaseResult = { ...refused, durationMs: 10000, violations: [violation({ check: 'timeout', instancePath: '' })] };

  it('a 5xx answer and a transport failure are no sample; a timeout is one, at the time to the deadline', () => {
    expect(runExchanges(quick502)).toEqual({ samples: [], leftOut: [502] });
    expect(runExchanges(refused)).toEqual({ samples: [], leftOut: [NO_ANSWER] });
    expect(runExchanges(timedOut)).toEqual({ samples: [10000], leftOut: [] });
    expect(caseLatency(quick502)).toBeUndefined();
    expect(caseLeftOut(quick502)).toEqual({ exchanges: 1, byStatus: [{ status: 502, count: 1 }] });
    expect(caseLatency(timedOut)?.p95).toBe(10000);
    // An error without a status (not sent: the target had stopped answering) is no answer either; a final 429 was answered.
    expect(runExchanges({ ...refused, status: 'error', violations: [] }).leftOut).toEqual([NO_ANSWER]);
    expect(runExchanges(result({ status: 'error', receivedStatus: 429, durationMs: 3 })).samples).toEqual([3]);
  });

  it('a sequence: per step, by its own status and its own timeout', () => {
    const seq = result({
      steps: [
        { id: 'read', operationId: 'o', operation: 'GET /x', status: 'passed', receivedStatus: 200, durationMs: 40 },
        { id: 'start', operationId: 'o', operation: 'POST /x', status: 'failed', receivedStatus: 503, durationMs: 2 },
        { id: 'again', operationId: 'o', operation: 'GET /x', status: 'failed', durationMs: 900 },
        { id: 'copies', operationId: 'o', operation: 'POST /x', status: 'failed', receivedStatus: 502, receivedStatuses: [502, 202], durationMs: 50 },
        { id: 'reset', operationId: 'o', operation: 'GET /x', status: 'failed', durationMs: 1 },
      ],
      violations: [violation({ check: 'timeout', step: 'again', instancePath: '' }), violation({ check: 'transport-error', step: 'reset', instancePath: '' })],
    });
    expect(runExchanges(seq)).toEqual({ samples: [40, 900, 50], leftOut: [503, NO_ANSWER] });
    expect(caseLeftOut(seq)).toEqual({ exchanges: 2, byStatus: [{ status: 0, count: 1 }, { status: 503, count: 1 }] });
  });

  it('the run\'s figures are of the served exchanges, and count what was left out over every case', () => {
    const repeated = combineAttempts([result({ durationMs: 40 }), quick502, result({ durationMs: 60 }), quick502]);
    expect(repeated.latency).toEqual({ samples: 2, p50: 40, p95: 60, p99: 60, max: 60 });
    expect(overallLatency([repeated, refused, result({ durationMs: 50 })])).toEqual({ samples: 3, p50: 50, p95: 60, p99: 60, max: 60 });
    expect(overallLeftOut([repeated, refused, result({ durationMs: 50 })])).toEqual({ exchanges: 3, byStatus: [{ status: 502, count: 2 }, { status: 0, count: 1 }] });
    // Every repeat a 502: no figures, not zeros; what was left out says why.
    const down = combineAttempts([quick502, quick502, quick502]);
    expect(down.latency).toBeUndefined();
    expect(caseLatency(down)).toBeUndefined();
    expect(down.latencyLeftOut).toEqual({ exchanges: 3, byStatus: [{ status: 502, count: 3 }] });
    expect(overallLatency([down])).toBeUndefined();
  });

  it('a count lists at most LEFT_OUT_STATUSES statuses, most first; the rest only in the total', () => {
    const counted = countLeftOut([599, 502, 502, 503, 0, 500, 504]);
    expect(counted).toEqual({ exchanges: 7, byStatus: [{ status: 502, count: 2 }, { status: 0, count: 1 }, { status: 500, count: 1 }, { status: 503, count: 1 }] });
    expect(counted?.byStatus).toHaveLength(LEFT_OUT_STATUSES);
    expect(countLeftOut([])).toBeUndefined();
  });

  it('the run-wide count is exact: a status fifth in every case is counted, each case\'s own list still bounded', () => {
    // Each case's exchanges: 502 ×3, 503 ×2, 504 ×2, 0 ×2, and one 599 — fifth, so cut from the case's list.
    const statuses = [502, 502, 502, 503, 503, 504, 504, 0, 0, 599];
    const answered = (status: number): CaseResult => (status === NO_ANSWER ? refused : result({ status: 'failed', durationMs: 1, receivedStatus: status, violations: [violation({ check: 'not-a-server-error', instancePath: '' })] }));
    // One run of each case (no --repeat: counted from its steps), and the same case over repeats (from its attempts).
    const sequence = (id: string): CaseResult =>
      result({
        id,
        status: 'failed',
        steps: statuses.map((status, i) => ({ id: `s${i}`, operationId: 'o', operation: 'GET /x', status: 'failed', durationMs: 1, ...(status === NO_ANSWER ? {} : { receivedStatus: status }) })),
        violations: statuses.map((status, i) => violation({ check: status === NO_ANSWER ? 'transport-error' : 'not-a-server-error', step: `s${i}`, instancePath: '' })),
      });
    const once = Array.from({ length: 6 }, (_, i) => sequence(`seq-${i}`));
    const repeated = Array.from({ length: 6 }, (_, i) => combineAttempts(statuses.map(answered).map((r) => ({ ...r, id: `rep-${i}` }))));
    for (const r of [...once, ...repeated]) {
      expect(caseLeftOut(r)?.byStatus).toHaveLength(LEFT_OUT_STATUSES);
      expect(caseLeftOut(r)?.byStatus.map((s) => s.status)).not.toContain(599);
    }
    // 12 cases: 502 ×36, 503, 504 and no answer ×24 each, 599 ×12; with 13 cases of 599 ×2 it is the commonest run-wide (38).
    const extra = Array.from({ length: 13 }, (_, i) => combineAttempts([answered(599), answered(599)].map((r) => ({ ...r, id: `x-${i}` }))));
    const all = [...once, ...repeated, ...extra];
    expect(overallLeftOut(all)).toEqual({ exchanges: 120 + 26, byStatus: [{ status: 599, count: 38 }, { status: 502, count: 36 }, { status: 0, count: 24 }, { status: 503, count: 24 }] });
    // Merged shards read the attempts back from conformance.json: the same count.
    expect(overallLeftOut(JSON.parse(JSON.stringify(all)) as CaseResult[])).toEqual(overallLeftOut(all));
  });

  it('a result without the evidence (a report that kept no status) is a sample, as before', () => {
    expect(runExchanges(unanswered({ durationMs: 7 }))).toEqual({ samples: [7], leftOut: [] });
  });
});

/**
 * The bounds of the latency rules, pinned where a mutation audit found them loose: "at least" is
 * at least, and an exchange at the budget is within it.
 */
describe('the latency rules at their bounds', () => {
  describe('p95Rose: by more than pct %, and by at least minDeltaMs', () => {
    it('a rise of exactly minDeltaMs (and over pct) is a rise', () => {
      // 30 → 50 ms: +20 ms, +67 %: the defaults (50 %, 20 ms) call it.
      expect(p95Rose(30, 50)).toBe(true);
      expect(p95Rose(30, 49.9)).toBe(false);
      // Exactly +pct % is not more than pct %.
      expect(p95Rose(100, 150)).toBe(false);
      expect(p95Rose(100, 150.1)).toBe(true);
    });
  });

  describe('latency budget: an exchange at the budget is within it', () => {
    it('one stall and one exchange exactly at the budget is still one exchange over: a warning, no breach', () => {
      const judged = applyLatencyBudget(combineAttempts([10, 500, 900, 10, 10].map((ms) => result({ durationMs: ms }))), 500);
      expect(judged.status).toBe('passed');
      expect(judged.violations.map((v) => v.severity)).toEqual(['warning']);
    });
  });
});
