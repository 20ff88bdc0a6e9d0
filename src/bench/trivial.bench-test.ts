/** The bench's baseline test: one trivial assertion, run with the conformance suite's Jest configuration. */
import { expect, test } from '@jest/globals';

test('trivial', () => {
  expect(1 + 1).toBe(2);
});
