import type { ConformanceReport } from '../../src/model';
import { formatShardNight, mergeNotRunVerdict, parseShardNight, stoppedNightOf, type ShardNight } from '../../src/shard/shard-night';
import { usageMessage } from '../support/usage-message';
import { EMBEDDED_TARGET } from '../../src/model/result';

const night = (over: Partial<ShardNight> = {}): ShardNight => ({
  shard: '2/3',
  target: 'https://api.example',
  mode: 'live',
  specSha256: 'a'.repeat(64),
  suiteVersion: '0.2.0',
  startedAt: '2026-12-01T03:00:01.000Z',
  finishedAt: '2026-12-01T03:00:09.000Z',
  exitCode: 3,
  ...over,
});

/** A ran shard's report: only its runInfo matters to the night. */
function ran(shard: string, over: Partial<ConformanceReport['runInfo']> = {}): ConformanceReport {
  const { shard: _s, exitCode: _e, ...info } = night();
  return { runInfo: { ...info, shard, startedAt: '2026-12-01T03:00:00.000Z', finishedAt: '2026-12-01T03:00:05.000Z', specTitle: 't', specVersion: '1', node: 'v20', operations: [], families: [], ...over }, results: [] } as unknown as ConformanceReport;
}

describe('a shard night in a NOT RUN summary', () => {
  it('round-trips, and a target holding "-->" cannot end the comment early', () => {
    const odd = night({ target: 'https://api.example/a-->b<c' });
    const line = formatShardNight(odd);
    expect(line.indexOf('-->')).toBe(line.length - 3);
    // Neither "<" nor ">" of a value is written as such: no value opens or closes markup in the summary.
    expect(line.slice('<!--'.length, -'-->'.length)).not.toMatch(/[<>]/);
    expect(parseShardNight(`### Zavu conformance: NOT RUN\n\n\`why\`\n\n${line}\n`)).toEqual(odd);
    // Written on a CRLF runner (or through an artifact's autocrlf): the same night.
    expect(parseShardNight(`### Zavu conformance: NOT RUN\r\n\r\n\`why\`\r\n\r\n${line}\r\n`)).toEqual(odd);
  });

  it('is no night when it is not one the suite wrote: another exit code, a bad time, no block', () => {
    expect(parseShardNight('### Zavu conformance: NOT RUN\n')).toBeUndefined();
    expect(parseShardNight(formatShardNight(night({ exitCode: 1 })))).toBeUndefined();
    expect(parseShardNight(formatShardNight(night({ startedAt: 'yesterday' })))).toBeUndefined();
    expect(parseShardNight(formatShardNight(night()).replace('"mode":"live"', '"mode":"dream"'))).toBeUndefined();
    // No shard a run can be given (--shard takes i/n from 1): a forged one is no night, so the merge says the shard did not run.
    for (const shard of ['0/3', '2', '2/3 ', '1/03x']) expect(parseShardNight(formatShardNight(night({ shard })))).toBeUndefined();
    // A plan no slicing made: the merge compares plans, so a forged one is no night at all.
    for (const shardPlan of [null, 'b'.repeat(64), { cases: 1.5, sha256: 'b'.repeat(64) }, { cases: 3 }]) {
      expect(parseShardNight(formatShardNight({ ...night(), shardPlan } as unknown as ShardNight))).toBeUndefined();
    }
    expect(parseShardNight(formatShardNight(night({ shardPlan: { cases: 3, sha256: 'b'.repeat(64) } })))).toBeDefined();
  });

  it('is no night when its line is no whole comment the suite wrote: not closed by " -->", or longer than any it writes', () => {
    const line = formatShardNight(night());
    // Valid JSON between the mark and four other characters: read without its end, it would parse.
    expect(parseShardNight(`${line.slice(0, -' -->'.length)}xxxx`)).toBeUndefined();
    expect(parseShardNight(`${line} x`)).toBeUndefined();
    // A forged night of a huge target: not read at all, whatever it holds.
    const huge = formatShardNight(night({ target: `https://api.example/${'a'.repeat(20_000)}` }));
    expect(parseShardNight(huge)).toBeUndefined();
    expect(parseShardNight(formatShardNight(night({ target: `https://api.example/${'a'.repeat(1000)}` })))).toBeDefined();
  });
});

describe('stoppedNightOf', () => {
  it('makes one night of one run\'s shards: earliest start, latest finish, the stopped shards in shard order', () => {
    const result = stoppedNightOf([
      { label: 's3', reason: 'interrupted by SIGTERM before the verdict', night: night({ shard: '3/3', exitCode: 143, finishedAt: '2026-12-01T03:00:20.000Z' }) },
      { label: 's1', report: ran('1/3') },
      { label: 's2', reason: 'target down', night: night() },
    ]);
    expect(result).toEqual({
      run: { target: 'https://api.example', mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: '2026-12-01T03:00:00.000Z', finishedAt: '2026-12-01T03:00:20.000Z' },
      shards: 3,
      stopped: [
        { label: 's2', shard: '2/3', reason: 'target down', exitCode: 3 },
        { label: 's3', shard: '3/3', reason: 'interrupted by SIGTERM before the verdict', exitCode: 143 },
      ],
    });
  });

  it('is no night when a stopped shard says none (its settings stopped it), or none stopped', () => {
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2') }, { label: 's2', reason: '--timeout "abc"…' }])).toBeUndefined();
    expect(stoppedNightOf([{ label: 's1', report: ran('1/1') }])).toBeUndefined();
  });

  it('refuses shards of more than one run, naming the folders', () => {
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/3') }, { label: 's2', reason: 'x', night: night({ shard: '2/4' }) }]))).toBe('shards disagree on the number of shards: 1/3 (s1) vs 2/4 (s2)');
    expect(usageMessage(() => stoppedNightOf([{ label: 'a', report: ran('2/3') }, { label: 'b', reason: 'x', night: night() }, { label: 'c', report: ran('1/3') }]))).toBe('shard 2/3 is given twice (a and b)');
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/3') }, { label: 's2', reason: 'x', night: night() }]))).toBe('shard 3/3 is missing');
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/2', { suiteVersion: '0.1.0' }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2' }) }]))).toBe(
      // Shards of two versions are told what to do, as a merge of two shards that ran says it.
      'shards disagree on suiteVersion: "0.1.0" (shard 1/2, s1) vs "0.2.0" (shard 2/2, s2); run every shard, and the merge, with one build of the suite',
    );
    const plan = (cases: number) => ({ cases, sha256: 'b'.repeat(64) });
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/2', { shardPlan: plan(10) }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2', shardPlan: plan(12) }) }]))).toMatch(/^shards 1\/2 \(s1\) and 2\/2 \(s2\) sliced different plans/);
  });

  // A ran shard's suiteVersion is bounded by no schema: quoted whole, the line was cut before the
  // stopped shard and what to do; a night's target (up to 16 KB) is anyone's text.
  it('quotes the values the shards disagree on bounded and inert: both shards and what to do still said', () => {
    const line = usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/2', { suiteVersion: `0.1.0-${'x'.repeat(100_000)}` }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2' }) }]));
    expect(line.length).toBeLessThan(1000);
    expect(line).toMatch(/^shards disagree on suiteVersion: "0\.1\.0-x+.* \(shard 1\/2, s1\) vs "0\.2\.0" \(shard 2\/2, s2\); run every shard, and the merge, with one build of the suite$/);
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/2') }, { label: 's2', reason: 'x', night: night({ shard: '2/2', target: 'https://api.example/\u202e\u009b2J' }) }]))).toBe(
      'shards disagree on target: "https://api.example" (shard 1/2, s1) vs "https://api.example/\\u202e\\u009b2J" (shard 2/2, s2)',
    );
  });

  it("refuses a stopped shard of another run by its night's run id, and carries a run id through the summary", () => {
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/2', { runId: 'github:7' }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2', runId: 'github:9' }) }]))).toBe(
      'shards 1/2 (s1) and 2/2 (s2) are of different runs: run id "github:7" vs "github:9"; merge the shards of one run (is a folder left from another run?)',
    );
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2', { runId: 'github:7' }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2', runId: 'github:7' }) }])?.shards).toBe(2);
    const withId = night({ runId: 'gitlab:42' });
    expect(parseShardNight(`${formatShardNight(withId)}\n`)).toEqual(withId);
    // A run id no suite writes (markup, a space) makes the block no night of ours.
    expect(parseShardNight(`${formatShardNight(night({ runId: 'a b<i>' }))}\n`)).toBeUndefined();
  });

  it("refuses a stopped shard of another build of the same version, as a merge refuses the reports; carries the build through the summary into the night's record", () => {
    const a = 'a'.repeat(12);
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/2', { suiteBuild: a }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2', suiteBuild: 'b'.repeat(12) }) }]))).toBe(
      `shards 1/2 (s1) and 2/2 (s2) are of two builds of zavu-conformance 0.2.0: build ${a} vs ${'b'.repeat(12)}; run every shard, and the merge, with one build of the suite`,
    );
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2', { suiteBuild: a }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2', suiteBuild: a }) }])?.run.suiteBuild).toBe(a);
    // A shard naming none (an older build's summary) is unknown: the night names no build.
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2', { suiteBuild: a }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2' }) }])?.run).not.toHaveProperty('suiteBuild');
    const built = night({ suiteBuild: a });
    expect(parseShardNight(`${formatShardNight(built)}\n`)).toEqual(built);
    expect(parseShardNight(`${formatShardNight(night({ suiteBuild: '<b>' }))}\n`)).toBeUndefined();
  });
});

describe('a shard night of a run with --allow-writes', () => {
  it('carries the kind through the summary, true only, into the night the merge records', () => {
    const writes = night({ allowWrites: true });
    expect(parseShardNight(`${formatShardNight(writes)}\n`)).toEqual(writes);
    expect(parseShardNight(`${formatShardNight({ ...night(), allowWrites: 'yes' } as unknown as ShardNight)}\n`)).toBeUndefined();
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2', { allowWrites: true }) }, { label: 's2', reason: 'x', night: night({ shard: '2/2', allowWrites: true }) }])?.run.allowWrites).toBe(true);
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2') }, { label: 's2', reason: 'x', night: night({ shard: '2/2' }) }])?.run).not.toHaveProperty('allowWrites');
  });

  // The kind is ranWrites', not the field's: a night block without it of the embedded server (a suite's
  // before its runs were write runs without the flag too) is of the kind of its sibling's report.
  it("reads the kind as a report's is read: the embedded server's night without the field and its sibling's write report are one night, recorded with writes", () => {
    const embedded = { target: EMBEDDED_TARGET };
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2', { ...embedded, allowWrites: true }) }, { label: 's2', reason: 'x', night: night({ ...embedded, shard: '2/2' }) }])?.run.allowWrites).toBe(true);
    expect(stoppedNightOf([{ label: 's1', report: ran('1/2', embedded) }, { label: 's2', reason: 'x', night: night({ ...embedded, shard: '2/2', allowWrites: true }) }])?.run.allowWrites).toBe(true);
  });

  it('refuses a read-only shard and a write shard as one night, naming the folders', () => {
    expect(usageMessage(() => stoppedNightOf([{ label: 's1', report: ran('1/2') }, { label: 's2', reason: 'x', night: night({ shard: '2/2', allowWrites: true }) }]))).toBe(
      'shards disagree on allowWrites: read-only (shard 1/2, s1) vs a write run (shard 2/2, s2)',
    );
  });
});

describe("a merge's NOT RUN verdict line", () => {
  const withCases = (shard: string, count: number): ConformanceReport => ({ ...ran(shard), results: Array.from({ length: count }, () => ({ status: 'passed' })) }) as unknown as ConformanceReport;

  it('names the shard that did not run and what the others judged: no "no case was judged" when shards judged cases', () => {
    const verdict = mergeNotRunVerdict([
      { label: 'a', report: withCases('1/4', 5) },
      { label: 'b', reason: 'target unreachable', night: night({ shard: '2/4' }) },
      { label: 'c', report: withCases('3/4', 6) },
      { label: 'd', report: withCases('4/4', 1) },
    ]);
    expect(verdict).toBe('shard 2/4 did not run, so the night has no verdict; 3 shards judged 12 cases, not merged without it.');
    expect(verdict).not.toContain('no case was judged');
  });

  it('counts as judged only the cases a shard judged: a shard whose every case was skipped (a read-only slice of writes) did not "judge 77 cases"', () => {
    const withStatuses = (shard: string, statuses: string[]): ConformanceReport => ({ ...ran(shard), results: statuses.map((status) => ({ status })) }) as unknown as ConformanceReport;
    expect(mergeNotRunVerdict([
      { label: 'a', reason: 'key refused', night: night({ shard: '1/2' }) },
      { label: 'b', report: withStatuses('2/2', Array.from({ length: 77 }, () => 'skipped')) },
    ])).toBe('shard 1/2 did not run, so the night has no verdict; 1 shard judged 0 cases (77 skipped), not merged without it.');
    expect(mergeNotRunVerdict([
      { label: 'a', reason: 'key refused', night: night({ shard: '1/3' }) },
      { label: 'b', report: withStatuses('2/3', ['passed', 'failed', 'flaky', 'skipped']) },
      { label: 'c', report: withStatuses('3/3', ['error', 'passed']) },
    ])).toBe('shard 1/3 did not run, so the night has no verdict; 2 shards judged 4 cases (1 skipped, 1 not judged), not merged without it.');
  });

  it('names several stopped shards, one without a night by its folder, and says when no shard judged a case', () => {
    expect(mergeNotRunVerdict([
      { label: 'shards/one', reason: '--timeout "abc" must be a whole number' },
      { label: 'shards/two', reason: 'interrupted', night: night({ shard: '2/3' }) },
      { label: 'shards/three', reason: 'interrupted', night: night({ shard: '3/3' }) },
    ])).toBe('the shard in shards/one, shard 2/3 and shard 3/3 did not run, so the night has no verdict; no shard judged a case.');
    expect(mergeNotRunVerdict([
      { label: 'x', report: withCases('1/2', 1) },
      { label: 'y', reason: 'r', night: night({ shard: '2/2' }) },
    ])).toBe('shard 2/2 did not run, so the night has no verdict; 1 shard judged 1 case, not merged without it.');
  });
});
