/** @jest-config-loader esbuild-register */
/**
 * Jest configuration for the project's own tests (`npm test`).
 * The conformance suite itself does not use this file: the CLI hands Jest its configuration
 * directly (src/runner/jest-config.ts) so a gated run pays for no TypeScript config loader.
 */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // The end-to-end tests run dist/: a build older than src/ is refused before any test runs.
  globalSetup: '<rootDir>/tests/support/built-dist.ts',
  // The longest files first (measured in CI), so a fresh clone does not end on one of them alone.
  testSequencer: '<rootDir>/tests/support/slow-files-first.cjs',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  watchman: false,
  cacheDirectory: '<rootDir>/.jest-cache',
  // End-to-end tests spawn the CLI and servers; two workers match the 2-core machines.
  maxWorkers: 2,
  // Above the CLI runs' own kill bound (tests/support/run-cli.ts, 60 s): a test of two whole runs
  // on a loaded machine is judged by its runs, not cut off between them.
  testTimeout: 90_000,
};

export default config;
