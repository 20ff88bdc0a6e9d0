/**
 * The Jest configuration of a conformance run, built in code and handed to runCLI as JSON: no
 * config file to find, no TypeScript loader, no transform (the suite is precompiled in dist/),
 * no watchman. Start-up dominates a run against a local server, so every one of these matters.
 */
import { join, resolve } from 'node:path';
import { longestExchangeMs, MAX_EXCHANGE_DEADLINES } from '../transport/exchange-deadlines';

export interface JestRunOptions {
  timeoutMs: number;
  /** Cases in flight at once (test.concurrent when above 1). */
  concurrency?: number;
  /** false: no line per case on stdout (a run from code prints nothing it was not asked to). */
  progress?: boolean;
  /** --allow-flaky with a baseline: the progress line of a flaky case says its verdict comes after the baseline comparison. */
  flakyVerdictAfterBaseline?: boolean;
}

/**
 * Jest's timeout for a case of `exchanges` exchanges one after another (its steps, times --repeat):
 * the longest they may take (longestExchangeMs: every request each sends, the first and each retry
 * after a 429, taking all of an exchange's deadlines after its --rate tick of `tickMs`, and the
 * run's Retry-After waits, a minute over all of them), and 5 s for the timers' lateness. An upper
 * bound against a bug in the suite, not a target: every request has its own deadline. A case that
 * still runs past it is stopped there (suite-test-runner.ts), an error, and the next case waits for
 * it to end: past it is never beside the next.
 */
export function caseTimeout(timeoutMs: number, exchanges = 1, tickMs = 0): number {
  return longestExchangeMs(timeoutMs, tickMs, exchanges) + 5000;
}

/**
 * How long a case stopped at its limit may take to end (suite-test-runner.ts waits this, then
 * halts the file): it sends nothing more, its waits end at once, and only the requests it had on
 * the wire are awaited, side by side, each to its deadlines (MAX_EXCHANGE_DEADLINES); 30 s besides
 * for judging what they brought back on a busy machine. Not one more case limit: that is 16
 * deadlines and a minute a step, and a hung 11-step sequence held the run twice its limit.
 */
export function stopGrace(timeoutMs: number): number {
  return MAX_EXCHANGE_DEADLINES * timeoutMs + 30_000;
}

/** dist/suite when running built code; the suite is always run from compiled JavaScript. */
const suiteDir = resolve(__dirname, '../suite');

/**
 * Why Jest cannot load the suite from where it is installed, or undefined. Jest's module resolver
 * reads a '?' in a path as the start of a query string, so the suite's test runner "was not found"
 * under a folder with one in its name (POSIX only: Windows allows none): said in one line, not as
 * Jest's validation error.
 */
export function suiteDirProblem(dir: string = suiteDir): string | undefined {
  if (!dir.includes('?')) return undefined;
  return `the suite is installed under ${dir}, whose "?" Jest's module resolver reads as the start of a query, so it cannot load the suite from there: install it under a path without "?"`;
}

/** `cacheDirectory`: Jest's cache folder for this run (jestCacheDir). */
export function jestConfig(options: JestRunOptions, cacheDirectory: string): Record<string, unknown> {
  return {
    rootDir: suiteDir,
    roots: [suiteDir],
    // A regular expression of the file's name alone, not a glob of its path: Jest pastes <rootDir>
    // into a testMatch glob, and an install folder with [ ], ! or * in its path (a "[work]" or
    // "Projects [old]" folder) matched nothing, so the run found no tests (Jest issues 1081, 5172).
    // roots already keeps the search to dist/suite.
    testRegex: ['[/\\\\]operations\\.conformance\\.js$'],
    moduleFileExtensions: ['js', 'json'],
    transform: {},
    // Jest's node environment plus the run's engine, built in this process (src/suite/host-environment.ts).
    testEnvironment: join(suiteDir, 'host-environment.js'),
    // The suite's own runner in place of jest-circus: the sandbox loads the suite file and nothing else (src/suite/suite-test-runner.ts).
    testRunner: join(suiteDir, 'suite-test-runner.js'),
    watchman: false,
    // Installed as a package, the suite lives under node_modules/, which Jest skips by default:
    // both the test path filter and the file map must keep it.
    testPathIgnorePatterns: [],
    // forceNodeFilesystemAPI: list dist/suite with readdir, not by spawning find(1) twice (a probe, then the crawl).
    haste: { retainAllFiles: true, forceNodeFilesystemAPI: true },
    // Not a fixed /tmp folder: whoever ran first would own it, and other users' runs would fail on it.
    cacheDirectory,
    // Each request has its own deadline; Jest's timeout only guards against a bug in the suite itself.
    testTimeout: caseTimeout(options.timeoutMs),
    maxConcurrency: options.concurrency ?? 1,
    // junit.xml is rendered from the report like the other four (a shard merge is merge-then-render).
    // Without progress too: it takes back the line Jest prints in a terminal before the run.
    reporters: [[join(suiteDir, 'progress-reporter.js'), options.progress === false ? { lines: false } : options.flakyVerdictAfterBaseline === true ? { flakyVerdictAfterBaseline: true } : {}]],
  };
}
