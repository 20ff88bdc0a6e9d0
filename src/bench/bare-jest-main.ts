/**
 * The bench's baseline: Jest with the conformance run's exact configuration, running one trivial
 * test. What a conformance run costs beyond this is the suite's own work. `--circus`: the same
 * with Jest's default runner, jest-circus, in place of the suite's (what that runner saves).
 * `--round-trips N`: then N bare node:http round trips in the same process (request-floor.ts).
 */
import { runJestInBand } from '../runner/run-jest';
import { bareRoundTrips } from './request-floor';

async function main(): Promise<void> {
  const circus = process.argv.includes('--circus') ? { testRunner: 'jest-circus/runner' } : {};
  // The run's own Jest call and configuration (its cache folder too), on one trivial test.
  const results = await runJestInBand({ timeoutMs: 10000 }, (config) => ({ ...config, rootDir: __dirname, roots: [__dirname], testRegex: ['[/\\\\]trivial\\.bench-test\\.js$'], ...circus }));
  const at = process.argv.indexOf('--round-trips');
  const roundTrips = at === -1 ? 0 : Number(process.argv[at + 1]);
  const answered = roundTrips > 0 ? await bareRoundTrips(roundTrips) : 0;
  process.exit(results.success && results.numPassedTests === 1 && answered === roundTrips ? 0 : 1);
}

void main();
