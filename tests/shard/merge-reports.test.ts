import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ConformanceReport } from '../../src/model';
import { combineAttempts } from '../../src/repeat/combine-attempts';
import { certify } from '../../src/certificate/certify';
import { overallLatency } from '../../src/repeat/latency';
import { mergeReports, type MergedRun } from '../../src/shard/merge-reports';
import { planFingerprint, shardSlice } from '../../src/shard/shard';
import { readReportFile } from '../../src/report/read-report';
import { RUN_WARNING_LIMITS } from '../../src/report/run-warnings';
import { summarize } from '../../src/report/summarize';
import { assembleReport } from '../../src/runner/assemble-report';
import { assertConsistent } from '../../src/report/report-consistency';
import { baselineDiff } from '../report/regression-fixtures';
import { builtSuiteBuild, repoRoot, runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { usageMessage } from '../support/usage-message';

/** The runInfo and results of a real run, as an unsharded --repeat 2 run would have had them. */
function unsharded(): MergedRun {
  const real = readReportFile(path.join(__dirname, '..', 'baseline', 'fixtures', 'conformance-operations.json'), 'fixture');
  const results = real.results.map((r, i) => combineAttempts([r, { ...r, durationMs: r.durationMs + i }]));
  return { runInfo: { ...real.runInfo, repeat: 2, startedAt: '2025-01-02T03:00:00.000Z', finishedAt: '2025-01-02T03:00:09.000Z' }, results };
}

/** What shard i/n of the same run writes: its slice, its own summary, latency, certificate and times. */
function shardOf(whole: MergedRun, index: number, count: number, times: [string, string]): ConformanceReport {
  const results = shardSlice(whole.results, { index, count });
  const runInfo = { ...whole.runInfo, shard: `${index}/${count}`, shardPlan: planFingerprint(whole.results), startedAt: times[0], finishedAt: times[1] };
  const report: ConformanceReport = { runInfo, summary: summarize(results), results, baseline: baselineDiff };
  const latency = overallLatency(results);
  if (latency) report.latency = latency;
  report.certificate = certify(report);
  return report;
}

function threeShards(): ConformanceReport[] {
  const whole = unsharded();
  return [
    shardOf(whole, 1, 3, ['2025-01-02T03:00:01.000Z', '2025-01-02T03:00:05.000Z']),
    shardOf(whole, 2, 3, ['2025-01-02T03:00:00.000Z', '2025-01-02T03:00:09.000Z']),
    shardOf(whole, 3, 3, ['2025-01-02T03:00:02.000Z', '2025-01-02T03:00:04.000Z']),
  ];
}

describe('mergeReports', () => {
  it('gives back the unsharded run, byte for byte: its runInfo and its results in plan order, whatever order the shards come in', () => {
    const whole = unsharded();
    const expected = JSON.stringify({ runInfo: whole.runInfo, results: whole.results });
    const [a, b, c] = threeShards();
    expect(JSON.stringify(mergeReports([a!, b!, c!]))).toBe(expected);
    expect(JSON.stringify(mergeReports([c!, a!, b!]))).toBe(expected);
  });

  it("drops a violation's shownBy whose words its message does not hold (a shard edited by hand), as the failure digest does, so the merged report is one the suite may write; the finding stays", () => {
    const shards = threeShards();
    const at = shards.findIndex((shard) => shard.results.some((r) => r.violations.length > 0));
    const shard = shards[at]!;
    const i = shard.results.findIndex((r) => r.violations.length > 0);
    const result = shard.results[i]!;
    const [first, ...rest] = result.violations;
    const edited = { ...first!, shownBy: { exchange: 'getWhatsAppSyncStatus/no-credentials#read', operation: 'this' as const, words: ' (words the message never had)' } };
    const kept = { ...first!, message: `${first!.message} (it was shown)`, shownBy: { exchange: 'x', operation: 'another' as const, words: ' (it was shown)' } };
    shards[at] = { ...shard, results: shard.results.map((r, j) => (j === i ? { ...r, violations: [edited, kept, ...rest] } : r)) };
    const merged = mergeReports(shards);
    const violations = merged.results.find((r) => r.id === result.id)?.violations;
    expect(violations?.[0]).toEqual(first);
    expect(violations?.[1]).toEqual(kept);
    const report = assembleReport(merged.runInfo, merged.results, { allowFlaky: false });
    expect(() => assertConsistent(report)).not.toThrow();
    // Written as it was, the report is one the suite must never write: its check names where.
    const asEdited = { ...report, results: report.results.map((r) => (r.id === result.id ? { ...r, violations: [edited, ...r.violations.slice(1)] } : r)) };
    const index = report.results.findIndex((r) => r.id === result.id);
    expect(() => assertConsistent(asEdited)).toThrow(`/results/${index}/violations/0/shownBy/words are not in its message`);
  });

  it('carries over nothing a shard computed from its own cases: summary, latency, certificate and baseline diff are assembled by the caller', () => {
    expect(Object.keys(mergeReports(threeShards())).sort()).toEqual(['results', 'runInfo']);
  });

  it("keeps the shards' notes (runInfo.notes) each once: every shard of a replay says the same, and one only some shards said is kept too", () => {
    const contract = "rec/a.har was made when the contract of getWhatsAppSyncStatus differed from today's: a failure there may be the contract's change, not the target's";
    const shards = threeShards();
    shards.forEach((shard) => (shard.runInfo.notes = [contract]));
    expect(mergeReports(shards).runInfo.notes).toEqual([contract]);
    shards[2]!.runInfo.notes = [contract, 'only shard 3 said this'];
    expect(mergeReports([shards[2]!, shards[0]!, shards[1]!]).runInfo.notes).toEqual([contract, 'only shard 3 said this']);
    shards.forEach((shard) => delete shard.runInfo.notes);
    expect(mergeReports(shards).runInfo).not.toHaveProperty('notes');
  });

  it('refuses shards that are not of one run, naming the field', () => {
    const shards = threeShards();
    shards[1]!.runInfo.target = 'https://other.example';
    expect(usageMessage(() => mergeReports(shards))).toMatch(/^shard reports disagree on runInfo\.target: ".+" \(shard 1\/3, report 1 of 3\) vs "https:\/\/other\.example" \(shard 2\/3, report 2 of 3\)$/);
    // Named by the folders they were read from: which artifact of the matrix is the odd one.
    expect(usageMessage(() => mergeReports(shards, ['shards/a', 'shards/b', 'shards/c']))).toMatch(/ \(shard 1\/3, shards\/a\) vs "https:\/\/other\.example" \(shard 2\/3, shards\/b\)$/);
    const budget = threeShards();
    budget[2]!.runInfo.latencyBudgetMs = 300;
    expect(usageMessage(() => mergeReports(budget))).toMatch(/^shard reports disagree on runInfo\.latencyBudgetMs: null \(shard 1\/3, report 1 of 3\) vs 300 \(shard 3\/3, report 3 of 3\)$/);
    // Lists are compared by content: the same operations built anew agree, one fewer does not.
    const rebuilt = threeShards();
    rebuilt[1]!.runInfo.operations = rebuilt[1]!.runInfo.operations.map((op) => ({ ...op }));
    expect(() => mergeReports(rebuilt)).not.toThrow();
    // A shard run with other --family filters or another --repeat is not a slice of the same run.
    const families = threeShards();
    families[1]!.runInfo.families = families[1]!.runInfo.families?.slice(0, 1) ?? [];
    expect(usageMessage(() => mergeReports(families))).toMatch(/^shard reports disagree on runInfo\.families: /);
    const repeat = threeShards();
    repeat[2]!.runInfo.repeat = 3;
    expect(usageMessage(() => mergeReports(repeat))).toMatch(/^shard reports disagree on runInfo\.repeat: 2 \(shard 1\/3, report 1 of 3\) vs 3 /);
    const fewer = threeShards();
    fewer[2]!.runInfo.operations = fewer[2]!.runInfo.operations.slice(0, 1);
    expect(usageMessage(() => mergeReports(fewer))).toMatch(/^shard reports disagree on runInfo\.operations: \[.*startWhatsAppHistorySync.*\] \(shard 1\/3, report 1 of 3\) vs \[\{"operationId":"getWhatsAppSyncStatus".*\] \(shard 3\/3, report 3 of 3\)$/);
  });

  it('refuses shards judged with other case data (runInfo.casesSha256), and keeps the digest they share', () => {
    const shards = threeShards();
    shards.forEach((shard) => (shard.runInfo.casesSha256 = 'd'.repeat(64)));
    expect(mergeReports(shards).runInfo.casesSha256).toBe('d'.repeat(64));
    shards[1]!.runInfo.casesSha256 = 'e'.repeat(64);
    expect(usageMessage(() => mergeReports(shards))).toMatch(/^shard reports disagree on runInfo\.casesSha256: "d{64}" \(shard 1\/3, report 1 of 3\) vs "e{64}" \(shard 2\/3, report 2 of 3\)$/);
  });

  // A shard of a build from before the digest (0.2.0 of 2026-12-03) beside one of today's: the
  // refusal quoted its absence as the value null, as if the shard had been judged with case data "null".
  it("says a shard without the case data's digest was written by a suite from before it, and what to do", () => {
    const shards = threeShards();
    shards.forEach((shard) => (shard.runInfo.casesSha256 = 'd'.repeat(64)));
    delete shards[2]!.runInfo.casesSha256;
    expect(usageMessage(() => mergeReports(shards, ['shards/a', 'shards/b', 'shards/c']))).toMatch(
      /^shard reports disagree on runInfo\.casesSha256: "d{64}" \(shard 1\/3, shards\/a\) vs none \(shard 3\/3, shards\/c: a build of the suite from before the field writes none, or the file was edited\); run every shard, and the merge, with one build of the suite$/,
    );
  });

  it('says what to do when shards were written by two versions of the suite', () => {
    const shards = threeShards();
    shards[1]!.runInfo.suiteVersion = '0.0.9';
    expect(usageMessage(() => mergeReports(shards, ['shards/a', 'shards/b', 'shards/c']))).toMatch(/^shard reports disagree on runInfo\.suiteVersion: "[^"]+" \(shard 1\/3, shards\/a\) vs "0\.0\.9" \(shard 2\/3, shards\/b\); run every shard, and the merge, with one build of the suite$/);
  });

  // A shard's report passed the schema, which bounds no suiteVersion or specTitle: the refusal
  // quoted the whole value, so the line was cut before the other shard and what to do.
  it('quotes the values two shards disagree on bounded and inert: both shards and what to do are still said', () => {
    const shards = threeShards();
    shards[1]!.runInfo.suiteVersion = `0.0.9-${'x'.repeat(100_000)}`;
    const line = usageMessage(() => mergeReports(shards, ['shards/a', 'shards/b', 'shards/c']));
    expect(line.length).toBeLessThan(1000);
    expect(line).toMatch(/^shard reports disagree on runInfo\.suiteVersion: "[^"]+" \(shard 1\/3, shards\/a\) vs "0\.0\.9-x+.* \(shard 2\/3, shards\/b\); run every shard, and the merge, with one build of the suite$/);
    const titled = threeShards();
    titled[2]!.runInfo.specTitle = 'Zavu\u202e\u001b[2J';
    expect(usageMessage(() => mergeReports(titled, ['shards/a', 'shards/b', 'shards/c']))).toMatch(/vs "Zavu\\u202e\\u001b\[2J" \(shard 3\/3, shards\/c\)$/);
  });

  // 0.2.0 was many builds: a shard run by a build 50 commits older, with other checks, merged with
  // tonight's into one FULL certificate and no word (the version alone told them apart).
  it('refuses shards of one version but two builds (runInfo.suiteBuild) in one line naming both builds and both shards, and what to do', () => {
    const shards = threeShards();
    shards.forEach((shard) => (shard.runInfo.suiteBuild = 'a'.repeat(12)));
    shards[2]!.runInfo.suiteBuild = 'b'.repeat(12);
    expect(usageMessage(() => mergeReports(shards, ['shards/a', 'shards/b', 'shards/c']))).toBe(
      `shards 1/3 (shards/a) and 3/3 (shards/c) are of two builds of zavu-conformance ${shards[0]!.runInfo.suiteVersion}: build ${'a'.repeat(12)} vs ${'b'.repeat(12)}; run every shard, and the merge, with one build of the suite`,
    );
  });

  it('keeps the build every shard names; a shard naming none (an older build, a dist built without the id) is unknown: merged with a note, the merged run naming no build', () => {
    const shards = threeShards();
    shards.forEach((shard) => (shard.runInfo.suiteBuild = 'a'.repeat(12)));
    const merged = mergeReports(shards);
    expect(merged.runInfo.suiteBuild).toBe('a'.repeat(12));
    expect(merged).not.toHaveProperty('notes');
    delete shards[1]!.runInfo.suiteBuild;
    const partly = mergeReports(shards, ['shards/a', 'shards/b', 'shards/c']);
    expect(partly.runInfo).not.toHaveProperty('suiteBuild');
    expect(partly.notes).toEqual([`suite build not checked: shard 2/3 (shards/b) names none, the other shards ${'a'.repeat(12)} (a shard of an older build of the suite, or of one built without the build id)`]);
    // None names one: nothing to check, nothing said.
    shards.forEach((shard) => delete shard.runInfo.suiteBuild);
    const none = mergeReports(shards);
    expect(none.runInfo).not.toHaveProperty('suiteBuild');
    expect(none).not.toHaveProperty('notes');
  });

  it('refuses shards of two runs by their run ids, naming both folders and ids; keeps the id all share; notes a shard without one', () => {
    const two = threeShards();
    two.forEach((shard) => (shard.runInfo.runId = 'github:7'));
    two[2]!.runInfo.runId = 'github:9';
    expect(usageMessage(() => mergeReports(two, ['shards/a', 'shards/b', 'shards/c']))).toBe('shards 1/3 (shards/a) and 3/3 (shards/c) are of different runs: run id "github:7" vs "github:9"; merge the shards of one run (is a folder left from another run?)');
    const one = threeShards();
    one.forEach((shard) => (shard.runInfo.runId = 'github:7'));
    const merged = mergeReports(one);
    expect(merged.runInfo.runId).toBe('github:7');
    expect(merged).not.toHaveProperty('notes');
    delete one[1]!.runInfo.runId;
    const partly = mergeReports(one, ['shards/a', 'shards/b', 'shards/c']);
    expect(partly.runInfo).not.toHaveProperty('runId');
    expect(partly.notes).toEqual(['run id not checked: shard 2/3 (shards/b) has none, the other shards have "github:7" (a shard of an older suite, or one run outside CI without --run-id)']);
  });

  it('passes flaky cases only when every shard was run with --allow-flaky, whichever shard comes first', () => {
    const lenientFirst = threeShards();
    lenientFirst[0]!.runInfo.allowFlaky = true;
    expect(mergeReports(lenientFirst).runInfo.allowFlaky).toBeUndefined();
    const lenientLast = threeShards();
    lenientLast[2]!.runInfo.allowFlaky = true;
    expect(mergeReports(lenientLast).runInfo.allowFlaky).toBeUndefined();
    const all = threeShards();
    for (const shard of all) shard.runInfo.allowFlaky = true;
    expect(mergeReports(all).runInfo.allowFlaky).toBe(true);
  });

  it('says no certificate was verified when any shard reached the target so (NODE_TLS_REJECT_UNAUTHORIZED=0 on one runner): the merged certificate must not hide it', () => {
    const one = threeShards();
    one[1]!.runInfo.tlsUnverified = true;
    expect(mergeReports(one).runInfo.tlsUnverified).toBe(true);
    expect(mergeReports(threeShards()).runInfo).not.toHaveProperty('tlsUnverified');
  });

  it('refuses a missing, repeated or foreign shard, and overlapping shards', () => {
    const [a, b, c] = threeShards();
    expect(usageMessage(() => mergeReports([a!, c!]))).toBe('shard 2/3 is missing');
    expect(usageMessage(() => mergeReports([a!, b!]))).toBe('shard 3/3 is missing');
    expect(usageMessage(() => mergeReports([a!, a!, c!]))).toBe('shard 1/3 is given twice (report 1 of 3 and report 2 of 3)');
    // Which folders: two artifacts that hold the same shard (a matrix entry twice), or one folder named twice.
    expect(usageMessage(() => mergeReports([a!, c!, a!], ['shards/x', 'shards/z', 'shards/y']))).toBe('shard 1/3 is given twice (shards/x and shards/y)');
    expect(usageMessage(() => mergeReports([a!, a!, c!], ['shards/x', 'shards/x', 'shards/z']))).toBe('shard 1/3 is given twice (shards/x, named twice)');
    const { shard: _shard, ...unshardedInfo } = b!.runInfo;
    expect(usageMessage(() => mergeReports([a!, { ...b!, runInfo: unshardedInfo }, c!]))).toBe('report 2 of 3 is not a shard report (runInfo.shard is missing: a run without --shard)');
    expect(usageMessage(() => mergeReports([a!, { ...b!, runInfo: { ...b!.runInfo, shard: '2/4' } }, c!], ['s1', 's2', 's3']))).toBe('shard reports disagree on the number of shards: 1/3 (s1) vs 2/4 (s2)');
    expect(usageMessage(() => mergeReports([a!, { ...b!, results: [...b!.results, a!.results[0]!] }, c!]))).toMatch(/^case getWhatsAppSyncStatus\/coexistence\[snd_coex_active\] is in shard 1\/3 and shard 2\/3: the shards overlap$/);
    expect(usageMessage(() => mergeReports([]))).toBe('no shard reports to merge');
  });

  it('refuses shards that sliced different plans, and shards whose results fall short of their plan: no case left out unseen', () => {
    // Shard 1/2 planned with two cases fewer (other fixtures, say): the slices leave a gap, with no case in two shards.
    const whole = unsharded();
    const fewer: MergedRun = { ...whole, results: whole.results.slice(0, -2) };
    const first = shardOf(fewer, 1, 2, ['2025-01-02T03:00:00.000Z', '2025-01-02T03:00:05.000Z']);
    const second = shardOf(whole, 2, 2, ['2025-01-02T03:00:00.000Z', '2025-01-02T03:00:05.000Z']);
    const skipped = whole.results.slice(shardSlice(fewer.results, { index: 1, count: 2 }).length, shardSlice(whole.results, { index: 1, count: 2 }).length);
    expect(skipped.length).toBe(1);
    expect(usageMessage(() => mergeReports([first, second]))).toMatch(
      new RegExp(`^shards 1/2 \\(report 1 of 2\\) and 2/2 \\(report 2 of 2\\) sliced different plans \\(${fewer.results.length} cases, sha256 [0-9a-f]{12} vs ${whole.results.length} cases, sha256 [0-9a-f]{12}\\): were they run with the same settings and fixtures, in one run\\?$`),
    );
    // One plan, but a shard report lost a result on the way (edited, cut by hand).
    const [a, b, c] = threeShards();
    expect(usageMessage(() => mergeReports([a!, { ...b!, results: b!.results.slice(1) }, c!]))).toBe(`the shards hold ${whole.results.length - 1} of their plan's ${whole.results.length} cases: a shard report lost results`);
    // Reports of an older suite, without a plan, still merge as before.
    const older = threeShards().map((r) => ({ ...r, runInfo: (({ shardPlan: _p, ...rest }) => rest)(r.runInfo) }));
    expect(() => mergeReports(older)).not.toThrow();
  });
});

describe('merge of shards a newer suite wrote', () => {
  it('merges shards with fields this suite does not know (at the top, in runInfo and in a result), noting them once per shard; a wrong known field still refuses the shard', async () => {
    const cwd = scratchDir('zvc-merge-newer-');
    const shards = threeShards();
    shards.forEach((shard, i) => {
      const json = JSON.parse(JSON.stringify(shard)) as Record<string, unknown> & { runInfo: Record<string, unknown>; results: Record<string, unknown>[] };
      json.runInfo['suiteVersion'] = '99.0.0';
      json['laterSection'] = { rows: [] };
      if (i === 1) json.results[0]!['outOfScope'] = true;
      if (i === 2) json.runInfo['laterRunField'] = 'x';
      mkdirSync(path.join(cwd, `shard-${i + 1}`));
      writeFileSync(path.join(cwd, `shard-${i + 1}`, 'conformance.json'), JSON.stringify(json));
    });
    const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2', 'shard-3'], { cwd });
    expect(merged.stderr).toBe('');
    expect([0, 1]).toContain(merged.code);
    const notes = merged.stdout.split('\n').filter((line) => line.startsWith('note: '));
    // One for each shard's unknown fields, and one that shards of 99.0.0 were merged by this version.
    expect(notes).toHaveLength(4);
    expect(notes[3]).toMatch(/^note: merged by a different version of the suite from the one that ran the shards: zavu-conformance \S+( \(build [0-9a-f]{12}\))? merged, zavu-conformance 99\.0\.0 judged the cases; /);
    expect(notes[0]).toMatch(/^note: shard \S+shard-1\/conformance\.json: written by zavu-conformance 99\.0\.0, newer than this one \([^)]+\): 1 field it does not know was ignored \(laterSection\)$/);
    expect(notes[2]).toContain('runInfo.laterRunField');
    expect(notes[1]).toMatch(/: 2 fields it does not know were ignored \((laterSection, results\[\]\.outOfScope|results\[\]\.outOfScope, laterSection)\)$/);
    const report = JSON.parse(readFileSync(path.join(cwd, 'merged', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report).not.toHaveProperty('laterSection');
    expect(report.results.some((r) => 'outOfScope' in r)).toBe(false);
    expect(report.results).toHaveLength(unsharded().results.length);

    // A known field hand-edited wrong: refused, one line, exit 2, as ever.
    const bad = JSON.parse(readFileSync(path.join(cwd, 'shard-3', 'conformance.json'), 'utf8')) as { results: Record<string, unknown>[] };
    bad.results[0]!['durationMs'] = 'slow';
    writeFileSync(path.join(cwd, 'shard-3', 'conformance.json'), JSON.stringify(bad));
    const refused = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2', 'shard-3'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^zavu-conformance merge: shard \S+shard-3\/conformance\.json: written by zavu-conformance 99\.0\.0, newer than this one \([^)]+\), and this build cannot read it: \/results\/0\/durationMs must be number; read it with zavu-conformance 99\.0\.0 \(every shard, and the merge, with one build of the suite\)\n$/);
  }, 30_000);
});

describe('merge of a shard an older suite wrote', () => {
  // A build of 2026-12-02 wrote no notJudged in a certificate's families: its shard was refused as
  // "not a conformance report", which sent its user looking for a wrong folder.
  it('refuses it in one line naming the version that wrote it and what to do, exit 2, OUT NOT RUN', async () => {
    const cwd = scratchDir('zvc-merge-older-');
    threeShards().forEach((shard, i) => {
      const json = JSON.parse(JSON.stringify(shard)) as Record<string, unknown> & { runInfo: Record<string, unknown> };
      if (i === 1) {
        json.runInfo['suiteVersion'] = '0.1.0';
        delete json.runInfo['families'];
      }
      mkdirSync(path.join(cwd, `shard-${i + 1}`));
      writeFileSync(path.join(cwd, `shard-${i + 1}`, 'conformance.json'), JSON.stringify(json));
    });
    const refused = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2', 'shard-3'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^zavu-conformance merge: shard \S+shard-2\/conformance\.json: written by zavu-conformance 0\.1\.0, older than this one \([^)]+\), and this build cannot read it: \/runInfo must have required property 'families'; run it again with this build \(every shard, and the merge, with one build of the suite\)\n$/);
    expect(readFileSync(path.join(cwd, 'merged', 'summary.md'), 'utf8')).toMatch(/NOT RUN/);
  }, 30_000);
});

describe('merge of shards of two builds of one version', () => {
  it('exits 2 with one line naming both builds and both shards, and OUT says NOT RUN: no FULL certificate of two suites', async () => {
    const cwd = scratchDir('zvc-merge-builds-');
    threeShards().forEach((shard, i) => {
      const json = JSON.parse(JSON.stringify(shard)) as { runInfo: Record<string, unknown> };
      json.runInfo['suiteBuild'] = i === 1 ? 'b'.repeat(12) : 'a'.repeat(12);
      mkdirSync(path.join(cwd, `shard-${i + 1}`));
      writeFileSync(path.join(cwd, `shard-${i + 1}`, 'conformance.json'), JSON.stringify(json));
    });
    const refused = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2', 'shard-3'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^zavu-conformance merge: shards 1\/3 \(\S*shard-1\) and 2\/3 \(\S*shard-2\) are of two builds of zavu-conformance \S+: build a{12} vs b{12}; run every shard, and the merge, with one build of the suite\n$/);
    expect(readFileSync(path.join(cwd, 'merged', 'summary.md'), 'utf8')).toMatch(/NOT RUN/);
  }, 30_000);
});

describe("merge by another build than the shards'", () => {
  it("merges, and says in one line on the console and in the merged reports which build judged the cases and which merged them; the shards' build stays the run's", async () => {
    const merger = builtSuiteBuild();
    // Shards of this very version (the fixtures say 0.1.0, another version, which says so whatever the builds: below).
    const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const theirs = merger === 'a'.repeat(12) ? 'b'.repeat(12) : 'a'.repeat(12);
    const cwd = scratchDir('zvc-merge-merger-build-');
    for (const [folder, build] of [['other', theirs], ['same', merger]]) {
      threeShards().forEach((shard, i) => {
        mkdirSync(path.join(cwd, folder!, `shard-${i + 1}`), { recursive: true });
        writeFileSync(path.join(cwd, folder!, `shard-${i + 1}`, 'conformance.json'), JSON.stringify({ ...shard, runInfo: { ...shard.runInfo, suiteVersion: version, suiteBuild: build } }));
      });
    }
    const line = `note: merged by a different build of the suite from the one that ran the shards: build ${merger} merged, build ${theirs} judged the cases; the certificate, latency and baseline figures are this build's`;
    const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2', 'shard-3'], { cwd: path.join(cwd, 'other') });
    expect(merged.stderr).toBe('');
    expect(merged.stdout.split('\n').filter((l) => l.includes('merged by a different build'))).toEqual([line]);
    const report = readReportFile(path.join(cwd, 'other', 'merged', 'conformance.json'), 'merged');
    expect(report.runInfo.suiteBuild).toBe(theirs);
    expect(report.runInfo.notes).toContain(line.slice('note: '.length));
    // summary.md's notes show each id as code.
    expect(readFileSync(path.join(cwd, 'other', 'merged', 'summary.md'), 'utf8')).toContain(`build \`${merger}\` merged, build \`${theirs}\` judged the cases`);
    const same = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2', 'shard-3'], { cwd: path.join(cwd, 'same') });
    expect(same.stdout).not.toContain('merged by a different');
    expect(same.code).toBe(merged.code);
  }, 60_000);

  it('says so too for shards of another version naming no build (an older suite): one line, console and merged reports', async () => {
    const merger = builtSuiteBuild();
    const cwd = scratchDir('zvc-merge-merger-version-');
    threeShards().forEach((shard, i) => {
      mkdirSync(path.join(cwd, `shard-${i + 1}`));
      const { suiteBuild: _none, ...runInfo } = { ...shard.runInfo, suiteVersion: '0.0.1' };
      writeFileSync(path.join(cwd, `shard-${i + 1}`, 'conformance.json'), JSON.stringify({ ...shard, runInfo }));
    });
    const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2', 'shard-3'], { cwd });
    expect(merged.stderr).toBe('');
    const line = `merged by a different version of the suite from the one that ran the shards: zavu-conformance \\S+ \\(build ${merger}\\) merged, zavu-conformance 0\\.0\\.1 judged the cases; the certificate, latency and baseline figures are this build's`;
    const said = merged.stdout.split('\n').filter((l) => l.includes('merged by a different'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(new RegExp(`^note: ${line}$`));
    const report = readReportFile(path.join(cwd, 'merged', 'conformance.json'), 'merged');
    expect(report.runInfo.suiteVersion).toBe('0.0.1');
    expect(report.runInfo.notes?.filter((note) => new RegExp(`^${line}$`).test(note))).toHaveLength(1);
  }, 60_000);
});

describe('merge of shards whose coverage names a key every object has', () => {
  it('merges a key named constructor or __proto__ as any other: no crash, nothing dropped, every report written', async () => {
    // The schema leaves an observation's keys free, and merge folds its shards' cases' coverage by
    // key into the run's: "constructor" was Object's own function ("internal error: a is not
    // iterable", no report), and "__proto__" set the prototype of the merged table.
    const cwd = scratchDir('zvc-merge-proto-keys-');
    for (const shard of ['1/2', '2/2']) {
      const run = await runCli('conformance-main.js', ['--shard', shard, '--run-id', 'proto-keys', '--reports', `shard-${shard[0]}`, '--fuzz-runs', '0', '--seed', '1'], { cwd });
      expect(run.code).toBe(0);
    }
    const file = path.join(cwd, 'shard-1', 'conformance.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as { results: { coverage?: Record<string, Record<string, unknown>>[] }[] };
    const observed = json.results.flatMap((r) => r.coverage ?? []);
    expect(observed.length).toBeGreaterThan(1);
    // As a report read back holds them: JSON.parse makes "__proto__" an own key.
    for (const observation of observed) {
      observation['enums'] = { ...observation['enums'], ...(JSON.parse('{"constructor": ["\\"a\\""], "__proto__": ["\\"b\\""]}') as object) };
      observation['outside'] = JSON.parse('{"toString": 2}') as Record<string, unknown>;
      observation['optional'] = { ...observation['optional'], ...(JSON.parse('{"constructor": {"present": 1, "absent": 0, "null": 0}}') as object) };
    }
    writeFileSync(file, JSON.stringify(json));
    const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2'], { cwd });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(cwd, 'merged', 'conformance.json'), 'utf8')) as ConformanceReport;
    const kept = report.results.flatMap((r) => r.coverage ?? []);
    expect(kept.filter((o) => Object.keys(o.enums).includes('__proto__') && Object.keys(o.optional).includes('constructor'))).toHaveLength(observed.length);
  }, 60_000);
});

describe('mergeReports: upstream-down, the headline warning', () => {
  const down = (n: number) => ({ kind: 'upstream-down' as const, message: `from GET /v1/senders/s${n}, exchange e${n} on, the target answered 5 requests in a row or more with a gateway error` });
  const unasked = (n: number) => ({ kind: 'unasked-bytes' as const, message: `unasked ${n}` });

  it('is said once, however many shards saw it: the first shard\'s line, counting the shards', () => {
    const shards = threeShards();
    shards[0]!.runWarnings = [unasked(1), down(1)];
    shards[2]!.runWarnings = [down(3)];
    const warnings = mergeReports(shards).runWarnings ?? [];
    expect(warnings.filter((w) => w.kind === 'upstream-down')).toEqual([{ kind: 'upstream-down', message: `shard 1/3 (2 shards saw it; the first:): ${down(1).message}` }]);
    expect(warnings.map((w) => w.kind)).toEqual(['upstream-down', 'unasked-bytes']);
  });

  it('is kept past the bound of the other warnings, and the line that counts the rest is never said as it', () => {
    const shards = threeShards();
    shards[0]!.runWarnings = Array.from({ length: RUN_WARNING_LIMITS.count + 5 }, (_, i) => unasked(i));
    shards[1]!.runWarnings = [down(2)];
    const warnings = mergeReports(shards).runWarnings ?? [];
    expect(warnings).toHaveLength(RUN_WARNING_LIMITS.count);
    expect(warnings.filter((w) => w.kind === 'upstream-down')).toEqual([{ kind: 'upstream-down', message: `shard 2/3: ${down(2).message}` }]);
    expect(warnings[warnings.length - 1]).toEqual({ kind: 'unasked-bytes', message: expect.stringMatching(/^… and \d+ more run warnings/) });
  });

  it('carries a target that stopped answering near a shard\'s end once too, beside an upstream gone down, each a headline of its own kind', () => {
    const stopped = (n: number) => ({ kind: 'stopped-answering' as const, message: `http://127.0.0.1:${n} answered none of the last 18 requests of the run, 2 of them sent as a client sends them` });
    const shards = threeShards();
    shards[0]!.runWarnings = [unasked(1), stopped(1)];
    shards[1]!.runWarnings = [down(2), stopped(2)];
    shards[2]!.runWarnings = Array.from({ length: RUN_WARNING_LIMITS.count + 5 }, (_, i) => unasked(i));
    const warnings = mergeReports(shards).runWarnings ?? [];
    expect(warnings).toHaveLength(RUN_WARNING_LIMITS.count);
    expect(warnings.slice(0, 2)).toEqual([
      { kind: 'stopped-answering', message: `shard 1/3 (2 shards saw it; the first:): ${stopped(1).message}` },
      { kind: 'upstream-down', message: `shard 2/3: ${down(2).message}` },
    ]);
    expect(warnings.slice(2).map((w) => w.kind)).not.toContain('stopped-answering');
  });
});
