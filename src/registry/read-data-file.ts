/**
 * Reads one of the suite's own data files (scenarios, fixtures, families, rules) and checks it
 * against its JSON Schema with ajv before anything uses it. Every problem is one line naming the
 * file and the JSON pointer, so a typo in a row is exit 2 at load, not a failed run; a load keeps
 * them all (DataProblems, here and not a module of its own: a clean run's start-up loads no more
 * than it did) and says them at once, not one a run.
 */
import { resolve } from 'node:path';
import { cachedValidator } from '../cache/cached-validator';
import { readJsonFile } from '../files/read-json-file';
import { DataError, UsageError, type DataProblem, type SpecError } from '../model/errors';
import { packageRoot } from '../package-root';

/** A file the suite reads data from, named as the user should see it (relative when it can be). */
export interface DataFile<T> {
  file: string;
  data: T;
}

/** The one error shape of data files: "<file>: <pointer> <what is wrong>", the file its `path` as the line names it. */
export function dataError(file: string, pointer: string, problem: string): DataError {
  return new DataError([{ file, pointer, line: `${file}: ${pointer || '/'} ${problem}` }]);
}

/**
 * @param schema  file name under schemas/, e.g. "scenarios.schema.json"
 * @throws UsageError when the file is missing, not JSON, or breaks its schema
 */
export function readDataFile<T>(file: string, schema: string): DataFile<T> {
  const data = readJsonFile(file, '', `a ${schema.replace(/\.schema\.json$/, '')} file`);
  const validate = cachedValidator(schema.replace(/\.schema\.json$/, '-schema'), resolve(packageRoot, 'schemas', schema));
  if (!validate(data)) {
    // oneOf/anyOf report every branch; the deepest error is the one a person can act on.
    const errors = [...(validate.errors ?? [])].sort((a, b) => b.instancePath.length - a.instancePath.length);
    const first = errors[0];
    const allowed = Array.isArray(first?.params['allowedValues']) ? ` (allowed: ${(first.params['allowedValues'] as unknown[]).join(', ')})` : '';
    const extra = typeof first?.params['additionalProperty'] === 'string' ? ` (${JSON.stringify(first.params['additionalProperty'])})` : '';
    // An anyOf of required properties (an assertion needs equals, oneOf, present or type) fails once per branch: name them all.
    const missing = errors.filter((e) => e.instancePath === first?.instancePath && e.keyword === 'required').map((e) => String(e.params['missingProperty']));
    const message = first?.keyword === 'required' && missing.length > 1 ? `must have one of the properties ${missing.join(', ')}` : first?.message;
    throw dataError(file, first?.instancePath ?? '', `${message ?? 'is invalid'}${allowed}${extra}`);
  }
  return { file, data: data as T };
}

/** A problem kept, with the file system's code when it refused the file (its DataError carries the first's). */
interface Kept extends DataProblem {
  code?: string | undefined;
}

/** JSON pointer segments compared as numbers where both are (array indexes: /scenarios/2 before /scenarios/10). */
function comparePointers(a: string, b: string): number {
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
    else this.kept.push({ file: error.path ?? '', pointer: '', line: error.message, code: error.code });
  }

  /**
   * The spec's refusal to give the rows' operations (an operationId a step names that it lacks),
   * said after the data's problems, which come first in the message: `file`, the spec.
   */
  addSpecError(error: SpecError, file: string): void {
    this.spec.push({ file, pointer: '', line: error.message, code: error.code });
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
