/** The comparison behind the Prism certification: quiet when all agree, one readable line per difference. */
import type { Certificate, CaseResult, ConformanceReport } from '../../src/model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffCases, diffCertificate, formatDiff, observedOutcomes, type CaseExpectation, type CertificateExpectation, type PrismExpectation } from './certificate-expectation';

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

test('certificate: the level, then per operation its level and family verdicts are compared, counts shown', () => {
  const want: CertificateExpectation = {
    why: 'only coexistence holds',
    level: 'partial',
    operations: {
      getWhatsAppSyncStatus: {
        why: 'no keys',
        level: 'partial',
        families: { coexistence: { verdict: 'certified', why: 'example' }, authentication: { verdict: 'failed', why: 'any key' } },
      },
      startWhatsAppHistorySync: { why: 'not run', level: 'partial', families: {} },
    },
  };
  const family = (name: string, verdict: string, passed: number, failed: number, skipped: number) => ({ family: name, title: name, core: true, verdict, passed, failed, skipped });
  const certificate = {
    level: 'failed',
    operations: [
      {
        operationId: 'getWhatsAppSyncStatus',
        operation: 'GET /v1/senders/{senderId}/whatsapp-sync',
        level: 'failed',
        families: [family('coexistence', 'certified', 1, 0, 0), family('authentication', 'certified', 5, 0, 0), family('negative-inputs', 'not-applicable', 0, 0, 3)],
      },
      { operationId: 'startWhatsAppContactsSync', operation: 'POST /x', level: 'full', families: [] },
    ],
    families: [],
  } as unknown as Certificate;
  expect(diffCertificate(want, certificate)).toEqual([
    '~ certificate level: expected partial, observed failed  (why: only coexistence holds)',
    '~ certificate getWhatsAppSyncStatus level: expected partial, observed failed  (why: no keys)',
    '~ certificate getWhatsAppSyncStatus family authentication: expected failed, observed certified (5 passed, 0 failed, 0 skipped)  (why: any key)',
    '+ certificate getWhatsAppSyncStatus family negative-inputs: not in the expectation; observed not-applicable (0 passed, 0 failed, 3 skipped)',
    '+ certificate startWhatsAppContactsSync: not in the expectation; observed full',
    '- certificate startWhatsAppHistorySync: expected partial, absent from certificate.json',
  ]);
  const agreeing: CertificateExpectation = {
    ...want,
    level: 'failed',
    operations: {
      getWhatsAppSyncStatus: { why: '', level: 'failed', families: { coexistence: { verdict: 'certified', why: '' }, authentication: { verdict: 'certified', why: '' }, 'negative-inputs': { verdict: 'not-applicable', why: '' } } },
      startWhatsAppContactsSync: { why: '', level: 'full', families: {} },
    },
  };
  expect(diffCertificate(agreeing, certificate)).toEqual([]);
});

test('the checked-in expectation has the shape the comparison reads, with ids of the form operationId/caseId', () => {
  const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'expectations', 'prism-certificate.json'), 'utf8')) as PrismExpectation;
  expect(Object.keys(file.cases).every((id) => id.startsWith('getWhatsAppSyncStatus/'))).toBe(true);
  expect(Object.keys(file.certificate.operations)).toEqual(['getWhatsAppSyncStatus']);
  expect(file.certificate.operations['getWhatsAppSyncStatus']?.families['coexistence']?.verdict).toBe('certified');
});
