/**
 * The one shape of a data error, and the data errors of one load, kept rather than thrown at the first: every problem in one
 * DataError, sorted by file and pointer (array indexes as numbers), its message the first one's
 * line so a caller matching it reads it as before.
 */
import { DataError, ExitCode, SpecError, UsageError } from '../../src/model/errors';
import { DataProblems, dataError } from '../../src/registry/data-problems';
import { boundedLine, ERROR_LINE_LIMIT, escapeControl, firstLineOf } from '../../src/text/plain-text';

/** The DataError `problems` throws (undefined when it throws none). */
function thrownBy(problems: DataProblems): DataError | undefined {
  try {
    problems.throwIfAny();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  return undefined;
}

test('one problem: the line dataError always said, a UsageError (exit 2) naming the file', () => {
  const error = dataError('operations/x/scenarios.json', '/scenarios/0/family', 'names family "f", which operations/families.json does not declare');
  expect(error).toBeInstanceOf(UsageError);
  expect(error).toMatchObject({ exitCode: ExitCode.usage, path: 'operations/x/scenarios.json', message: 'operations/x/scenarios.json: /scenarios/0/family names family "f", which operations/families.json does not declare' });
  expect(error.problems).toHaveLength(1);
});

test('every problem kept, sorted by file then pointer, indexes as numbers; the message is the first line and how many more', () => {
  const problems = new DataProblems();
  expect(problems.attempt(() => undefined)).toBe(true);
  expect(problems.attempt(() => { throw dataError('b.json', '/scenarios/10/id', 'ten'); })).toBe(false);
  problems.attempt(() => { throw dataError('b.json', '/scenarios/2/id', 'two'); });
  problems.attempt(() => { throw dataError('a.json', '/rules/0', 'rule'); });
  problems.attempt(() => { throw dataError('b.json', '', 'the file'); });
  const error = thrownBy(problems);
  expect(error?.problems.map((p) => p.line)).toEqual(['a.json: /rules/0 rule', 'b.json: / the file', 'b.json: /scenarios/2/id two', 'b.json: /scenarios/10/id ten']);
  expect(error?.message).toBe('a.json: /rules/0 rule (and 3 more data errors)');
  expect(error?.path).toBe('a.json');
});

test('a file that could not be read is its one line, with its code when it comes first', () => {
  const problems = new DataProblems();
  problems.attempt(() => { throw dataError('b.json', '/x', 'bad'); });
  problems.attempt(() => { throw new UsageError('a.json: not JSON at line 1', { path: 'a.json', code: 'EISDIR' }); });
  expect(thrownBy(problems)).toMatchObject({ message: 'a.json: not JSON at line 1 (and 1 more data error)', path: 'a.json', code: 'EISDIR' });
});

test('no problem, no error; any other error is not kept but thrown', () => {
  const problems = new DataProblems();
  expect(thrownBy(problems)).toBeUndefined();
  expect(() => problems.attempt(() => { throw new SpecError('spec.yaml: broken'); })).toThrow(SpecError);
  expect(() => problems.attempt(() => { throw new TypeError('a bug'); })).toThrow(TypeError);
  expect(problems.count).toBe(0);
});

test("the spec's refusal found while checking the data is said after the data's problems, which head the message", () => {
  const problems = new DataProblems();
  problems.addSpecError(new SpecError('/a/spec.json: no operation with operationId "getSenderProfil"'), '/a/spec.json');
  problems.attempt(() => { throw dataError('ops/x.json', '/scenarios/0', 'bad'); });
  const error = thrownBy(problems);
  expect(error?.problems.map((p) => p.line)).toEqual(['ops/x.json: /scenarios/0 bad', '/a/spec.json: no operation with operationId "getSenderProfil"']);
  expect(error).toMatchObject({ path: 'ops/x.json', message: 'ops/x.json: /scenarios/0 bad (and 1 more data error)' });
});

test('a long first line or one with a line break keeps the count that follows it, as the CLI and summary.md show the message', () => {
  // A role name has no length bound in the schema; a folder name may hold a line break or an escape sequence.
  const problems = new DataProblems();
  problems.attempt(() => { throw dataError('a.json', '/scenarios/0/path/senderId', `names role "${'a'.repeat(3000)}"`); });
  problems.attempt(() => { throw new UsageError('b\n\u001b[31mc/scenarios.json: no such file', { path: 'b\n\u001b[31mc/scenarios.json' }); });
  problems.attempt(() => { throw dataError('c.json', '/x', 'bad'); });
  const error = thrownBy(problems);
  // As failLine and markNotRun show it: the first line of the message, escaped, cut to the bound.
  const shown = boundedLine(escapeControl(firstLineOf(error)));
  expect(shown).toMatch(/^a\.json: \/scenarios\/0\/path\/senderId names role "a+… \(\d+ more characters\) \(and 2 more data errors\)$/);
  // Every line one line, inert, bounded as the first: a library caller reads them as the CLI prints them.
  for (const { line } of error?.problems ?? []) {
    expect(line).not.toMatch(/[\n\u001b]/);
    expect(line.length).toBeLessThan(ERROR_LINE_LIMIT);
  }
  expect(error?.problems[1]?.line).toContain('\\u001b[31mc/scenarios.json: no such file');
});
