/**
 * Failures that end a run before a verdict. Each carries its documented exit code and a message
 * that is one line saying what and where; the CLI prints only that line, never a stack trace.
 */

/** Exit codes of every CLI in this project. */
export const ExitCode = {
  conformant: 0,
  violations: 1,
  usage: 2,
  unreachable: 3,
  /** Ctrl-C's (128 + SIGINT): a run stopped before its verdict by whoever started it. */
  interrupted: 130,
} as const;

/** A verdict's exit code: conformant or not (assemble-report.ts's exitCodeOf). */
export type VerdictExitCode = typeof ExitCode.conformant | typeof ExitCode.violations;

export class ConformanceError extends Error {
  /**
   * Lines that follow from the stop, printed after the error's own line (a stopped night's history
   * record, "history: recorded … as not run"): in a CI log merging stdout and stderr, why the run
   * stopped must come before what was done about it.
   */
  after?: string;

  /**
   * The system error's code when one stopped it (startReferenceServer's listen error: `EADDRINUSE`,
   * `EACCES`; a file the user named, or a data file, that the file system refused: `ENOENT`, `EACCES`, `EIO`), for a caller that acts
   * on it (another port, another file); absent otherwise.
   */
  code?: string;

  /**
   * The file it names, when a file stopped it (a spec, a recording, a baseline, a history store or
   * a data file that is missing, unreadable or not what it should be; a file the disk refused), for
   * a caller that acts on it without reading the line; absent otherwise.
   */
  path?: string;

  /** `file`: the file that stopped it, as `path`, with `code` when the file system refused it. */
  constructor(message: string, readonly exitCode: number, file?: UnreadFile) {
    // One line whatever it quotes (an OS or TLS message may carry line breaks): CI logs and summary.md show it whole.
    super(message.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = new.target.name;
    if (file === undefined) return;
    this.path = file.path;
    if (file.code !== undefined) this.code = file.code;
  }
}

/** A file that stopped a run: its path, and the file system's code when it refused it (ENOENT, EACCES, EIO…). */
export interface UnreadFile {
  path: string;
  code?: string | undefined;
}

/**
 * A wrong flag, a bad environment value, a file the user named (or the suite's data files) missing,
 * unreadable or wrong: `file` names it (`path`, and `code` when the file system refused it).
 */
export class UsageError extends ConformanceError {
  // Typed as it is, so a caller's switch over a rejection's class and code needs no cast.
  declare readonly exitCode: typeof ExitCode.usage;
  constructor(message: string, file?: UnreadFile) {
    super(message, ExitCode.usage, file);
  }
}

/** One problem of a data file: the file as the line names it, the JSON pointer ("" for the whole file) and the line itself. */
export interface DataProblem {
  file: string;
  pointer: string;
  line: string;
}

/**
 * The suite's data files (scenarios, families, rules, fixtures) are wrong: every problem a load
 * found, sorted by file and pointer, so a user fixes them all from one run. A UsageError (exit 2)
 * whose message is the first problem's line (and how many more), so a caller matching it, or its
 * `path` and `code`, reads it as before; `problems` holds every line.
 */
export class DataError extends UsageError {
  readonly problems: readonly DataProblem[];
  /** `problems`: at least one; `file` the first's, as UsageError's (with its code when the file system refused it). */
  constructor(problems: readonly DataProblem[], file?: UnreadFile) {
    const [first] = problems;
    const more = problems.length - 1;
    super(`${first?.line ?? 'a data file is wrong'}${more > 0 ? ` (and ${more} more data error${more === 1 ? '' : 's'})` : ''}`, file ?? (first === undefined ? undefined : { path: first.file }));
    this.problems = problems;
  }
}

/** The most data error lines said after the first (on stderr, in a NOT RUN summary.md and junit.xml): a folder copied wrong may hold hundreds, and the first few say what to fix. */
const DATA_ERROR_LINES = 20;

/**
 * The lines after a DataError's own (its first problem): the next problems, up to DATA_ERROR_LINES,
 * then how many are left; never "and 1 more", as that one line takes no more room than the count.
 */
export function moreDataLines(error: DataError): string[] {
  const rest = error.problems.slice(1).map((p) => p.line);
  if (rest.length <= DATA_ERROR_LINES) return rest;
  const shown = rest.slice(0, DATA_ERROR_LINES - 1);
  return [...shown, `and ${rest.length - shown.length} more`];
}

/**
 * The other project's key refused on its one read before the first case (runner/other-key-check.ts):
 * the run stops, exit 2, as the configured key refused does. A UsageError (a setting the target
 * refuses), so a caller tells it apart by that class too; its own, exported, as its `name` says.
 */
export class OtherKeyRefusedError extends UsageError {}

/** A run from code stopped before its verdict by its caller's AbortSignal: what Ctrl-C is to the CLI. */
export class AbortError extends ConformanceError {
  declare readonly exitCode: typeof ExitCode.interrupted;
  constructor(message: string) {
    super(message, ExitCode.interrupted);
  }
}

/** The OpenAPI document cannot be read, parsed or understood. */
export class SpecError extends ConformanceError {
  declare readonly exitCode: typeof ExitCode.usage;
  /**
   * The operationId the spec was asked for and does not have, when that is what it refused: the
   * data's row that names it says so instead (checked-contract.ts), one line for one mistake.
   */
  readonly lacks?: string;
  /** `file`: the spec when it could not be read (`path`, and `code` when the file system refused it). */
  constructor(message: string, file?: UnreadFile, lacks?: string) {
    super(message, ExitCode.usage, file);
    if (lacks !== undefined) this.lacks = lacks;
  }
}

/** A recording is missing, unreadable or not HAR. */
export class RecordingError extends ConformanceError {
  declare readonly exitCode: typeof ExitCode.usage;
  /** `file`: the recording or folder refused (`path`, and `code` when the file system refused it). */
  constructor(message: string, file?: UnreadFile) {
    super(message, ExitCode.usage, file);
  }
}

/**
 * A file of the run the disk refused (full, read-only, a permission gone): the machine's doing,
 * neither a setting's nor the target's. What a library run rejects with for it (the CLI says its
 * own line naming the file, exit 2, as here); message and `code` Node's, `path` the file refused.
 */
export class FileSystemError extends ConformanceError {
  declare readonly exitCode: typeof ExitCode.usage;
  /** Node's: `ENOSPC`, `EACCES`, `EROFS`, `EPERM`, `EDQUOT`, `EMFILE` (make-dirs.ts FILE_SYSTEM_REFUSALS). */
  declare code: string;
  /** The file refused, when known (a refused rename's dest, not its temp file): a failed write's message names none. */
  declare path?: string;

  constructor(message: string, code: string, path?: string) {
    super(message, ExitCode.usage);
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}

/**
 * UnreachableError's `code` when no system error says why: the target took connections, but none
 * of the run's first requests got an answer the suite could judge (none at all, or only answers
 * past its bounds, refused by node:http's parser, or a 101 to no upgrade); or the connection failed
 * with no system code on its error.
 */
export const UnreachableCode = {
  noAnswer: 'ZAVU_NO_ANSWER',
  noSystemCode: 'ZAVU_UNREACHABLE',
} as const;

/**
 * How the target failed, for a caller that acts on it: `code` alone cannot say, being the suite's one
 * ZAVU_NO_ANSWER for a target that timed out, reset or answered in no form it could judge. A
 * transport error's kind when every failure was of one (`connection-refused`, `dns`, `tls`,
 * `timeout`, `reset`, `other`: any other, bytes that were not HTTP, a host unreachable (EHOSTUNREACH),
 * a firewall's EPERM, an error with no system code); or an answer
 * it could not judge: `parser-refused` (node:http's strict parser refused it), `past-bound` (past one
 * of the suite's own bounds), `unjudgeable` (a 101 to no upgrade, a status under 100); `mixed` when
 * the first requests failed in different ways (the message says how many went each way).
 */
export type UnreachableReason = 'connection-refused' | 'dns' | 'tls' | 'timeout' | 'reset' | 'other' | 'parser-refused' | 'past-bound' | 'unjudgeable' | 'mixed';

/** The target cannot be reached at all (refused, unknown host, TLS failure). */
export class UnreachableError extends ConformanceError {
  declare readonly exitCode: typeof ExitCode.unreachable;
  /**
   * Why, for a caller that acts on it without reading the line: the system error's code
   * (`ECONNREFUSED`, `ENOTFOUND`, `EAI_AGAIN`, `ETIMEDOUT`, a TLS one such as
   * `ERR_SSL_WRONG_VERSION_NUMBER`), or one of {@link UnreachableCode}. Always there.
   */
  declare code: string;
  /** How it failed, one of a closed set (see {@link UnreachableReason}): what `code` does not tell apart. Always there. */
  readonly reason: UnreachableReason;

  /** `code`: the system error's (system-error-code.ts), never words a target sent; `reason` `other` unless given. */
  constructor(message: string, code: string, reason: UnreachableReason = 'other') {
    super(message, ExitCode.unreachable);
    this.code = code;
    this.reason = reason;
  }
}
