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

  it('says how many failed cases, then how many faults and violations in them', () => {
    const results = [failedResult, { ...failedResult, violations: [violation(), violation()] }];
    expect(headline(summarize(results), results)).toBe('not conformant — 2 failed cases (2 faults, 3 violations)');
  });

  it('leads with the failed cases and the faults: one fault seen in every case reads as one, not as its violations', () => {
    // One 500 on the unknown id, seen by 9 cases, twice in the sequences (two steps): 15 violations, 1 fault.
    const serverError = (step?: string) => violation({ check: 'not-a-server-error', title: 'The target answered with a server error (500)', message: 'Received: 500 / Expected: a status below 500', instancePath: '', ...(step === undefined ? {} : { step }) });
    const results = Array.from({ length: 9 }, (_, i) => ({ ...failedResult, id: `case-${i}`, violations: i < 6 ? [serverError('read'), serverError('start')] : [serverError()] }));
    expect(headline(summarize(results), results)).toBe('not conformant — 9 failed cases (1 fault, 15 violations)');
    // Two faults are never merged: another check, or the same check at another place.
    const two = [...results, { ...failedResult, id: 'case-9', violations: [violation({ instancePath: '/data/status' }), violation({ instancePath: '/data/other' })] }];
    expect(headline(summarize(two), two)).toBe('not conformant — 10 failed cases (3 faults, 17 violations)');
    // As many violations as faults: said once.
    expect(headline(summarize([failedResult]), [failedResult])).toBe('not conformant — 1 failed case (1 fault)');
  });

  it('counts only the violations of status "failed" in the failed cases\' counts, never an error case\'s', () => {
    // Regression: an error case's violations were added to the failed cases' count.
    const crashed = { ...errorResult, violations: [violation(), violation({ instancePath: '/other' })] };
    const results = [failedResult, crashed];
    expect(headline(summarize(results), results)).toBe('errors — 1 case could not be judged, 1 failed case (1 fault)');
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

  it('do not add their violations or faults to the failed cases\' counts', () => {
    const results = [failedResult, { ...flaky, violations: [violation(), violation({ instancePath: '/other' })] }];
    expect(headline(summarize(results), results)).toBe('not conformant — 1 failed case (1 fault), 1 flaky case');
  });

  it('appear in the verdict line only when there are some', () => {
    expect(countsLine(summarize([result(), flaky, skippedResult]))).toBe('conformance: 1 passed, 0 failed, 1 flaky, 1 skipped, 0 errors (0 warnings)');
    expect(countsLine(summarize([result()]))).not.toContain('flaky');
  });
});
