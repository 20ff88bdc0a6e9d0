/**
 * The data errors of one load: each problem of the suite's data files one line naming the file and
 * the JSON pointer (dataError), kept rather than thrown at the first (DataProblems) and thrown as
 * one DataError, sorted by file and pointer.
 */
import { DataError, UsageError, type DataProblem, type SpecError } from '../model/errors';
import { ERROR_LINE_LIMIT, escapeControl } from '../text/plain-text';

/**
 * The longest problem line kept, short of ERROR_LINE_LIMIT by room for the DataError's "(and N more
 * data errors)": a role name has no length bound, and the first line cut at the bound lost the count.
 */
const PROBLEM_LINE_LIMIT = ERROR_LINE_LIMIT - 60;

/**
 * `text` as one line of a DataError: control characters escaped (a folder name may hold a line
 * break, which cut the message's first line before its count), cut to PROBLEM_LINE_LIMIT.
 */
function problemLine(text: string): string {
  const inert = escapeControl(text);
  return inert.length <= PROBLEM_LINE_LIMIT ? inert : `${inert.slice(0, PROBLEM_LINE_LIMIT)}… (${inert.length - PROBLEM_LINE_LIMIT} more characters)`;
}

/** The one error shape of data files: "<file>: <pointer> <what is wrong>", the file its `path` as the line names it. */
export function dataError(file: string, pointer: string, problem: string): DataError {
  return new DataError([{ file, pointer, line: problemLine(`${file}: ${pointer || '/'} ${problem}`) }]);
}

/** Several problems of one file, each "<file>: <pointer> <what is wrong>" as dataError's: a file that breaks its schema in several places. */
export function dataErrors(file: string, problems: readonly { pointer: string; problem: string; tail?: true }[]): DataError {
  // A count of problems not listed (`tail`) names no place: its pointer, the last listed one's, only sorts it after them.
  return new DataError(problems.map(({ pointer, problem, tail }) => ({ file, pointer, line: problemLine(tail === true ? `${file}: ${problem}` : `${file}: ${pointer || '/'} ${problem}`) })));
}

/** A problem kept, with the file system's code when it refused the file (its DataError carries the first's). */
interface Kept extends DataProblem {
  code?: string | undefined;
}

/** JSON pointer segments compared as numbers where both are (array indexes: /scenarios/2 before /scenarios/10). */
export function comparePointers(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const x = left[i] ?? '';
    const y = right[i] ?? '';
    if (x === y) continue;
    if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** By file, then by pointer; a file's own problems (pointer "") before its rows'. */
function compareProblems(a: DataProblem, b: DataProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return comparePointers(a.pointer, b.pointer);
}

/**
 * The data errors of one load, kept rather than thrown at the first: a user who wrote five
 * mistakes fixes them from one run. Each check still throws at its own first problem (the code a
 * clean load runs); what it threw is kept here, and its file's later checks are the caller's to skip.
 */
export class DataProblems {
  private readonly kept: Kept[] = [];
  private readonly spec: Kept[] = [];

  get count(): number {
    return this.kept.length + this.spec.length;
  }

  /**
   * Runs `check`; a UsageError it throws (a data error, or a data file missing, unreadable or not
   * JSON) is kept and false returned, so the caller skips what that file's later checks would say.
   * Anything else (a bug, a file system's refusal of a folder) propagates.
   */
  attempt(check: () => void): boolean {
    try {
      check();
      return true;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      this.add(error);
      return false;
    }
  }

  /** `error`'s problems; a file that could not be read or parsed, its one line as readJsonFile said it. */
  add(error: UsageError): void {
    if (error instanceof DataError) this.kept.push(...error.problems);
    else this.kept.push({ file: error.path ?? '', pointer: '', line: problemLine(error.message), code: error.code });
  }

  /**
   * The spec's refusal to give the rows' operations (an operationId a step names that it lacks),
   * said after the data's problems, which come first in the message: `file`, the spec.
   */
  addSpecError(error: SpecError, file: string): void {
    this.spec.push({ file, pointer: '', line: problemLine(error.message), code: error.code });
  }

  /** @throws DataError with every problem kept, sorted, when there is one. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const sorted = [...[...this.kept].sort(compareProblems), ...this.spec];
    const [first] = sorted;
    throw new DataError(
      sorted.map(({ file, pointer, line }) => ({ file, pointer, line })),
      first === undefined ? undefined : { path: first.file, code: first.code },
    );
  }
}
