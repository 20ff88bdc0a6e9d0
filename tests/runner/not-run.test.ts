/** NOT RUN: what a reports folder says when a run stopped before its verdict, and what a merge reads back from a shard's. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuilt, runInChild } from '../support/in-child';
import { markNotRun, notRunReason, retractOurReports } from '../../src/runner/not-run';
import { SUMMARY_HEADING } from '../../src/report/report-files';
import { scratchDir } from '../support/scratch-dir';

/** The heads of an earlier run's reports, as the suite writes them. */
const EARLIER: Record<string, string> = {
  'conformance.json': '{\n  "runInfo": {\n    "target": "x"\n  }\n}\n',
  'conformance.html': '<!doctype html>\n<html lang="en">\n<head>\n<title>Zavu conformance: conformant</title>\n',
  'summary.md': `${SUMMARY_HEADING}: CONFORMANT\n`,
  'junit.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zavu-conformance" tests="1">\n</testsuites>\n',
  'certificate.json': '{\n  "target": "x",\n  "suiteVersion": "0.1.0"\n}\n',
};

function writeEarlierReports(dir: string, files: readonly string[]): void {
  for (const file of files) writeFileSync(join(dir, file), EARLIER[file] ?? '');
}

test('every report file goes, even with a folder in the place of one; summary.md says NOT RUN and why', () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['conformance.json', 'conformance.html', 'summary.md', 'certificate.json']);
  mkdirSync(join(dir, 'junit.xml'));
  markNotRun(dir, 'target down', 3);
  expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'summary.md']);
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(`${SUMMARY_HEADING}: NOT RUN\n\n\`target down\`\n\nExit code 3: no case was judged, so there is no verdict.\n`);
  expect(notRunReason(dir)).toBe('target down');
});

test('a huge reason is cut short in summary.md (GitHub caps a job summary at 1 MiB)', () => {
  const dir = scratchDir();
  markNotRun(dir, `--seed ${'1'.repeat(900_000)} is not a number`, 2);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(summary.length).toBeLessThan(1300);
  expect(summary).toMatch(/… \(\d+ more characters\)`/);
});

test("retracts only this suite's reports; no NOT RUN reason in another tool's summary", () => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'summary.md'), '# Lint summary\n');
  expect(retractOurReports(dir, 'typo', 2)).toBe(false);
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('# Lint summary\n');
  expect(notRunReason(dir)).toBeUndefined();
  expect(notRunReason(join(dir, 'nowhere'))).toBeUndefined();
});

test('a report file the run was given to read (last night\'s conformance.json as --baseline) is kept, and the summary says so', () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['conformance.json', 'junit.xml', 'summary.md']);
  markNotRun(dir, 'target down', 3, [join(dir, '.', 'conformance.json')]);
  expect(readdirSync(dir).sort()).toEqual(['conformance.json', 'summary.md']);
  expect(readFileSync(join(dir, 'conformance.json'), 'utf8')).toBe(EARLIER['conformance.json']);
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain("`conformance.json` kept: an earlier run's, which this run was given to read (--baseline).");
  expect(notRunReason(dir)).toBe('target down');
});

test("another tool's files of the same names are left as found, and the summary names them", () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['conformance.json', 'summary.md', 'certificate.json']);
  writeFileSync(join(dir, 'junit.xml'), '<testsuites name="jest tests"/>');
  writeFileSync(join(dir, 'conformance.html'), '');
  markNotRun(dir, 'target down', 3);
  expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'summary.md']);
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toBe('<testsuites name="jest tests"/>');
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('`junit.xml` left as found: not a report of this suite.');
});

test("another tool's summary.md is not written over: NOT RUN is then the error line's alone", () => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'summary.md'), '# Lint summary\n');
  writeEarlierReports(dir, ['conformance.json']);
  expect(markNotRun(dir, 'target down', 3)).toBeUndefined();
  expect(readdirSync(dir)).toEqual(['summary.md']);
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('# Lint summary\n');
});

test('a FIFO in a report\'s place is not opened to tell whose it is: NOT RUN removes it at once, as before, instead of waiting for a writer', () => {
  const dir = scratchDir();
  execFileSync('mkfifo', [join(dir, 'junit.xml')]);
  // In a process of its own: an open that blocks would hang Jest's worker, where no test timeout reaches.
  const child = runInChild(`${requireBuilt('runner/not-run.js')}.markNotRun(${JSON.stringify(dir)}, 'target down', 3); process.stdout.write('done')`);
  expect(child.stdout).toBe('done');
  expect(readdirSync(dir)).toEqual(['summary.md']);
});
