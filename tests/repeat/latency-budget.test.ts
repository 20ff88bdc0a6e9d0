import { applyLatencyBudget } from '../../src/repeat/latency-budget';
import { validateReport } from '../../src/report/report-schema';
import { report, result, skippedResult } from '../report/fixtures';
import { flakyResult } from '../report/regression-fixtures';

describe('applyLatencyBudget', () => {
  it('fails a passed case whose p95 is over the budget, saying by how much', () => {
    const over = applyLatencyBudget(result({ latency: { samples: 5, p50: 100, p95: 612, p99: 612, max: 612 } }), 500);
    expect(over.status).toBe('failed');
    expect(over.violations).toEqual([{
      check: 'latency-budget',
      severity: 'error',
      title: 'p95 latency is over the budget',
      message: 'Received: p95 612 ms over 5 exchanges / Expected: p95 at most 500 ms (--latency-budget-ms)',
      instancePath: '',
    }]);
    expect(validateReport(report([over]))).toBeTruthy();
  });

  it('uses the one duration of a case run once, and leaves a case at the budget alone', () => {
    expect(applyLatencyBudget(result({ durationMs: 501 }), 500).status).toBe('failed');
    const atBudget = result({ durationMs: 500 });
    expect(applyLatencyBudget(atBudget, 500)).toBe(atBudget);
  });

  it('leaves an aggregate (the negative-input case) alone: its duration is not a latency', () => {
    const negative = result({ id: 'negative-inputs', scenario: 'negative-inputs', family: 'negative-inputs', durationMs: 9000 });
    expect(applyLatencyBudget(negative, 100)).toBe(negative);
  });

  it('keeps flaky flaky and skipped untouched', () => {
    const flaky = applyLatencyBudget(flakyResult, 100);
    expect(flaky.status).toBe('flaky');
    expect(flaky.violations.map((v) => v.check)).toContain('latency-budget');
    expect(applyLatencyBudget(skippedResult, 0)).toBe(skippedResult);
  });
});
