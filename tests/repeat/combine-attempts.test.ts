import type { CaseResult } from '../../src/model';
import { combineAttempts, unionOmitted, unionViolations } from '../../src/repeat/combine-attempts';
import { OMITTED_PLACES_CHARS, OMITTED_PLACES_KEPT } from '../../src/model/violation';
import { validateReport } from '../../src/report/report-schema';
import { caseStatusNote } from '../../src/report/status-text';
import { renderJson } from '../../src/report/render-json';
import { report, result, sequenceResult, skippedResult, violation, warningViolation } from '../report/fixtures';

const passed = (durationMs: number): CaseResult => result({ durationMs });
const status503: CaseResult = result({
  status: 'failed',
  durationMs: 900,
  receivedStatus: 503,
  curl: 'curl failing',
  exchangeId: 'coexistence[snd_coex_active]#3',
  source: 'rec.har#3',
  violations: [
    violation({ check: 'not-a-server-error', title: 'Server error', message: 'Received: 503 / Expected: not 5xx', instancePath: '' }),
    violation({ check: 'status-code-expected', title: 'Unexpected status', message: 'Received: 503 / Expected: 200', instancePath: '' }),
  ],
});

describe('combineAttempts', () => {
  it('keeps a fuzzed result fuzzed: the property repeated is still an aggregate, with no latency of its own', () => {
    const fuzzed = (durationMs: number): CaseResult => result({ durationMs, fuzzed: 'senderId' });
    const combined = combineAttempts([fuzzed(3000), fuzzed(1000), fuzzed(2000)]);
    expect(combined.fuzzed).toBe('senderId');
    expect(combined.latency).toBeUndefined();
  });

  it('keeps a common verdict, with every attempt, their latency and the median duration', () => {
    const combined = combineAttempts([passed(30), passed(10), passed(20)]);
    expect(combined.status).toBe('passed');
    expect(combined.attempts).toEqual([30, 10, 20].map((d) => ({ status: 'passed', receivedStatus: 200, durationMs: d, checks: [] })));
    expect(combined.latency).toEqual({ samples: 3, p50: 20, p95: 30, p99: 30, max: 30 });
    expect(combined.durationMs).toBe(20);
    expect(combined.violations).toEqual([]);
  });

  it('marks differing verdicts flaky, with a violation naming the outcomes', () => {
    const combined = combineAttempts([passed(30), status503, passed(20)]);
    expect(combined.status).toBe('flaky');
    expect(combined.violations.at(-1)).toEqual({
      check: 'flaky',
      severity: 'error',
      title: 'The verdict differed between repeats',
      message: 'Received: passed ×2, failed ×1 (503) / Expected: the same verdict on every repeat',
      instancePath: '',
    });
    // The 503 was not served: its attempt keeps no sample but its status (the run-wide count adds those), and the case's figures are the two 200s'.
    expect(combined.attempts?.[1]).toEqual({ status: 'failed', receivedStatus: 503, durationMs: 900, exchangesMs: [], leftOutStatuses: [503], checks: ['not-a-server-error', 'status-code-expected'] });
    expect(combined.latency).toEqual({ samples: 2, p50: 20, p95: 30, p99: 30, max: 30 });
    expect(combined.latencyLeftOut).toEqual({ exchanges: 1, byStatus: [{ status: 503, count: 1 }] });
    expect(validateReport(report([combined]))).toBeTruthy();
  });

  it('reproduces with the first attempt that went wrong', () => {
    const combined = combineAttempts([passed(30), status503]);
    expect(combined).toMatchObject({ receivedStatus: 503, curl: 'curl failing', exchangeId: 'coexistence[snd_coex_active]#3', source: 'rec.har#3' });
    expect(combineAttempts([passed(1), passed(2)]).exchangeId).toBe(result().exchangeId);
  });

  it('reports a breach found by every repeat once, but keeps repeats within one attempt', () => {
    const twice = result({ status: 'failed', violations: [violation(), violation()] });
    const combined = combineAttempts([twice, twice, twice]);
    expect(combined.status).toBe('failed');
    expect(combined.violations).toEqual([violation(), violation()]);
    const warned = combineAttempts([result({ violations: [warningViolation] }), result({ violations: [warningViolation] })]);
    expect(warned.violations).toEqual([warningViolation]);
  });

  it('keeps a breach that is a warning in one repeat and an error in another: severity is part of its identity', () => {
    const asWarning = violation({ check: 'status-code-expected', severity: 'warning', message: 'Received: 431 / Expected: 401', instancePath: '' });
    const asError = { ...asWarning, severity: 'error' as const };
    expect(unionViolations([[asWarning], [asError]])).toEqual([asWarning, asError]);
    expect(unionViolations([[asError], [asError]])).toEqual([asError]);
  });

  it('keeps a skip reason; a repeat that could not be judged is left out of the verdict, and said, not called flaky', () => {
    const skipped = combineAttempts([skippedResult, skippedResult]);
    expect(skipped).toMatchObject({ status: 'skipped', skipReason: skippedResult.skipReason });
    expect(skipped.latency).toBeUndefined();
    const limited = result({ status: 'error', errorMessage: 'rate limited (429; not retried): the request got no answer to judge (slow the run with --rate)' });
    const combined = combineAttempts([passed(1), limited, passed(3)]);
    expect(combined.status).toBe('passed');
    expect(combined.violations).toContainEqual({
      check: 'not-judged',
      severity: 'warning',
      title: '1 of 3 repeats could not be judged',
      message: 'Received: rate limited (429; not retried): the request got no answer to judge (slow the run with --rate) / Expected: every repeat judged (the verdict rests on the 2 that were)',
      instancePath: '',
    });
    expect(combined.attempts?.map((a) => a.status)).toEqual(['passed', 'error', 'passed']);
    // Judged repeats that differ are still flaky; none judged is an error with the reason.
    expect(combineAttempts([passed(1), limited, result({ status: 'failed' })]).status).toBe('flaky');
    expect(combineAttempts([limited, limited])).toMatchObject({ status: 'error', errorMessage: limited.errorMessage });
  });

  it('shows the steps, failing step and expected status of the repeat of a sequence that went wrong', () => {
    const { failedStep: _failed, ...rest } = sequenceResult;
    const passing: CaseResult = {
      ...rest,
      status: 'passed',
      violations: [],
      expectedStatus: 200,
      receivedStatus: 200,
      steps: sequenceResult.steps!.map((step) => ({ ...step, status: 'passed', receivedStatus: step.expectedStatus ?? 200 })),
    };
    const combined = combineAttempts([passing, sequenceResult]);
    expect(combined).toMatchObject({ status: 'flaky', operationId: 'startWhatsAppHistorySync', failedStep: 'start', expectedStatus: 202, receivedStatus: 400, steps: sequenceResult.steps });
    expect(combineAttempts([passing, passing])).not.toHaveProperty('failedStep');
    expect(validateReport(report([combined]))).toBeTruthy();
  });

  it('refuses no results and results of different cases', () => {
    expect(() => combineAttempts([])).toThrow(/no results/);
    expect(() => combineAttempts([passed(1), result({ id: 'other' })])).toThrow(/different cases/);
  });
});

describe('unionOmitted', () => {
  const extras = { check: 'undocumented-properties', severity: 'warning', count: 299980, instancePath: '/sync' } as const;

  it('counts the same overflow once over repeats, at its largest', () => {
    expect(unionOmitted([[extras], [{ ...extras, count: 10 }], undefined])).toEqual([extras]);
    expect(unionOmitted([[{ ...extras, count: 10 }], [extras]])).toEqual([extras]);
  });

  it("joins an error overflow's places over repeats (each repeat may have kept other ones), bounded, and unknown when one repeat's are", () => {
    const errors = { check: 'response-schema', severity: 'error', count: 4, instancePath: '/details' } as const;
    expect(unionOmitted([[{ ...errors, places: ['/details/a', '/details/b'] }], [{ ...errors, count: 5, places: ['/details/c', '/details/a'] }]])).toEqual([
      { ...errors, count: 5, places: ['/details/a', '/details/b', '/details/c'] },
    ]);
    const wide = (from: number) => Array.from({ length: OMITTED_PLACES_KEPT }, (_, i) => `/k${from + i}`);
    expect(unionOmitted([[{ ...errors, places: wide(0) }], [{ ...errors, places: wide(1) }]])).toEqual([{ ...errors, places: wide(0), placesCut: true }]);
    expect(unionOmitted([[{ ...errors, places: ['/details/a'] }], [errors]])).toEqual([errors]);
  });

  it("bounds the characters of the places it joins over repeats: each repeat's within the budget, together over it, is cut", () => {
    const errors = { check: 'response-schema', severity: 'error', count: 15, instancePath: '/details' } as const;
    const long = (from: number) => Array.from({ length: 15 }, (_, i) => `/details/${String(from + i).padStart(4, '0')}${'k'.repeat(985)}`);
    const [joined] = unionOmitted([[{ ...errors, places: long(0) }], [{ ...errors, places: long(15) }], [{ ...errors, places: long(30) }]]);
    expect((joined?.places ?? []).reduce((n, p) => n + p.length, 0)).toBeLessThanOrEqual(OMITTED_PLACES_CHARS);
    expect(joined?.places?.slice(0, 15)).toEqual(long(0));
    expect(joined?.placesCut).toBe(true);
  });

  it('keeps overflows of other checks, places or steps apart', () => {
    const other = { ...extras, instancePath: '/other' };
    const inStep = { ...extras, step: 'read' };
    expect(unionOmitted([[extras, other], [inStep]])).toEqual([extras, other, inStep]);
  });

  it("keeps a concurrent step's copies apart (each its own answer) and joins each copy over repeats", () => {
    const first = { ...extras, step: 'start', copy: 1, count: 5 };
    const second = { ...first, copy: 2, count: 3 };
    expect(unionOmitted([[first, second], [{ ...first, count: 4 }, { ...second, count: 7 }]])).toEqual([first, { ...second, count: 7 }]);
  });

  it('is carried by the combined result of repeats', () => {
    const combined = combineAttempts([result({ omittedViolations: [extras] }), result({ omittedViolations: [extras] })]);
    expect(combined.omittedViolations).toEqual([extras]);
    expect(combineAttempts([result(), result()]).omittedViolations).toBeUndefined();
  });
});

describe('combineAttempts of a timeout after the head', () => {
  // A head then a stalled body: the repeat shown and each attempt say what came, as one run's line does.
  const { receivedStatus: _none, ...failed } = result({ status: 'failed', durationMs: 300 });
  const stalled: CaseResult = { ...failed, headStatus: 200 };

  it("keeps the shown repeat's head status: the case line reads 'timeout after the head (status 200)', not 'no response'", () => {
    const combined = combineAttempts([passed(30), stalled]);
    expect(combined.headStatus).toBe(200);
    expect(caseStatusNote(combined)).toBe('timeout after the head (status 200)');
  });

  it("keeps each attempt's head status: the flaky outcome reads '200, then a timeout', not 'no response', and validates", () => {
    const combined = combineAttempts([passed(30), stalled]);
    expect(combined.attempts?.[1]).toMatchObject({ status: 'failed', headStatus: 200 });
    expect(combined.attempts?.[1]?.receivedStatus).toBeUndefined();
    expect(combined.violations.find((v) => v.check === 'flaky')?.message).toContain('failed ×1 (200, then a timeout)');
    expect(validateReport(JSON.parse(renderJson(report([combined]))))).toBeTruthy();
  });
});
