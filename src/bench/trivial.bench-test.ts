/**
 * The bench's baseline test: one trivial assertion, run with the conformance suite's Jest
 * configuration. That configuration's runner (src/suite/suite-test-runner.ts) has no `expect`, so
 * the assertion is a plain throw; with `--circus` (bare-jest-main.ts) the same file runs under
 * jest-circus for comparison.
 */
import { test } from '@jest/globals';

test('trivial', () => {
  if (1 + 1 !== 2) throw new Error('1 + 1 is not 2');
});
