/**
 * `zavu-conformance run` (the default command; `npm run conformance`): run the conformance suite
 * and exit 0 (conformant), 1 (violations), 2 (usage/spec), 3 (unreachable), 130/143/129 (interrupted).
 */
import { layeredEnv } from '../config/layered-env';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runOptions } from '../config/options';
import { parseFlags } from '../config/parse-flags';
import { resolveRunConfig, runSecrets, type RunConfig } from '../config/run-config';
import { ConformanceError, ExitCode } from '../model/errors';
import { OTHER_PROJECT_KEY_ENV } from '../model/http';
import { firstLineOf } from '../text/plain-text';
import { packageRoot } from '../package-root';
import { retractOurReports } from '../runner/not-run';
import { misspeltRunSetting, runConformance } from '../runner/run-conformance';
import { exitWith, failLine, givenInputs, givenKeys, helpText, guardOutput, hideKeysFromProcessList, outliveClosedOutput, printedHelpOrVersion, reportsFlagOf, settingsEnv, withoutKeys } from './cli-support';
import { stopOnInterruption } from './stop-on-interruption';

const program = 'zavu-conformance';

/** The fixture variables, as the suite's own fixture files declare them (help must work whatever else is broken). */
function fixtureLines(): string[] {
  try {
    const dir = join(packageRoot, 'fixtures');
    const rows = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => Object.values((JSON.parse(readFileSync(join(dir, name), 'utf8')) as { roles: Record<string, { env?: string; writableWhen?: string; description: string }> }).roles))
      .flatMap((role): [string, string][] => [
        ...(role.env === undefined ? [] : [[role.env, role.description] as [string, string]]),
        ...(role.writableWhen === undefined ? [] : [[role.writableWhen, `1: with --allow-writes, writes may go to ${role.env ?? 'that sender'} too (a sandbox sender of yours)`] as [string, string]]),
      ]);
    // The one setting of a fixture that has no flag (a secret): without this line --help never names it.
    rows.push([OTHER_PROJECT_KEY_ENV, 'the key of the project ZAVU_SENDER_OTHER_PROJECT belongs to, a secret as ZAVU_API_KEY is (no flag): wherever a start goes to that sender, it is read with this key before and after; each coexistence sender of the key is read with it, and ZAVU_SENDER_SYNCABLE sent each start with it (own-sender-other-project-key, skipped without it); one read before the first case (of that sender, else of an id that names no sender): answered 401 (or 403 error="invalid_token") where the same read with the run\'s key is not, the run stops, exit 2']);
    // One column for every description, however long the longest name.
    const width = Math.max(0, ...rows.map(([name]) => name.length)) + 2;
    return rows.map(([name, text]) => `  ${name.padEnd(width)}${text}`);
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
  '       zavu-conformance mock | merge | schemas | history [options]   (each has --help: or zavu-conformance help COMMAND)',
  '',
  'Runs the conformance suite against --base-url, or against the embedded reference server when none is given.',
].join('\n');

/**
 * A bad setting stopped the run before it began (exit 2). Its error may quote an argument, and a
 * key typed in the wrong place (`run ZAVU_API_KEY=zv_…`) must reach neither stderr nor summary.md:
 * every value the key may have (--api-key, the environment, .env) is scrubbed from it. And the
 * reports folder the run would have used, when it can still be told (--reports well formed, else
 * ZAVU_REPORTS_DIR, else the default), gives way to NOT RUN if it holds this suite's report, so a
 * CI step posting summary.md (or reading certificate.json) after a typo does not post the last
 * run's verdict; any other folder is left alone, and nothing is created. Returns the error to throw.
 */
function settingsFailed(caught: unknown, argv: readonly string[], env: Record<string, string | undefined>): unknown {
  let error = caught;
  if (caught instanceof ConformanceError) {
    const message = withoutKeys(caught.message, givenKeys(argv, env));
    if (message !== caught.message) error = new ConformanceError(message, caught.exitCode);
  }
  try {
    const flag = reportsFlagOf(argv);
    if (flag === undefined || (typeof flag === 'string' && flag.trim() !== '')) {
      const fromEnv = env['ZAVU_REPORTS_DIR'];
      const dir = resolve(process.cwd(), typeof flag === 'string' ? flag : fromEnv !== undefined && fromEnv !== '' ? fromEnv : 'reports');
      retractOurReports(dir, firstLineOf(error), error instanceof ConformanceError ? error.exitCode : ExitCode.usage, givenInputs(argv, env, process.cwd()));
    }
  } catch {
    // The error line says what went wrong; the folder is a courtesy.
  }
  return error;
}

/** The run command: settings from flags over the environment over .env; resolves to the exit code. */
export async function runCommand(argv: readonly string[]): Promise<number> {
  let env: Record<string, string | undefined> | undefined;
  let config: RunConfig;
  try {
    const flags = parseFlags(argv, runOptions);
    if (printedHelpOrVersion(flags, () => helpText(usage, runOptions, footer()))) return 0;
    const settings = layeredEnv(process.cwd(), process.env);
    env = settings.values;
    config = resolveRunConfig(flags, settings, process.cwd());
    // A misspelt setting is a bad setting like any other: refused before the reports folder is touched.
    const misspelt = misspeltRunSetting(config);
    if (misspelt !== undefined) throw misspelt;
  } catch (caught) {
    throw settingsFailed(caught, argv, env ?? settingsEnv());
  }
  // Named as the dispatcher names the run command in every other line it prints. Only a record run
  // writes a recording, and its line says whether it is whole (recordings): what else may lack the run is the history store.
  const { release, verdictWritten, recordingWritten, onNight } = stopOnInterruption({ program: `${program} run`, afterVerdict: 'the history store', ...(config.mode === 'record' ? { recordings: config.recordingsDir } : {}) }, config.reportsDir, runSecrets(config), config.baseline === undefined ? [] : [config.baseline.file]);
  try {
    const outcome = await runConformance(config, { out: (text) => process.stdout.write(text), verdictWritten, recordingWritten, onNight });
    return outcome.exitCode;
  } finally {
    release();
  }
}

// Run directly (npm scripts, tests); the zavu-conformance dispatcher calls runCommand itself.
if (require.main === module) {
  outliveClosedOutput();
  guardOutput();
  hideKeysFromProcessList();
  runCommand(process.argv.slice(2)).then(exitWith, (error: unknown) => exitWith(failLine(program, error)));
}
