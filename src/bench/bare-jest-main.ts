/**
 * The bench's baseline: Jest with the conformance run's exact configuration, running one trivial
 * test. What a conformance run costs beyond this is the suite's own work. `--circus`: the same
 * with Jest's default runner, jest-circus, in place of the suite's (what that runner saves).
 */
import { runCLI } from 'jest';
import { jestConfig } from '../runner/jest-config';

async function main(): Promise<void> {
  const circus = process.argv.includes('--circus') ? { testRunner: 'jest-circus/runner' } : {};
  const config = { ...jestConfig({ timeoutMs: 10000 }), rootDir: __dirname, roots: [__dirname], testMatch: ['<rootDir>/trivial.bench-test.js'], ...circus };
  const { results } = await runCLI({ _: [], $0: 'bench', config: JSON.stringify(config), runInBand: true, silent: true } as never, [process.cwd()]);
  process.exit(results.success && results.numPassedTests === 1 ? 0 : 1);
}

void main();
