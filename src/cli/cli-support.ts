/** What every CLI entry here shares: help from the option table, failing with one line and a documented code, and stopping on a signal. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { layeredEnv } from '../config/layered-env';
import { stopWrites, writesSettled } from '../files/atomic-write';
import { fileSystemProblem } from '../files/make-dirs';
import { ConformanceError, DataError, ExitCode, moreDataLines } from '../model/errors';
import { givenKeyValues, OTHER_PROJECT_KEY_ENV } from '../model/http';
import { textScrubber } from '../runner/scrub-result';
import { redactedCommandLine } from './redacted-command-line';
import type { OptionSpec } from '../config/options';
import { suiteBuild, suiteVersion } from '../package-root';
import { boundedLine, escapeControl, firstLineOf, logCommandGuard, switchValue } from '../text/plain-text';

export function helpText(usage: string, options: readonly OptionSpec[], footer: string): string {
  const rows = options.map((o) => {
    const left = `${o.short === undefined ? '' : `-${o.short}, `}--${o.flag}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    const env = o.env ? ` [env ${o.env}]` : '';
    // A packaged default is the suite's own file, not that path where the user stands.
    const def = o.default === undefined ? '' : o.packaged === true ? ` (default: the package's own ${o.default})` : ` (default ${o.default})`;
    return `  ${left.padEnd(24)} ${o.help}${env}${def}`;
  });
  return `${usage}\n\nOptions:\n${rows.join('\n')}\n\n${footer}\n`;
}

/** What --version prints: the version, and the build when the dist names one (package-root.ts suiteBuild): one version is many builds. */
export function versionLine(version: string, build: string | undefined): string {
  return build === undefined ? `${version}\n` : `${version} (build ${build})\n`;
}

/**
 * `--help` prints the command's help, `--version` the suite's version (and build), on stdout and nothing else:
 * true when one was printed, and the command then ends with exit 0. Every subcommand answers both.
 */
export function printedHelpOrVersion(values: { readonly help?: unknown; readonly version?: unknown }, help: () => string): boolean {
  if (values.help === true) process.stdout.write(help());
  else if (values.version === true) process.stdout.write(versionLine(suiteVersion(), suiteBuild()));
  else return false;
  return true;
}

/**
 * Output whose reader went away (`| head`, a CI log pipe closed early) or whose device is full
 * (EPIPE, ENOSPC) must not end a run with a stack trace and no reports: the reports and the exit
 * code are what a gate reads. The first such error on stdout or stderr turns later writes to that
 * stream into no-ops, and the run goes on. Only commands call this: a library leaves its host's streams alone.
 */
export function outliveClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => {
      stream.write = ((_chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
        const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
        if (typeof callback === 'function') process.nextTick(callback as () => void);
        return true;
      }) as typeof stream.write;
    });
  }
}

/**
 * Everything the command writes to stdout and stderr goes through one logCommandGuard per stream,
 * so no line of it is a GitHub Actions workflow command: the console report, and just as well the
 * lines no renderer wrote, which carry received or user-given text too (the banner naming a
 * recording's target, `note:` lines, the reports line naming a --reports path, error lines, the
 * Jest reporter's case lines, anything Jest itself prints). Guarded at the stream, not at each
 * caller: a new line printed anywhere is guarded without knowing it has to be. Only commands call
 * this: a library leaves its host's streams alone (runConformance guards its `out` instead).
 */
export function guardOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (text: string, done?: (error?: Error | null) => void) => boolean;
    const guard = logCommandGuard();
    // Bytes may end inside a character: the decoder keeps that part for the next write.
    const decoder = new TextDecoder();
    stream.write = ((chunk: string | Uint8Array, encodingOrDone?: unknown, done?: unknown): boolean => {
      const encoding = typeof encodingOrDone === 'string' ? (encodingOrDone as BufferEncoding) : undefined;
      const text = typeof chunk !== 'string' ? decoder.decode(chunk, { stream: true }) : encoding === undefined || /^utf-?8$/i.test(encoding) ? chunk : Buffer.from(chunk, encoding).toString();
      const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
      return write(guard(text), typeof callback === 'function' ? (callback as (error?: Error | null) => void) : undefined);
    }) as typeof stream.write;
  }
}

/**
 * How long an exit waits for the writes it stopped to take their temp files away: milliseconds
 * each (an open, a write or a flush finishing); a file system that hangs must not keep the process.
 */
const EXIT_WRITES_SETTLE_MS = 2_000;

/**
 * Writes all output, then exits: Jest and sockets may hold the loop open after a run. A report,
 * recording or pruned store still being written when it is called (a signal's exit) is stopped
 * first (stopWrites): its temp file is removed, not left in the folder beside the reports, and
 * nothing is renamed into place after this; the exit waits, bounded, for such writes to finish
 * with their files.
 */
export function exitWith(code: number): void {
  stopWrites();
  void writesSettled(EXIT_WRITES_SETTLE_MS).then(() => process.stdout.write('', () => process.stderr.write('', () => process.exit(code))));
}

/**
 * Every API key this process was given: ZAVU_API_KEY and ZAVU_OTHER_PROJECT_API_KEY (of `env`: the
 * environment, or the settings with .env) and each --api-key value of `argv`. An error line may quote any argument (a path, a
 * misplaced word) or setting, and none of these may reach it.
 */
export function givenKeys(argv: readonly string[], env: Record<string, string | undefined>): string[] {
  // A word shaped like a Zavu key anywhere on the command line is one too: given without its flag
  // (a positional, a command, another flag's value), it is echoed by the error that refuses it. So
  // is one in any variable's value: a CI secret mapped to the wrong variable (ZAVU_TIMEOUT_MS, ZAVU_SHARD) is quoted by its refusal.
  const values = Object.values(env).filter((value): value is string => typeof value === 'string');
  return givenKeyValues([env['ZAVU_API_KEY'], env[OTHER_PROJECT_KEY_ENV], ...rawFlagValues(argv, 'api-key')], [...argv, ...values]);
}


/**
 * Every value `argv` gives `--name`, in either spelling (`--name value`, `--name=value`), read
 * without parsing the rest: a bad setting may have stopped the parse, and what was given still counts.
 */
function rawFlagValues(argv: readonly string[], name: string): string[] {
  const flag = `--${name}`;
  return argv.flatMap((arg, i) => (arg === flag ? argv.slice(i + 1, i + 2) : arg.startsWith(`${flag}=`) ? [arg.slice(flag.length + 1)] : []));
}

/**
 * The files a command line names that a NOT RUN must not remove (markNotRun's `inputs`): each
 * --baseline value and ZAVU_BASELINE (of `env`), resolved against `cwd`.
 */
export function givenInputs(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): string[] {
  return [...rawFlagValues(argv, 'baseline'), env['ZAVU_BASELINE'] ?? ''].filter((file) => file !== '').map((file) => resolve(cwd, file));
}

/**
 * The --reports value of `argv` read leniently (a typo elsewhere among the flags stopped the strict
 * parse): a string, true for a bare --reports, or undefined when not given. Where a failed command
 * looks for an earlier verdict to retract.
 */
export function reportsFlagOf(argv: readonly string[]): string | boolean | undefined {
  return parseArgs({ args: [...argv], options: { reports: { type: 'string' } }, strict: false, allowPositionals: true }).values['reports'];
}

/**
 * Hides a key given on the command line (--api-key, or a word shaped like a key anywhere in it) from
 * the process list: Linux shows every process's argv to every user (/proc/<pid>/cmdline, ps) for as
 * long as it runs, a run's hours or a mock's whole life. The title (which overwrites that argv) is the
 * command as started with each key hidden (redacted-command-line.ts), set only when there is a key
 * to hide, so any other command keeps the name tools look it up by.
 */
export function hideKeysFromProcessList(): void {
  const keys = givenKeys(process.argv.slice(2), {});
  if (keys.length === 0) return;
  try {
    process.title = redactedCommandLine(startedAs(), keys);
  } catch {
    // A title the platform refuses leaves argv as it was: the run still goes, its output still without the key.
  }
}

/**
 * The command line as the process list shows it before the title is set: Linux's own copy, for
 * process.argv has node's flags left out and the script's path made absolute, which would make the
 * title longer than the memory it is written to. Elsewhere, what node tells of it.
 */
function startedAs(): string[] {
  try {
    const words = readFileSync('/proc/self/cmdline', 'utf8').split('\0');
    if (words.at(-1) === '') words.pop();
    if (words.length > 0) return words;
  } catch {
    // No /proc (macOS, Windows): node's account of the command.
  }
  return [process.argv0, ...process.execArgv, ...process.argv.slice(1)];
}

/** `text` with every form of `keys` redacted. */
export function withoutKeys(text: string, keys: readonly string[]): string {
  return textScrubber(keys)(text);
}

/** The environment with .env under it, as a run reads its settings; the bare environment when .env cannot be read. */
export function settingsEnv(): Record<string, string | undefined> {
  try {
    return layeredEnv(process.cwd(), process.env).values;
  } catch {
    return process.env;
  }
}

/**
 * Turns any failure into one line on stderr, without any key the process was given and at most
 * ERROR_LINE_LIMIT characters of message, control characters escaped (and, through guardOutput, nothing a CI runner reads as a workflow command). Known failures carry their exit code; anything else is a
 * bug in the suite, reported as such (the stack only with ZAVU_DEBUG=1), exit 2.
 */
export function failLine(program: string, error: unknown): number {
  const keys = givenKeys(process.argv.slice(2), settingsEnv());
  // The last word of a failed command must not fail in turn: a text that cannot be checked for the
  // key is not shown at all.
  const clean = (text: string): string | undefined => {
    try {
      return withoutKeys(text, keys);
    } catch {
      return undefined;
    }
  };
  // One line on stderr, which a CI runner reads: a "\r" or an escape sequence in a quoted value must not start another line.
  const shown = (text: string): string => boundedLine(escapeControl(clean(text) ?? '(the message is not shown: it could not be checked for the API key)'));
  if (error instanceof ConformanceError) {
    process.stderr.write(`${program}: ${shown(firstLineOf(error))}\n`);
    // Every other data error, each its own line as the first is, bounded: the first line says how many there are.
    if (error instanceof DataError) for (const line of moreDataLines(error)) process.stderr.write(`${program}: ${shown(line)}\n`);
    // What followed from the stop (a night recorded as not run), after why it stopped, on the same stream.
    for (const line of (error.after ?? '').split('\n').filter((l) => l !== '')) process.stderr.write(`${shown(line)}\n`);
    return error.exitCode;
  }
  const problem = fileSystemProblem(error);
  if (problem !== undefined) {
    process.stderr.write(`${program}: ${shown(problem)}\n`);
    return ExitCode.usage;
  }
  process.stderr.write(`${program}: internal error: ${shown(firstLineOf(error))} (set ZAVU_DEBUG=1 for details)\n`);
  let debug = false;
  try {
    debug = switchValue(process.env['ZAVU_DEBUG']) === true;
  } catch {
    // A ZAVU_DEBUG that is no on/off value: no stack, as without it.
  }
  const stack = debug && error instanceof Error ? clean(error.stack ?? '') : undefined;
  if (stack !== undefined) process.stderr.write(`${debugStack(stack)}\n`);
  return ExitCode.usage;
}

/** The most lines of a ZAVU_DEBUG stack: a message is the stack's head, and one built from a target's answer may hold any number of lines. */
const DEBUG_STACK_LINES = 60;

/**
 * A stack for ZAVU_DEBUG as inert as the one line before it: its head is the error's message, which
 * may quote what a target sent, so each line is escaped (no "\r", escape sequence or bidi override
 * acts on a terminal) and bounded, and so is the count of lines.
 */
function debugStack(stack: string): string {
  const lines = stack.split('\n');
  const shown = lines.slice(0, DEBUG_STACK_LINES).map((line) => boundedLine(escapeControl(line)));
  if (lines.length > DEBUG_STACK_LINES) shown.push(`    … (${lines.length - DEBUG_STACK_LINES} more lines)`);
  return shown.join('\n');
}

/** The signals that end a run early (Ctrl-C, a cancelled CI job, a closed terminal), with the exit code a shell reports for each: 128 + its number. */
export const INTERRUPTIONS: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

const INTERRUPTION_SIGNALS = Object.keys(INTERRUPTIONS) as NodeJS.Signals[];

/** onFirstSignal over INTERRUPTIONS' signals, `handle` given the signal and the exit code that says it. */
export function onInterruption(handle: (signal: NodeJS.Signals, code: number) => void): () => void {
  return onFirstSignal(INTERRUPTION_SIGNALS, (signal) => handle(signal, INTERRUPTIONS[signal] ?? 1));
}

/** The listener holdSignalsWhileLoading put on INTERRUPTIONS' signals, until onFirstSignal takes over. */
let loadingHold: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * Holds INTERRUPTIONS' signals from the dispatcher's first line. The run command's modules take
 * half a second to load (Jest among them; after npx's own second and a half), and a signal then met
 * no listener: Node's default ended the process with no line and the reports folder still holding
 * the last run's verdict, which a CI step posting summary.md after a cancel would post again. While
 * modules load nothing runs, so a signal held here is handed out once they have, when the run's own
 * onFirstSignal has taken over (it writes NOT RUN; the merge's as well, see stop-on-interruption.ts). One that no handler claims (--help, a setting
 * refused) ends the process with the signal's code.
 */
export function holdSignalsWhileLoading(): void {
  const hold = (signal: NodeJS.Signals): void => {
    releaseLoadingHold();
    exitWith(INTERRUPTIONS[signal] ?? 1);
  };
  for (const signal of INTERRUPTION_SIGNALS) process.on(signal, hold);
  loadingHold = hold;
}

function releaseLoadingHold(): void {
  const hold = loadingHold;
  if (hold === undefined) return;
  for (const signal of INTERRUPTION_SIGNALS) process.off(signal, hold);
  loadingHold = undefined;
}

/**
 * Calls `handle` on the first of `signals`, once. A second signal while it runs is held off (see
 * below); after it returns (its work may go on asynchronously) no listener is left, so a second
 * signal ends the process as node's default does. Returns the function that removes them unfired
 * (also safe to call after they fired).
 */
export function onFirstSignal(signals: readonly NodeJS.Signals[], handle: (signal: NodeJS.Signals) => void): () => void {
  const fire = (signal: NodeJS.Signals): void => {
    // A second signal while `handle` cleans up is held off until it returns: the clean-up takes
    // milliseconds, and a process ended half-way through it (timeout(1) signals the child and then
    // its group) left part of the old verdict behind. Once it returns, a second signal ends the
    // process at once again. Held before released, so no moment is without a listener.
    const hold = (): void => undefined;
    for (const held of signals) process.on(held, hold);
    release();
    try {
      handle(signal);
    } finally {
      for (const held of signals) process.off(held, hold);
    }
  };
  const release = (): void => {
    for (const signal of signals) process.off(signal, fire);
  };
  for (const signal of signals) process.on(signal, fire);
  // Its own listeners first, then the loading hold goes: no moment is without one.
  releaseLoadingHold();
  return release;
}

/** How often a command started through npm looks whether its parent is still there. */
const ORPHAN_POLL_MS = 200;

/**
 * Calls `handle` once when this process, started through npm (`npx zavu-conformance …`,
 * `npm run …`), loses its parent: npm passes SIGTERM to its `sh -c`, and a shell such as dash dies
 * of it without passing it on, which would leave the command running with no parent (a run that
 * writes its verdict minutes after its job was cancelled, a mock that keeps its port). Not
 * otherwise: `zavu-conformance mock &` in a script must outlive that script. The watch alone does
 * not keep the process alive. Returns the function that stops watching.
 */
export function onParentGone(handle: () => void): () => void {
  if (process.env['npm_command'] === undefined) return () => undefined;
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    handle();
  }, ORPHAN_POLL_MS);
  watch.unref();
  return () => clearInterval(watch);
}
