import { isAggregateResult } from '../../src/model/aggregate-result';
import { caseLatency, exchangeDurations, latencyStats, overallLatency } from '../../src/repeat/latency';
import { result, skippedResult } from '../report/fixtures';

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('latencyStats (nearest rank)', () => {
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
  const negative = result({ id: 'negative-inputs', scenario: 'negative-inputs', family: 'negative-inputs', durationMs: 9000 });
  const repeatedNegative = result({
    ...negative,
    attempts: [
      { status: 'passed', durationMs: 9000, checks: [] },
      { status: 'passed', durationMs: 8000, checks: [] },
    ],
    latency: { samples: 2, p50: 8000, p95: 9000, p99: 9000, max: 9000 },
  });

  it('are recognised by their family', () => {
    expect(isAggregateResult(negative)).toBe(true);
    expect(isAggregateResult(result())).toBe(false);
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
