/** Runs the conformance suite through Jest in this process (in-band: one file, a handful of requests). */
import { runCLI } from 'jest';
import { jestCacheDir } from '../cache/content-cache';
import { UsageError } from '../model/errors';
import { jestConfig, suiteDirProblem, type JestRunOptions } from './jest-config';

export interface JestOutcome {
  /** Set when the suite file itself could not run (a bug or a schema that does not compile). */
  loadError?: string;
}

/**
 * Jest, in this process, with the run's configuration (`adjust` may change it: the bench runs a
 * trivial test with it), its cache folder released when it ends.
 */
export async function runJestInBand(options: JestRunOptions, adjust: (config: Record<string, unknown>) => Record<string, unknown> = (config) => config): Promise<Awaited<ReturnType<typeof runCLI>>['results']> {
  const problem = suiteDirProblem();
  if (problem !== undefined) throw new UsageError(problem);
  const cache = jestCacheDir();
  const argv = { _: [], $0: 'zavu-conformance', config: JSON.stringify(adjust(jestConfig(options, cache.folder))), runInBand: true, silent: true };
  // The only project must be the working directory: then Jest reads argv.config as both the global and
  // the project configuration (any other path makes it validate global options as project ones and warn).
  const restoreStackFormatter = keepStackFormatter();
  const restoreRunnerSettings = keepRunnerSettings();
  const { results } = await runCLI(argv as never, [process.cwd()]).finally(() => {
    cache.release();
    restoreRunnerSettings();
    restoreStackFormatter();
  });
  return results;
}

/**
 * Jest's runner installs its source-map formatter as `Error.prepareStackTrace` of the realm it runs
 * in, for good (@jest/source-map has no uninstall). In the CLI that is the suite's own process; but
 * a run from code inside the user's own Jest test runs in that test file's sandbox, where the
 * formatter's lazy requires go through the sandbox's registry: a stack formatted between two tests
 * (the user's own failing assertion after the run, or the user's test timing out while a run is
 * still in flight) throws "require … outside of the scope of the test code", and Jest reports the
 * file as failed to run, with 0 tests, its afterAll not run (the user's servers left open: Jest
 * never exits). So for the whole run the realm keeps its formatter: an accessor in its place
 * (Node reads `Error.prepareStackTrace` with an ordinary get) refuses that one assignment, Jest's
 * bound `formatStackTrace`, and takes any other (code that swaps in its own formatter for a moment
 * to read call sites keeps working); the realm's own descriptor comes back when Jest ends. The
 * suite's code needs no source maps (it runs compiled JavaScript). A descriptor that cannot be
 * replaced is left alone. Returns the restore.
 */
function keepStackFormatter(): () => void {
  const own = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace');
  if (own !== undefined && own.configurable !== true) return () => undefined;
  let current: unknown = own === undefined ? undefined : own.get !== undefined ? own.get.call(Error) : own.value;
  Object.defineProperty(Error, 'prepareStackTrace', {
    configurable: true,
    get: () => current,
    set: (value: unknown) => {
      if (!(typeof value === 'function' && value.name === 'bound formatStackTrace')) current = value;
    },
  });
  return () => {
    if (own === undefined) delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    else Object.defineProperty(Error, 'prepareStackTrace', own);
  };
}

/**
 * Jest's in-band runner sets `process.env.JEST_WORKER_ID` to "1" and `Error.stackTraceLimit` to
 * 100 in the realm it runs in, for good: harmless in the CLI's own process, but a run from code
 * left them in the caller's. A user's Node script then read as a Jest worker to every library that
 * asks JEST_WORKER_ID whether it runs under test, and a user's parallel Jest worker 3 read as
 * worker 1, taking worker 1's port or database where it picks them by that id. Both come back as
 * the caller had them when Jest ends (the variable deleted when it had none). So does the mark of
 * Jest's globals-cleanup mode its test environment sets on the realm's global, where none was (a
 * plain Node script): left there, the script's own Jest started later with another
 * `globalsCleanup` warned that the mode was already set and kept ours. Returns the restore.
 */
function keepRunnerSettings(): () => void {
  const worker = process.env['JEST_WORKER_ID'];
  const { stackTraceLimit } = Error;
  const hadCleanupMode = Object.prototype.hasOwnProperty.call(globalThis, JEST_CLEANUP_MODE);
  return () => {
    if (worker === undefined) delete process.env['JEST_WORKER_ID'];
    else process.env['JEST_WORKER_ID'] = worker;
    Error.stackTraceLimit = stackTraceLimit;
    if (!hadCleanupMode) Reflect.deleteProperty(globalThis, JEST_CLEANUP_MODE);
  };
}

/** jest-util's key for the globals-cleanup mode on a global (initializeGarbageCollectionUtils). */
const JEST_CLEANUP_MODE = Symbol.for('$$jest-deletion-mode');

export async function runJestSuite(options: JestRunOptions): Promise<JestOutcome> {
  const results = await runJestInBand(options);
  const execError = results.testResults.find((r) => r.testExecError)?.testExecError;
  return {
    ...(execError ? { loadError: (execError.message || String(execError)).split('\n')[0] ?? 'unknown error' } : {}),
  };
}
