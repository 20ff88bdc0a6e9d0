import { rfc3339Instant, sameInstant } from '../../../src/checks/support/rfc3339-instant';

test('one instant in any RFC 3339 spelling: offsets, case, trailing zeros', () => {
  expect(sameInstant('2026-01-15T10:00:00Z', '2026-01-15T10:00:00.000Z')).toBe(true);
  expect(sameInstant('2026-01-15T10:00:00Z', '2026-01-15T15:30:00+05:30')).toBe(true);
  expect(sameInstant('2026-01-15T10:00:00Z', '2026-01-15t10:00:00z')).toBe(true);
  expect(rfc3339Instant('2026-01-15T10:00:00.500Z')).toBe(rfc3339Instant('2026-01-15T10:00:00.5Z'));
  expect(sameInstant('not a time', '2026-01-15T10:00:00Z')).toBe(false);
});

test('a time kept to a coarser precision is the finer one truncated or rounded: within one unit of the coarser', () => {
  expect(sameInstant('2026-01-15T10:00:00Z', '2026-01-15T10:00:00.500Z')).toBe(true);
  expect(sameInstant('2026-01-15T10:00:00.2Z', '2026-01-15T10:00:00.217Z')).toBe(true);
  expect(sameInstant('2026-01-15T10:00:00Z', '2026-01-15T10:00:01.000Z')).toBe(false);
});

test('of one written precision every digit counts, trailing zeros included: ".200" is a millisecond, not a tenth', () => {
  // A read that restamped requestedAt 17 ms later passed as "the same instant" when the first stamp ended in zeros.
  expect(sameInstant('2026-12-05T19:45:43.200Z', '2026-12-05T19:45:43.217Z')).toBe(false);
  expect(sameInstant('2026-12-05T19:45:43.217Z', '2026-12-05T19:45:43.200Z')).toBe(false);
  expect(sameInstant('2026-12-05T19:45:43.210Z', '2026-12-05T19:45:43.211Z')).toBe(false);
  expect(sameInstant('2026-01-15T10:00:00.1234Z', '2026-01-15T10:00:00.1235Z')).toBe(false);
});
