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
  const { results } = await runCLI(argv as never, [process.cwd()]).finally(() => cache.release());
  return results;
}

export async function runJestSuite(options: JestRunOptions): Promise<JestOutcome> {
  const results = await runJestInBand(options);
  const execError = results.testResults.find((r) => r.testExecError)?.testExecError;
  return {
    ...(execError ? { loadError: (execError.message || String(execError)).split('\n')[0] ?? 'unknown error' } : {}),
  };
}
