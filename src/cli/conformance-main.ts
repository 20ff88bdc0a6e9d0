/**
 * `zavu-conformance run` (the default command; `npm run conformance`): run the conformance suite
 * and exit 0 (conformant), 1 (violations), 2 (usage/spec), 3 (unreachable), 130/143/129 (interrupted).
 */
import { layeredEnv } from '../config/layered-env';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runOptions } from '../config/options';
import { parseFlags } from '../config/parse-flags';
import { resolveRunConfig, type RunConfig } from '../config/run-config';
import { ConformanceError, ExitCode } from '../model/errors';
import { REPORT_FILES } from '../report/write-reports';
import { firstLineOf } from '../text/plain-text';
import { packageRoot } from '../package-root';
import { markNotRun } from '../runner/not-run';
import { runConformance } from '../runner/run-conformance';
import { exitWith, failLine, helpText, onFirstSignal, onParentGone, printedHelpOrVersion } from './cli-support';

const program = 'zavu-conformance';

/** The fixture variables, as the suite's own fixture files declare them (help must work whatever else is broken). */
function fixtureLines(): string[] {
  try {
    const dir = join(packageRoot, 'fixtures');
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => Object.values((JSON.parse(readFileSync(join(dir, name), 'utf8')) as { roles: Record<string, { env?: string; writableWhen?: string; description: string }> }).roles))
      .flatMap((role) => [
        ...(role.env === undefined ? [] : [`  ${`${role.env} `.padEnd(30)}${role.description}`]),
        ...(role.writableWhen === undefined ? [] : [`  ${`${role.writableWhen} `.padEnd(30)}1: with --allow-writes, writes may go to ${role.env ?? 'that sender'} too (a sandbox sender of yours)`]),
      ]);
  } catch {
    return ['  (see fixtures/*.json)'];
  }
}

const footer = () => [
  'Fixtures (environment or .env; a live target only):',
  ...fixtureLines(),
  '',
  'Exit codes: 0 conformant · 1 contract violations · 2 usage, configuration or spec error · 3 target unreachable · 130/143/129 interrupted (SIGINT/SIGTERM/SIGHUP)',
].join('\n');

const usage = [
  'Usage: zavu-conformance [run] [options]',
  '       zavu-conformance mock | merge | schemas | history [options]   (each has --help)',
  '',
  'Runs the conformance suite against --base-url, or against the embedded reference server when none is given.',
].join('\n');

/** The signals that end a run early (Ctrl-C, a cancelled CI job, a closed terminal), with the exit code a shell reports for each: 128 + its number. */
const INTERRUPTIONS: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Until the run settles, an interruption ends it as a failure before the verdict does: the earlier
 * reports go and summary.md says NOT RUN and why (a CI step posting it with `if: always()` after a
 * cancel must not post an old verdict), one line says so, and the exit code is the signal's. A
 * second signal meets no handler and ends the process at once. Only the command does this: a
 * library does not take its host's signals. Returns the function that lets them go.
 */
function stopOnInterruption(reportsDir: string): () => void {
  const releaseSignals = onFirstSignal(Object.keys(INTERRUPTIONS) as NodeJS.Signals[], (signal) => interrupt(reportsDir, INTERRUPTIONS[signal] ?? 1, `interrupted by ${signal} before the verdict`));
  // npm's SIGTERM may end its shell and not reach the run (see onParentGone): as if it had.
  const stopWatching = onParentGone(() => {
    releaseSignals();
    interrupt(reportsDir, INTERRUPTIONS.SIGTERM ?? 143, 'interrupted before the verdict: npm, which started it, ended (SIGTERM)');
  });
  return () => {
    releaseSignals();
    stopWatching();
  };
}

/** The interruption itself: NOT RUN in the reports folder, one line, the exit code. */
function interrupt(reportsDir: string, code: number, message: string): void {
  let said: string;
  try {
    said = `${markNotRun(reportsDir, message, code)} says NOT RUN`;
  } catch {
    said = 'the reports folder could not be written';
  }
  // Named as the dispatcher names the run command in every other line it prints.
  process.stderr.write(`${program} run: ${message} (${said})\n`);
  exitWith(code);
}

/**
 * After a bad setting (exit 2 before the run begins), the reports folder the run would have used,
 * when it can still be told (the --reports flag well formed, or ZAVU_REPORTS_DIR, or the default)
 * and holds an earlier report: that report is replaced by NOT RUN as after any other exit 2, so a
 * CI step posting summary.md (or reading certificate.json) after a typo in a flag does not post
 * the last run's verdict. A folder without a report is left alone, and nothing is created.
 */
function retractEarlierReports(argv: readonly string[], message: string, exitCode: number): void {
  try {
    const { values } = parseArgs({ args: [...argv], options: { reports: { type: 'string' } }, strict: false, allowPositionals: true });
    const flag = values['reports'];
    if (flag !== undefined && (typeof flag !== 'string' || flag.trim() === '')) return;
    const fromEnv = layeredEnv(process.cwd(), process.env).values['ZAVU_REPORTS_DIR'];
    const dir = resolve(process.cwd(), flag ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : 'reports'));
    // Only a folder this suite wrote: reports/summary.md and junit.xml are common names of other tools' output.
    if (!readSafely(join(dir, REPORT_FILES.markdown)).startsWith(SUMMARY_HEADING)) return;
    markNotRun(dir, message, exitCode);
  } catch {
    // The error line says what went wrong; the folder is a courtesy.
  }
}

/** How every summary.md the suite writes begins, a verdict's or NOT RUN's. */
const SUMMARY_HEADING = '### Zavu conformance';

function readSafely(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(0, 200);
  } catch {
    return '';
  }
}

/**
 * Every value the API key may have before the settings are read (the --api-key flag, the
 * environment, .env): an error about the command line may quote an argument, and a key typed in
 * the wrong place (`run ZAVU_API_KEY=zv_…`) must reach neither stderr nor summary.md.
 */
function keyCandidates(argv: readonly string[]): string[] {
  const keys = [process.env['ZAVU_API_KEY']];
  try {
    keys.push(layeredEnv(process.cwd(), process.env).values['ZAVU_API_KEY']);
  } catch {
    // An unreadable .env holds no key this line could quote.
  }
  argv.forEach((arg, i) => {
    if (arg === '--api-key') keys.push(argv[i + 1]);
    else if (arg.startsWith('--api-key=')) keys.push(arg.slice('--api-key='.length));
  });
  return [...new Set(keys.map((key) => key?.trim() ?? '').filter((key) => key !== ''))];
}

/** The settings' error, its message without any form of a key it may quote. */
function withoutKeys(error: unknown, argv: readonly string[]): unknown {
  const keys = keyCandidates(argv);
  if (!(error instanceof ConformanceError) || keys.length === 0) return error;
  const { createScrubber } = require('../recording/scrub') as typeof import('../recording/scrub');
  const message = createScrubber(keys).text(error.message);
  return message === error.message ? error : new ConformanceError(message, error.exitCode);
}

/** The run command: settings from flags over the environment over .env; resolves to the exit code. */
export async function runCommand(argv: readonly string[]): Promise<number> {
  let config: RunConfig;
  try {
    const flags = parseFlags(argv, runOptions);
    if (printedHelpOrVersion(flags, () => helpText(usage, runOptions, footer()))) return 0;
    config = resolveRunConfig(flags, layeredEnv(process.cwd(), process.env), process.cwd());
  } catch (caught) {
    const error = withoutKeys(caught, argv);
    retractEarlierReports(argv, firstLineOf(error), error instanceof ConformanceError ? error.exitCode : ExitCode.usage);
    throw error;
  }
  const release = stopOnInterruption(config.reportsDir);
  try {
    const outcome = await runConformance(config, { out: (text) => process.stdout.write(text) });
    return outcome.exitCode;
  } finally {
    release();
  }
}

// Run directly (npm scripts, tests); the zavu-conformance dispatcher calls runCommand itself.
if (require.main === module) runCommand(process.argv.slice(2)).then(exitWith, (error: unknown) => exitWith(failLine(program, error)));
