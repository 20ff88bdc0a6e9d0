/**
 * A run killed outright (SIGKILL, the OOM killer) leaves its lock and the reports of a run before
 * it, which look like its own. The next run into the folder takes the lock over and says so once:
 * the words come from the lock file, which anyone may have written, so they are cut and escaped.
 */
import { unfinishedRunNote } from '../../src/runner/unfinished-run-note';

test('names when the run started, its pid and host, and that the reports found were an earlier run\'s', () => {
  const note = unfinishedRunNote(JSON.stringify({ pid: 4242, host: 'ci-runner-7', since: '2026-12-05T23:00:00.000Z' }));
  expect(note).toBe('the run that started at 2026-12-05T23:00:00.000Z (pid 4242 on ci-runner-7) in this folder did not finish (its lock was left behind, taken over by this run): the reports this run found here were from an earlier run, not that one');
});

test("a lock's text is anyone's: control characters escaped, long values cut, no line break in the note", () => {
  const note = unfinishedRunNote(JSON.stringify({ pid: 1, host: `evil\n::error::x${'h'.repeat(5000)}`, since: `\u001b[31m${'9'.repeat(5000)}` }));
  expect(note).not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(note.length).toBeLessThan(600);
  expect(note).toContain('evil\\n::error::x');
});

test('a lock that names no holder (not ours, or garbled) still says a run did not finish', () => {
  expect(unfinishedRunNote('not json')).toBe('a run in this folder did not finish (its lock was left behind, naming no holder, taken over by this run): the reports this run found here were from an earlier run, not that one');
});
