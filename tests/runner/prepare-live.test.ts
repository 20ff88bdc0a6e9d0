/** A case whose wrong credentials cannot be derived from the run's key is skipped with the reason, not sent as the valid key. */
import { planCase } from '../../src/registry/plan-cases';
import { skipUnderivable } from '../../src/runner/prepare-live';
import { operations, row } from '../support/shipped-contract';

const GET = 'getWhatsAppSyncStatus';
const caseOf = (id: string) => planCase(`${GET}/${id}`, GET, row(GET, id), { senderId: 'snd_a' }, operations);

test('with a key that has no letters past its prefix, the case-changed case is skipped with the reason; without a prefix, the other-environment case', () => {
  expect(skipUnderivable(caseOf('key-case-changed'), '0123456789_0123456789').skipReason).toMatch(/no letters/);
  // The prefix is kept as it is: its letters do not count.
  expect(skipUnderivable(caseOf('key-case-changed'), 'zv_test_0123').skipReason).toMatch(/no letters past its prefix/);
  expect(skipUnderivable(caseOf('key-other-environment'), 'sk_0123abcd').skipReason).toMatch(/no zv_test_ or zv_live_ prefix/);
});

test('with a key that has letters, or for other credentials, nothing changes', () => {
  const caseChanged = caseOf('key-case-changed');
  expect(skipUnderivable(caseChanged, 'zv_test_0123ab')).toBe(caseChanged);
  const otherEnvironment = caseOf('key-other-environment');
  expect(skipUnderivable(otherEnvironment, 'zv_live_0123')).toBe(otherEnvironment);
  const wrongKey = caseOf('wrong-key');
  expect(skipUnderivable(wrongKey, '0123456789')).toBe(wrongKey);
});

test('an earlier skip reason is kept, and without a key (replay) nothing is decided', () => {
  const skipped = { ...caseOf('key-case-changed'), skipReason: 'writes not allowed (--allow-writes)' };
  expect(skipUnderivable(skipped, '0123').skipReason).toBe('writes not allowed (--allow-writes)');
  const planned = caseOf('key-case-changed');
  expect(skipUnderivable(planned, undefined)).toBe(planned);
});
