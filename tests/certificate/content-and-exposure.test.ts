/**
 * Two breaches the certificate charges to a line of the operation rather than to the family whose
 * case saw them, as broken servers of the catalogue showed them (tests/support/broken-servers*):
 * - a success's content (a rule, a prediction) broken in the read a status family's case makes
 *   before it asks for its refusal (read-renders-local-wall-time: every authentication case of a
 *   start stopped at its first read): coexistence's or start-sync's to judge, on the response
 *   shape line; the same content after the refusal is the family's own evidence;
 * - a stack trace in answers whose status was right (framework-debug-trace-in-404): on the
 *   internalErrorExposed line, not on every family whose 404 carried it.
 * Either still fails the operation and the certificate: levels never read better than the cases.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { certify } from '../../src/certificate/certify';
import type { CaseResult, Certificate, FamilyInfo, StepResult, Violation } from '../../src/model';
import { validateCertificate } from '../../src/report/certificate-schema';
import { certificateDetail } from '../../src/report/regression-text';
import { renderCertificateJson } from '../../src/report/render-json';
import { readId, report, result, runInfo } from '../report/fixtures';

const SHIPPED: FamilyInfo[] = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'operations', 'families.json'), 'utf8')) as { families: FamilyInfo[] }).families;
const RULES: string[] = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'operations', 'rules.json'), 'utf8')) as { rules: { id: string }[] }).rules.map((r) => r.id);
const READ = { ...runInfo, operations: runInfo.operations.slice(0, 1), families: SHIPPED, rules: RULES };

const violation = (check: string, step?: string): Violation => ({ check, severity: 'error', title: `${check} broke`, message: 'Received: x / Expected: y', instancePath: '', ...(step !== undefined ? { step } : {}) });
const step = (id: string, status: StepResult['status'], expectedStatus: number, receivedStatus?: number): StepResult => ({
  id, operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', status, expectedStatus, ...(receivedStatus !== undefined ? { receivedStatus } : {}), durationMs: 1,
});
const pass = (family: string, id: string, status: number): CaseResult => result({ id: readId(id), scenario: id, family, expectedStatus: status, receivedStatus: status });
const failedCase = (family: string, id: string, violations: Violation[], overrides: Partial<CaseResult>): CaseResult => ({ ...result({ id: readId(id), scenario: id, family }), status: 'failed', violations, ...overrides });
const conformant = (...except: string[]): CaseResult[] => [
  pass('coexistence', 'coexistence', 200), pass('no-waba', 'no-waba', 400), pass('not-coexistence', 'not-coexistence', 400), pass('not-active', 'not-active', 200),
  pass('authentication', 'no-credentials', 401), pass('not-found', 'unknown-sender', 404), pass('isolation', 'other-project-sender', 404), pass('start-sync', 'start-syncable', 200),
].filter((r) => !except.includes(r.family));
const verdicts = (certificate: Certificate): Record<string, string> => Object.fromEntries(certificate.families.filter((f) => f.verdict !== 'not-applicable').map((f) => [f.family, f.verdict]));
const family = (certificate: Certificate, id: string): Certificate['families'][number] | undefined => certificate.families.find((f) => f.family === id);

/** An authentication case around a start: the valid key's read, the start without credentials (401), the read after. */
const aroundStart = (id: string, failedAt: 'read-before' | 'read-after', check: string): CaseResult =>
  failedCase('authentication', id, [violation(check, failedAt)], {
    expectedStatus: 200, receivedStatus: 200, failedStep: failedAt,
    steps: failedAt === 'read-before'
      ? [step('read-before', 'failed', 200, 200), step('start', 'skipped', 401), step('read-after', 'skipped', 200)]
      : [step('read-before', 'passed', 200, 200), step('start', 'passed', 401, 401), step('read-after', 'failed', 200, 200)],
  });

describe('certify: a success\'s content broken before a status family asked for its refusal', () => {
  it('is not judged for authentication (its start was never sent) and goes to the response shape line; start-sync, whose content it is, fails', () => {
    const results = [
      ...conformant('authentication', 'start-sync'),
      failedCase('start-sync', 'start-syncable', [violation('times-not-ahead', 'read-after')], { failedStep: 'read-after', steps: [step('read-before', 'passed', 200, 200), step('start', 'passed', 200, 200), step('read-after', 'failed', 200, 200)] }),
      aroundStart('wrong-key', 'read-before', 'times-not-ahead'),
      aroundStart('empty-bearer', 'read-before', 'state-prediction'),
    ];
    const certificate = certify(report(results, READ));
    expect(verdicts(certificate)).toMatchObject({ 'start-sync': 'failed', 'authentication': 'not-judged' });
    expect(family(certificate, 'authentication')).toMatchObject({ passed: 0, failed: 0, notJudged: 2, responseShape: 2 });
    expect(certificate.responseShape).toEqual({ verdict: 'failed', failed: 2, families: ['authentication'], checks: ['times-not-ahead', 'state-prediction'] });
    expect(certificate.operations[0]?.level).toBe('failed');
    expect(certificate.level).toBe('failed');
    expect(validateCertificate(certificate)).toBe(certificate);
  });

  it('still fails authentication when the read after its refused start shows the start took effect (the family\'s own evidence)', () => {
    const results = [...conformant('authentication'), aroundStart('no-credentials-start', 'read-after', 'state-prediction')];
    const certificate = certify(report(results, READ));
    expect(family(certificate, 'authentication')).toMatchObject({ verdict: 'failed', failed: 1 });
    expect(certificate.responseShape).toBeUndefined();
  });

  it('charges a rule\'s violation to the family when the report does not name its rules (an older suite): never better than the cases', () => {
    const { rules: _rules, ...older } = READ;
    const results = [...conformant('authentication'), aroundStart('wrong-key', 'read-before', 'times-not-ahead')];
    expect(family(certify(report(results, older)), 'authentication')).toMatchObject({ verdict: 'failed', failed: 1 });
    // The model's predictions and inline assertions are known without the rules.
    const predicted = [...conformant('authentication'), aroundStart('wrong-key', 'read-before', 'state-prediction')];
    expect(family(certify(report(predicted, older)), 'authentication')).toMatchObject({ verdict: 'not-judged', notJudged: 1 });
  });

  it('keeps a family that judges content charged with its own content', () => {
    const results = [...conformant('coexistence'), failedCase('coexistence', 'coexistence', [violation('times-not-ahead')], { expectedStatus: 200, receivedStatus: 200 })];
    const certificate = certify(report(results, READ));
    expect(family(certificate, 'coexistence')).toMatchObject({ verdict: 'failed', failed: 1 });
    expect(certificate.responseShape).toBeUndefined();
  });
});

describe('certify: an internal error exposed in answers whose status was right', () => {
  const trace = (family: string, id: string, status: number): CaseResult => failedCase(family, id, [violation('internal-error-exposed')], { expectedStatus: status, receivedStatus: status });
  const stoppedTrace = (family: string, id: string): CaseResult =>
    failedCase(family, id, [violation('internal-error-exposed', 'read-unknown')], { expectedStatus: 404, receivedStatus: 404, failedStep: 'read-unknown', steps: [step('read-unknown', 'failed', 404, 404), step('read', 'skipped', 404)] });

  it('goes to the internalErrorExposed line, not to each family whose answer carried it; the operation and the certificate still fail', () => {
    const results = [...conformant('not-found', 'isolation'), trace('not-found', 'unknown-sender', 404), stoppedTrace('isolation', 'other-project-sender')];
    const certificate = certify(report(results, READ));
    expect(verdicts(certificate)).toMatchObject({ 'not-found': 'certified', 'isolation': 'not-judged' });
    expect(family(certificate, 'not-found')).toMatchObject({ passed: 1, failed: 0, internalErrorExposed: 1 });
    expect(family(certificate, 'isolation')).toMatchObject({ passed: 0, notJudged: 1, internalErrorExposed: 1 });
    expect(certificate.families.some((f) => f.verdict === 'failed')).toBe(false);
    const line = { verdict: 'failed', failed: 2, families: ['not-found', 'isolation'] };
    expect(certificate.operations[0]).toMatchObject({ level: 'failed', internalErrorExposed: line });
    expect(certificate.internalErrorExposed).toEqual(line);
    expect(certificate.level).toBe('failed');
    expect(certificateDetail(certificate)).toContain('internal error exposed (2 cases of not-found, isolation)');
    expect(validateCertificate(certificate)).toBe(certificate);
    expect(JSON.parse(renderCertificateJson(certificate))).toEqual(certificate);
  });

  it('fails the operation on its own, when every family that carried it is certified (no stopped sequence to fail it)', () => {
    const certificate = certify(report([...conformant('not-found'), trace('not-found', 'unknown-sender', 404)], READ));
    expect(certificate.families.every((f) => f.verdict === 'certified' || f.verdict === 'not-applicable')).toBe(true);
    expect(certificate.operations[0]).toMatchObject({ level: 'failed', internalErrorExposed: { verdict: 'failed', failed: 1, families: ['not-found'] } });
    expect(certificate.level).toBe('failed');
  });

  it('stays with the family when the case broke something else too (a wrong status, a hostile input\'s finding)', () => {
    const results = [
      ...conformant('not-found', 'negative-inputs'),
      failedCase('not-found', 'unknown-sender', [violation('status-code-expected'), violation('internal-error-exposed')], { expectedStatus: 404, receivedStatus: 500 }),
      failedCase('negative-inputs', 'negative-inputs', [violation('negative-inputs'), violation('internal-error-exposed')], { expectedStatus: 404, receivedStatus: 400 }),
    ];
    const certificate = certify(report(results, READ));
    expect(verdicts(certificate)).toMatchObject({ 'not-found': 'failed', 'negative-inputs': 'failed' });
    expect(certificate.internalErrorExposed).toBeUndefined();
  });

  it('stays with the family when the case was flaky (its attempts may have broken differently)', () => {
    const results = [...conformant('not-found'), { ...trace('not-found', 'unknown-sender', 404), status: 'flaky' as const }];
    expect(family(certify(report(results, READ)), 'not-found')).toMatchObject({ verdict: 'failed' });
  });
});

describe('certify: a single request\'s content', () => {
  it('stays with its family: the valid key spelt otherwise, read once, is the case\'s own answer', () => {
    const results = [...conformant('authentication'), failedCase('authentication', 'lowercase-bearer-scheme', [violation('times-not-ahead')], { expectedStatus: 200, receivedStatus: 200 })];
    expect(family(certify(report(results, READ)), 'authentication')).toMatchObject({ verdict: 'failed', failed: 1 });
  });
});
