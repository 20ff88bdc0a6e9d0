/** A conformance run from code: the CLI's run, with typed options, resolving to the report. */
import { boundedLine, didYouMean, escapeControl, logCommandGuard } from '../text/plain-text';
import { dataDirs, resolveRunConfig, type RunConfig } from '../config/run-config';
import type { Certificate, ConformanceReport } from '../model';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AbortError, ConformanceError, ExitCode, UsageError } from '../model/errors';
import { abortReason } from '../runner/run-conformance';
import { givenKeyValues, OTHER_PROJECT_KEY_ENV } from '../model/http';
import { retractOurReports } from '../runner/not-run';
import { misspeltRunSetting, runConformance as runOnce } from '../runner/run-conformance';
import { errorKeyShapedWords, scrubError } from '../runner/scrub-result';
import { asFileSystemError } from './file-system-rejection';
import { FLAG_OF, flagsOf, type ConformanceOptions } from './options';
import { heldTimers } from './held-timers';
import { senderEnv, senderOptionWords } from './sender-env';

/** A run's report: every run from code certifies, so its certificate is always there. */
export type CertifiedReport = ConformanceReport & { certificate: Certificate };

/** What a run that reached its verdict resolves to. */
export interface ConformanceResult {
  /** The report, as `conformance.json` holds it (certificate included). */
  report: CertifiedReport;
  /**
   * What the CLI would exit with: 0 conformant, 1 contract violations; 2 only with `history`, when
   * the store refused the run's record (the verdict stands in `report` and the reports, the store lacks the night).
   */
  exitCode: 0 | 1 | 2;
  /** The files written (only with `reports`, or recordings with `mode: 'record'`). */
  written: string[];
}

/**
 * Runs are queued, one at a time: a run hands its engine to the Jest suite through one slot of
 * this process (src/runner/suite-session.ts), which a second run at once would find taken.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the conformance suite, as `zavu-conformance run` does, and resolves to the report and the
 * exit code the CLI would have used. Report files are written only when `options.reports` names
 * a folder; nothing is printed unless `options.out` is given.
 *
 * Rejects with a `ConformanceError` (its `exitCode` is 2 for a bad option, data file or
 * recording, 3 for an unreachable target, 130 for an `AbortError`: aborted by `options.signal`)
 * when the run cannot reach a verdict; the message is the
 * CLI's one line, with the options' names in place of the flags'. Its class tells why, each
 * exported: `UsageError`, `SpecError`, `RecordingError`, `FileSystemError` (2: a file the disk
 * refused, Node's message and `code`), `UnreachableError` (3, its `code` the system error's, such
 * as `ECONNREFUSED`, or one of `UnreachableCode`; its `reason` how it failed, `UnreachableReason`), `AbortError` (130).
 *
 * @example
 * const { exitCode, report } = await runConformance({ baseUrl, apiKey, senders });
 */
export function runConformance(options: ConformanceOptions = {}): Promise<ConformanceResult> {
  const signal = isObject(options) && isAbortSignal(options['signal']) ? options['signal'] : undefined;
  // Aborted before its turn (or already at the call), it rejects at once, not after the run ahead
  // of it, and never begins. Once it has begun, the run itself stops on the abort, writes its NOT
  // RUN and rejects.
  const previous = queue;
  let waiting: (() => void) | undefined;
  const turn = new Promise<void>((resolveTurn, reject) => {
    void previous.then(() => resolveTurn());
    if (signal === undefined) return;
    if (signal.aborted) return reject(abortError(signal));
    waiting = whileQueued(signal, () => reject(abortError(signal)));
  });
  const run = turn.then(
    () => {
      waiting?.();
      return runNow(options);
    },
    // Its reason is the caller's words, which may quote a key, as any rejection's may.
    (aborted: unknown) => Promise.reject(asCliLine(withoutGivenKeys(aborted, options))),
  );
  // The next run waits for the one ahead of this one, then for this one (settled at once when it
  // was aborted in the queue): never two at a time.
  queue = previous.then(() => run.catch(() => undefined));
  return run;
}

/**
 * The runs waiting their turn on each caller's signal, and the one listener of it that tells them
 * all: a listener each made a dozen runs queued under one deadline (`AbortSignal.timeout(…)`) pass
 * Node's 10 per signal, and Node printed a MaxListenersExceededWarning ("possible memory leak") on
 * the caller's stderr. The listener goes when its last waiter starts, as each waiter's did.
 */
const queuedOn = new WeakMap<AbortSignal, { waiters: Set<() => void>; listener: () => void }>();

/** Calls `onAbort` if `signal` aborts before the returned function is called (the run's turn came). */
function whileQueued(signal: AbortSignal, onAbort: () => void): () => void {
  let queued = queuedOn.get(signal);
  if (queued === undefined) {
    const waiters = new Set<() => void>();
    const listener = (): void => {
      queuedOn.delete(signal);
      for (const waiter of waiters) waiter();
    };
    queued = { waiters, listener };
    queuedOn.set(signal, queued);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { waiters, listener } = queued;
  waiters.add(onAbort);
  return () => {
    waiters.delete(onAbort);
    if (waiters.size > 0 || queuedOn.get(signal)?.listener !== listener) return;
    queuedOn.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}

/** An AbortSignal, of this realm or another (a user's Jest test file has its own globals). */
function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function' && typeof (value as AbortSignal).removeEventListener === 'function';
}

function abortError(signal: AbortSignal): AbortError {
  return new AbortError(`runConformance: aborted by its signal${abortReason(signal.reason)}`);
}

/** The option that gives the target, as a line saying none was given names it (RunConfig.targetSetting). */
const TARGET_OPTION: keyof typeof FLAG_OF = 'baseUrl';

/** The CLI's flags, as the option names a caller of the library wrote: `--timeout "0"` reads `timeoutMs "0"`. */
const OPTION_OF: ReadonlyMap<string, string> = new Map(Object.entries(FLAG_OF).map(([option, flag]) => [flag, option]));

/**
 * A run's error in the caller's words. The settings and the run share the CLI's code, whose lines
 * name flags; a flag with an option of its own is renamed in place (the error is the run's own, new
 * object). Only a word that is the flag alone (or in brackets, before punctuation) is renamed: the
 * caller's own values (a URL with "--" in its path, a quoted value) are quoted or part of a longer
 * word, and stay as given. Environment variables keep their names: they are what the caller's
 * environment holds.
 */
function inOptionWords(error: unknown, options: unknown): unknown {
  if (!(error instanceof ConformanceError)) return error;
  const flagsRenamed = error.message.replace(/(^|[\s(])--([a-z][a-z-]*)(?=$|[\s),.:;])/g, (word, before: string, name: string) => {
    const option = OPTION_OF.get(name);
    return option === undefined ? word : `${before}${option}`;
  });
  // The other project's key given as the option: its refusals (the variable's) name the option;
  // so do those of a sender role given in `senders` (`senders.otherProject`, not ZAVU_SENDER_OTHER_PROJECT).
  const variables = new Map(senderWords(options));
  if (isObject(options) && options['otherProjectApiKey'] !== undefined) variables.set(OTHER_PROJECT_KEY_ENV, 'otherProjectApiKey');
  let renamed = flagsRenamed;
  for (const [variable, option] of variables) renamed = renamed.replace(new RegExp(`(?<![A-Za-z0-9_])${variable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g'), () => option);
  if (renamed !== error.message) {
    const was = error.message;
    // A function, not a string: `$&` or `$'` in a caller's value must not be read as a pattern.
    if (error.stack !== undefined) error.stack = error.stack.replace(was, () => renamed);
    error.message = renamed;
  }
  return error;
}

/**
 * The variables of the roles the caller gave in `senders`, each with its option's name. Only for an
 * error's words, so at its best: options too broken to locate the fixtures rename nothing.
 */
function senderWords(options: unknown): Map<string, string> {
  if (!isObject(options) || !isObject(options['senders'])) return new Map();
  try {
    const cwd = typeof options['cwd'] === 'string' && options['cwd'] !== '' ? options['cwd'] : process.cwd();
    const env = isObject(options['env']) ? (options['env'] as NodeJS.ProcessEnv) : process.env;
    const { operationsDir, fixturesDir } = dataDirs(flagsOf(options as ConformanceOptions), { values: env }, cwd);
    return senderOptionWords(options['senders'], operationsDir, fixturesDir);
  } catch {
    return new Map();
  }
}

async function runNow(options: ConformanceOptions): Promise<ConformanceResult> {
  let config: RunConfig;
  try {
    if (isObject(options) && isAbortSignal(options['signal']) && options['signal'].aborted) throw abortError(options['signal']);
    config = settingsOf(options);
  } catch (caught) {
    const error = asCliLine(withoutGivenKeys(inOptionWords(caught, options), options));
    retractEarlierReports(options, error);
    throw error;
  }
  try {
    return await runWith(config, options);
  } catch (error) {
    // Wrapped after the options' words: Node's message stays as it was.
    throw asCliLine(withoutGivenKeys(asFileSystemError(inOptionWords(error, options)), options));
  }
}

/**
 * A run's error as the CLI prints its line (cli-support's failLine): control characters, bidi
 * overrides and the like as escapes, cut to ERROR_LINE_LIMIT characters saying how many more, and
 * no workflow command a CI runner would obey (the caller may log it). Its message may quote a file
 * the run read (a recording's name, its case ids), which is anyone's. The error stays the run's own
 * object (its class, exitCode, code, after): only the message, and the stack's head, change.
 */
function asCliLine(error: unknown): unknown {
  if (!(error instanceof ConformanceError)) return error;
  const was = error.message;
  const line = logCommandGuard()(boundedLine(escapeControl(was)));
  if (line !== was) {
    // A function, not a string: `$&` in the message must not be read as a pattern.
    if (error.stack !== undefined) error.stack = error.stack.replace(was, () => line);
    error.message = line;
  }
  return error;
}

/**
 * A bad option stopped the run before it began: as the CLI does after a bad flag, the reports folder
 * it names gives way to NOT RUN when it holds this suite's reports (the runner does the same for a
 * run that began and could not reach its verdict), so a summary.md posted after the rejection does
 * not post the last run's verdict. Another tool's folder is left alone, and nothing is created.
 */
function retractEarlierReports(options: unknown, error: unknown): void {
  if (!isObject(options) || typeof options['reports'] !== 'string' || options['reports'].trim() === '') return;
  const cwd = typeof options['cwd'] === 'string' && options['cwd'] !== '' ? options['cwd'] : process.cwd();
  // Every baseline the run may have been given (the option, or ZAVU_BASELINE of the environment it
  // reads), as the CLI's givenInputs: last night's conformance.json in this folder is the user's, not ours to remove.
  const env = isObject(options['env']) ? options['env'] : process.env;
  const baseline = [options['baseline'], env['ZAVU_BASELINE']].filter((file): file is string => typeof file === 'string' && file !== '').map((file) => resolve(cwd, file));
  const message = error instanceof Error ? error.message : String(error);
  try {
    retractOurReports(resolve(cwd, options['reports']), message, error instanceof ConformanceError ? error.exitCode : ExitCode.usage, baseline);
  } catch {
    // The rejection says what went wrong; the folder is a courtesy.
  }
}

/**
 * Every API key the caller gave, as the CLI's error line finds them (cli-support's givenKeys):
 * `apiKey`, `otherProjectApiKey`, ZAVU_API_KEY and ZAVU_OTHER_PROJECT_API_KEY of the environment the run reads, and any word shaped like a Zavu key in an
 * option's name or value (a key passed in the wrong option, `shard: key`, is quoted by the error
 * that refuses it).
 */
function givenKeys(options: unknown): string[] {
  if (typeof options !== 'object' || options === null) return typeof options === 'string' ? givenKeyValues([], [options]) : [];
  const given = options as Record<string, unknown>;
  const env = isObject(given['env']) ? given['env'] : process.env;
  // Every option's name and text value, down to the senders' roles.
  const texts: string[] = [];
  const collect = (value: unknown, depth: number): void => {
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'object' && value !== null && depth < 3) {
      for (const [name, inner] of Object.entries(value)) {
        texts.push(name);
        collect(inner, depth + 1);
      }
    }
  };
  collect(given, 0);
  return givenKeyValues([given['apiKey'], given['otherProjectApiKey'], env['ZAVU_API_KEY'], env[OTHER_PROJECT_KEY_ENV]], texts);
}

/**
 * The error without any key the caller gave, in its message and its stack, nor any word shaped like
 * a key: the CLI's line is scrubbed the same way, and so is a stop inside a run (the runner's
 * withoutKey). A signal aborted before the run began quotes its reason, which no option holds.
 */
function withoutGivenKeys(error: unknown, options: unknown): unknown {
  return error instanceof Error ? scrubError(error, [...givenKeys(options), ...errorKeyShapedWords(error)]) : error;
}

/** The run's settings from the options, checked as the CLI checks its flags. */
function settingsOf(options: ConformanceOptions): RunConfig {
  checkOptions(options);
  const held = heldTimers();
  if (held.length > 0) {
    // Jest's or sinon's alike (Jest's modern ones are sinon's): a plain Node script is no "test".
    throw new UsageError(`runConformance: fake timers hold ${held.join(', ')} still (jest.useFakeTimers() or @sinonjs/fake-timers' install()), and a run waits on real time: restore real timers before the run (jest.useRealTimers(), clock.uninstall()), or let them advance by themselves (jest.useFakeTimers({ advanceTimers: true }), install({ shouldAdvanceTime: true }))`);
  }
  const cwd = options.cwd ?? process.cwd();
  // Reports, recordings and a history store would otherwise be written under a folder made for them.
  if (options.cwd !== undefined && !isFolder(cwd)) throw new UsageError(`runConformance: cwd ${resolve(cwd)} is not a folder`);
  // The option stands for the variable (which has no flag): one resolution, so the same refusals.
  const env = { ...(options.env ?? process.env), ...(options.otherProjectApiKey !== undefined ? { [OTHER_PROJECT_KEY_ENV]: options.otherProjectApiKey } : {}) };
  const resolved = resolveRunConfig(flagsOf(options), { values: env }, cwd);
  // The target is its caller's baseUrl option: a note (no error, which inOptionWords renames) names it so.
  // So is the target given as that option in a note naming where requests go (notes are not renamed as errors are).
  const labels = resolved.labels?.baseUrl === `--${FLAG_OF[TARGET_OPTION]}` ? { labels: { ...resolved.labels, baseUrl: TARGET_OPTION } } : {};
  const named = { ...resolved, ...labels, targetSetting: TARGET_OPTION };
  const config = options.senders === undefined ? named : { ...named, env: { ...named.env, ...senderEnv(options.senders, named.operationsDir, named.fixturesDir) } };
  // As the CLI: a misspelt setting is a bad option, refused before the reports folder is touched.
  const misspelt = misspeltRunSetting(config);
  if (misspelt !== undefined) throw misspelt;
  return config;
}

/**
 * The caller's `out`, given text no line of which is a workflow command for a CI runner (a caller
 * prints it to its own CI log): the command guards its streams, and a library leaves its host's
 * streams alone, so the text it hands over is guarded here, once, across the calls of one run.
 * A callback that throws stops the run as a bad option does: a UsageError naming it (exit 2, as
 * the NOT RUN the reports then say), its `cause` the callback's own error; the run rejected with
 * that plain error, no exitCode, while summary.md said exit code 2. Once it has thrown it is not
 * called again: the stop's own lines would throw once more, in place of the first.
 */
function guardedOut(out: ((text: string) => void) | undefined): (text: string) => void {
  if (out === undefined) return () => undefined;
  const guard = logCommandGuard();
  let broken = false;
  return (text) => {
    if (broken) return;
    try {
      out(guard(text));
    } catch (caught) {
      broken = true;
      const said = caught instanceof Error ? caught.message : String(caught);
      const error = new UsageError(`runConformance: its out callback threw: ${said}`);
      error.cause = caught;
      throw error;
    }
  };
}

async function runWith(config: RunConfig, options: ConformanceOptions): Promise<ConformanceResult> {
  const out = guardedOut(options.out);
  let ran: Awaited<ReturnType<typeof runOnce>>;
  try {
    ran = await runOnce(config, { out, writeReports: options.reports !== undefined, progress: false, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
  } catch (error) {
    // A stopped night's record line rides on the stop (the CLI prints it after the reason): a caller's out still gets it.
    if (error instanceof ConformanceError && error.after !== undefined) {
      try {
        out(error.after);
      } catch {
        // The stop stands, as its reports already say it (an unreachable target's exit 3, not the callback's 2).
      }
    }
    throw error;
  }
  const { report, exitCode, written } = ran;
  const { certificate } = report;
  if (certificate === undefined) throw new Error('a run ended without its certificate (a bug in the suite)');
  return { report: { ...report, certificate }, exitCode, written };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What a value is, in an error line: `null`, `an array`, `a String object` or `a Number object` (new String(…): "object" beside "must be a string" reads as a contradiction), or its typeof. */
const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof String) return 'a String object';
  if (value instanceof Number) return 'a Number object';
  return typeof value;
};

/** The options that are no flag of the CLI, what each must be, and how an error says it. */
const OWN_OPTIONS: Readonly<Record<string, { is: (value: unknown) => boolean; what: string }>> = {
  senders: { is: isObject, what: 'an object' },
  env: { is: isObject, what: 'an object' },
  cwd: { is: (value) => typeof value === 'string' && value !== '', what: 'a folder path' },
  out: { is: (value) => typeof value === 'function', what: 'a function (text: string) => void' },
  otherProjectApiKey: { is: (value) => typeof value === 'string' && value.trim() !== '', what: 'a non-empty string (the key of the project senders.otherProject belongs to)' },
  signal: { is: isAbortSignal, what: 'an AbortSignal' },
};

const SWITCHES = new Set(['allowWrites', 'allowLiveWrites', 'mockTarget', 'allowFlaky', 'baselineStrict']);

/** The options ConformanceOptions types as numbers: each must be in NUMBER_TAKING, or a caller's number is refused as a folder's would be. */
type NumberOption = { [K in keyof ConformanceOptions]-?: number extends NonNullable<ConformanceOptions[K]> ? K : never }[keyof ConformanceOptions];

/**
 * The value options a number is given to (as its flag's text); every other one takes text only.
 * A record, not a list: a numeric option added to ConformanceOptions and not here fails to compile
 * (a list was compared with the flags by hand); runId is text a CI's number is given to as well.
 */
const NUMBER_TAKING: ReadonlySet<string> = new Set(
  Object.keys({
    timeoutMs: true,
    maxBodyBytes: true,
    seed: true,
    fuzzRuns: true,
    concurrency: true,
    writeSettleMs: true,
    rate: true,
    repeat: true,
    latencyBudgetMs: true,
    historyWindow: true,
    failOnFlakyRate: true,
    runId: true,
  } satisfies Record<NumberOption | 'runId', true>),
);

/**
 * A flag's value is text: each option becomes its String(). That of a function (`apiKey: getKey`,
 * not called) is its source, which went out as the Bearer token; an object's is "[object Object]".
 */
function checkValueOption(name: string, value: unknown): void {
  const bad = (message: string): UsageError => new UsageError(`runConformance: ${message}`);
  const isText = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number';
  if (name === 'operation') {
    if (Array.isArray(value)) {
      const stray = value.findIndex((v) => typeof v !== 'string');
      if (stray !== -1) throw bad(`operation must list operationIds, not ${kindOf(value[stray])}`);
    } else if (typeof value !== 'string') throw bad(`operation must be an operationId or a list of them, not ${kindOf(value)}`);
    return;
  }
  // A WHATWG URL reads as its href, as fetch takes one: a JavaScript caller's baseUrl: new URL(…) is no slip.
  if (name === 'baseUrl' && value instanceof URL) return;
  // A key is text, never a number: and a number given for one escaped the rejection's scrub (givenKeys
  // knows the keys given as text), so a line quoting the base URL's path quoted it.
  if (name === 'apiKey' && typeof value !== 'string') throw bad(`apiKey must be a string, not ${kindOf(value)}`);
  // A folder, a file or a form (`"1/2"`, `"statuses=100"`, `"live"`) is text: `reports: 42` wrote the
  // reports into a folder named "42", which nobody meant. A number's text is the flag's for the
  // numbers (`timeoutMs: "5000"`, read from process.env, is the flag's own) and a CI's run id.
  if (!NUMBER_TAKING.has(name) && typeof value === 'number') throw bad(`${name} must be a string, not a number`);
  if (!isText(value)) throw bad(`${name} must be ${NUMBER_TAKING.has(name) ? 'a string or a number' : name === 'baseUrl' ? 'a string or a URL' : 'a string'}, not ${kindOf(value)}`);
}

/**
 * The environment's values are text, as process.env's are: one that is not (a function, a number)
 * threw a TypeError as it was trimmed, with no exit code, or went out as its String(). Its name is
 * said, never its value (ZAVU_API_KEY's would be the key).
 */
function checkEnvOption(env: Record<string, unknown>): void {
  for (const [variable, value] of Object.entries(env)) {
    if (value !== undefined && typeof value !== 'string') throw new UsageError(`runConformance: env.${variable} must be a string, not ${kindOf(value)}`);
  }
}

/**
 * What TypeScript checks, checked for JavaScript callers too, in the CLI's one-line words: a
 * misspelt option (`timeout` for `timeoutMs`, `allowWrite`) or a switch given `'yes'` would
 * otherwise be ignored, and a run would certify less than its caller meant.
 */
function checkOptions(options: unknown): asserts options is ConformanceOptions {
  const bad = (message: string): UsageError => new UsageError(`runConformance: ${message}`);
  if (!isObject(options)) throw bad(`the options must be an object, not ${kindOf(options)}`);
  const known = [...Object.keys(FLAG_OF), ...Object.keys(OWN_OPTIONS)];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!known.includes(name)) throw bad(`unknown option ${JSON.stringify(name)} (${didYouMean(name, known)}the options: ${known.join(', ')})`);
    // Text quoted ("yes"), a number as it reads (NaN, not JSON's null); anything else by its kind:
    // JSON.stringify of a function is undefined, of a BigInt (or a circular object) a TypeError.
    if (SWITCHES.has(name) && typeof value !== 'boolean') throw bad(`${name} must be true or false, not ${typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : kindOf(value)}`);
    // A value option given a switch's value, or null: `reports: false` would write the reports to
    // reports/ (the bare flag), `reports: null` to a folder named "null".
    if (!SWITCHES.has(name) && name in FLAG_OF && (typeof value === 'boolean' || value === null)) {
      throw bad(`${name} takes a value, not ${String(value)}: ${name === 'reports' ? 'leave it out to write no report files' : 'give it a value or leave it out'}`);
    }
    if (name === 'operation' && Array.isArray(value) && value.length === 0) throw bad('operation is an empty list: leave it out for every operation');
    if (name in FLAG_OF && !SWITCHES.has(name)) checkValueOption(name, value);
    // As an empty flag (parse-flags.ts): reports: '' would mean the working folder, operation: '' every
    // operation; so would operation: ',' or [''] (the ids split from it are none), and a blank one in a
    // list. A flag's commas only: cwd ',' is a folder's name.
    const blank = (one: unknown): boolean => typeof one === 'string' && (name in FLAG_OF ? one.split(',') : [one]).every((piece) => piece.trim() === '');
    if ([value].flat().some(blank)) throw bad(`${name} is empty: give it a value or leave it out`);
    const own = OWN_OPTIONS[name];
    if (own !== undefined && !own.is(value)) throw bad(`${name} must be ${own.what}, not ${kindOf(value)}`);
    if (name === 'env' && isObject(value)) checkEnvOption(value);
  }
}
