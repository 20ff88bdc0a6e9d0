/**
 * Reading a file a user pointed the suite at (a spec, a recording, a baseline, a history store,
 * .env, a lock): only a regular file, and only up to a bound. A FIFO would block the read (and,
 * blocked in a file-system thread, the process's signals would not end it), /dev/zero would fill
 * the memory until the process aborted, and a /proc file reports size 0 however much it holds.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/**
 * Why an input file could not be read, in a few words ("no such file", "is a FIFO, not a regular
 * file"). `code`: the file system's (ENOENT, EACCES…) when it refused; absent when the file was
 * there and was not one to read (a FIFO, a folder, too large).
 */
export class InputFileError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/** The error for a refusal of the file system: its reason in words, and its code. */
function refused(error: unknown, what: string): InputFileError {
  return new InputFileError(fsReason(error, what), (error as NodeJS.ErrnoException).code);
}

/** The default bound: far above any spec, recording or report this suite writes, far below what hurts. */
export const INPUT_FILE_LIMIT = 256 * 1024 * 1024;

/** The reason an fs error happened, without Node's "ENOENT: …, open '<path>'" noise. */
export function fsReason(error: unknown, what = 'a file'): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return `is a folder, not ${what}`;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? String(error)})`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

const mib = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KiB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
};

/**
 * The bytes of `file`, a regular file of at most `maxBytes`. Throws InputFileError with the
 * reason; the caller names the file and its role, and picks the exit code.
 */
export function readInputFile(file: string, maxBytes: number = INPUT_FILE_LIMIT, what = 'a file'): Buffer {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw refused(error, what);
  }
  if (stats.isDirectory()) throw new InputFileError(`is a folder, not ${what}`);
  if (!stats.isFile()) throw new InputFileError(`is ${kindOf(stats)}, not a regular file`);
  const over = (): InputFileError => new InputFileError(`is over the ${mib(maxBytes)} such a file may be`);
  if (stats.size > maxBytes) throw over();
  let fd: number;
  try {
    // Non-blocking: should the path have become a FIFO since the stat, the open does not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw refused(error, what);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputFileError('is not a regular file');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      // The size a stat reports is not a bound: a /proc file says 0.
      if (total > maxBytes) throw over();
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    throw error instanceof InputFileError ? error : refused(error, what);
  } finally {
    closeSync(fd);
  }
}
