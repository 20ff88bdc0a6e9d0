/** The comparison behind the Prism certification: quiet when all agree, one readable line per difference. */
import type { Certificate, CaseResult, ConformanceReport } from '../../src/model';
import { diffCases, diffCertificate, formatDiff, observedOutcomes, type CaseExpectation, type CertificateExpectation } from './certificate-expectation';

function result(id: string, status: CaseResult['status'], receivedStatus: number, checks: string[]): CaseResult {
  return {
    id,
    operationId: 'getWhatsAppSyncStatus',
    operation: 'GET /v1/senders/{senderId}/whatsapp-sync',
    scenario: id,
    family: 'authentication',
    description: id,
    status,
    durationMs: 1,
    expectedStatus: 401,
    receivedStatus,
    violations: [
      ...checks.map((check) => ({ check, severity: 'error' as const, title: check, message: 'Received: / Expected:', instancePath: '' })),
      { check: 'undocumented-properties', severity: 'warning' as const, title: 'w', message: 'w', instancePath: '' },
    ],
  };
}

const report = {
  results: [result('wrong-key', 'failed', 200, ['status-code-expected', 'status-code-expected']), result('no-credentials', 'passed', 401, [])],
} as unknown as ConformanceReport;

const expected: Record<string, CaseExpectation> = {
  'wrong-key': { status: 'failed', received: 200, failingChecks: ['status-code-expected'], why: 'any key' },
  'no-credentials': { status: 'passed', received: 401, failingChecks: [], why: 'security validation' },
};

test('a report is reduced to status, received status and the distinct ids of error checks (warnings ignored)', () => {
  expect(observedOutcomes(report)).toEqual({
    'wrong-key': { status: 'failed', received: 200, failingChecks: ['status-code-expected'] },
    'no-credentials': { status: 'passed', received: 401, failingChecks: [] },
  });
});

test('agreement gives no lines', () => {
  expect(diffCases(expected, observedOutcomes(report))).toEqual([]);
});

test('an expectation without "received" does not compare it', () => {
  const open: Record<string, CaseExpectation> = { ...expected, 'wrong-key': { status: 'failed', failingChecks: ['status-code-expected'], why: 'varies' } };
  const observed = observedOutcomes(report);
  expect(diffCases(open, { ...observed, 'wrong-key': { status: 'failed', received: 404, failingChecks: ['status-code-expected'] } })).toEqual([]);
});

test('a changed, a new and a missing case each get a line that says what and why', () => {
  const observed = observedOutcomes(report);
  const changed = { ...observed, 'wrong-key': { status: 'passed' as const, received: 401, failingChecks: [] }, 'new-case': { status: 'passed' as const, received: 401, failingChecks: [] } };
  delete (changed as Record<string, unknown>)['no-credentials'];
  const lines = diffCases(expected, changed);
  expect(lines).toEqual([
    expect.stringMatching(/^\+ new-case: not in the expectation; observed passed \(received 401\)\. Add: /),
    '- no-credentials: expected passed (received 401), but the run has no such case',
    '~ wrong-key: expected failed failing [status-code-expected] (received 200), observed passed (received 401)  (why it was expected: any key)',
  ]);
  expect(formatDiff(lines, 'x.json')).toContain("Prism's behaviour differs from x.json:\n  + new-case");
});

test('certificate: level and family verdicts are compared, counts are shown', () => {
  const want: CertificateExpectation = {
    why: 'only coexistence holds',
    level: 'partial',
    families: { coexistence: { verdict: 'certified', why: 'example' }, authentication: { verdict: 'failed', why: 'any key' } },
  };
  const certificate = {
    level: 'failed',
    families: [
      { family: 'coexistence', verdict: 'certified', passed: 1, failed: 0, skipped: 0 },
      { family: 'authentication', verdict: 'certified', passed: 5, failed: 0, skipped: 0 },
      { family: 'negative-inputs', verdict: 'not-applicable', passed: 0, failed: 0, skipped: 3 },
    ],
  } as unknown as Certificate;
  expect(diffCertificate(want, certificate)).toEqual([
    '~ certificate level: expected partial, observed failed  (why: only coexistence holds)',
    '~ certificate family authentication: expected failed, observed certified (5 passed, 0 failed, 0 skipped)  (why: any key)',
    '+ certificate family negative-inputs: not in the expectation; observed not-applicable (0 passed, 0 failed, 3 skipped)',
  ]);
  expect(diffCertificate({ ...want, level: 'failed', families: { ...want.families, authentication: { verdict: 'certified', why: '' }, 'negative-inputs': { verdict: 'not-applicable', why: '' } } }, certificate)).toEqual([]);
});
