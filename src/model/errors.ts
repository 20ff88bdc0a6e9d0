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

export class ConformanceError extends Error {
  /**
   * Lines that follow from the stop, printed after the error's own line (a stopped night's history
   * record, "history: recorded … as not run"): in a CI log merging stdout and stderr, why the run
   * stopped must come before what was done about it.
   */
  after?: string;

  /**
   * The system error's code when one stopped it (startReferenceServer's listen error: `EADDRINUSE`,
   * `EACCES`), for a caller that acts on it (another port); absent otherwise.
   */
  code?: string;

  constructor(message: string, readonly exitCode: number) {
    // One line whatever it quotes (an OS or TLS message may carry line breaks): CI logs and summary.md show it whole.
    super(message.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = new.target.name;
  }
}

/** A wrong flag, a bad environment value, a missing file the user named. */
export class UsageError extends ConformanceError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** A run from code stopped before its verdict by its caller's AbortSignal: what Ctrl-C is to the CLI. */
export class AbortError extends ConformanceError {
  constructor(message: string) {
    super(message, ExitCode.interrupted);
  }
}

/** The OpenAPI document cannot be read, parsed or understood. */
export class SpecError extends ConformanceError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** A recording is missing, unreadable or not HAR. */
export class RecordingError extends ConformanceError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** The target cannot be reached at all (refused, unknown host, TLS failure). */
export class UnreachableError extends ConformanceError {
  constructor(message: string) {
    super(message, ExitCode.unreachable);
  }
}
