import { countsLine, headline, summarize, verdict } from '../../src/report/summarize';
import { errorResult, failedResult, mixedReport, result, skippedResult, violation, warningViolation } from './fixtures';

describe('summarize', () => {
  it('counts each status and the total', () => {
    expect(summarize(mixedReport().results)).toEqual({ passed: 1, failed: 1, skipped: 1, errors: 1, total: 4, warnings: 1, flaky: 0 });
  });

  it('counts warning-severity violations across results, passed ones included, and not errors', () => {
    const results = [result({ violations: [warningViolation, warningViolation] }), { ...failedResult, violations: [violation(), warningViolation] }];
    expect(summarize(results).warnings).toBe(3);
  });

  it('never counts a skipped case as passed', () => {
    const summary = summarize([skippedResult, skippedResult]);
    expect(summary).toMatchObject({ passed: 0, skipped: 2, total: 2 });
  });
});

describe('verdict', () => {
  it('is conformant with only passes and skips, violations with a failure, errors when a check crashed', () => {
    expect(verdict(summarize([result(), skippedResult]))).toBe('conformant');
    expect(verdict(summarize([result(), failedResult]))).toBe('violations');
    expect(verdict(summarize([failedResult, errorResult]))).toBe('errors');
  });
});

describe('headline and countsLine', () => {
  it('keeps skips visible in a conformant headline', () => {
    expect(headline(summarize([result(), skippedResult]), [result(), skippedResult])).toBe('conformant — 1 case skipped');
  });

  it('says how many violations in how many failed cases', () => {
    const results = [failedResult, { ...failedResult, violations: [violation(), violation()] }];
    expect(headline(summarize(results), results)).toBe('not conformant — 3 violations in 2 failed cases');
  });

  it('counts only the violations of status "failed" in "violations in failed cases", never an error case\'s', () => {
    // Regression: an error case's violations were added to the failed cases' count.
    const crashed = { ...errorResult, violations: [violation(), violation({ instancePath: '/other' })] };
    const results = [failedResult, crashed];
    expect(headline(summarize(results), results)).toBe('errors — 1 case could not be judged, 1 violation in 1 failed case');
  });

  it('prints the final verdict line', () => {
    expect(countsLine(mixedReport().summary)).toBe('conformance: 1 passed, 1 failed, 1 skipped, 1 error (1 warning)');
  });
});

describe('flaky cases', () => {
  const flaky = result({ id: 'wrong-key', status: 'flaky' });

  it('fail the verdict unless allowFlaky is passed', () => {
    const summary = summarize([result(), flaky]);
    expect(summary.flaky).toBe(1);
    expect(verdict(summary)).toBe('violations');
    expect(verdict(summary, { allowFlaky: true })).toBe('conformant');
    // As the CLI passes it without --allow-flaky: false, not absent.
    expect(verdict(summary, { allowFlaky: false })).toBe('violations');
    expect(verdict(summarize([failedResult, flaky]), { allowFlaky: true })).toBe('violations');
  });

  it('are named in the headline, as allowed when they are', () => {
    const results = [result(), flaky];
    expect(headline(summarize(results), results)).toBe('not conformant — 1 flaky case');
    expect(headline(summarize(results), results, { allowFlaky: true })).toBe('conformant — 1 flaky case allowed');
  });

  it('do not add their violations to "violations in failed cases"', () => {
    const results = [failedResult, { ...flaky, violations: [violation(), violation()] }];
    expect(headline(summarize(results), results)).toBe('not conformant — 1 violation in 1 failed case, 1 flaky case');
  });

  it('appear in the verdict line only when there are some', () => {
    expect(countsLine(summarize([result(), flaky, skippedResult]))).toBe('conformance: 1 passed, 0 failed, 1 flaky, 1 skipped, 0 errors (0 warnings)');
    expect(countsLine(summarize([result()]))).not.toContain('flaky');
  });
});
