/** A case whose wrong credentials cannot be derived from the run's key is skipped with the reason, not sent as the valid key. */
import { planCase } from '../../src/registry/plan-cases';
import { repeatedPathNote, skipUnderivable, unverifiedTlsNote } from '../../src/runner/prepare-live';
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

test("a base URL whose path ends as the operations' paths begin (/v1, then /v1/senders/…) gets a note naming the root likely meant; any other is left alone", () => {
  const all = [...operations.values()];
  expect(repeatedPathNote('https://api.example.test/v1', all)).toBe(
    "the base URL ends in /v1, and the operations' paths begin with it, so requests go to /v1/v1/senders/{senderId}/whatsapp-sync: if that is not where the API is, give its root (https://api.example.test)",
  );
  expect(repeatedPathNote('http://127.0.0.1:4010/gateway/v1/senders/', all)).toMatch(/^the base URL ends in \/v1\/senders, .* requests go to \/gateway\/v1\/senders\/v1\/senders\/\{senderId\}.* give its root \(http:\/\/127\.0\.0\.1:4010\/gateway\)$/);
  for (const fine of ['https://api.example.test', 'https://api.example.test/', 'https://gw.example.test/zavu', 'https://gw.example.test/v1x', 'https://gw.example.test/v2']) expect(repeatedPathNote(fine, all)).toBeUndefined();
});

test('NODE_TLS_REJECT_UNAUTHORIZED=0 (Node then verifies no certificate) against an https:// target gets a note: the answers judged may not be the target\'s', () => {
  expect(unverifiedTlsNote('https://staging.example.test/zavu', '0')).toBe(
    "NODE_TLS_REJECT_UNAUTHORIZED=0 is set: Node verified no TLS certificate, so the answers judged may not come from the target (https://staging.example.test/zavu); to trust a private CA or a self-signed certificate, unset it and give NODE_EXTRA_CA_CERTS=/path/to/ca.pem",
  );
  // Node turns the check off for '0' only; plain HTTP has no certificate to verify.
  for (const [url, value] of [['https://staging.example.test', undefined], ['https://staging.example.test', '1'], ['https://staging.example.test', ''], ['http://127.0.0.1:4010', '0']] as const) {
    expect(unverifiedTlsNote(url, value)).toBeUndefined();
  }
});
