/** Runs the conformance suite through Jest in this process (in-band: one file, a handful of requests). */
import { runCLI } from 'jest';
import { jestCacheDir } from '../cache/content-cache';
import { jestConfig, type JestRunOptions } from './jest-config';

export interface JestOutcome {
  /** Set when the suite file itself could not run (a bug or a schema that does not compile). */
  loadError?: string;
}

export async function runJestSuite(options: JestRunOptions): Promise<JestOutcome> {
  const cache = jestCacheDir();
  const argv = { _: [], $0: 'zavu-conformance', config: JSON.stringify(jestConfig(options, cache.folder)), runInBand: true, silent: true };
  // The only project must be the working directory: then Jest reads argv.config as both the global and
  // the project configuration (any other path makes it validate global options as project ones and warn).
  const { results } = await runCLI(argv as never, [process.cwd()]).finally(() => cache.release());
  const execError = results.testResults.find((r) => r.testExecError)?.testExecError;
  return {
    ...(execError ? { loadError: (execError.message || String(execError)).split('\n')[0] ?? 'unknown error' } : {}),
  };
}
