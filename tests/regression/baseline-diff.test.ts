import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CaseResult } from '../../src/model';
import { UsageError } from '../../src/model/errors';
import { baselineExitStatus, diffBaseline, readBaseline } from '../../src/regression/baseline-diff';
import { report, result, skippedResult } from '../report/fixtures';

const FIXTURE = path.join(__dirname, 'fixtures', 'conformance-real.json');
const opts = { latencyThresholdPct: 50, minDeltaMs: 20 };

const pass = (id: string, durationMs = 50): CaseResult => result({ id, durationMs });
const fail = (id: string): CaseResult => result({ id, status: 'failed', violations: [] });
const skip = (id: string): CaseResult => ({ ...skippedResult, id });
const flaky = (id: string): CaseResult => result({ id, status: 'flaky' });

describe('diffBaseline', () => {
  const before = report([pass('a'), fail('b'), fail('c'), pass('d'), pass('e'), skip('f'), fail('g'), pass('h'), pass('gone')]);
  const now = report([fail('a'), pass('b'), flaky('c'), skip('d'), pass('e'), fail('f'), skip('g'), flaky('h'), fail('new')]);
  const diff = diffBaseline(now, before, 'base/conformance.json', opts);

  it('sorts cases into new failures, fixed, still failing and newly skipped (flaky and error count as failing)', () => {
    expect(diff).toMatchObject({
      newFailures: ['a', 'f', 'h', 'new'],
      fixed: ['b'],
      stillFailing: ['c'],
      newlySkipped: ['d', 'g'],
    });
  });

  it('names the cases of the baseline that this run no longer has', () => {
    expect(diff.missing).toEqual(['gone']);
  });

  it('flags a baseline recorded against another target, and only then', () => {
    expect(diff.otherTarget).toBeUndefined();
    const elsewhere = { ...before, runInfo: { ...before.runInfo, target: 'https://staging.example' } };
    expect(diffBaseline(now, elsewhere, 'b.json', opts).otherTarget).toBe(true);
  });

  it('does not call a failing case that is now skipped fixed: it is newly skipped', () => {
    expect(diff.fixed).not.toContain('g');
  });

  it('names the baseline it compared with', () => {
    expect(diff.baseline).toEqual({ file: 'base/conformance.json', startedAt: before.runInfo.startedAt, target: before.runInfo.target });
  });

  it('flags a p95 regression only beyond both the threshold and the minimum delta', () => {
    const base = report([pass('slow', 100), pass('tiny', 2), pass('mild', 100), result({ id: 'rep', latency: { samples: 3, p50: 50, p95: 60, p99: 60, max: 60 } })]);
    const cur = report([pass('slow', 151), pass('tiny', 10), pass('mild', 150), result({ id: 'rep', latency: { samples: 3, p50: 50, p95: 95, p99: 95, max: 95 } })]);
    expect(diffBaseline(cur, base, 'f', opts).latencyRegressions).toEqual([
      { id: 'rep', baselineP95: 60, p95: 95 },
      { id: 'slow', baselineP95: 100, p95: 151 },
    ]);
    expect(diffBaseline(cur, base, 'f', { latencyThresholdPct: 100, minDeltaMs: 0 }).latencyRegressions.map((r) => r.id)).toEqual(['tiny']);
  });
});

describe('diffBaseline and aggregate results', () => {
  it('does not report the negative-input case as a latency regression: its duration is the property\'s', () => {
    const negative = (durationMs: number): CaseResult => result({ id: 'negative-inputs', scenario: 'negative-inputs', family: 'negative-inputs', durationMs });
    const base = report([negative(2000), pass('slow', 100)]);
    const cur = report([negative(9000), pass('slow', 200)]);
    expect(diffBaseline(cur, base, 'f', opts).latencyRegressions).toEqual([{ id: 'slow', baselineP95: 100, p95: 200 }]);
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

describe('readBaseline', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'baseline-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function usageError(file: string): UsageError {
    try {
      readBaseline(file);
    } catch (error) {
      return error as UsageError;
    }
    throw new Error('readBaseline did not throw');
  }

  it('reads a conformance.json a real run wrote', () => {
    expect(readBaseline(FIXTURE).summary).toMatchObject({ total: 11, failed: 1, skipped: 2 });
  });

  it('reads a conformance.json that starts with a byte-order mark', () => {
    writeFileSync(path.join(dir, 'bom.json'), `\uFEFF${JSON.stringify(report([result()]))}`);
    expect(readBaseline(path.join(dir, 'bom.json')).results).toHaveLength(1);
  });

  it('reads a report from before flaky counts existed', () => {
    const old = JSON.parse(JSON.stringify(report([result()]))) as { summary: Record<string, number> };
    delete old.summary['flaky'];
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old));
    expect(readBaseline(path.join(dir, 'old.json')).summary.flaky).toBe(0);
  });

  it.each([
    ['missing.json', null, /^--baseline .*missing\.json: no such file$/],
    ['broken.json', '{"runInfo":', /^--baseline .*broken\.json: not JSON at line 1 column 12 \(offset 11\): Unexpected end of JSON input$/],
    ['multiline.json', '{\n  "runInfo": {},\n  "summary": nope\n}', /^--baseline .*multiline\.json: not JSON at line 3 column 15 \(offset 33\): Unexpected token 'o'$/],
    ['other.json', '{"log":{"version":"1.2"}}', /^--baseline .*other\.json: not a conformance report: \(root\) must have required property 'runInfo'$/],
  ])('is a usage error (exit 2), one line naming the file and the problem: %s', (name, content, message) => {
    const file = path.join(dir, name);
    if (content !== null) writeFileSync(file, content);
    const error = usageError(file);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it('says when the path is a folder', () => {
    expect(usageError(dir).message).toBe(`--baseline ${dir}: is a folder, not a conformance.json`);
  });
});
