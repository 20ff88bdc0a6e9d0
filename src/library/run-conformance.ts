/** A conformance run from code: the CLI's run, with typed options, resolving to the report. */
import { didYouMean } from '../text/plain-text';
import { resolveRunConfig } from '../config/run-config';
import type { Certificate, ConformanceReport } from '../model';
import { ConformanceError, UsageError } from '../model/errors';
import { runConformance as runOnce } from '../runner/run-conformance';
import { FLAG_OF, flagsOf, type ConformanceOptions } from './options';
import { senderEnv } from './sender-env';

/** A run's report: every run from code certifies, so its certificate is always there. */
export type CertifiedReport = ConformanceReport & { certificate: Certificate };

/** What a run that reached its verdict resolves to. */
export interface ConformanceResult {
  /** The report, as `conformance.json` holds it (certificate included). */
  report: CertifiedReport;
  /** What the CLI would exit with: 0 conformant, 1 contract violations. */
  exitCode: number;
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
 * recording, 3 for an unreachable target) when the run cannot reach a verdict; the message is the
 * CLI's one line, with the options' names in place of the flags'.
 *
 * @example
 * const { exitCode, report } = await runConformance({ baseUrl, apiKey, senders });
 */
export function runConformance(options: ConformanceOptions = {}): Promise<ConformanceResult> {
  const run = queue.then(() => runNow(options));
  queue = run.catch(() => undefined);
  return run;
}

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
function inOptionWords(error: unknown): unknown {
  if (!(error instanceof ConformanceError)) return error;
  const renamed = error.message.replace(/(^|[\s(])--([a-z][a-z-]*)(?=$|[\s),.:;])/g, (word, before: string, name: string) => {
    const option = OPTION_OF.get(name);
    return option === undefined ? word : `${before}${option}`;
  });
  if (renamed !== error.message) {
    const was = error.message;
    // A function, not a string: `$&` or `$'` in a caller's value must not be read as a pattern.
    if (error.stack !== undefined) error.stack = error.stack.replace(was, () => renamed);
    error.message = renamed;
  }
  return error;
}

async function runNow(options: ConformanceOptions): Promise<ConformanceResult> {
  try {
    return await runChecked(options);
  } catch (error) {
    throw inOptionWords(error);
  }
}

async function runChecked(options: ConformanceOptions): Promise<ConformanceResult> {
  checkOptions(options);
  const cwd = options.cwd ?? process.cwd();
  const env = { ...(options.env ?? process.env) };
  let config = resolveRunConfig(flagsOf(options), { values: env }, cwd);
  if (options.senders !== undefined) {
    config = { ...config, env: { ...config.env, ...senderEnv(options.senders, config.operationsDir, config.fixturesDir) } };
  }
  const { report, exitCode, written } = await runOnce(config, { out: options.out ?? (() => undefined), writeReports: options.reports !== undefined, progress: false });
  const { certificate } = report;
  if (certificate === undefined) throw new Error('a run ended without its certificate (a bug in the suite)');
  return { report: { ...report, certificate }, exitCode, written };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The options that are no flag of the CLI, what each must be, and how an error says it. */
const OWN_OPTIONS: Readonly<Record<string, { is: (value: unknown) => boolean; what: string }>> = {
  senders: { is: isObject, what: 'an object' },
  env: { is: isObject, what: 'an object' },
  cwd: { is: (value) => typeof value === 'string' && value !== '', what: 'a folder path' },
  out: { is: (value) => typeof value === 'function', what: 'a function (text: string) => void' },
};

const SWITCHES = new Set(['allowWrites', 'allowLiveWrites', 'allowFlaky', 'baselineStrict']);

/**
 * What TypeScript checks, checked for JavaScript callers too, in the CLI's one-line words: a
 * misspelt option (`timeout` for `timeoutMs`, `allowWrite`) or a switch given `'yes'` would
 * otherwise be ignored, and a run would certify less than its caller meant.
 */
function checkOptions(options: unknown): asserts options is ConformanceOptions {
  const bad = (message: string): UsageError => new UsageError(`runConformance: ${message}`);
  if (!isObject(options)) throw bad(`the options must be an object, not ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  const known = [...Object.keys(FLAG_OF), ...Object.keys(OWN_OPTIONS)];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!known.includes(name)) throw bad(`unknown option ${JSON.stringify(name)} (${didYouMean(name, known)}the options: ${known.join(', ')})`);
    if (SWITCHES.has(name) && typeof value !== 'boolean') throw bad(`${name} must be true or false, not ${JSON.stringify(value)}`);
    if (name === 'operation' && Array.isArray(value) && value.length === 0) throw bad('operation is an empty list: leave it out for every operation');
    // As an empty flag: reports: '' would mean the working folder, operation: '' every operation.
    if (typeof value === 'string' && value.trim() === '') throw bad(`${name} is empty: give it a value or leave it out`);
    const own = OWN_OPTIONS[name];
    if (own !== undefined && !own.is(value)) throw bad(`${name} must be ${own.what}, not ${typeof value}`);
  }
}
