import { countsLine, flakyFailing, headline, reportVerdict, summarize, verdict } from '../../src/report/summarize';
import type { BaselineDiff } from '../../src/model';
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

  it('says a run that judged nothing, every case skipped, judged nothing: "conformant — 46 cases skipped" read as a pass of a gate that sent no request', () => {
    const skipped = [skippedResult, skippedResult, skippedResult];
    expect(headline(summarize(skipped), skipped)).toBe('conformant — nothing judged: all 3 cases skipped');
    expect(headline(summarize([skippedResult]), [skippedResult])).toBe('conformant — nothing judged: the 1 case skipped');
    // One case judged, and the skips are a count beside it.
    expect(headline(summarize([result(), ...skipped]), [result(), ...skipped])).toBe('conformant — 3 cases skipped');
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

  it('with a baseline, are allowed only when the baseline shows their faults: a new failure (a new fault, or none failing there) is not', () => {
    const other = result({ id: 'other', status: 'flaky' });
    const results = [result(), flaky, other];
    const diff = (over: Partial<BaselineDiff>): BaselineDiff => ({ baseline: { file: 'b.json', startedAt: 'x', target: 't' }, newFailures: [], fixed: [], stillFailing: [], newlySkipped: [], latencyRegressions: [], ...over });
    const mixed = { results, summary: summarize(results), baseline: diff({ newFailures: ['wrong-key'], stillFailing: ['other'] }) };
    expect([...flakyFailing(mixed, { allowFlaky: true })]).toEqual(['wrong-key']);
    expect(reportVerdict(mixed, { allowFlaky: true })).toBe('violations');
    expect(headline(mixed.summary, results, { allowFlaky: true }, 1)).toBe('not conformant — 2 flaky cases (1 with a new fault, not allowed by --allow-flaky; 1 allowed)');
    const allNew = { ...mixed, baseline: diff({ newFailures: ['wrong-key', 'other'] }) };
    expect(headline(allNew.summary, results, { allowFlaky: true }, flakyFailing(allNew, { allowFlaky: true }).size)).toBe('not conformant — 2 flaky cases with a new fault (not allowed by --allow-flaky)');
    // Every fault known (still failing): allowed, as without a baseline.
    const known = { ...mixed, baseline: diff({ stillFailing: ['wrong-key', 'other'] }) };
    expect(flakyFailing(known, { allowFlaky: true }).size).toBe(0);
    expect(reportVerdict(known, { allowFlaky: true })).toBe('conformant');
    const { baseline: _b, ...none } = mixed;
    expect(reportVerdict(none, { allowFlaky: true })).toBe('conformant');
    // Without the flag every flaky case fails the run, baseline or not.
    expect([...flakyFailing(known)].sort()).toEqual(['other', 'wrong-key']);
    expect(reportVerdict(known)).toBe('violations');
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
