/**
 * A route that does not authenticate (a missing or wrong key served as the valid one) fails the
 * authentication family; the no-credentials cases of the families judged "only after
 * authentication" (no-waba, not-coexistence, not-found, isolation) cannot be judged there, and are
 * not judged rather than failed. A route that authenticates after its lookup still fails not-found.
 * The families are the shipped ones, so the data's judgesCredentials flag is tested with the rule.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { certify } from '../../src/certificate/certify';
import type { CaseResult, Certificate, FamilyInfo, StepResult, Violation } from '../../src/model';
import { validateCertificate } from '../../src/report/certificate-schema';
import { readId, report, result, runInfo } from '../report/fixtures';

const SHIPPED: FamilyInfo[] = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'operations', 'families.json'), 'utf8')) as { families: FamilyInfo[] }).families;
const READ = { ...runInfo, operations: runInfo.operations.slice(0, 1), families: SHIPPED };

const wrongStatus = (expected: number, received: number, step?: string): Violation => ({
  check: 'status-code-expected', severity: 'error', title: `Expected status ${expected}, received ${received}`, message: `Received: ${received} / Expected: ${expected}`, instancePath: '', ...(step !== undefined ? { step } : {}),
});
const step = (id: string, status: StepResult['status'], expectedStatus: number, receivedStatus?: number): StepResult => ({
  id, operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', status, expectedStatus, ...(receivedStatus !== undefined ? { receivedStatus } : {}), durationMs: 1,
});
const pass = (family: string, id: string, status: number): CaseResult => result({ id: readId(id), scenario: id, family, expectedStatus: status, receivedStatus: status });
const failedCase = (family: string, id: string, violations: Violation[], overrides: Partial<CaseResult>): CaseResult => ({ ...result({ id: readId(id), scenario: id, family }), status: 'failed', violations, ...overrides });
/** A sequence "the unknown id without credentials, then this sender": the unknown id was answered 404, so the sender was never asked. */
const stoppedAtUnknown = (family: string, id: string): CaseResult =>
  failedCase(family, id, [wrongStatus(401, 404, 'read-unknown')], { expectedStatus: 401, receivedStatus: 404, failedStep: 'read-unknown', steps: [step('read-unknown', 'failed', 401, 404), step('read', 'skipped', 401)] });

const others = (): CaseResult[] => [pass('coexistence', 'coexistence', 200), pass('no-waba', 'no-waba', 400), pass('not-coexistence', 'not-coexistence', 400), pass('not-active', 'not-active', 200), pass('not-found', 'unknown-sender', 404), pass('isolation', 'other-project-sender', 404)];
const verdicts = (certificate: Certificate): Record<string, string> => Object.fromEntries(certificate.families.filter((f) => f.verdict !== 'not-applicable').map((f) => [f.family, f.verdict]));

describe('certify: a route that does not authenticate', () => {
  it('fails authentication only: the no-credentials cases of no-waba, not-coexistence, not-found and isolation are not judged; the level stays failed', () => {
    const results = [
      ...others(),
      stoppedAtUnknown('authentication', 'no-credentials'),
      // HEAD without credentials answered 200: a request served without valid credentials.
      failedCase('authentication', 'head-no-credentials', [wrongStatus(404, 200, 'head')], { steps: [step('head-unknown', 'passed', 404, 404), step('head', 'failed', 404, 200)], failedStep: 'head' }),
      failedCase('not-found', 'unknown-sender-no-credentials', [wrongStatus(401, 404)], { expectedStatus: 401, receivedStatus: 404 }),
      stoppedAtUnknown('no-waba', 'no-waba-no-credentials'),
      stoppedAtUnknown('not-coexistence', 'not-coexistence-no-credentials'),
      stoppedAtUnknown('isolation', 'other-project-sender-no-credentials'),
    ];
    const certificate = certify(report(results, READ));
    expect(verdicts(certificate)).toEqual({ 'coexistence': 'certified', 'not-active': 'certified', 'authentication': 'failed', 'no-waba': 'not-judged', 'not-coexistence': 'not-judged', 'not-found': 'not-judged', 'isolation': 'not-judged' });
    expect(certificate.families.find((f) => f.family === 'no-waba')).toMatchObject({ passed: 1, failed: 0, notJudged: 1, unauthenticated: 1 });
    // Said so in certificate.json: not judged for want of authentication, not for a 429 or a lost target.
    expect(certificate.operations[0]!.families.find((f) => f.family === 'not-found')).toMatchObject({ notJudged: 1, unauthenticated: 1 });
    expect(certificate.families.find((f) => f.family === 'authentication')).not.toHaveProperty('unauthenticated');
    expect(certificate.responseShape).toBeUndefined();
    expect(certificate.level).toBe('failed');
    expect(validateCertificate(certificate)).toBe(certificate);
  });

  it('a route that looks the sender up before authenticating (401 for a sender, 404 for an unknown id, nothing served) still fails not-found', () => {
    const results = [
      ...others(),
      stoppedAtUnknown('authentication', 'no-credentials'),
      failedCase('not-found', 'unknown-sender-no-credentials', [wrongStatus(401, 404)], { expectedStatus: 401, receivedStatus: 404 }),
      stoppedAtUnknown('no-waba', 'no-waba-no-credentials'),
    ];
    const certificate = certify(report(results, READ));
    expect(verdicts(certificate)).toMatchObject({ 'authentication': 'failed', 'not-found': 'failed', 'no-waba': 'not-judged' });
    expect(certificate.level).toBe('failed');
  });

  it('while authentication holds, a no-credentials case that failed is its own family\'s (a sender\'s kind told before authentication)', () => {
    const results = [
      ...others(),
      pass('authentication', 'no-credentials', 401),
      failedCase('no-waba', 'no-waba-no-credentials', [wrongStatus(401, 400, 'read')], { failedStep: 'read', steps: [step('read-unknown', 'passed', 401, 401), step('read', 'failed', 401, 400)] }),
      stoppedAtUnknown('isolation', 'other-project-sender-no-credentials'),
    ];
    const certificate = certify(report(results, READ));
    expect(verdicts(certificate)).toMatchObject({ 'authentication': 'certified', 'no-waba': 'failed', 'isolation': 'failed' });
  });

  it('a no-credentials case stays its family\'s when authentication failed on no 401, or when its own wrong status was not where a 401 was expected', () => {
    // Authentication broke on the valid key's read (a 500 where 200 was expected): no sign the route fails to authenticate.
    const brokeElsewhere = failedCase('authentication', 'no-credentials-start', [wrongStatus(200, 500, 'read-before')], { failedStep: 'read-before', steps: [step('read-before', 'failed', 200, 500), step('start', 'skipped', 401)] });
    expect(verdicts(certify(report([...others(), brokeElsewhere, stoppedAtUnknown('no-waba', 'no-waba-no-credentials')], READ)))).toMatchObject({ 'authentication': 'failed', 'no-waba': 'failed' });
    // Authentication failed on a 401, but no-waba's own error is a 404 where its 400 was expected.
    const wrongKind = failedCase('no-waba', 'no-waba', [wrongStatus(400, 404, 'read-unknown')], { failedStep: 'read-unknown', steps: [step('read-unknown', 'failed', 400, 404), step('read', 'skipped', 400)] });
    expect(verdicts(certify(report([...others().filter((r) => r.family !== 'no-waba'), stoppedAtUnknown('authentication', 'no-credentials'), wrongKind], READ)))).toMatchObject({ 'authentication': 'failed', 'no-waba': 'failed' });
  });

  it('a 2xx that authentication expected (the valid key\'s read) is no request served without credentials', () => {
    const authentication = failedCase('authentication', 'no-credentials-start', [wrongStatus(401, 404, 'start')], { failedStep: 'start', steps: [step('read-before', 'passed', 200, 200), step('start', 'failed', 401, 404)] });
    const results = [...others(), authentication, failedCase('not-found', 'unknown-sender-no-credentials', [wrongStatus(401, 404)], { expectedStatus: 401, receivedStatus: 404 })];
    expect(verdicts(certify(report(results, READ)))).toMatchObject({ 'authentication': 'failed', 'not-found': 'failed' });
  });
});
