/**
 * The Jest configuration of a conformance run, built in code and handed to runCLI as JSON: no
 * config file to find, no TypeScript loader, no transform (the suite is precompiled in dist/),
 * no watchman. Start-up dominates a run against a local server, so every one of these matters.
 */
import { join, resolve } from 'node:path';

export interface JestRunOptions {
  timeoutMs: number;
  /** Cases in flight at once (test.concurrent when above 1). */
  concurrency?: number;
  /** false: no line per case on stdout (a run from code prints nothing it was not asked to). */
  progress?: boolean;
}

/**
 * Jest's timeout for one case: per repeat, up to 4 attempts (3 waits for a 429's Retry-After of
 * at most 30 s each). An upper bound against a bug in the suite, not a target: every request has
 * its own deadline.
 */
export function caseTimeout(timeoutMs: number, repeat = 1): number {
  return repeat * (4 * timeoutMs + 3 * 30_000) + 5000;
}

/** dist/suite when running built code; the suite is always run from compiled JavaScript. */
const suiteDir = resolve(__dirname, '../suite');

/** `cacheDirectory`: Jest's cache folder for this run (jestCacheDir). */
export function jestConfig(options: JestRunOptions, cacheDirectory: string): Record<string, unknown> {
  return {
    rootDir: suiteDir,
    roots: [suiteDir],
    testMatch: ['<rootDir>/operations.conformance.js'],
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
    reporters: [[join(suiteDir, 'progress-reporter.js'), options.progress === false ? { lines: false } : {}]],
  };
}
