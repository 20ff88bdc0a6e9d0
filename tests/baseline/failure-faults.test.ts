/** Whether a case still failing is the same failure as in the baseline (baseline/failure-faults.ts), and the diff's order of what it finds. */
import { diffBaseline } from '../../src/baseline/baseline-diff';
import { changedFailure, faultsOf } from '../../src/baseline/failure-faults';
import type { BaselineResult } from '../../src/baseline/read-baseline';
import type { CaseResult, Violation } from '../../src/model';
import { CHANGED_FAULTS_KEPT } from '../../src/model/result';
import { readId, report, result, violation } from '../report/fixtures';

const opts = { latencyThresholdPct: 50, minDeltaMs: 20 };
const v = (check: string, instancePath = '', extra: Partial<Violation> = {}): Violation => violation({ check, instancePath, ...extra });
const failing = (id: string, violations: Violation[], extra: Partial<CaseResult> = {}): CaseResult => result({ id: readId(id), status: 'failed', violations, ...extra });
const counted = (check: string, step?: string) => ({ check, severity: 'error' as const, count: 40, instancePath: '/data', ...(step === undefined ? {} : { step }) });

describe('faultsOf', () => {
  it('reads a violation without a severity (a report of an older suite) as a fault: the safe side for a gate', () => {
    expect(faultsOf([{ check: 'status-code-expected', instancePath: '' }])).toEqual([{ check: 'status-code-expected', place: '' }]);
    // Known when tonight's fault is that one.
    const before: BaselineResult = { ...failing('a', []), violations: [{ check: 'status-code-expected', instancePath: '' }] as NonNullable<BaselineResult['violations']> };
    expect(changedFailure(failing('a', [v('status-code-expected')]), before)).toBeUndefined();
  });

  it('keeps the step a fault was seen in, and marks errors only counted as under their place', () => {
    expect(faultsOf([v('response-schema', '/data/items/2', { step: 'poll' })], [counted('response-schema', 'start')])).toEqual([
      { check: 'response-schema', place: '/data/items/*', step: 'poll' },
      { check: 'response-schema', place: '/data', step: 'start', under: true },
    ]);
  });
});

describe('changedFailure', () => {
  it('counts the same check and place in another step of a sequence as new', () => {
    const before: BaselineResult = failing('a', [v('response-schema', '/data/status', { step: 'start' })]);
    expect(changedFailure(failing('a', [v('response-schema', '/data/status', { step: 'poll' })]), before)).toEqual({ id: readId('a'), newFaults: [{ check: 'response-schema', place: '/data/status', step: 'poll' }] });
  });

  it('flags a new fault at a step the baseline never reached (its run of the case stopped at an earlier failure): new all the same, and said why', () => {
    // Night 8 of a nightly month: a 503 on the first witness read stopped the sequence, so night 9's
    // canSync break at a later witness, there since night 7, read as "now also" a new fault.
    const stepOf = (id: string, status: CaseResult['status']): NonNullable<BaselineResult['steps']>[number] => ({ id, status, durationMs: 1 });
    const before: BaselineResult = { ...failing('a', [v('not-a-server-error', '', { step: 'read-first' })]), steps: [stepOf('read-first', 'failed'), stepOf('read-later', 'skipped')] };
    const tonight = failing('a', [v('response-schema', '/sync/history/canSync', { step: 'read-later' })]);
    expect(changedFailure(tonight, before)).toEqual({ id: readId('a'), newFaults: [{ check: 'response-schema', place: '/sync/history/canSync', step: 'read-later' }], baselineIncomplete: 'not-reached' });
    // A step the baseline did reach shows what it had: a fault new there is plainly new.
    const reached: BaselineResult = { ...before, steps: [stepOf('read-first', 'failed'), stepOf('read-later', 'passed')] };
    expect(changedFailure(tonight, reached)?.baselineIncomplete).toBeUndefined();
    // Some new faults at steps it reached: they are new, whatever the others.
    const both = failing('a', [v('response-schema', '/sync/history/canSync', { step: 'read-later' }), v('status-code-expected', '', { step: 'read-first' })]);
    expect(changedFailure(both, before)?.baselineIncomplete).toBeUndefined();
  });

  it('does not say the baseline never reached a step when one of its repeats passed the case: that repeat reached every step, without the fault', () => {
    // --repeat 3 last night: the repeat shown (the first failing) stopped at its first read, another passed every step.
    const stepOf = (id: string, status: CaseResult['status']): NonNullable<BaselineResult['steps']>[number] => ({ id, status, durationMs: 1 });
    const attempt = (status: CaseResult['status']) => ({ status, durationMs: 1 });
    const before: BaselineResult = { ...failing('a', [v('not-a-server-error', '', { step: 'read-first' })]), status: 'flaky', steps: [stepOf('read-first', 'failed'), stepOf('read-later', 'skipped')], attempts: [attempt('failed'), attempt('passed'), attempt('failed')] };
    const tonight = failing('a', [v('response-schema', '/sync/history/canSync', { step: 'read-later' })]);
    expect(changedFailure(tonight, before)).toEqual({ id: readId('a'), newFaults: [{ check: 'response-schema', place: '/sync/history/canSync', step: 'read-later' }] });
    // Every repeat failed: the one shown is all the baseline tells of that step.
    expect(changedFailure(tonight, { ...before, attempts: [attempt('failed'), attempt('failed')] })?.baselineIncomplete).toBe('not-reached');
  });

  it('does not take errors the baseline only counted under a place for one listed at it: new, and flagged as the baseline cut', () => {
    const before: BaselineResult = failing('a', [], { omittedViolations: [counted('response-schema')] });
    expect(changedFailure(failing('a', [v('response-schema', '/data')]), before)).toEqual({ id: readId('a'), newFaults: [{ check: 'response-schema', place: '/data' }], baselineIncomplete: 'cut' });
  });

  describe("a baseline that lists the places of the errors it only counted (more than a report keeps in full)", () => {
    const flags = (keys: string[]) => keys.map((k) => v('state-prediction', `/details/${k}`));
    const listing = (places: string[], extra: object = {}) => ({ check: 'state-prediction', severity: 'error' as const, count: places.length, instancePath: '/details', places, ...extra });
    // Last night's answer listed its flags a, b, c first (kept) and d, e only counted; tonight's d, e first.
    const before: BaselineResult = failing('a', flags(['a', 'b', 'c']), { omittedViolations: [listing(['/details/d', '/details/e'])] });

    it('is the same failure when tonight kept the errors it only counted: the same faults, in another order', () => {
      expect(changedFailure(failing('a', flags(['d', 'e', 'a']), { omittedViolations: [listing(['/details/b', '/details/c'])] }), before)).toBeUndefined();
    });

    it('shows a fault at a place it does not list as new: a new failure, not a doubt (no `cut`)', () => {
      expect(changedFailure(failing('a', flags(['d', 'e', 'z'])), before)).toEqual({ id: readId('a'), newFaults: [{ check: 'state-prediction', place: '/details/z' }] });
      // So is one tonight only counted: its places are compared too.
      expect(changedFailure(failing('a', flags(['a']), { omittedViolations: [listing(['/details/y'])] }), before)).toEqual({ id: readId('a'), newFaults: [{ check: 'state-prediction', place: '/details/y' }] });
    });

    it('cannot show a place beyond the ones it lists when their number cut them (placesCut): still counts as new, and says why', () => {
      const cut: BaselineResult = failing('a', flags(['a']), { omittedViolations: [listing(['/details/d'], { placesCut: true })] });
      expect(changedFailure(failing('a', flags(['d', 'z'])), cut)).toEqual({ id: readId('a'), newFaults: [{ check: 'state-prediction', place: '/details/z' }], baselineIncomplete: 'cut' });
      // What it does list still counts: the same faults, listed, are known.
      expect(changedFailure(failing('a', flags(['a', 'd'])), cut)).toBeUndefined();
    });
  });

  it('flags a cut only when the counted errors were of the same step: a cut in another step proves nothing here', () => {
    const before: BaselineResult = failing('a', [v('status-code-expected', '', { step: 'start' })], { omittedViolations: [counted('response-schema', 'start')] });
    expect(changedFailure(failing('a', [v('response-schema', '/data/x', { step: 'poll' })]), before)).toEqual({ id: readId('a'), newFaults: [{ check: 'response-schema', place: '/data/x', step: 'poll' }] });
  });

  it("takes a fault tonight's report only counts (its list cut) at a place the baseline's failure did not have for new: the cut hides no regression", () => {
    const before: BaselineResult = failing('a', [v('response-schema', '/data/0')]);
    const now = failing('a', [v('response-schema', '/data/1')], { omittedViolations: [{ check: 'response-schema', severity: 'error', count: 40, instancePath: '/meta' }] });
    expect(changedFailure(now, before)).toEqual({ id: readId('a'), newFaults: [{ check: 'response-schema', place: '/meta', under: true }] });
  });

  it("takes no warning the baseline only counted for an error at its place: its own key echoed there last night is no leak known tonight", () => {
    const warned = { check: 'credential-echoed', severity: 'warning' as const, count: 30, instancePath: '/items', places: ['/items/*/echo'] };
    const before: BaselineResult = failing('a', [v('credential-echoed', '/items/0/echo', { severity: 'warning' })], { omittedViolations: [warned] });
    const now = failing('a', [v('credential-echoed', '/items/0/echo')], { omittedViolations: [{ ...warned, severity: 'error' }] });
    expect(changedFailure(now, before)?.newFaults.map((f) => f.place)).toEqual(['/items/*/echo']);
  });

  it('takes errors counted under a place in both runs for the same fault: the same cut failure is known', () => {
    const before: BaselineResult = failing('a', [v('response-schema', '/data/0')], { omittedViolations: [counted('response-schema')] });
    expect(changedFailure(failing('a', [v('response-schema', '/data/3')], { omittedViolations: [counted('response-schema')] }), before)).toBeUndefined();
  });

  it('flags the cut when any one of the new faults is of a check the baseline only counted, beside one of another check', () => {
    const before: BaselineResult = failing('a', [v('status-code-expected')], { omittedViolations: [counted('response-schema')] });
    const now = failing('a', [v('response-schema', '/data/x'), v('not-a-server-error')]);
    expect(changedFailure(now, before)?.baselineIncomplete).toBe('cut');
  });

  it('against a baseline that lists no violations, a failure with no fault tonight (only the flaky verdict) has nothing new', () => {
    const { violations: _dropped, ...listless } = failing('a', [v('status-code-expected')]);
    expect(changedFailure(result({ id: readId('a'), status: 'flaky', violations: [v('flaky')] }), listless)).toBeUndefined();
  });

  it(`keeps ${CHANGED_FAULTS_KEPT} new faults in full and counts the rest`, () => {
    const before: BaselineResult = failing('a', [v('status-code-expected')]);
    const many = (n: number) => failing('a', Array.from({ length: n }, (_, i) => v('response-schema', `/data/f${i}`)));
    const twelve = changedFailure(many(CHANGED_FAULTS_KEPT + 2), before);
    expect(twelve?.newFaults).toHaveLength(CHANGED_FAULTS_KEPT);
    expect(twelve?.newFaults[0]).toEqual({ check: 'response-schema', place: '/data/f0' });
    expect(twelve?.moreNewFaults).toBe(2);
    const exactly = changedFailure(many(CHANGED_FAULTS_KEPT), before);
    expect(exactly?.newFaults).toHaveLength(CHANGED_FAULTS_KEPT);
    expect(exactly).not.toHaveProperty('moreNewFaults');
  });
});

describe('diffBaseline with faults', () => {
  it('keeps a case failing in the baseline that could not be judged tonight (error) still failing: its findings tonight are no verdict to compare', () => {
    const before = report([failing('a', [v('status-code-expected')])]);
    const now = report([result({ id: readId('a'), status: 'error', errorMessage: 'check crashed', violations: [v('not-a-server-error')] })]);
    const diff = diffBaseline(now, before, 'b.json', opts);
    expect(diff.stillFailing).toEqual([readId('a')]);
    expect(diff.changedFailures).toBeUndefined();
  });

  it('lists changed failures by id, whatever the order of the results', () => {
    const before = report([failing('a', [v('status-code-expected')]), failing('z', [v('status-code-expected')])]);
    const now = report([failing('z', [v('not-a-server-error')]), failing('a', [v('not-a-server-error')])]);
    expect(diffBaseline(now, before, 'b.json', opts).changedFailures?.map((c) => c.id)).toEqual([readId('a'), readId('z')]);
  });
});

describe('latency regressions, worst first', () => {
  const rep = (id: string, p95: number): CaseResult => result({ id: readId(id), latency: { samples: 3, p50: p95, p95, p99: p95, max: p95 } });
  const order = (base: CaseResult[], cur: CaseResult[]): string[] => diffBaseline(report(cur), report(base), 'f', opts).latencyRegressions.map((r) => r.id);

  it('puts a case whose baseline p95 was 0 (a cached answer) first: any rise is infinitely slower', () => {
    expect(order([rep('a-tenfold', 40), rep('b-cached', 0)], [rep('a-tenfold', 400), rep('b-cached', 50)])).toEqual([readId('b-cached'), readId('a-tenfold')]);
  });

  it('at the same ratio, the one that added more ms first; at the same ratio and ms, by id whatever the results\' order', () => {
    expect(order([rep('a-small', 100), rep('b-large', 1000)], [rep('a-small', 200), rep('b-large', 2000)])).toEqual([readId('b-large'), readId('a-small')]);
    expect(order([rep('d-double', 100), rep('c-double', 100)], [rep('d-double', 200), rep('c-double', 200)])).toEqual([readId('c-double'), readId('d-double')]);
  });
});
