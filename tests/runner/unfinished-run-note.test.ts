/**
 * A run killed outright (SIGKILL, the OOM killer) leaves its lock and the reports of a run before
 * it, which look like its own. The next run into the folder takes the lock over and says so once:
 * the words come from the lock file, which anyone may have written, so they are cut and escaped.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foundReportStart, lockHolderId, unfinishedRecordingNote, unfinishedRunNote } from '../../src/runner/unfinished-run-note';
import { scratchDir } from '../support/scratch-dir';

const LOCK = JSON.stringify({ pid: 4242, host: 'ci-runner-7', since: '2026-12-05T23:00:00.000Z' });
const HEAD = 'the run that started at 2026-12-05T23:00:00.000Z (pid 4242 on ci-runner-7) in this folder did not finish (its lock was left behind, taken over by this run)';

test("names when the run started, its pid and host, and that the reports found were an earlier run's (their run started before the lock was taken)", () => {
  expect(unfinishedRunNote(LOCK, '2026-12-05T22:10:00.000Z')).toBe(`${HEAD}: the reports this run found here were from an earlier run, not that one`);
});

test("a conformance.json whose run started once the lock was taken is that run's own: it was stopped while or after writing its reports, not before", () => {
  const note = unfinishedRunNote(LOCK, '2026-12-05T23:00:00.050Z');
  expect(note).toBe(`${HEAD}: the conformance.json this run found here was that run's own (its run started at 2026-12-05T23:00:00.050Z): it stopped while or after writing its reports`);
  expect(note).not.toContain('earlier run');
});

test('no report to compare (none, or no start in it): the reports found may be an earlier run\'s, not said to be', () => {
  expect(unfinishedRunNote(LOCK)).toBe(`${HEAD}: any reports this run found here may be from an earlier run, not that one`);
  expect(unfinishedRunNote(JSON.stringify({ pid: 1, host: 'h', since: 'not a time' }), '2026-12-05T22:10:00.000Z')).toContain('may be from an earlier run');
});

test("a lock's text is anyone's: control characters escaped, long values cut, no line break in the note", () => {
  const note = unfinishedRunNote(JSON.stringify({ pid: 1, host: `evil\n::error::x${'h'.repeat(5000)}`, since: `\u001b[31m${'9'.repeat(5000)}` }));
  expect(note).not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(note.length).toBeLessThan(600);
  expect(note).toContain('evil\\n::error::x');
});

test('a lock that names no holder (not ours, or garbled) still says a run did not finish', () => {
  expect(unfinishedRunNote('not json')).toBe('a run in this folder did not finish (its lock was left behind, naming no holder, taken over by this run): any reports this run found here may be from an earlier run, not that one');
});

describe("a record run's recordings folder's lock", () => {
  test('says whose it was and what the recordings there are', () => {
    expect(unfinishedRecordingNote(LOCK, '--recordings /srv/rec')).toBe("the record run that started at 2026-12-05T23:00:00.000Z (pid 4242 on ci-runner-7) into --recordings /srv/rec did not finish (its lock was left behind, taken over by this run): the recordings there are an earlier run's, or some of them that run's if it stopped while writing them");
    expect(unfinishedRecordingNote('not json', '--recordings rec')).toMatch(/^a record run into --recordings rec did not finish \(its lock was left behind, naming no holder/);
  });

  test("the lock's words and a folder's name with a line break are cut and escaped: one line", () => {
    const note = unfinishedRecordingNote(JSON.stringify({ pid: 1, host: `evil\n::error::x${'h'.repeat(5000)}`, since: `\u001b[31m${'9'.repeat(5000)}` }), '--recordings /srv/a\nb\u202e');
    expect(note).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(note.length).toBeLessThan(700);
  });

  test("one dead run's two locks (its reports' and its recordings') name the same holder; another run's do not", () => {
    expect(lockHolderId(LOCK)).toBe(lockHolderId(JSON.stringify({ pid: 4242, host: 'ci-runner-7', since: '2026-12-05T23:00:00.004Z' })));
    expect(lockHolderId(LOCK)).not.toBe(lockHolderId(JSON.stringify({ pid: 4243, host: 'ci-runner-7', since: '2026-12-05T23:00:00.000Z' })));
  });
});

describe("the found conformance.json's start, read from its head", () => {
  const folder = (json?: string): string => {
    const dir = scratchDir('zvc-unfinished-');
    if (json !== undefined) writeFileSync(join(dir, 'conformance.json'), json);
    return dir;
  };

  test("runInfo's startedAt, not a string of the target's that holds the same words", () => {
    const report = { runInfo: { target: 'http://x/\n    "startedAt": "2000-01-01T00:00:00.000Z"', mode: 'live', startedAt: '2026-12-05T22:10:00.000Z' }, summary: {}, baseline: { startedAt: '1999-01-01T00:00:00.000Z' } };
    expect(foundReportStart(folder(JSON.stringify(report, null, 2)))).toBe('2026-12-05T22:10:00.000Z');
  });

  test('none when there is no report, or one without a start (a NOT RUN folder, another tool\'s file)', () => {
    expect(foundReportStart(folder())).toBeUndefined();
    expect(foundReportStart(folder('{"not": "ours"}'))).toBeUndefined();
  });
});
