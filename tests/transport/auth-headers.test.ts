import { authorizationFor, wellFormedUnknownKey } from '../../src/transport/auth-headers';

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
