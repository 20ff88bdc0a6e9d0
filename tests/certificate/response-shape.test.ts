/**
 * Which family a failure is charged to: a case's failure counts against its family through what the
 * family judges, and a broken success (2xx) seen in a case of a family that judges statuses
 * (operations/families.json successesJudgedElsewhere) goes to the operation's responseShape line.
 * The families are the shipped ones, so the data's flags are tested with the rule.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { certify } from '../../src/certificate/certify';
import { allChecks } from '../../src/checks/registry';
import type { CaseResult, Certificate, FamilyInfo, StepResult, Violation } from '../../src/model';
import { RESPONSE_SHAPE_CHECKS } from '../../src/model/check';
import { validateCertificate } from '../../src/report/certificate-schema';
import { certificateDetail } from '../../src/report/regression-text';
import { renderCertificateJson } from '../../src/report/render-json';
import { readId, report, result, runInfo } from '../report/fixtures';

const SHIPPED: FamilyInfo[] = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'operations', 'families.json'), 'utf8')) as { families: FamilyInfo[] }).families;
const READ = { ...runInfo, operations: runInfo.operations.slice(0, 1), families: SHIPPED };
const START = { operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history' };

/** As the run wrote it for a 200 whose history.canSync was the string "false". */
const canSyncAsString: Violation = {
  check: 'response-schema', severity: 'error', title: 'The 200 body does not match the WhatsAppSyncStatus schema',
  message: 'Received: the string "false" / Expected: a boolean', instancePath: '/sync/history/canSync', schemaPath: '#/properties/history/properties/canSync/type',
};
const wrongStatus = (expected: number, received: number): Violation => ({
  check: 'status-code-expected', severity: 'error', title: `Expected status ${expected}, received ${received}`, message: `Received: ${received} / Expected: ${expected}`, instancePath: '',
});

const pass = (family: string, id: string, status = 200): CaseResult => result({ id: readId(id), scenario: id, family, expectedStatus: status, receivedStatus: status });
const failing = (family: string, id: string, received: number, violations: Violation[], expected = received): CaseResult => ({
  ...result({ id: readId(id), scenario: id, family, expectedStatus: expected, receivedStatus: received }), status: 'failed', violations,
});
/** Every family of the read passing, one case each. */
const conformantRead = (): CaseResult[] => [
  pass('coexistence', 'coexistence'), pass('no-waba', 'no-waba', 400), pass('not-coexistence', 'not-coexistence', 400), pass('not-active', 'not-active'),
  pass('authentication', 'no-credentials', 401), pass('not-found', 'unknown-sender', 404), pass('isolation', 'other-project-sender', 404),
];
const family = (certificate: Certificate, id: string): Certificate['families'][number] | undefined => certificate.operations[0]?.families.find((f) => f.family === id);
const others = (...ids: string[]): CaseResult[] => conformantRead().filter((r) => !ids.includes(r.family));

describe('certify: which family a failure is charged to', () => {
  it('charges a wrong-typed 200 body seen in authentication cases (the valid key spelt "bearer", padded) to the response shape line, not to authentication; coexistence, whose answer it is, fails', () => {
    const results = [
      ...others('coexistence'),
      failing('coexistence', 'coexistence', 200, [canSyncAsString]),
      failing('authentication', 'lowercase-bearer-scheme', 200, [canSyncAsString]),
      failing('authentication', 'padded-bearer-token', 200, [canSyncAsString]),
    ];
    const certificate = certify(report(results, READ));
    expect(family(certificate, 'coexistence')).toMatchObject({ verdict: 'failed', failed: 1 });
    expect(family(certificate, 'authentication')).toMatchObject({ verdict: 'certified', passed: 3, failed: 0, notJudged: 0, responseShape: 2 });
    expect(certificate.operations[0]).toMatchObject({ level: 'failed', responseShape: { verdict: 'failed', failed: 2, families: ['authentication'], checks: ['response-schema'] } });
    expect(certificate.responseShape).toEqual({ verdict: 'failed', failed: 2, families: ['authentication'], checks: ['response-schema'] });
    expect(certificate.level).toBe('failed');
    // The line a mock author reads names what failed, and authentication is not among the failed families.
    expect(certificateDetail(certificate)).toBe('6 families certified, 1 failed (coexistence), 2 not applicable (start-sync, negative-inputs), response shape failed (2 cases of authentication: response-schema)');
    expect(validateCertificate(certificate)).toBe(certificate);
    expect(JSON.parse(renderCertificateJson(certificate))).toEqual(certificate);
    // The run's cases are as they were: the verdict (exit code, junit) reads them, not the certificate.
    expect(report(results, READ).summary.failed).toBe(3);
  });

  it('still fails authentication for a real regression: a 200 to a request without credentials (a status, whatever the body)', () => {
    const results = [...others('authentication'), failing('authentication', 'no-credentials', 200, [wrongStatus(401, 200), canSyncAsString], 401)];
    const certificate = certify(report(results, READ));
    expect(family(certificate, 'authentication')).toMatchObject({ verdict: 'failed', failed: 1, passed: 0 });
    expect(family(certificate, 'authentication')).not.toHaveProperty('responseShape');
    expect(certificate.operations[0]).not.toHaveProperty('responseShape');
    expect(certificate).not.toHaveProperty('responseShape');
    expect(certificateDetail(certificate)).toContain('1 failed (authentication)');
  });

  it('fails the operation and the certificate for a schema break seen only in authentication cases: it moves to the shape line, it never vanishes', () => {
    const certificate = certify(report([...conformantRead(), failing('authentication', 'lowercase-bearer-scheme', 200, [canSyncAsString])], READ));
    expect(certificate.families.every((f) => f.verdict !== 'failed')).toBe(true);
    expect(certificate.operations[0]).toMatchObject({ level: 'failed', responseShape: { failed: 1, families: ['authentication'] } });
    expect(certificate.level).toBe('failed');
    expect(certificateDetail(certificate.operations[0]!)).toContain('response shape failed (1 case of authentication: response-schema)');
    expect(validateCertificate(certificate)).toBe(certificate);
  });

  it("keeps the shape of a family's own refusals its own: a 401 whose body is not the Error fails authentication, a 404's fails not-found", () => {
    const notError: Violation = { ...canSyncAsString, title: 'The 401 body does not match the Error schema', instancePath: '/message' };
    const certificate = certify(report([...others('authentication', 'not-found'), failing('authentication', 'no-credentials', 401, [notError]), failing('not-found', 'unknown-sender', 404, [notError])], READ));
    expect(family(certificate, 'authentication')).toMatchObject({ verdict: 'failed', failed: 1 });
    expect(family(certificate, 'not-found')).toMatchObject({ verdict: 'failed', failed: 1 });
    expect(certificate.operations[0]).not.toHaveProperty('responseShape');
  });

  it('charges a flaky case to its family (its attempts may have broken differently), and reads past warnings', () => {
    const flaky: CaseResult = { ...failing('authentication', 'lowercase-bearer-scheme', 200, [canSyncAsString]), status: 'flaky' };
    const flakyCertificate = certify(report([...conformantRead(), flaky], READ));
    expect(family(flakyCertificate, 'authentication')).toMatchObject({ verdict: 'failed', failed: 1 });
    expect(flakyCertificate.operations[0]).not.toHaveProperty('responseShape');
    // A warning beside the shape error judges nothing the family judges: the case still goes to the shape line.
    const warned = failing('authentication', 'padded-bearer-token', 200, [canSyncAsString, { ...wrongStatus(200, 200), check: 'rate-limited', severity: 'warning' }]);
    const warnedCertificate = certify(report([...conformantRead(), warned], READ));
    expect(family(warnedCertificate, 'authentication')).toMatchObject({ verdict: 'certified', responseShape: 1 });
    expect(warnedCertificate.operations[0]).toMatchObject({ level: 'failed', responseShape: { failed: 1 } });
  });

  it('charges a case to its family when any of its errors judges what the family judges, or when it says nothing of what broke', () => {
    const withPrediction = failing('authentication', 'lowercase-bearer-scheme', 200, [canSyncAsString, { ...wrongStatus(200, 200), check: 'state-prediction' }]);
    const silent = failing('authentication', 'padded-bearer-token', 200, []);
    const certificate = certify(report([...conformantRead(), withPrediction, silent], READ));
    expect(family(certificate, 'authentication')).toMatchObject({ verdict: 'failed', failed: 2 });
    expect(certificate.operations[0]).not.toHaveProperty('responseShape');
  });

  it('says "not judged" of a status family whose case a broken read stopped before its start (the read before a refused start), and puts the read on the shape line', () => {
    const step = (id: string, operationId: string, status: StepResult['status'], receivedStatus?: number): StepResult => ({
      id, operationId, operation: operationId, status, durationMs: status === 'skipped' ? 0 : 1, ...(receivedStatus !== undefined ? { expectedStatus: receivedStatus, receivedStatus } : {}),
    });
    const stopped: CaseResult = {
      ...result({ id: `${START.operationId}/wrong-key`, ...START, scenario: 'wrong-key', family: 'authentication', expectedStatus: 200, receivedStatus: 200 }),
      status: 'failed', failedStep: 'read-before',
      steps: [step('read-before', 'getWhatsAppSyncStatus', 'failed', 200), step('start', START.operationId, 'skipped'), step('read-after', 'getWhatsAppSyncStatus', 'skipped')],
      violations: [{ ...canSyncAsString, step: 'read-before' }],
    };
    const certificate = certify(report([...conformantRead(), stopped], { ...runInfo, families: SHIPPED }));
    const start = certificate.operations.find((op) => op.operationId === START.operationId);
    expect(start?.families).toEqual([expect.objectContaining({ family: 'authentication', verdict: 'not-judged', passed: 0, failed: 0, notJudged: 1, responseShape: 1 })]);
    expect(start).toMatchObject({ level: 'failed', responseShape: { failed: 1, families: ['authentication'], checks: ['response-schema'] } });
    expect(certificate.families.find((f) => f.family === 'authentication')).toMatchObject({ verdict: 'not-judged', passed: 1, notJudged: 1, responseShape: 1 });
    expect(validateCertificate(certificate)).toBe(certificate);
    // One case, read on one line: not judged for its family because the shape line's broken read stopped it (not "1 not judged" beside "1 case" as if two).
    expect(certificateDetail(start!)).toBe('0 families certified, 1 not judged (authentication: 1 case stopped before its own request by its broken answer on the response shape line), response shape failed (1 case of authentication: response-schema)');
  });

  it('says so when the case not judged is a different one from the case on the response shape line (a 429 beside a broken success that went to its end)', () => {
    const limited: CaseResult = { ...result({ id: readId('wrong-key'), scenario: 'wrong-key', family: 'authentication', expectedStatus: 401, receivedStatus: 429 }), status: 'error', violations: [] };
    const certificate = certify(report([...conformantRead(), failing('authentication', 'lowercase-bearer-scheme', 200, [canSyncAsString]), limited], READ));
    expect(family(certificate, 'authentication')).toMatchObject({ verdict: 'not-judged', passed: 2, notJudged: 1, responseShape: 1 });
    expect(family(certificate, 'authentication')).not.toHaveProperty('stoppedBefore');
    expect(certificateDetail(certificate)).toBe('6 families certified, 1 not judged (authentication: 1 case not among those on the response shape line), 2 not applicable (start-sync, negative-inputs), response shape failed (1 case of authentication: response-schema)');
  });

  it('charges every failure to its family in a report of an older suite, whose families carry no flag', () => {
    const unflagged = SHIPPED.map(({ successesJudgedElsewhere: _flag, ...rest }) => rest);
    const certificate = certify(report([...conformantRead(), failing('authentication', 'lowercase-bearer-scheme', 200, [canSyncAsString])], { ...READ, families: unflagged }));
    expect(family(certificate, 'authentication')).toMatchObject({ verdict: 'failed', failed: 1 });
    expect(certificate).not.toHaveProperty('responseShape');
  });

  it('names only real checks as response-shape checks, and none that judges a status', () => {
    const ids = allChecks.map((c) => c.id);
    for (const id of RESPONSE_SHAPE_CHECKS) expect(ids).toContain(id);
    expect(RESPONSE_SHAPE_CHECKS).not.toContain('status-code-expected');
  });
});
