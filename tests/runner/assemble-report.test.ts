/**
 * The report's digests are computed once, where a run (or a shard merge) assembles its report,
 * from all its cases: every renderer shows that copy. And the exit code a CI gate reads is
 * computed from that report (exitCodeOf).
 */
import type { CaseResult, ConformanceReport } from '../../src/model';
import { assembleReport, exitCodeOf } from '../../src/runner/assemble-report';
import { failureDigestFor } from '../../src/report/failure-digest';
import { assertConsistent } from '../../src/report/report-consistency';
import { summarize } from '../../src/report/summarize';
import { errorResult, failedResult, readId, report, result, runInfo, violation } from '../report/fixtures';
import { flakyResult } from '../report/regression-fixtures';

describe('assembleReport: the failure digest', () => {
  it('is computed over every case given (a merge gives all the shards\' cases), and the report it is in is consistent', () => {
    const fault = violation({ check: 'json-body', message: 'Received: "\\ufeff{}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200' });
    // As two shards' cases put back together: the fault is one, seen in both.
    const results = ['shard-1-case', 'shard-2-case'].map((id) => ({ ...failedResult, id: readId(id), violations: [fault] }));
    const report = assembleReport(runInfo, results, { allowFlaky: false });
    expect(report.failureDigest).toEqual({ faultCount: 1, faults: [expect.objectContaining({ check: 'json-body', answers: 2, cases: 2, firstCase: readId('shard-1-case') })] });
    expect(report.failureDigest).toEqual(failureDigestFor(report));
    expect(() => assertConsistent(report)).not.toThrow();
    // One shard alone saw it once: not a fault seen in several cases.
    expect(assembleReport(runInfo, results.slice(0, 1), { allowFlaky: false }).failureDigest).toBeUndefined();
  });
});

describe('exitCodeOf: the gate', () => {
  const judged = (results: CaseResult[], extra: Partial<ConformanceReport> = {}): ConformanceReport => ({ ...report(results), summary: summarize(results), ...extra });
  const allPassed = judged([result()]);

  it('exits 1 on a case that could not be judged (status error), with no failure beside it, and 0 on a clean run', () => {
    expect(exitCodeOf(allPassed, { allowFlaky: false })).toBe(0);
    expect(exitCodeOf(judged([result(), errorResult]), { allowFlaky: false })).toBe(1);
    // --allow-flaky forgives a flaky case, not one that could not be judged.
    expect(exitCodeOf(judged([result(), errorResult]), { allowFlaky: true })).toBe(1);
  });

  it('exits 1 on a flaky case unless --allow-flaky, with or without a baseline', () => {
    const flaky = judged([result(), flakyResult]);
    expect(exitCodeOf(flaky, { allowFlaky: false })).toBe(1);
    expect(exitCodeOf(flaky, { allowFlaky: true })).toBe(0);
    // Flaky tonight and failing in the baseline, under --baseline-strict: it fails the run unless allowed.
    const known = { ...flaky, baseline: { baseline: { file: 'b.json', startedAt: runInfo.startedAt, target: runInfo.target }, newFailures: [], fixed: [], stillFailing: [flakyResult.id], newlySkipped: [], latencyRegressions: [] } };
    expect(exitCodeOf(known, { allowFlaky: false, baseline: { file: 'b.json', strict: true } })).toBe(1);
    expect(exitCodeOf(known, { allowFlaky: true, baseline: { file: 'b.json', strict: true } })).toBe(0);
    // A report that carries a diff judged without --baseline (the caller asked for none) counts every failure.
    expect(exitCodeOf(known, { allowFlaky: false })).toBe(1);
    // Flaky tonight with a fault the baseline did not show (it passed there, or failed otherwise):
    // a new intermittent fault, which --allow-flaky does not let pass, strict or not.
    const fresh = { ...known, baseline: { ...known.baseline, newFailures: [flakyResult.id], stillFailing: [] } };
    expect(exitCodeOf(fresh, { allowFlaky: true, baseline: { file: 'b.json', strict: false } })).toBe(1);
    expect(exitCodeOf(fresh, { allowFlaky: true, baseline: { file: 'b.json', strict: true } })).toBe(1);
    expect(exitCodeOf(known, { allowFlaky: true, baseline: { file: 'b.json', strict: false } })).toBe(0);
    // Without a baseline there is nothing to tell a new fault by: allowed, as before.
    expect(exitCodeOf(fresh, { allowFlaky: true })).toBe(0);
  });

  it('exits 1 on an unmet --min-coverage rule though every case passed, and not when the rules are met', () => {
    const coverage = (met: boolean): NonNullable<ConformanceReport['coverage']> => ({ operations: [], minimum: { rules: [], met } }) as unknown as NonNullable<ConformanceReport['coverage']>;
    expect(exitCodeOf(judged([result()], { coverage: coverage(false) }), { allowFlaky: false })).toBe(1);
    expect(exitCodeOf(judged([result()], { coverage: coverage(true) }), { allowFlaky: false })).toBe(0);
  });

  it('exits 1 when a single case is over --fail-on-flaky-rate, and 0 when none is', () => {
    const history = (over: number): NonNullable<ConformanceReport['history']> => ({ flakyRate: { limit: 0.1, over: Array.from({ length: over }, (_, i) => ({ id: readId(`c${i}`) })) } }) as unknown as NonNullable<ConformanceReport['history']>;
    expect(exitCodeOf(judged([result()], { history: history(1) }), { allowFlaky: false })).toBe(1);
    expect(exitCodeOf(judged([result()], { history: history(0) }), { allowFlaky: false })).toBe(0);
  });
});
