import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { baselineExitStatus, diffBaseline } from '../../src/baseline/baseline-diff';
import { readBaseline } from '../../src/baseline/read-baseline';
import type { CaseResult, ConformanceReport, Violation } from '../../src/model';
import { EMBEDDED_TARGET, NO_WRITES_REASON } from '../../src/model/result';
import { readReportFile } from '../../src/report/read-report';
import { latencyStats } from '../../src/repeat/latency';
import { mixedReport, readId, report, result, skippedResult, violation } from '../report/fixtures';
import { reportSchemaError } from '../../src/report/report-schema';
import { renderJson } from '../../src/report/render-json';
import { renderConsole } from '../../src/report/render-console';
import { renderMarkdown } from '../../src/report/render-markdown';
import { renderHtml } from '../../src/report/render-html';
import { scratchDir } from '../support/scratch-dir';
import { applyLatencyBudget } from '../../src/repeat/latency-budget';

const LEGACY = path.join(__dirname, 'fixtures', 'conformance-real.json');
const CURRENT = path.join(__dirname, 'fixtures', 'conformance-operations.json');
const opts = { latencyThresholdPct: 50, minDeltaMs: 20 };

/**
 * A runInfo field that tells another contract (`field`), compared only when both reports name it
 * in the shape a suite writes: absent on either side, or `malformed` in the baseline, no otherContract.
 */
function expectUnknownNotCompared(field: 'casesSha256' | 'suiteBuild', tonight: ConformanceReport, then: ConformanceReport, malformed: string): void {
  const { [field]: _older, ...older } = then.runInfo;
  expect(diffBaseline(tonight, { ...then, runInfo: older }, 'b.json', opts).otherContract).toBeUndefined();
  const { [field]: _untold, ...untold } = tonight.runInfo;
  expect(diffBaseline({ ...tonight, runInfo: untold }, then, 'b.json', opts).otherContract).toBeUndefined();
  expect(diffBaseline(tonight, { ...then, runInfo: { ...then.runInfo, [field]: malformed } }, 'b.json', opts).otherContract).toBeUndefined();
}

// Case ids of the read operation: "a" is "getWhatsAppSyncStatus/a".
const pass = (id: string, durationMs = 50): CaseResult => result({ id: readId(id), durationMs });
const fail = (id: string): CaseResult => result({ id: readId(id), status: 'failed', violations: [] });
const skip = (id: string): CaseResult => ({ ...skippedResult, id: readId(id) });
const flaky = (id: string): CaseResult => result({ id: readId(id), status: 'flaky' });
const ids = (...names: string[]): string[] => names.map(readId);

describe('diffBaseline', () => {
  const before = report([pass('a'), fail('b'), fail('c'), pass('d'), pass('e'), skip('f'), fail('g'), pass('h'), pass('gone')]);
  const now = report([fail('a'), pass('b'), flaky('c'), skip('d'), pass('e'), fail('f'), skip('g'), flaky('h'), fail('new')]);
  const diff = diffBaseline(now, before, 'base/conformance.json', opts);

  it('sorts cases into new failures, fixed, still failing and newly skipped (flaky and error count as failing)', () => {
    expect(diff).toMatchObject({
      newFailures: ids('a', 'f', 'h', 'new'),
      fixed: ids('b'),
      stillFailing: ids('c'),
      newlySkipped: ids('d', 'g'),
    });
    expect(diff.mappedLegacyIds).toBeUndefined();
  });

  it('names the cases of the baseline that this run no longer has', () => {
    expect(diff.missing).toEqual(ids('gone'));
  });

  it('names the cases this run has and the baseline had not: with the missing ones, how a renamed case shows', () => {
    expect(diff.added).toEqual(ids('new'));
    expect(diffBaseline(before, before, 'b.json', opts).added).toBeUndefined();
  });

  it('flags a baseline recorded against another target, and only then', () => {
    expect(diff.otherTarget).toBeUndefined();
    const elsewhere = { ...before, runInfo: { ...before.runInfo, target: 'https://staging.example' } };
    expect(diffBaseline(now, elsewhere, 'b.json', opts).otherTarget).toBe(true);
  });

  it('flags a baseline judged under another contract or by another suite (what each was, then and now), and only then', () => {
    // Night 13 of a nightly month: a spec edit (one more required property) made 56 cases "new
    // failures", and nothing said the contract, not the target, had changed since the baseline.
    expect(diff.otherContract).toBeUndefined();
    const sha = (c: string): string => c.repeat(64);
    const tonight = { ...now, runInfo: { ...now.runInfo, specSha256: sha('b'), suiteVersion: '0.3.0' } };
    const then = { ...before, runInfo: { ...before.runInfo, specSha256: sha('a'), suiteVersion: '0.2.0' } };
    expect(diffBaseline(tonight, then, 'b.json', opts).otherContract).toEqual({ spec: { baseline: sha('a'), now: sha('b') }, suite: { baseline: '0.2.0', now: '0.3.0' } });
    expect(diffBaseline(tonight, { ...then, runInfo: { ...then.runInfo, suiteVersion: '0.3.0' } }, 'b.json', opts).otherContract).toEqual({ spec: { baseline: sha('a'), now: sha('b') } });
    expect(diffBaseline(tonight, { ...then, runInfo: { ...then.runInfo, specSha256: sha('b'), suiteVersion: '0.3.0' } }, 'b.json', opts).otherContract).toBeUndefined();
    // A baseline that does not say (a hand-made one), or says it in a shape no suite writes, is not compared: nothing of it is shown.
    expect(diffBaseline(tonight, { ...before, runInfo: { target: before.runInfo.target, startedAt: before.runInfo.startedAt } }, 'b.json', opts).otherContract).toBeUndefined();
    expect(diffBaseline(tonight, { ...then, runInfo: { ...then.runInfo, specSha256: 'not a hash\u001b[2J', suiteVersion: '0.3.0' } }, 'b.json', opts).otherContract).toBeUndefined();
    // The report that carries it passes the schema it is written under.
    const written = { ...mixedReport(), baseline: diffBaseline(tonight, then, 'b.json', opts) };
    expect(reportSchemaError(JSON.parse(renderJson(written)))).toBeUndefined();
  });

  it('flags a baseline judged with other case data under the same spec and suite (runInfo.casesSha256), only when both carry one', () => {
    // The suite's version stays while a case gains HEAD steps under its old id: its new failures are the cases' change.
    const sha = (c: string): string => c.repeat(64);
    const tonight = { ...now, runInfo: { ...now.runInfo, specSha256: sha('a'), suiteVersion: '0.2.0', casesSha256: sha('d') } };
    const then = { ...before, runInfo: { ...before.runInfo, specSha256: sha('a'), suiteVersion: '0.2.0', casesSha256: sha('c') } };
    expect(diffBaseline(tonight, then, 'b.json', opts).otherContract).toEqual({ cases: { baseline: sha('c'), now: sha('d') } });
    expect(diffBaseline(tonight, { ...then, runInfo: { ...then.runInfo, casesSha256: sha('d') } }, 'b.json', opts).otherContract).toBeUndefined();
    // A baseline from before the digest (or tonight's report without one) is unknown, not another contract; one in a shape no suite writes is not compared.
    expectUnknownNotCompared('casesSha256', tonight, then, 'not a hash\u001b[2J');
    const written = { ...mixedReport(), runInfo: tonight.runInfo, baseline: diffBaseline(tonight, then, 'b.json', opts) };
    expect(reportSchemaError(JSON.parse(renderJson(written)))).toBeUndefined();
    expect(JSON.parse(renderJson(written)).runInfo.casesSha256).toBe(sha('d'));
  });

  it('flags a baseline judged by another build of the same suite version (runInfo.suiteBuild), only when both name one', () => {
    // 0.2.0 was many builds: a check changed since the baseline's build turns cases red the target never changed.
    const tonight = { ...now, runInfo: { ...now.runInfo, suiteVersion: '0.2.0', suiteBuild: 'b'.repeat(12) } };
    const then = { ...before, runInfo: { ...before.runInfo, specSha256: tonight.runInfo.specSha256, suiteVersion: '0.2.0', suiteBuild: 'a'.repeat(12) } };
    expect(diffBaseline(tonight, then, 'b.json', opts).otherContract).toEqual({ build: { baseline: 'a'.repeat(12), now: 'b'.repeat(12) } });
    expect(diffBaseline(tonight, { ...then, runInfo: { ...then.runInfo, suiteBuild: 'b'.repeat(12) } }, 'b.json', opts).otherContract).toBeUndefined();
    // Another version says it already: its build is another build of course.
    expect(diffBaseline(tonight, { ...then, runInfo: { ...then.runInfo, suiteVersion: '0.1.0' } }, 'b.json', opts).otherContract).toEqual({ suite: { baseline: '0.1.0', now: '0.2.0' } });
    // Unknown on either side (an older build, a dist built without the id), or in a shape no build writes: not compared.
    expectUnknownNotCompared('suiteBuild', tonight, then, 'not a build\u001b[2J');
    const written = { ...mixedReport(), runInfo: tonight.runInfo, baseline: diffBaseline(tonight, then, 'b.json', opts) };
    expect(reportSchemaError(JSON.parse(renderJson(written)))).toBeUndefined();
  });

  it('does not call a case skipped in both runs newly skipped: no coverage was lost tonight', () => {
    expect(diffBaseline(report([skip('f')]), report([skip('f')]), 'b.json', opts).newlySkipped).toEqual([]);
  });

  it('does not call a failing case that is now skipped fixed: it is newly skipped', () => {
    expect(diff.fixed).not.toContain(readId('g'));
  });

  it('names the baseline it compared with', () => {
    expect(diff.baseline).toEqual({ file: 'base/conformance.json', startedAt: before.runInfo.startedAt, target: before.runInfo.target });
  });

  it('flags a p95 regression only beyond both the threshold and the minimum delta', () => {
    const base = report([pass('slow', 100), pass('tiny', 2), pass('mild', 100), result({ id: readId('rep'), latency: { samples: 3, p50: 50, p95: 60, p99: 60, max: 60 } })]);
    const cur = report([pass('slow', 151), pass('tiny', 10), pass('mild', 150), result({ id: readId('rep'), latency: { samples: 3, p50: 50, p95: 95, p99: 95, max: 95 } })]);
    expect(diffBaseline(cur, base, 'f', opts).latencyRegressions).toEqual([
      { id: readId('rep'), baselineP95: 60, p95: 95 },
      { id: readId('slow'), baselineP95: 100, p95: 151 },
    ]);
    expect(diffBaseline(cur, base, 'f', { latencyThresholdPct: 100, minDeltaMs: 0 }).latencyRegressions.map((r) => r.id)).toEqual(ids('tiny'));
  });
});

describe('diffBaseline after a baseline that could not judge a case (status error: a final 429)', () => {
  const notJudged = (id: string): CaseResult => result({ id: readId(id), status: 'error' });
  // Last night the target rate-limited these cases; tonight it answers, wrongly for "a" and "c".
  const before = report([notJudged('a'), notJudged('b'), notJudged('c'), notJudged('d')]);
  const now = report([fail('a'), pass('b'), flaky('c'), notJudged('d')]);
  const diff = diffBaseline(now, before, 'base/conformance.json', opts);

  it('calls a failure after a night with no verdict new, so the gate goes red on it', () => {
    expect(diff.newFailures).toEqual(ids('a', 'c'));
    expect(baselineExitStatus(diff, false)).toBe(true);
  });

  it('calls nothing fixed that was never judged failing, and a case still not judged still failing', () => {
    expect(diff.fixed).toEqual([]);
    expect(diff.stillFailing).toEqual(ids('d'));
  });
});

describe('diffBaseline and exchanges the target did not serve', () => {
  const quick502 = (id: string, durationMs = 1.1): CaseResult => result({ id: readId(id), status: 'failed', durationMs, receivedStatus: 502, violations: [violation({ check: 'not-a-server-error', instancePath: '' })] });

  it('skips a case with no figures on either side: a night of quick 502s is no baseline to be slower than, nor a faster night', () => {
    // Written to a file and read back as --baseline reads it: receivedStatus is what tells the 502.
    const file = path.join(scratchDir('zvc-baseline-5xx-'), 'conformance.json');
    writeFileSync(file, JSON.stringify(report([quick502('outage'), pass('healthy', 40)])));
    const cur = report([pass('outage', 120), pass('healthy', 41)]);
    expect(diffBaseline(cur, readBaseline(file), file, opts).latencyRegressions).toEqual([]);
    // The other way round, tonight's outage reads as nothing, and a real slowdown beside it still shows.
    const tonight = report([quick502('outage'), pass('healthy', 200)]);
    const before = report([pass('outage', 120), pass('healthy', 40)]);
    expect(diffBaseline(tonight, before, 'f', opts).latencyRegressions).toEqual([{ id: readId('healthy'), baselineP95: 40, p95: 200 }]);
  });
});

describe('diffBaseline and aggregate results', () => {
  it('does not report the negative-input case as a latency regression: its duration is the property\'s', () => {
    const negative = (durationMs: number): CaseResult => result({ id: readId('negative-inputs'), scenario: 'negative-inputs', family: 'negative-inputs', fuzzed: 'senderId', durationMs });
    const base = report([negative(2000), pass('slow', 100)]);
    const cur = report([negative(9000), pass('slow', 200)]);
    expect(diffBaseline(cur, base, 'f', opts).latencyRegressions).toEqual([{ id: readId('slow'), baselineP95: 100, p95: 200 }]);
  });
});

describe('baselineExitStatus', () => {
  const empty = { baseline: { file: 'f', startedAt: '', target: '' }, newFailures: [], fixed: [], stillFailing: [], newlySkipped: [], latencyRegressions: [] };

  it('fails on new failures; on still failing and latency regressions only when strict', () => {
    expect(baselineExitStatus({ ...empty, newFailures: ['a'] }, false)).toBe(true);
    expect(baselineExitStatus({ ...empty, stillFailing: ['a'], fixed: ['b'], newlySkipped: ['c'] }, false)).toBe(false);
    expect(baselineExitStatus({ ...empty, stillFailing: ['a'] }, true)).toBe(true);
    expect(baselineExitStatus({ ...empty, latencyRegressions: [{ id: 'a', baselineP95: 1, p95: 99 }] }, true)).toBe(true);
    expect(baselineExitStatus({ ...empty, newlySkipped: ['a'] }, true)).toBe(false);
  });
});

describe('diffBaseline against a baseline from before operation ids', () => {
  // The same run, once as an old suite wrote it (ids without "operationId/"), once as today's does.
  const legacy = readBaseline(LEGACY);
  const current = readReportFile(CURRENT, 'fixture');

  it('maps every legacy id by its operation label, so a case is compared with itself', () => {
    const diff = diffBaseline(current, legacy, 'old.json', opts);
    expect(diff.mappedLegacyIds).toBe(11);
    expect(diff.missing).toBeUndefined();
    // The one failure of the old run still fails: not new, and not missing.
    expect(diff.stillFailing).toEqual(['getWhatsAppSyncStatus/coexistence[snd_waba_cloud_api]']);
    // The sequence of the start operation did not exist then.
    expect(diff.newFailures).toEqual(['startWhatsAppHistorySync/start-syncable[snd_coex_active]']);
    expect(diff.fixed).toEqual([]);
  });

  it('classifies every case of the read operation as a baseline of today\'s format would', () => {
    const fromLegacy = diffBaseline(current, legacy, 'old.json', opts);
    const fromCurrent = diffBaseline(current, current, 'new.json', opts);
    expect(fromCurrent.mappedLegacyIds).toBeUndefined();
    const read = (list: string[]): string[] => list.filter((id) => id.startsWith('getWhatsAppSyncStatus/'));
    for (const key of ['newFailures', 'fixed', 'stillFailing', 'newlySkipped'] as const) expect(read(fromLegacy[key])).toEqual(read(fromCurrent[key]));
  });

  it('leaves a legacy id whose operation this run does not have unmapped: it is missing, and says so', () => {
    const elsewhere = { ...current, runInfo: { ...current.runInfo, operations: current.runInfo.operations.filter((op) => op.operationId !== 'getWhatsAppSyncStatus') } };
    const diff = diffBaseline(elsewhere, legacy, 'old.json', opts);
    expect(diff.mappedLegacyIds).toBeUndefined();
    expect(diff.missing).toHaveLength(11);
    expect(diff.missing).toContain('no-waba');
  });
});


describe('diffBaseline of a run narrower than its baseline (a full run read by a one-operation, read-only or sharded run)', () => {
  const historyId = (id: string): string => `startWhatsAppHistorySync/${id}`;
  const other = (id: string): CaseResult => result({ id: `startWhatsAppContactsSync/${id}`, operationId: 'startWhatsAppContactsSync' });
  const history = (id: string): CaseResult => result({ id: historyId(id), operationId: 'startWhatsAppHistorySync' });
  // The baseline ran every operation, writes included; the fixtures' run certifies the read and the history start.
  const before = report([pass('a'), pass('b'), pass('c'), pass('lost'), other('x'), other('y'), history('start'), history('start-again')]);

  it('counts the cases of an operation this run does not certify (--operation) once, not as missing', () => {
    const now = report([pass('a'), pass('b'), pass('c'), history('start'), history('start-again')]);
    const diff = diffBaseline(now, before, 'b.json', opts);
    expect(diff.missing).toEqual(ids('lost'));
    expect(diff.outOfScope).toBe(2);
  });

  it('counts the writes a read-only run skips by rule once, not as newly skipped; a skip for another reason is still news', () => {
    const noWrites = (id: string): CaseResult => ({ ...history(id), status: 'skipped', skipReason: NO_WRITES_REASON });
    const now = report([pass('a'), pass('b'), skip('c'), pass('lost'), noWrites('start'), noWrites('start-again')]);
    const diff = diffBaseline(now, before, 'b.json', opts);
    expect(diff.newlySkipped).toEqual(ids('c'));
    expect(diff.missing).toBeUndefined();
    expect(diff.outOfScope).toBe(4);
  });

  it("counts the cases another shard runs once; a case of the whole plan's that no shard has is still missing", () => {
    const now = report([pass('a'), history('start'), history('start-again')]);
    const diff = diffBaseline(now, before, 'b.json', opts, { otherShards: new Set([readId('b'), readId('c')]) });
    expect(diff.missing).toEqual(ids('lost'));
    expect(diff.outOfScope).toBe(4);
  });

  it('says nothing of scope when the run covers the baseline', () => {
    expect(diffBaseline(before, before, 'b.json', opts).outOfScope).toBeUndefined();
  });
});

describe('diffBaseline: a case still failing must be the same failure to be known', () => {
  const v = (check: string, instancePath = '', extra: Partial<Violation> = {}): Violation => violation({ check, instancePath, ...extra });
  const failing = (id: string, violations: Violation[], extra: Partial<CaseResult> = {}): CaseResult => result({ id: readId(id), status: 'failed', violations, ...extra });
  const cut = { omittedViolations: [{ check: 'response-schema', severity: 'error' as const, count: 40, instancePath: '/data' }] };

  it('calls a case failing tonight with a fault (check, place) the baseline did not have a new failure, and says which', () => {
    // Last night a 422 (status-code-expected); tonight flaky with a 502 on one repeat.
    const before = report([failing('no-waba', [v('status-code-expected')])]);
    const now = report([result({ id: readId('no-waba'), status: 'flaky', violations: [v('status-code-expected'), v('not-a-server-error'), v('flaky')] })]);
    const diff = diffBaseline(now, before, 'b.json', opts);
    expect(diff.stillFailing).toEqual([]);
    expect(diff.newFailures).toEqual(ids('no-waba'));
    // The `flaky` violation says the verdict varied: no fault of the answers, not new.
    expect(diff.changedFailures).toEqual([{ id: readId('no-waba'), newFaults: [{ check: 'not-a-server-error', place: '' }] }]);
    expect(baselineExitStatus(diff, false)).toBe(true);
  });

  it('keeps a failure with the same faults known: places compare with array indexes as *, fewer faults tonight is no news', () => {
    const before = report([failing('a', [v('response-schema', '/data/items/3/id'), v('status-code-expected')]), failing('b', [v('response-schema', '/data/x')])]);
    const now = report([failing('a', [v('response-schema', '/data/items/7/id', { message: 'another value' })]), failing('b', [v('response-schema', '/data/x')])]);
    const diff = diffBaseline(now, before, 'b.json', opts);
    expect(diff).toMatchObject({ stillFailing: ids('a', 'b'), newFailures: [] });
    expect(diff.changedFailures).toBeUndefined();
  });

  it('counts the same check at another place as new', () => {
    const before = report([failing('a', [v('response-schema', '/data/status')])]);
    const now = report([failing('a', [v('response-schema', '/data/status'), v('response-schema', '/data/senderId')])]);
    expect(diffBaseline(now, before, 'b.json', opts).changedFailures).toEqual([{ id: readId('a'), newFaults: [{ check: 'response-schema', place: '/data/senderId' }] }]);
  });

  it('when the baseline cut its list of that check\'s errors, a fault it does not show is new, flagged as unsure; one it shows stays known', () => {
    const before = report([failing('a', [v('response-schema', '/data/status')], cut), failing('b', [v('response-schema', '/data/status')], cut), failing('c', [v('status-code-expected')], cut)]);
    const now = report([failing('a', [v('response-schema', '/data/other')]), failing('b', [v('response-schema', '/data/status')]), failing('c', [v('not-a-server-error')])]);
    const diff = diffBaseline(now, before, 'b.json', opts);
    expect(diff.stillFailing).toEqual(ids('b'));
    expect(diff.changedFailures).toEqual([
      { id: readId('a'), newFaults: [{ check: 'response-schema', place: '/data/other' }], baselineIncomplete: 'cut' },
      // The cut was of another check: it proves nothing about this fault, which is plainly new.
      { id: readId('c'), newFaults: [{ check: 'not-a-server-error', place: '' }] },
    ]);
  });

  it('when the baseline lists no violations (an older suite), a failure cannot be shown the same: new, flagged as such', () => {
    const { violations: _dropped, ...listless } = failing('a', [v('status-code-expected')]);
    const before = { runInfo: report([]).runInfo, results: [listless] };
    const now = report([failing('a', [v('status-code-expected')])]);
    const diff = diffBaseline(now, before, 'b.json', opts);
    expect(diff.newFailures).toEqual(ids('a'));
    expect(diff.changedFailures).toEqual([{ id: readId('a'), newFaults: [{ check: 'status-code-expected', place: '' }], baselineIncomplete: 'unlisted' }]);
  });

  it('keeps --baseline-strict failing on still-failing cases as before', () => {
    const before = report([failing('a', [v('status-code-expected')])]);
    const diff = diffBaseline(report([failing('a', [v('status-code-expected')])]), before, 'b.json', opts);
    expect(baselineExitStatus(diff, false)).toBe(false);
    expect(baselineExitStatus(diff, true)).toBe(true);
  });
});

test('latency regressions come most slowed first (by ratio of p95s), ties by id, so the 10 shown are the worst', () => {
  const rep = (id: string, p95: number): CaseResult => result({ id: readId(id), latency: { samples: 3, p50: p95, p95, p99: p95, max: p95 } });
  const base = report([rep('a-mild', 100), rep('b-tenfold', 40), rep('c-double', 100), rep('d-double', 100), rep('e-big-ms', 2000)]);
  const cur = report([rep('a-mild', 160), rep('b-tenfold', 400), rep('c-double', 200), rep('d-double', 200), rep('e-big-ms', 3100)]);
  expect(diffBaseline(cur, base, 'f', opts).latencyRegressions.map((r) => r.id)).toEqual(ids('b-tenfold', 'c-double', 'd-double', 'a-mild', 'e-big-ms'));
});

describe('a latency regression needs more than one slow exchange', () => {
  // A case run with --repeat 5: each attempt one exchange, its stats those of the attempts, as a run writes them.
  const repeated = (id: string, ms: number[]): CaseResult =>
    result({ id: readId(id), attempts: ms.map((durationMs) => ({ status: 'passed' as const, receivedStatus: 200, durationMs, checks: [] })), latency: latencyStats(ms)! });
  const base = report([repeated('stall', [1.1, 1.2, 1.3, 1.2, 1.1]), repeated('slowed', [1.1, 1.2, 1.3, 1.2, 1.1]), repeated('tail', [1.1, 1.2, 1.3, 1.2, 1.1])]);
  const tonight = report([
    // One exchange of five stalled (a GC pause, a shared CI box): below 20 samples it is the p95, but no regression.
    repeated('stall', [1.0, 122.3, 0.9, 0.8, 0.9]),
    // A route 150 ms slower slows every exchange of it.
    repeated('slowed', [151.2, 152, 150.9, 153.4, 151.7]),
    // Two slow exchanges of five: seen twice, a regression.
    repeated('tail', [1.0, 90, 0.9, 95, 0.9]),
  ]);

  it('is not called on one stall among few samples, and is on a slowed route', () => {
    expect(diffBaseline(tonight, base, 'f', opts).latencyRegressions).toEqual([
      { id: readId('slowed'), baselineP95: 1.3, p95: 153.4 },
      { id: readId('tail'), baselineP95: 1.3, p95: 95 },
    ]);
  });

  it('so --baseline-strict does not fail a healthy night over one stall', () => {
    const healthy = report([repeated('stall', [1.0, 122.3, 0.9, 0.8, 0.9])]);
    expect(baselineExitStatus(diffBaseline(healthy, base, 'f', opts), true)).toBe(false);
  });
});

/**
 * The "two exchanges over the line" rule at its smallest: a case of two exchanges (--repeat 2, or
 * a sequence of two steps run once) is judged on them, one over is one stall, as with ten.
 */
describe('the two-exchanges rule at its smallest (two exchanges, one over)', () => {
  const opts = { latencyThresholdPct: 50, minDeltaMs: 20 };
  const repeated = (id: string, ms: number[]): CaseResult =>
    result({ id: readId(id), attempts: ms.map((durationMs) => ({ status: 'passed' as const, receivedStatus: 200, durationMs, checks: [] })), latency: latencyStats(ms)! });

  describe('two exchanges, one over', () => {
    it('is no latency regression; both over is one', () => {
      const base = report([repeated('stall', [1.1, 1.2]), repeated('slowed', [1.1, 1.2])]);
      const tonight = report([repeated('stall', [1.0, 122.3]), repeated('slowed', [150.2, 151.7])]);
      expect(diffBaseline(tonight, base, 'f', opts).latencyRegressions).toEqual([{ id: readId('slowed'), baselineP95: 1.2, p95: 151.7 }]);
    });

    it('counts exchanges over the rise, not over the baseline: a night a little slower with one stall is no regression', () => {
      // Baseline p95 10 ms; tonight 11 and 12 ms (noise, within +50 % / +20 ms) and one stall at 200 ms.
      const base = report([repeated('noisy', [9, 10, 10])]);
      expect(diffBaseline(report([repeated('noisy', [11, 12, 200])]), base, 'f', opts).latencyRegressions).toEqual([]);
      expect(diffBaseline(report([repeated('noisy', [11, 190, 200])]), base, 'f', opts).latencyRegressions).toEqual([{ id: readId('noisy'), baselineP95: 10, p95: 200 }]);
    });

    it('is no latency-budget breach (a warning); both over is one', () => {
      const stalled = applyLatencyBudget(repeated('stall', [10, 700]), 500);
      expect(stalled.status).toBe('passed');
      expect(stalled.violations.map((v) => v.severity)).toEqual(['warning']);
      expect(applyLatencyBudget(repeated('slowed', [600, 700]), 500).status).toBe('failed');
    });
  });
});

describe('diffBaseline against a baseline of the other kind (a read-only run and an --allow-writes one)', () => {
  const start = (id: string, status: CaseResult['status'] = 'passed'): CaseResult => result({ id: `startWhatsAppHistorySync/${id}`, operationId: 'startWhatsAppHistorySync', status, violations: [] });
  const noWrites = (id: string): CaseResult => ({ ...start(id), status: 'skipped', skipReason: NO_WRITES_REASON });
  const writes = (results: CaseResult[]): ConformanceReport => { const r = report(results); return { ...r, runInfo: { ...r.runInfo, allowWrites: true } }; };
  // A read-only night: its two starts skipped by rule; a write night runs them (one fails).
  const readOnly = report([pass('a'), fail('b'), noWrites('start'), noWrites('start-again')]);

  it('a write run against a read-only baseline: the writes only it ran are left out and counted, not new failures; a regression of a shared case still fails the gate', () => {
    const tonight = writes([pass('a'), fail('b'), start('start', 'failed'), start('start-again')]);
    const diff = diffBaseline(tonight, readOnly, 'b.json', opts);
    expect(diff.otherKind).toEqual({ baseline: 'read-only', leftOut: 2 });
    expect(diff.newFailures).toEqual([]);
    expect(diff.added).toBeUndefined();
    expect(baselineExitStatus(diff, false)).toBe(false);
    const regressed = diffBaseline(writes([fail('a'), fail('b'), start('start', 'failed'), start('start-again')]), readOnly, 'b.json', opts);
    expect(regressed.newFailures).toEqual(ids('a'));
    expect(baselineExitStatus(regressed, false)).toBe(true);
    // Skipped in the baseline for another reason (a fixture not set): a failure now is new, as ever.
    const unset = diffBaseline(writes([pass('a'), fail('b'), fail('f'), start('start', 'failed'), start('start-again')]), { ...readOnly, results: [...readOnly.results, skip('f')] }, 'b.json', opts);
    expect(unset.newFailures).toEqual(ids('f'));
    expect(unset.otherKind).toEqual({ baseline: 'read-only', leftOut: 2 });
    expect(reportSchemaError(JSON.parse(renderJson({ ...report([pass('a')]), baseline: { ...diff, otherMode: { baseline: 'replay', now: 'live' } } })))).toBeUndefined();
  });

  it('a read-only gate against a write baseline: the writes it skips are left out for the kind, not out of its scope, nor newly skipped or missing', () => {
    const writeNight = writes([pass('a'), fail('b'), start('start', 'failed'), start('start-again')]);
    const diff = diffBaseline(readOnly, writeNight, 'b.json', opts);
    expect(diff.otherKind).toEqual({ baseline: 'writes', leftOut: 2 });
    expect(diff.outOfScope).toBeUndefined();
    expect(diff.newlySkipped).toEqual([]);
    expect(diff.missing).toBeUndefined();
    expect(baselineExitStatus(diff, true)).toBe(true); // b still failing, strict
    expect(baselineExitStatus(diffBaseline(report([fail('a'), fail('b'), noWrites('start'), noWrites('start-again')]), writeNight, 'b.json', opts), false)).toBe(true);
  });

  it('a baseline without the field (an older suite\'s, or a read-only run\'s) is read-only; only true makes one a write run', () => {
    expect(diffBaseline(readOnly, readOnly, 'b.json', opts).otherKind).toBeUndefined();
    const tonight = writes([pass('a'), fail('b'), start('start'), start('start-again')]);
    expect(diffBaseline(tonight, writes(readOnly.results), 'b.json', opts).otherKind).toBeUndefined();
    const handMade = { ...readOnly, runInfo: { ...readOnly.runInfo, allowWrites: 'yes' } } as unknown as ConformanceReport;
    expect(diffBaseline(tonight, handMade, 'b.json', opts).otherKind).toEqual({ baseline: 'read-only', leftOut: 2 });
  });
});

// A run's kind is the writes it was allowed to send (model/result.ts ranWrites): the embedded
// reference server takes every write with --allow-writes or without it, and a replay is of its
// recordings' kind. A run with the flag and one without it of the embedded server are one kind.
describe('diffBaseline: the kind is the writes a run sent, not the flag alone', () => {
  const embedded = (fields: Partial<ConformanceReport['runInfo']>, status: CaseResult['status'] = 'passed'): ConformanceReport => {
    const r = report([pass('a'), result({ id: 'startWhatsAppHistorySync/start', operationId: 'startWhatsAppHistorySync', status, violations: [] })]);
    return { ...r, runInfo: { ...r.runInfo, target: EMBEDDED_TARGET, mode: 'live', ...fields } };
  };

  it("an embedded server's report of an older suite (no field: its writes ran all the same) is of the kind of tonight's, which says so", () => {
    const diff = diffBaseline(embedded({ allowWrites: true }, 'failed'), embedded({}), 'b.json', opts);
    expect(diff.otherKind).toBeUndefined();
    expect(diff.newFailures).toEqual(['startWhatsAppHistorySync/start']);
  });

  it("a replay of a write run's recordings (runInfo.allowWrites from its recordings) is of the write kind, and one without it is read-only even of the embedded server", () => {
    const replayed = (fields: Partial<ConformanceReport['runInfo']>): ConformanceReport => embedded({ target: `replay of ${EMBEDDED_TARGET} from rec/a.har`, mode: 'replay', ...fields });
    expect(diffBaseline(replayed({ allowWrites: true }), embedded({ allowWrites: true }), 'b.json', opts).otherKind).toBeUndefined();
    expect(diffBaseline(embedded({ target: EMBEDDED_TARGET, mode: 'replay' }), embedded({ allowWrites: true }), 'b.json', opts).otherKind).toEqual({ baseline: 'writes', leftOut: 0 });
    expect(diffBaseline(replayed({}), embedded({ allowWrites: true }), 'b.json', opts).otherKind).toEqual({ baseline: 'writes', leftOut: 0 });
  });
});

describe("diffBaseline between the kinds leaves out only the read-only side's own rule, each way", () => {
  const start = (id: string, status: CaseResult['status'] = 'passed'): CaseResult => result({ id: `startWhatsAppHistorySync/${id}`, operationId: 'startWhatsAppHistorySync', status, violations: [] });
  const skippedFor = (id: string, skipReason: string): CaseResult => ({ ...start(id), status: 'skipped', skipReason });
  const writes = (results: CaseResult[]): ConformanceReport => { const r = report(results); return { ...r, runInfo: { ...r.runInfo, allowWrites: true } }; };
  const replay = (results: CaseResult[]): ConformanceReport => { const r = report(results); return { ...r, runInfo: { ...r.runInfo, mode: 'replay' } }; };
  // The write run's own skips of a write rule: the configuration's (a fixture not set), made on a write run too.
  const FIXTURE_UNSET = 'writes go only to ZAVU_SENDER_SYNCABLE, which is not set (this case would POST an id that names no sender)';
  const RECORDED_NO_WRITES = `skipped when recorded: ${NO_WRITES_REASON}`;

  it('a case the write baseline skipped for a fixture not set, failing tonight in a run without the flag that ran it (a replay of a write recording), is a new failure', () => {
    const diff = diffBaseline(replay([pass('a'), start('start', 'failed')]), writes([pass('a'), skippedFor('start', FIXTURE_UNSET)]), 'b.json', opts);
    expect(diff.newFailures).toEqual(['startWhatsAppHistorySync/start']);
    expect(diff.otherKind).toEqual({ baseline: 'writes', leftOut: 0 });
    expect(baselineExitStatus(diff, false)).toBe(true);
  });

  it('a write run skipping for a fixture not set a case the read-only baseline ran is out of its scope, as against a baseline of its kind, not a write only it ran', () => {
    const diff = diffBaseline(writes([pass('a'), skippedFor('start', FIXTURE_UNSET)]), replay([pass('a'), start('start')]), 'b.json', opts);
    expect(diff.otherKind).toEqual({ baseline: 'read-only', leftOut: 0 });
    expect(diff.outOfScope).toBe(1);
    // A read case gone is missing whatever the kinds.
    expect(diffBaseline(writes([skippedFor('start', FIXTURE_UNSET)]), replay([pass('a'), start('start')]), 'b.json', opts).missing).toEqual(ids('a'));
  });

  it('of one kind nothing is left out: a run without the flag that runs writes (against the reference server) failing one its baseline skipped for want of it fails, as before', () => {
    const diff = diffBaseline(report([pass('a'), start('start', 'failed')]), report([pass('a'), skippedFor('start', NO_WRITES_REASON)]), 'b.json', opts);
    expect(diff.otherKind).toBeUndefined();
    expect(diff.newFailures).toEqual(['startWhatsAppHistorySync/start']);
  });

  it("a replay of a read-only recording says the recorded rule: its write cases are the kind's against a write baseline, either side", () => {
    const readOnlyReplay = replay([pass('a'), skippedFor('start', RECORDED_NO_WRITES)]);
    const liveWrites = writes([pass('a'), start('start', 'failed')]);
    const tonightReplay = diffBaseline(readOnlyReplay, liveWrites, 'b.json', opts);
    expect(tonightReplay.newlySkipped).toEqual([]);
    expect(tonightReplay.otherKind).toEqual({ baseline: 'writes', leftOut: 1 });
    const baselineReplay = diffBaseline(liveWrites, readOnlyReplay, 'b.json', opts);
    expect(baselineReplay.newFailures).toEqual([]);
    expect(baselineReplay.otherKind).toEqual({ baseline: 'read-only', leftOut: 1 });
    expect(baselineExitStatus(baselineReplay, false)).toBe(false);
  });
});

describe('diffBaseline against a baseline of another mode (a replay of recordings, a live run)', () => {
  const live = report([pass('a')]);
  const as = (mode: unknown): ConformanceReport => ({ ...live, runInfo: { ...live.runInfo, mode } } as unknown as ConformanceReport);

  it("says when one side judged recorded answers and the other the target's", () => {
    expect(diffBaseline(live, as('replay'), 'b.json', opts).otherMode).toEqual({ baseline: 'replay', now: 'live' });
    expect(diffBaseline(as('replay'), live, 'b.json', opts).otherMode).toEqual({ baseline: 'live', now: 'replay' });
  });

  it('a recording run is a live run; a baseline without a mode, or with one no suite writes, is not compared', () => {
    expect(diffBaseline(live, as('record'), 'b.json', opts).otherMode).toBeUndefined();
    expect(diffBaseline(as('replay'), as('replay'), 'b.json', opts).otherMode).toBeUndefined();
    const { mode: _none, ...modeless } = live.runInfo;
    expect(diffBaseline(as('replay'), { ...live, runInfo: modeless } as unknown as ConformanceReport, 'b.json', opts).otherMode).toBeUndefined();
    expect(diffBaseline(live, as('<b>replay</b>'), 'b.json', opts).otherMode).toBeUndefined();
    // Against a replay too: the hand-made mode is no live run to set beside it.
    expect(diffBaseline(as('replay'), as('<b>replay</b>'), 'b.json', opts).otherMode).toBeUndefined();
  });
});

test("the console, summary.md and conformance.html each say in one line that the baseline is of the other kind, and how many cases that left out", () => {
  const start = (id: string): CaseResult => result({ id: `startWhatsAppHistorySync/${id}`, operationId: 'startWhatsAppHistorySync' });
  const readOnly = report([pass('a'), { ...start('start'), status: 'skipped', skipReason: NO_WRITES_REASON }]);
  const tonight = report([pass('a'), start('start')], { ...readOnly.runInfo, allowWrites: true });
  const withDiff = { ...tonight, baseline: diffBaseline(tonight, readOnly, 'b.json', opts) };
  const said = 'the baseline is a read-only run, this one a write run: 1 write case only this run ran left out';
  for (const text of [renderConsole(withDiff), renderMarkdown(withDiff), renderHtml(withDiff)]) expect(text).toContain(said);
});
