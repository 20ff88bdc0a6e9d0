/** NOT RUN: what a reports folder says when a run stopped before its verdict, and what a merge reads back from a shard's. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markNotRun, notRunReason, retractOurReports } from '../../src/runner/not-run';
import { SUMMARY_HEADING } from '../../src/report/report-files';
import { scratchDir } from '../support/scratch-dir';

test('every report file goes, even with a folder in the place of one; summary.md says NOT RUN and why', () => {
  const dir = scratchDir();
  for (const file of ['conformance.json', 'conformance.html', 'summary.md', 'certificate.json']) writeFileSync(join(dir, file), 'old');
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
  for (const file of ['conformance.json', 'junit.xml', 'summary.md']) writeFileSync(join(dir, file), 'old');
  markNotRun(dir, 'target down', 3, [join(dir, '.', 'conformance.json')]);
  expect(readdirSync(dir).sort()).toEqual(['conformance.json', 'summary.md']);
  expect(readFileSync(join(dir, 'conformance.json'), 'utf8')).toBe('old');
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain("`conformance.json` kept: an earlier run's, which this run was given to read (--baseline).");
  expect(notRunReason(dir)).toBe('target down');
});
