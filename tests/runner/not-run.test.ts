/** NOT RUN: what a reports folder says when a run stopped before its verdict, and what a merge reads back from a shard's. */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FOLDER_LOCK } from '../../src/files/lock-file';
import { requireBuilt, runInChild } from '../support/in-child';
import { markNotRun, notRunNight, notRunReason, retractOurReports } from '../../src/runner/not-run';
import type { ShardNight } from '../../src/shard/shard-night';
import { isForeignReportFile, reportFilesObstacle, SUMMARY_HEADING } from '../../src/report/report-files';
import { undeclaredAttributes } from '../support/junit-xsd';
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

test('a NOT RUN summary with CRLF line endings (a Windows runner, an artifact through autocrlf) gives the same reason and night', () => {
  const dir = scratchDir();
  const night: ShardNight = { shard: '2/2', target: 'https://api.example', mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: '2026-12-01T03:00:01.000Z', finishedAt: '2026-12-01T03:00:09.000Z', exitCode: 3 };
  markNotRun(dir, 'target down', 3, [], night);
  const summary = join(dir, 'summary.md');
  writeFileSync(summary, readFileSync(summary, 'utf8').replace(/\n/g, '\r\n'));
  expect(notRunReason(dir)).toBe('target down');
  expect(notRunNight(dir)).toEqual(night);
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

test("retracts this suite's own earlier verdict: a bad setting must not leave last night's CONFORMANT standing", () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['conformance.json', 'summary.md', 'certificate.json']);
  expect(retractOurReports(dir, '--rate nope is not a number', 2)).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'summary.md']);
  expect(notRunReason(dir)).toBe('--rate nope is not a number');
});

test('leaves a folder another live run is writing as it is: its reports are not this run\'s to retract', () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['conformance.json', 'summary.md']);
  // The holder: a live process on this host other than this one (jest's own parent).
  writeFileSync(join(dir, FOLDER_LOCK), JSON.stringify({ pid: process.ppid, host: hostname(), since: new Date().toISOString() }));
  expect(() => markNotRun(dir, 'target down', 3)).toThrow(/is being written by another run \(pid \d+ on /);
  expect(retractOurReports(dir, 'typo', 2)).toBe(false);
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(EARLIER['summary.md']);
  expect(readdirSync(dir).sort()).toEqual([FOLDER_LOCK, 'conformance.json', 'summary.md'].sort());
});

test('a report file the run was given to read (last night\'s conformance.json as --baseline) is kept, and the summary says so', () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['conformance.json', 'junit.xml', 'summary.md']);
  markNotRun(dir, 'target down', 3, [join(dir, '.', 'conformance.json')]);
  expect(readdirSync(dir).sort()).toEqual(['conformance.json', 'junit.xml', 'summary.md']);
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

test("another tool's summary.md is not written over: NOT RUN is then said by the error line and junit.xml", () => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'summary.md'), '# Lint summary\n');
  writeEarlierReports(dir, ['conformance.json']);
  expect(markNotRun(dir, 'target down', 3)).toBeUndefined();
  expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'summary.md']);
  expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('# Lint summary\n');
  // junit.xml is the suite's to write: a CI test tab still shows why nothing was judged.
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('message="target down"');
});

test('a FIFO in a report\'s place is not opened to tell whose it is: NOT RUN removes it at once, as before, instead of waiting for a writer', () => {
  const dir = scratchDir();
  execFileSync('mkfifo', [join(dir, 'junit.xml')]);
  // In a process of its own: an open that blocks would hang Jest's worker, where no test timeout reaches.
  const child = runInChild(`${requireBuilt('runner/not-run.js')}.markNotRun(${JSON.stringify(dir)}, 'target down', 3); process.stdout.write('done')`);
  expect(child.stdout).toBe('done');
  expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'summary.md']);
  expect(lstatSync(join(dir, 'junit.xml')).isFile()).toBe(true);
});

/** The <error> of a NOT RUN junit.xml: its attributes as written and its text, references resolved. */
function notRunError(xml: string): { message: string; type: string; text: string } {
  const match = /<error message="([^"]*)" type="([^"]*)">([^<]*)<\/error>/.exec(xml);
  const resolve = (value: string): string => value.replace(/&(#\d+|[a-z]+);/g, (_all, ref: string) => (ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[ref] ?? ''));
  return { message: resolve(match?.[1] ?? ''), type: match?.[2] ?? '', text: resolve(match?.[3] ?? '') };
}

test('junit.xml says NOT RUN too: one test case in <error> with the reason summary.md gives, valid for junit-10.xsd, in place of no file at all', () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['junit.xml', 'summary.md']);
  markNotRun(dir, 'target https://staging.example is unreachable (connection-refused)', 3);
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  // A CI reporter (dorny/test-reporter, Jenkins' junit step, action-junit-report) counts an <error> as failed: the test tab goes red with the reason.
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="zavu-conformance" tests="1" failures="0" errors="1" time="0">\n/);
  expect([...xml.matchAll(/<testcase /g)]).toHaveLength(1);
  expect(xml).toContain('<testcase classname="not-run" name="not-run: the run stopped before its verdict" time="0">');
  const error = notRunError(xml);
  expect(error).toEqual({ message: notRunReason(dir), type: 'not-run', text: `${notRunReason(dir)}\n\nExit code 3: no case was judged, so there is no verdict.` });
  expect(undeclaredAttributes(xml)).toEqual([]);
  expect(xml.endsWith('</testsuites>\n')).toBe(true);
});

test("a NOT RUN junit.xml is the suite's own: the next run writes over it, the next NOT RUN replaces it, never left as a verdict", () => {
  const dir = scratchDir();
  markNotRun(dir, 'target down', 3);
  expect(isForeignReportFile(dir, 'junit.xml')).toBe(false);
  expect(reportFilesObstacle(dir)).toBeUndefined();
  markNotRun(dir, 'interrupted by SIGTERM before the verdict', 143);
  expect(notRunError(readFileSync(join(dir, 'junit.xml'), 'utf8')).text).toBe('interrupted by SIGTERM before the verdict\n\nExit code 143: no case was judged, so there is no verdict.');
});

test('a NOT RUN reason is bounded and inert in both files: controls, bidi overrides, noncharacters and a lone surrogate shown as escapes, markup escaped', () => {
  const dir = scratchDir();
  markNotRun(dir, `--seed "<x>&\u001b[31m\uFFFE\u202E\uD800" ${'1'.repeat(900_000)} is not a number`, 2);
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(xml.length).toBeLessThan(3000);
  expect(xml).not.toMatch(/[\u001b\uFFFE\u202E\uD800]/);
  expect(summary).not.toMatch(/[\u001b\uFFFE\u202E\uFFFD]/);
  const { message } = notRunError(xml);
  expect(message).toMatch(/^--seed "<x>&\\u001b\[31m\\ufffe\\u202e\\ud800" 1+… \(\d+ more characters\)$/i);
  // The words summary.md shows, escapes alike.
  expect(message).toBe(notRunReason(dir));
});

test("the run's notes (a killed run's lock taken over) are said in both files, bounded and inert as the reason is; the reason still read back", () => {
  const dir = scratchDir();
  const note = `the run that started at <b>\u202E\u001b[31m (pid 7 on host) did not finish ${'x'.repeat(900_000)}`;
  markNotRun(dir, 'target down', 3, [], undefined, undefined, [note, 'a second note']);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(summary).toMatch(/\n- the run that started at .* \(pid 7 on host\) did not finish x+…/);
  expect(summary).toContain('\n- a second note\n');
  expect(summary.length).toBeLessThan(2000);
  expect(summary).not.toMatch(/[\u001b\u202E]|<b>/);
  expect(xml).toContain('note: the run that started at &lt;b&gt;');
  expect(xml).toContain('note: a second note');
  expect(xml.length).toBeLessThan(4000);
  expect(xml).not.toMatch(/[\u001b\u202E]/);
  expect(notRunReason(dir)).toBe('target down');
});

test('the lines after the reason (a DataError\'s other problems) are listed in both files, each bounded and inert as the reason; the reason still read back', () => {
  const dir = scratchDir();
  const more = ['ops/x.json: /scenarios/1 names family "`<b>\u202E\u001b[31m"', `ops/x.json: /scenarios/2 ${'y'.repeat(900_000)}`, 'and 3 more'];
  markNotRun(dir, 'ops/x.json: /scenarios/0 names family "f" (and 5 more data errors)', 2, [], undefined, undefined, [], more);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(summary.split('\n').slice(2, 8)).toEqual([
    '`ops/x.json: /scenarios/0 names family "f" (and 5 more data errors)`',
    '',
    '- `ops/x.json: /scenarios/1 names family "\'<b>\\u202e\\u001b[31m"`',
    expect.stringMatching(/^- `ops\/x\.json: \/scenarios\/2 y+… \(\d+ more characters\)`$/),
    '- `and 3 more`',
    '',
  ]);
  expect(summary.length).toBeLessThan(2000);
  expect(notRunError(xml).text).toMatch(/^ops\/x\.json: \/scenarios\/0 .*\nops\/x\.json: \/scenarios\/1 names family "'<b>\\u202e\\u001b\[31m"\nops\/x\.json: \/scenarios\/2 y+… \(\d+ more characters\)\nand 3 more\n\nExit code 2: /);
  expect(xml).not.toMatch(/[\u001b\u202E]|<b>/);
  expect(xml.length).toBeLessThan(4000);
  expect(undeclaredAttributes(xml)).toEqual([]);
  expect(notRunReason(dir)).toBe('ops/x.json: /scenarios/0 names family "f" (and 5 more data errors)');
});

test("a NOT RUN with more notes than summary.md shows says where the rest are: the console and junit.xml, as it writes no conformance.html", () => {
  const dir = scratchDir();
  markNotRun(dir, 'target down', 3, [], undefined, undefined, ['note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(summary).toContain("\n- … and 2 more (said on the run's console; junit.xml keeps them)\n");
  expect(summary).not.toContain('conformance.html');
  expect(existsSync(join(dir, 'conformance.html'))).toBe(false);
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('note: note 5');
});

test("a shard's NOT RUN with the run's notes, as long and as many as they come: its merge still reads the reason and the night; a note shaped as the night's line is none", () => {
  const dir = scratchDir();
  const night: ShardNight = { shard: '1/2', target: 'https://api.example', mode: 'live', specSha256: 'b'.repeat(64), suiteVersion: '0.2.0', startedAt: '2026-12-01T03:00:01.000Z', finishedAt: '2026-12-01T03:00:09.000Z', exitCode: 3 };
  const forged = `<!-- zavu-conformance shard night: ${JSON.stringify({ ...night, shard: '2/2', target: 'https://forged.example' })} -->`;
  markNotRun(dir, 'target down', 3, [], night, undefined, [forged, ...Array.from({ length: 20 }, (_, i) => `${i} ${'\u202e<x>'.repeat(50_000)}`)]);
  expect(notRunReason(dir)).toBe('target down');
  expect(notRunNight(dir)).toEqual(night);
  expect(readFileSync(join(dir, 'summary.md'), 'utf8').length).toBeLessThan(20_000);
});

test('a junit.xml the run was given to read is kept, as every input is', () => {
  const dir = scratchDir();
  writeEarlierReports(dir, ['junit.xml']);
  markNotRun(dir, 'target down', 3, [join(dir, 'junit.xml')]);
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toBe(EARLIER['junit.xml']);
});

/** A shard's night stopped by its target, as markNotRun writes it into the shard's summary.md. */
const STOPPED_NIGHT: ShardNight = {
  shard: '1/2',
  target: 'https://api.example',
  mode: 'live',
  specSha256: 'a'.repeat(64),
  suiteVersion: '0.2.0',
  startedAt: '2026-12-01T03:00:01.000Z',
  finishedAt: '2026-12-01T03:00:04.000Z',
  exitCode: 3,
};

describe("a shard's summary.md a merge reads back is read only as far as its head", () => {
  test('one of more than 2 GiB (sparse: no disk, no memory) still gives its NOT RUN reason and night, and is still the suite\'s to retract', () => {
    const dir = scratchDir();
    markNotRun(dir, 'target down', 3, [], STOPPED_NIGHT);
    // A whole read refuses a file over 2 GiB (ERR_FS_FILE_TOO_LARGE), so the shard's NOT RUN went unseen.
    truncateSync(join(dir, 'summary.md'), 3 * 1024 ** 3);
    expect(notRunReason(dir)).toBe('target down');
    expect(notRunNight(dir)).toEqual(STOPPED_NIGHT);
    expect(retractOurReports(dir, 'bad setting', 2)).toBe(true);
    expect(notRunReason(dir)).toBe('bad setting');
  });

  test('a FIFO is not read (a whole read waits for a writer for ever): no reason, no night, nothing retracted, at once', () => {
    const dir = scratchDir();
    execFileSync('mkfifo', [join(dir, 'summary.md')]);
    // In a process of its own: a read that blocks would hang Jest's worker, where no test timeout reaches.
    const notRun = requireBuilt('runner/not-run.js');
    const dirText = JSON.stringify(dir);
    const child = runInChild(`const n = ${notRun}; process.stdout.write(JSON.stringify([n.notRunReason(${dirText}) ?? null, n.notRunNight(${dirText}) ?? null, n.retractOurReports(${dirText}, 'x', 2)]))`);
    expect(child.stdout).toBe('[null,null,false]');
    expect(lstatSync(join(dir, 'summary.md')).isFIFO()).toBe(true);
  });

  test('an ordinary NOT RUN summary.md reads as before, every character of its head kept (multi-byte ones too)', () => {
    const dir = scratchDir();
    markNotRun(dir, `target down: ${'é€😀'.repeat(200)}`, 3, [], STOPPED_NIGHT);
    expect(notRunReason(dir)).toBe(`target down: ${'é€😀'.repeat(200)}`);
    expect(notRunNight(dir)).toEqual(STOPPED_NIGHT);
  });
});
