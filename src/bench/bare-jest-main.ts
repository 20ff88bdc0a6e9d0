/**
 * The bench's baseline: Jest with the conformance run's exact configuration, running one trivial
 * test. What a conformance run costs beyond this is the suite's own work. `--circus`: the same
 * with Jest's default runner, jest-circus, in place of the suite's (what that runner saves).
 * `--round-trips N`: then N bare node:http round trips in the same process (request-floor.ts).
 */
import { runCLI } from 'jest';
import { jestCacheDir } from '../cache/content-cache';
import { jestConfig } from '../runner/jest-config';
import { bareRoundTrips } from './request-floor';

async function main(): Promise<void> {
  const circus = process.argv.includes('--circus') ? { testRunner: 'jest-circus/runner' } : {};
  // The same cache folder a run gets, released the same way.
  const cache = jestCacheDir();
  const config = { ...jestConfig({ timeoutMs: 10000 }, cache.folder), rootDir: __dirname, roots: [__dirname], testMatch: ['<rootDir>/trivial.bench-test.js'], ...circus };
  const { results } = await runCLI({ _: [], $0: 'bench', config: JSON.stringify(config), runInBand: true, silent: true } as never, [process.cwd()]).finally(() => cache.release());
  const at = process.argv.indexOf('--round-trips');
  const roundTrips = at === -1 ? 0 : Number(process.argv[at + 1]);
  const answered = roundTrips > 0 ? await bareRoundTrips(roundTrips) : 0;
  process.exit(results.success && results.numPassedTests === 1 && answered === roundTrips ? 0 : 1);
}

void main();
