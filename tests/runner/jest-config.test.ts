/**
 * The run's Jest configuration: the progress reporter is always there, since it also takes back the
 * line Jest's runCLI prints in a terminal before the run; a run from code gets it without lines.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root';
import { caseTimeout, jestConfig } from '../../src/runner/jest-config';
import { longestPlayedExchangeMs } from '../support/longest-exchange';
import { expectOneLineError } from '../support/one-line-error';
import { scratchDir } from '../support/scratch-dir';

const reporters = (progress?: boolean): unknown => jestConfig({ timeoutMs: 1000, ...(progress === undefined ? {} : { progress }) }, '/tmp/cache')['reporters'];

test('the progress reporter with its lines for the CLI, without them for a run from code, never none', () => {
  expect(reporters()).toEqual([[expect.stringMatching(/progress-reporter\.js$/), {}]]);
  expect(reporters(false)).toEqual([[expect.stringMatching(/progress-reporter\.js$/), { lines: false }]]);
  // --allow-flaky with a baseline: the reporter is told a flaky case's verdict comes after the run.
  expect(jestConfig({ timeoutMs: 1000, flakyVerdictAfterBaseline: true }, '/tmp/cache')['reporters']).toEqual([[expect.stringMatching(/progress-reporter\.js$/), { flakyVerdictAfterBaseline: true }]]);
});

/**
 * The package's runtime files copied under `folder` in a fresh scratch folder, its dependencies
 * linked, as an install would lay them out; the run's result from there.
 */
function runInstalledUnder(folder: string, alter: (root: string) => void = () => undefined): { status: number | null; stdout: string; stderr: string; cwd: string } {
  const home = scratchDir('zvc-install-');
  const root = join(home, folder, 'node_modules', 'zavu-conformance');
  mkdirSync(root, { recursive: true });
  for (const entry of ['package.json', 'dist', 'specs', 'operations', 'fixtures', 'schemas']) cpSync(join(packageRoot, entry), join(root, entry), { recursive: true });
  symlinkSync(join(packageRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  alter(root);
  const run = spawnSync(process.execPath, [join(root, 'dist/cli/zavu-conformance-main.js'), '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {
    cwd: home,
    env: { PATH: process.env['PATH'] ?? '', HOME: home },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, cwd: home };
}

test('installed in a folder whose path has glob characters ("[work]", "!old", "*"), the suite is found and run', () => {
  // Jest pasted <rootDir> into the testMatch glob: such a folder matched no file, and the run ended
  // with Jest's "No tests found" (exit 1, no report).
  const run = runInstalledUnder('[work] !old *x');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^conformance: \d+ passed, 0 failed, 0 skipped, 0 errors/m);
}, 60000);

test('installed under a folder with "?" (which Jest\'s resolver cannot load from): exit 2 in one line naming the folder, not Jest\'s validation error', () => {
  const run = runInstalledUnder('why?');
  expect(run.status).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance run: the suite is installed under \S*why\?\/node_modules\/zavu-conformance\/dist\/suite, whose "\?" Jest's module resolver reads as the start of a query, .*install it under a path without "\?"$/);
}, 60000);

test('a suite file Jest cannot run (an install damaged after the build): exit 2 in one line saying the suite could not run, no report, no stack trace', () => {
  const run = runInstalledUnder('damaged', (root) => appendFileSync(join(root, 'dist/suite/operations.conformance.js'), '\nthrow new Error("damaged install\\n    at somewhere (x.js:1:1)");\n'));
  expect(run.status).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance run: the conformance suite could not run: .*damaged install$/);
  // Nothing judged, so no verdict written as if it were one.
  expect(run.stdout).not.toMatch(/^conformance: /m);
  const reports = join(run.cwd, 'reports');
  // The NOT RUN pair a CI step shows (summary.md, junit.xml), saying why; no conformance.json.
  expect(existsSync(reports) ? readdirSync(reports).sort() : []).toEqual(['junit.xml', 'summary.md']);
  expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(/NOT RUN[\s\S]*the conformance suite could not run: [\s\S]*damaged install/);
}, 60000);

test("a case's limit per step leaves room for its longest exchange: every send of it slow to its last deadline and answered 429, each Retry-After waited out", async () => {
  // The limit once allowed 4 deadlines and three 30 s waits: but each of the 4 sends may take all
  // of an exchange's deadlines (the stall grace, a fresh connection after a silent reused one, the
  // decoding's), so at the default --timeout a slow, rate-limited target was stopped at 135 s by
  // the suite's own limit in an exchange that may take 220 s: a false "timed out".
  for (const timeoutMs of [1, 300, 10_000, 600_000]) {
    expect(caseTimeout(timeoutMs)).toBeGreaterThan(await longestPlayedExchangeMs(timeoutMs));
    expect(caseTimeout(timeoutMs, 3)).toBeGreaterThan(await longestPlayedExchangeMs(timeoutMs, 0, 3));
    // Each retry goes through the --rate pacing again: a tick of 40 s before each of the 4 requests.
    expect(caseTimeout(timeoutMs, 1, 40_000)).toBeGreaterThan(await longestPlayedExchangeMs(timeoutMs, 40_000));
  }
});

test("a case's limit counts the run's minute of Retry-After once, however many exchanges it covers: the budget is the run's, not a step's or a repeat's", async () => {
  // It counted the minute for each step and each repeat: an 11-step sequence was allowed 11
  // minutes of waits the run cannot make, and a hung one held the run that much longer.
  for (const timeoutMs of [1, 10_000, 600_000]) {
    for (const exchanges of [1, 3, 11]) {
      const played = await longestPlayedExchangeMs(timeoutMs, 40_000, exchanges);
      expect(caseTimeout(timeoutMs, exchanges, 40_000)).toBeGreaterThan(played);
      // Its margin for the timers' lateness, no more.
      expect(caseTimeout(timeoutMs, exchanges, 40_000)).toBeLessThanOrEqual(played + 5000);
    }
  }
});
