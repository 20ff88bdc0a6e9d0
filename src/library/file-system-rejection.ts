/**
 * A run's failure to write one of its files (a full disk, a folder made read-only) as the library
 * rejects with it: a FileSystemError, a ConformanceError with exit code 2 as the CLI exits, where
 * Node's own error had no exitCode and no exported class to tell it by. Node's message and code are
 * kept as they were; the runner has read the raw error already (its NOT RUN line names the file).
 */
import { ConformanceError, FileSystemError } from '../model/errors';
import { fileSystemProblem } from '../files/make-dirs';

/**
 * `error` as a FileSystemError when it is Node's refusal of the file system; anything else as it is,
 * a class of the suite's above all (fileSystemProblem reads none: an UnreachableError of a firewall's
 * "connect EPERM" stays exit 3).
 */
export function asFileSystemError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof ConformanceError || fileSystemProblem(error) === undefined) return error;
  // A refused rename's path is the temp file; the file refused is its dest, as the NOT RUN line names it.
  const { code, path, dest } = error as Error & { code: string; path?: unknown; dest?: unknown };
  const file = typeof dest === 'string' ? dest : typeof path === 'string' ? path : undefined;
  const wrapped = new FileSystemError(error.message, code, file);
  // Where the write failed, under the new head: the frames are the refused call's, not this wrap's.
  const frames = error.stack?.split('\n').slice(1).join('\n');
  if (frames !== undefined && frames !== '') wrapped.stack = `${wrapped.name}: ${wrapped.message}\n${frames}`;
  return wrapped;
}
