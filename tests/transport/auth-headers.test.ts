import { swapCase } from '../../src/model/http';
import { authorizationFor, variantProblem, wellFormedUnknownKey } from '../../src/transport/auth-headers';

test('the unknown key keeps the prefix and length of the configured one, and differs each time', () => {
  const configured = 'zv_live_' + 'a'.repeat(40);
  const a = wellFormedUnknownKey(configured);
  expect(a).toMatch(/^zv_live_[0-9a-f]{40}$/);
  expect(a).not.toBe(wellFormedUnknownKey(configured));
  expect(wellFormedUnknownKey(undefined)).toMatch(/^zv_test_[0-9a-f]{32}$/);
});

test.each([
  ['valid', 'Bearer K'],
  ['none', undefined],
  ['wrong-key', 'Bearer U'],
  ['empty-bearer', 'Bearer '],
  ['no-scheme', 'K'],
  ['basic', `Basic ${Buffer.from('K:').toString('base64')}`],
] as const)('%s → %j', (variant, header) => {
  expect(authorizationFor(variant, 'K', 'U')).toBe(header);
});

test("other-project-key sends the other project's own key, not the run's", () => {
  expect(authorizationFor('other-project-key', 'K', 'U', 'O')).toBe('Bearer O');
});

describe('the valid key sent wrongly: each header carries a credential that is not the key', () => {
  const key = 'zv_test_Ab12cD';
  test.each([
    ['token-scheme', `Token ${key}`],
    ['apikey-scheme', `ApiKey ${key}`],
    ['bearer-no-space', `Bearer${key}`],
    // The prefix kept: only the secret's letters change case.
    ['case-changed', 'Bearer zv_test_aB12Cd'],
    ['appended', `Bearer ${key}00`],
    ['prepended', `Bearer 00${key}`],
    ['key-then-word', `Bearer ${key} extra`],
    ['other-environment', 'Bearer zv_live_Ab12cD'],
    ['property-name', 'Bearer constructor'],
    ['truncated', 'Bearer zv_test_Ab12c'],
  ] as const)('%s → %j', (variant, header) => {
    expect(authorizationFor(variant, key, 'U')).toBe(header);
  });

  test('swapCase changes every ASCII letter and nothing else', () => {
    expect(swapCase('zv_test_Ab9-é')).toBe('ZV_TEST_aB9-é');
  });

  test('the other environment of a live key is the sandbox, and a key without a prefix swaps every letter', () => {
    expect(authorizationFor('other-environment', 'zv_live_0a', 'U')).toBe('Bearer zv_test_0a');
    expect(authorizationFor('case-changed', 'Ab12', 'U')).toBe('Bearer aB12');
  });

  test('a variant that would leave the key valid is refused with the reason, others are fine', () => {
    expect(variantProblem('case-changed', '0123_4567')).toMatch(/no letters/);
    expect(variantProblem('case-changed', 'zv_test_0123')).toMatch(/no letters past its prefix/);
    expect(variantProblem('other-environment', 'sk_0123')).toMatch(/no zv_test_ or zv_live_ prefix/);
    expect(variantProblem('other-environment', key)).toBeUndefined();
    expect(variantProblem('truncated', 'k')).toMatch(/too short/);
    expect(variantProblem('case-changed', key)).toBeUndefined();
    expect(variantProblem('truncated', key)).toBeUndefined();
    expect(variantProblem('valid', '0123')).toBeUndefined();
  });
});
