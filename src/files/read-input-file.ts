/**
 * Reading a file a user pointed the suite at (a spec, a recording, a baseline, a history store,
 * .env, a lock): only a regular file, and only up to a bound. A FIFO would block the read (and,
 * blocked in a file-system thread, the process's signals would not end it), /dev/zero would fill
 * the memory until the process aborted, and a /proc file reports size 0 however much it holds.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import type { UnreadFile } from '../model/errors';

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

/**
 * `file` as the error that stops a run names it (its `path`, and `code`): the file system's code
 * when `error` is its refusal, none when the file was there and was not one to read, or not UTF-8.
 */
export function unreadFile(file: string, error: unknown): UnreadFile {
  return { path: file, code: error instanceof InputFileError ? error.code : undefined };
}

/** The error for a refusal of the file system: its reason in words, and its code. */
function refused(error: unknown, what: string, file: string): InputFileError {
  const code = (error as NodeJS.ErrnoException).code;
  // "no such file" for a path that is there, as a link to nothing, would send the user looking for the wrong thing.
  if (code === 'ENOENT') {
    try {
      if (lstatSync(file).isSymbolicLink()) return new InputFileError(`is a symbolic link to ${readlinkSync(file)}, which does not exist`, code);
    } catch {
      // Gone meanwhile, or on the way to it: "no such file" it is.
    }
  }
  return new InputFileError(fsReason(error, what), code);
}

/** Whether the bytes are all JSON whitespace (RFC 8259 §2: space, tab, line feed, carriage return); a plain loop, as 200 MiB of them are walked. */
function allBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  return true;
}

/** Options of {@link readInputFile}. */
export interface ReadInputOptions {
  /**
   * A JSON file: one that holds only whitespace is refused (`holds no JSON …`) without keeping it
   * in memory, chunk by chunk, so 200 MB of spaces under the bound costs 1 MiB, not the file
   * three times over (bytes, text, parse). A file with anything else is read whole, as before.
   */
  json?: boolean;
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
export function readInputFile(file: string, maxBytes: number = INPUT_FILE_LIMIT, what = 'a file', options: ReadInputOptions = {}): Buffer {
  const over = (): InputFileError => new InputFileError(`is over the ${mib(maxBytes)} such a file may be`);
  return readRegularFile(file, what, (stats) => {
    if (stats.size > maxBytes) throw over();
  }, (fd) => {
    const chunks: Buffer[] = [];
    let total = 0;
    // With `json`: the bytes read so far are all whitespace, and were not kept.
    let blank = options.json === true;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      // The size a stat reports is not a bound: a /proc file says 0.
      if (total > maxBytes) throw over();
      const got = chunk.subarray(0, read);
      if (blank && allBlank(got)) continue;
      if (blank) {
        // The first byte of content: the whitespace before it is read again, so the text (and a JSON error's line and column) is the file's.
        blank = false;
        const before = total - read;
        if (before > 0) chunks.push(readPrefix(fd, before));
      }
      chunks.push(got);
    }
    if (blank && total > 0) throw new InputFileError(`holds no JSON: only whitespace (${mib(total)})`);
    return Buffer.concat(chunks);
  });
}

/**
 * The first `maxBytes` bytes of `file`, a regular file, however long it is: for a file of which
 * only the head is wanted (a report's heading, a shard's NOT RUN reason), so a huge one costs no
 * more than `maxBytes`, and a FIFO or a device is refused as readInputFile refuses it, instead of
 * blocking the read or filling the memory. Throws InputFileError with the reason.
 */
export function readInputHead(file: string, maxBytes: number, what = 'a file'): Buffer {
  return readRegularFile(file, what, () => undefined, (fd) => readPrefix(fd, maxBytes));
}

/**
 * `read` of `file` opened, once it is known to be a regular file (a folder, FIFO or device is
 * refused in words, before and after the open) and `checkStats` accepted its stat; the descriptor
 * is closed whatever happens, and a refusal of the file system is said as InputFileError.
 */
function readRegularFile(file: string, what: string, checkStats: (stats: Stats) => void, read: (fd: number) => Buffer): Buffer {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw refused(error, what, file);
  }
  if (stats.isDirectory()) throw new InputFileError(`is a folder, not ${what}`);
  if (!stats.isFile()) throw new InputFileError(`is ${kindOf(stats)}, not a regular file`);
  checkStats(stats);
  let fd: number;
  try {
    // Non-blocking: should the path have become a FIFO since the stat, the open does not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw refused(error, what, file);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputFileError('is not a regular file');
    return read(fd);
  } catch (error) {
    throw error instanceof InputFileError ? error : refused(error, what, file);
  } finally {
    closeSync(fd);
  }
}

/** The first `length` bytes of the file, read by position (the descriptor's own offset left where it is). */
function readPrefix(fd: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  // Bounded: each turn reads at least one byte, or stops (a file cut short meanwhile).
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}
