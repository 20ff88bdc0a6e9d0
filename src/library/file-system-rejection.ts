/**
 * A run's failure to write one of its files (a full disk, a folder made read-only) as the library
 * rejects with it: a FileSystemError, a ConformanceError with exit code 2 as the CLI exits, where
 * Node's own error had no exitCode and no exported class to tell it by. Node's message and code are
 * kept as they were; the runner has read the raw error already (its NOT RUN line names the file).
 */
import { FileSystemError } from '../model/errors';
import { fileSystemProblem } from '../files/make-dirs';

/** `error` as a FileSystemError when it is a refusal of the file system; anything else as it is. */
export function asFileSystemError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof FileSystemError || fileSystemProblem(error) === undefined) return error;
  const { code, path } = error as Error & { code: string; path?: unknown };
  const wrapped = new FileSystemError(error.message, code, typeof path === 'string' ? path : undefined);
  // Where the write failed, under the new head: the frames are the refused call's, not this wrap's.
  const frames = error.stack?.split('\n').slice(1).join('\n');
  if (frames !== undefined && frames !== '') wrapped.stack = `${wrapped.name}: ${wrapped.message}\n${frames}`;
  return wrapped;
}
