/**
 * A conformance.json read back (a shard's, for merge) may come from a newer suite, which adds
 * fields this one does not know: those are left out and said in one note; a field this suite
 * knows that is wrong still refuses the file. The writer stays strict.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../../src/model';
import { suiteVersion } from '../../src/package-root';
import { ignoredFieldsNote, readReportFile, unreadableReportLine } from '../../src/report/read-report';
import { readableReport, REPORT_SCHEMA_PATH, reportSchemaError, validateReport } from '../../src/report/report-schema';
import { scratchDir } from '../support/scratch-dir';
import { thrownUsageError, usageMessage } from '../support/usage-message';

const fixture = join(__dirname, '..', 'baseline', 'fixtures', 'conformance-operations.json');

/** The fixture report as JSON, as a newer suite might have written it. */
function newer(edit: (report: Record<string, unknown> & { runInfo: Record<string, unknown>; results: Record<string, unknown>[] }) => void = () => undefined): string {
  const report = JSON.parse(readFileSync(fixture, 'utf8')) as Parameters<typeof edit>[0];
  report.runInfo['suiteVersion'] = '99.1.0';
  report['nextFeature'] = { anything: [1, 2] };
  report.results[0]!['outOfScope'] = true;
  report.results[2]!['outOfScope'] = false;
  report.runInfo['laterRunField'] = 'x';
  edit(report);
  return JSON.stringify(report);
}

function written(text: string): string {
  const file = join(scratchDir('zvc-read-report-'), 'conformance.json');
  writeFileSync(file, text);
  return file;
}

describe('readReportFile', () => {
  it("reads a newer suite's report with fields it does not know, at the top and inside results: left out, and said in one note", () => {
    const file = written(newer());
    const notes: string[] = [];
    const report = readReportFile(file, 'shard', (line) => notes.push(line));
    expect(report).not.toHaveProperty('nextFeature');
    expect(report.runInfo).not.toHaveProperty('laterRunField');
    expect(report.results.some((r) => 'outOfScope' in r)).toBe(false);
    expect(report.results).toHaveLength((JSON.parse(readFileSync(fixture, 'utf8')) as ConformanceReport).results.length);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`^shard ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: written by zavu-conformance 99\\.1\\.0, newer than this one \\(${suiteVersion().replace(/\./g, '\\.')}\\): 3 fields it does not know were ignored \\(`));
    expect(notes[0]).toContain('nextFeature');
    expect(notes[0]).toContain('results[].outOfScope');
    expect(notes[0]).toContain('runInfo.laterRunField');
    // What is left is a report this suite writes: its own strict check passes on it.
    expect(() => validateReport(report)).not.toThrow();
  });

  it('says so when a single field was left out', () => {
    const notes: string[] = [];
    const file = written(newer((report) => {
      delete report['nextFeature'];
      delete report.runInfo['laterRunField'];
      for (const result of report.results) delete result['outOfScope'];
      report['onlyNew'] = 1;
    }));
    readReportFile(file, 'shard', (line) => notes.push(line));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('1 field it does not know was ignored (onlyNew)');
  });

  it('reads its own version of a report without a note', () => {
    const notes: string[] = [];
    readReportFile(fixture, 'shard', (line) => notes.push(line));
    expect(notes).toEqual([]);
  });

  it('reads what was left out of latency (a case\'s, the run\'s) as its own field, and a report from before it as it was', () => {
    const leftOut = { exchanges: 3, byStatus: [{ status: 502, count: 2 }, { status: 0, count: 1 }] };
    const report = JSON.parse(readFileSync(fixture, 'utf8')) as ConformanceReport;
    const withField = { ...report, latencyLeftOut: leftOut, results: report.results.map((r, i) => (i === 1 ? { ...r, latencyLeftOut: leftOut } : r)) };
    const notes: string[] = [];
    const read = readReportFile(written(JSON.stringify(withField)), 'shard', (line) => notes.push(line));
    expect(notes).toEqual([]);
    expect(read.latencyLeftOut).toEqual(leftOut);
    expect(read.results[1]?.latencyLeftOut).toEqual(leftOut);
    // The fixture, written before the field, has none: still read, without a note.
    expect(readReportFile(fixture, 'shard', (line) => notes.push(line))).not.toHaveProperty('latencyLeftOut');
    expect(notes).toEqual([]);
  });

  it('still refuses a file whose known fields are wrong or missing, extra fields or not: one line naming the file and the field', () => {
    const wrong = written(newer((r) => (r.results[1]!['status'] = 'exploded')));
    expect(usageMessage(() => readReportFile(wrong, 'shard'))).toBe(`shard ${wrong}: written by zavu-conformance 99.1.0, newer than this one (${suiteVersion()}), and this build cannot read it: /results/1/status must be equal to one of the allowed values (allowed: passed, failed, skipped, error, flaky); read it with zavu-conformance 99.1.0 (every shard, and the merge, with one build of the suite)`);
    // A misspelt required field is no unknown field: left out, the required one is missing.
    const misspelt = written(newer((r) => {
      r.results[0]!['stauts'] = r.results[0]!['status'];
      delete r.results[0]!['status'];
    }));
    expect(usageMessage(() => readReportFile(misspelt, 'shard'))).toMatch(/cannot read it: \/results\/0 must have required property '\w+'; read it with /);
    const noResults = written(newer((r) => delete (r as Record<string, unknown>)['results']));
    expect(usageMessage(() => readReportFile(noResults, 'shard'))).toMatch(/cannot read it: \(root\) must have required property 'results'; read it with /);
  });

  it("says 'not a conformance report' only of a file that names no suite version, a JSON file of some other tool", () => {
    const other = written(JSON.stringify({ runInfo: { target: 'x' }, results: [] }));
    expect(usageMessage(() => readReportFile(other, 'shard'))).toMatch(/^shard .*: not a conformance report: \(root\) must have required property 'summary'$/);
  });

  // An older suite's shard lacks a field this one requires (0.2.0 builds of 2026-12-02 wrote no
  // certificate notJudged): refused, rightly, but "not a conformance report" sent its user looking
  // for a wrong folder. The line names the writer, and that shards and merge take one build.
  it("refuses an older suite's report that lacks a field this one requires, naming the version that wrote it and what to do", () => {
    const older = written(newer((r) => {
      r.runInfo['suiteVersion'] = '0.1.0';
      delete r['nextFeature'];
      delete r.runInfo['laterRunField'];
      delete r.runInfo['families'];
    }));
    expect(usageMessage(() => readReportFile(older, 'shard'))).toBe(`shard ${older}: written by zavu-conformance 0.1.0, older than this one (${suiteVersion()}), and this build cannot read it: /runInfo must have required property 'families'; run it again with this build (every shard, and the merge, with one build of the suite)`);
  });

  it('says a report of its own version it cannot read is of another build of that version (or edited)', () => {
    const sameVersion = written(newer((r) => {
      r.runInfo['suiteVersion'] = suiteVersion();
      delete r.runInfo['families'];
    }));
    expect(usageMessage(() => readReportFile(sameVersion, 'shard'))).toBe(`shard ${sameVersion}: written by zavu-conformance ${suiteVersion()}, this one's version but another build of it (or an edited file), and this build cannot read it: /runInfo must have required property 'families'; run it again with this build (every shard, and the merge, with one build of the suite)`);
  });

  it('names both builds when the report and this suite each name one (runInfo.suiteBuild); the same build, it is an edited file', () => {
    const line = (theirs: string | undefined, ours: string | undefined): string => unreadableReportLine('shard s/conformance.json', { runInfo: { suiteVersion: '0.2.0' } }, 'P', undefined, '0.2.0', { theirs, ours });
    expect(line('a'.repeat(12), 'b'.repeat(12))).toBe(`shard s/conformance.json: written by zavu-conformance 0.2.0, this one's version but another build of it (build ${'a'.repeat(12)}; this one is ${'b'.repeat(12)}), and this build cannot read it: P; run it again with this build (every shard, and the merge, with one build of the suite)`);
    expect(line('a'.repeat(12), 'a'.repeat(12))).toBe(`shard s/conformance.json: written by zavu-conformance 0.2.0, this very build (${'a'.repeat(12)}): an edited file, and this build cannot read it: P; run it again with this build (every shard, and the merge, with one build of the suite)`);
    // Either unknown (an older build's report, a dist built without the id): as before.
    expect(line(undefined, 'b'.repeat(12))).toContain("this one's version but another build of it (or an edited file)");
    expect(line('a'.repeat(12), undefined)).toContain("this one's version but another build of it (or an edited file)");
  });

  it('keeps a hostile version inert and bounded in the refusal', () => {
    const hostile = written(newer((r) => {
      r.runInfo['suiteVersion'] = `0.1.0\n::error::${'x'.repeat(5000)}`;
      delete r.runInfo['families'];
    }));
    const line = usageMessage(() => readReportFile(hostile, 'shard'));
    expect(line).not.toMatch(/\n/);
    expect(line.length).toBeLessThan(1000);
  });

  // "" (which the schema refuses), a line break, an escape sequence, a megabyte: no build of the
  // suite writes such a version, so the line named a writer no one was ("written by
  // zavu-conformance , not this one's"), and quoted a file's text as a version.
  it('names no writer when runInfo.suiteVersion is no version: not a conformance report, the text not quoted', () => {
    for (const version of ['', '0.1.0\n::error::pwned', '\u001b[2J0.1.0', `0.1.0-${'x'.repeat(1_000_000)}`, '0.1.0garbage']) {
      const file = written(newer((r) => {
        r.runInfo['suiteVersion'] = version;
        delete r.runInfo['families'];
      }));
      const line = usageMessage(() => readReportFile(file, 'shard'));
      expect(line).toMatch(/^shard \S+: not a conformance report: \S/);
      expect(line).not.toMatch(/written by|::error::|\u001b|xxxx|garbage/);
    }
  });

  // Semver's order: a pre-release of this version is older than it, not "not this one's".
  it("says a pre-release of this version is older than this one", () => {
    const file = written(newer((r) => {
      r.runInfo['suiteVersion'] = `${suiteVersion()}-rc.1`;
      delete r.runInfo['families'];
    }));
    expect(usageMessage(() => readReportFile(file, 'shard'))).toContain(`: written by zavu-conformance ${suiteVersion()}-rc.1, older than this one (${suiteVersion()}), and this build cannot read it: `);
  });

  it('names the refused file as the error\'s path: the file system\'s code with it only when that refused it', () => {
    const wrong = written(newer((r) => (r.results[1]!['status'] = 'exploded')));
    expect(thrownUsageError(() => readReportFile(wrong, 'shard')).path).toBe(wrong);
    expect(thrownUsageError(() => readReportFile(wrong, 'shard')).code).toBeUndefined();
    const missing = join(scratchDir('zvc-read-report-'), 'conformance.json');
    expect(thrownUsageError(() => readReportFile(missing, 'shard'))).toMatchObject({ path: missing, code: 'ENOENT' });
  });

  it('keeps the names it shows inert and bounded, however many and however named', () => {
    const hostile = written(newer((r) => {
      for (let i = 0; i < 40; i += 1) r[`x${i}\u202e${'y'.repeat(500)}`] = i;
    }));
    const notes: string[] = [];
    readReportFile(hostile, 'shard', (line) => notes.push(line));
    expect(notes).toHaveLength(1);
    expect(notes[0]).not.toMatch(/[\u202e\n]/);
    expect(notes[0]).toContain('43 fields it does not know were ignored');
    expect(notes[0]).toMatch(/ and 38 more\)$/);
    expect(notes[0]!.length).toBeLessThan(1000);
  });

  it('leaves the value it was given as it was', () => {
    const value = JSON.parse(newer()) as Record<string, unknown>;
    const read = readableReport(value);
    expect('report' in read && read.ignored.length).toBe(3);
    expect(value).toHaveProperty('nextFeature');
  });
});

describe('the writer stays strict', () => {
  it('refuses a report with a field its own schema does not declare, at the top and inside a result', () => {
    const report = JSON.parse(readFileSync(fixture, 'utf8')) as ConformanceReport;
    expect(() => validateReport({ ...report, warningDigset: {} })).toThrow(/a bug in the suite\): \(root\) must NOT have additional properties \("warningDigset"\)/);
    expect(() => validateReport({ ...report, results: [{ ...report.results[0], skipRaeson: 'x' }] })).toThrow(/\/results\/0 must NOT have additional properties \("skipRaeson"\)/);
    expect(reportSchemaError({ ...report, extra: 1 })).toBe('(root) must NOT have additional properties ("extra")');
  });

  it('refuses a count of what was left out of latency that is not one: empty, a sixth status, a text, a field too many', () => {
    const report = JSON.parse(readFileSync(fixture, 'utf8')) as ConformanceReport;
    const statuses = (n: number) => Array.from({ length: n }, (_, i) => ({ status: 500 + i, count: 1 }));
    expect(reportSchemaError({ ...report, latencyLeftOut: { exchanges: 4, byStatus: statuses(4) } })).toBeUndefined();
    for (const bad of [{ exchanges: 0, byStatus: [] }, { exchanges: 5, byStatus: statuses(5) }, { exchanges: 1, byStatus: [{ status: '502', count: 1 }] }, { exchanges: 1, byStatus: [], body: 'x' }]) {
      expect(reportSchemaError({ ...report, latencyLeftOut: bad })).toMatch(/^\/latencyLeftOut/);
    }
  });

  it('has no oneOf or anyOf: an unknown field a reader leaves out is one no branch of the schema declares', () => {
    expect(readFileSync(REPORT_SCHEMA_PATH, 'utf8')).not.toMatch(/"(oneOf|anyOf)"/);
  });
});

describe('the note', () => {
  // Which version is newer: tests/text/version-order.test.ts.
  it('says whether the writer was newer, and bounds the version it quotes', () => {
    // Six: the sixth named, never "and 1 more"; seven: five and "2 more".
    expect(ignoredFieldsNote('shard a', '0.2.0', ['a', 'b', 'c', 'd', 'e', 'f'], '0.2.0')).toMatch(/\(a, b, c, d, e, f\)$/);
    expect(ignoredFieldsNote('shard a', '0.2.0', ['a', 'b', 'c', 'd', 'e', 'f', 'g'], '0.2.0')).toMatch(/\(a, b, c, d, e and 2 more\)$/);
    expect(ignoredFieldsNote('shard a', '0.2.0', ['x'], '0.2.0')).toBe('shard a: written by zavu-conformance 0.2.0 (this one is 0.2.0), yet 1 field it does not know was ignored (x)');
    // Text that is no version names no writer: not quoted, however long or whatever it holds.
    expect(ignoredFieldsNote('shard a', `9.0.0\n${'z'.repeat(500)}`, ['x'], '0.2.0')).toBe('shard a: 1 field it does not know was ignored (x)');
  });

  it("refuses a shard whose fuzzed is no path parameter name: a string of megabytes was carried into the merged conformance.json", () => {
    const shard = (fuzzed: string): string => newer((report) => (report.results[0]!['fuzzed'] = fuzzed));
    expect(usageMessage(() => readReportFile(written(shard('f'.repeat(10_000))), 'shard'))).toMatch(/cannot read it: \/results\/0\/fuzzed must NOT have more than 64 characters; read it with /);
    expect(usageMessage(() => readReportFile(written(shard('\u202e<b>x</b>')), 'shard'))).toMatch(/cannot read it: \/results\/0\/fuzzed must match pattern /);
    expect(readReportFile(written(shard('senderId')), 'shard').results[0]?.fuzzed).toBe('senderId');
  });
});
