/**
 * A status the status check let stand for the expected one (a row that takes any client error as
 * good, a router's own 404) reads as accepted, in every renderer's words: a case failed for its
 * latency or its body must not read as if its status had failed it.
 */
import type { CaseResult, StepResult, Violation } from '../../src/model';
import { caseStatusNote, compareStatus, copiesNote, statusAccepted, statusNote, stepLine } from '../../src/report/status-text';
import { stepsList } from '../../src/report/html-scenarios';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJunit } from '../../src/report/render-junit';
import { describeFailure } from '../../src/runner/describe-failure';
import { report } from './fixtures';

const statusViolation = (step?: string): Violation => ({ check: 'status-code-expected', severity: 'error', title: 'The status code is the one the scenario expects', message: 'expected 401', instancePath: '', ...(step !== undefined ? { step } : {}) });
const latencyViolation: Violation = { check: 'latency-budget', severity: 'error', title: 'p95 latency is over the budget', message: 'p95 2.8 ms', instancePath: '' };

function result(overrides: Partial<CaseResult>): CaseResult {
  return { id: 'getWhatsAppSyncStatus/empty-bearer', operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', scenario: 'empty-bearer', family: 'authentication', description: 'Bearer scheme with an empty token', status: 'failed', durationMs: 1, violations: [latencyViolation], expectedStatus: 401, receivedStatus: 400, ...overrides };
}

const step = (id: string, overrides: Partial<StepResult>): StepResult => ({ id, operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', status: 'passed', durationMs: 1, expectedStatus: 401, receivedStatus: 404, ...overrides });

describe('a status other than the expected one', () => {
  test('reads as accepted when the status check let it stand, as a mismatch when it did not', () => {
    expect(caseStatusNote(result({}))).toBe('status 400 accepted in place of 401');
    expect(caseStatusNote(result({ violations: [statusViolation()] }))).toBe('expected 401, received 400');
    // Counted but not kept (past the cut per check) is said all the same.
    expect(caseStatusNote(result({ violations: [], omittedViolations: [{ check: 'status-code-expected', severity: 'error', count: 1, instancePath: '' }] }))).toBe('expected 401, received 400');
    // An error of the suite's own judged nothing: no claim that the status was accepted.
    expect(caseStatusNote(result({ status: 'error', violations: [], errorMessage: 'boom' }))).toBe('expected 401, received 400');
    expect(caseStatusNote(result({ receivedStatus: 401 }))).toBe('status 401 as expected');
  });

  test('a sequence: a passed step\'s status was accepted; a failed step\'s only when the status check said nothing of it', () => {
    const steps = [step('read-unknown', {}), step('read', { status: 'failed', expectedStatus: 404, receivedStatus: 200 })];
    const withStatus = result({ steps, failedStep: 'read', expectedStatus: 404, receivedStatus: 200, violations: [statusViolation('read')] });
    expect(steps.map((s) => stepLine(s, withStatus))).toEqual([
      'read-unknown (GET /v1/senders/{senderId}/whatsapp-sync): status 404 accepted in place of 401',
      'read (GET /v1/senders/{senderId}/whatsapp-sync): expected 404, received 200 — failed',
    ]);
    expect(caseStatusNote(withStatus)).toBe('at step read (GET /v1/senders/{senderId}/whatsapp-sync): expected 404, received 200');
    // The case's own statuses are some step's: any step's status violation makes them a mismatch.
    expect(statusAccepted(withStatus)).toBe(false);
    const html = stepsList(withStatus);
    expect(html).toContain('<span title="accepted in place of 401">404</span>');
    expect(html).toContain('<span class="mismatch">200</span>');
  });

  test('the console of a case failed for its latency says its status was accepted, not that it was wrong', () => {
    const steps = [step('read-unknown', {}), step('read', { expectedStatus: 404, receivedStatus: 404 })];
    const failed = result({ id: 'getWhatsAppSyncStatus/no-credentials-path-parameter', steps, expectedStatus: 404, receivedStatus: 404 });
    const text = renderConsole(report([failed]));
    expect(text).toContain('read-unknown (GET /v1/senders/{senderId}/whatsapp-sync): status 404 accepted in place of 401');
    expect(text).not.toContain('expected 401, received 404');
  });

  test('compareStatus: accepted only with an expected status to stand in for', () => {
    expect(compareStatus({ receivedStatus: 404 }, true)).toEqual({ kind: 'mismatch', received: 404 });
    expect(compareStatus({ expectedStatus: 401, receivedStatus: 404 }, true)).toEqual({ kind: 'accepted', received: 404 });
    expect(compareStatus({ expectedStatus: 401 }, true)).toEqual({ kind: 'no-response' });
  });
});

describe('copiesNote: a step sent as copies at once', () => {
  it('counts the copies sent, and states what each was expected to be when the part was not startable', () => {
    expect(copiesNote({ expectedStatus: 400, receivedStatuses: [400, 400, 0] })).toBe('3 copies sent at once, received 400, 400, no response; expected 400 each');
    expect(copiesNote({ expectedStatus: 202, receivedStatuses: [202, 400, 400, 400] })).toBe('4 copies sent at once, received 202, 400, 400, 400; expected one 202, the others 400');
  });

  it('states no expectation when none was predicted', () => {
    expect(copiesNote({ receivedStatuses: [202, 202] })).toBe('2 copies sent at once, received 202, 202');
  });
});

describe('expectedAs: every renderer says what the status was judged against', () => {
  // "any" bound to the unknown id: the credential row accepts that id's 404 as it accepts 200.
  const fallback = result({ id: 'getWhatsAppSyncStatus/lowercase-bearer-scheme', scenario: 'lowercase-bearer-scheme', status: 'failed', violations: [latencyViolation], expectedStatus: 200, expectedAs: '200 or 400 or 404', receivedStatus: 404 });

  test('an accepted status names the statuses accepted, a mismatch every one of them', () => {
    expect(caseStatusNote(fallback)).toBe('status 404 accepted (expected 200 or 400 or 404)');
    expect(caseStatusNote({ ...fallback, receivedStatus: 500, violations: [statusViolation()] })).toBe('expected 200 or 400 or 404, received 500');
    expect(caseStatusNote({ ...fallback, receivedStatus: 200 })).toBe('status 200 as expected');
    const bound = step('read', { status: 'failed', expectedStatus: 404, expectedAs: '404 (as read-unknown was answered)', receivedStatus: 200 });
    expect(stepLine(bound, result({ violations: [statusViolation('read')] }))).toBe('read (GET /v1/senders/{senderId}/whatsapp-sync): expected 404 (as read-unknown was answered), received 200 — failed');
  });

  test('the HTML tables and details, the console and JUnit never read "expected 200" beside a 404 that passed', () => {
    const page = renderHtml(report([fallback, { ...fallback, id: 'getWhatsAppSyncStatus/padded-bearer-token', status: 'passed', violations: [] }]));
    expect(page).toContain('<td class="num">200 or 400 or 404</td>');
    expect(page).toContain('<span title="accepted (expected 200 or 400 or 404)">404</span>');
    expect(page).toContain('Status <strong>404</strong> accepted (expected <strong>200 or 400 or 404</strong>)');
    expect(page).not.toContain('accepted in place of 200');
    expect(page).not.toContain('<td class="num">200</td>');
    expect(renderConsole(report([fallback]))).toContain('status 404 accepted (expected 200 or 400 or 404)');
    expect(renderJunit(report([fallback]))).toContain('status 404 accepted (expected 200 or 400 or 404)');
    expect(describeFailure(fallback)).toContain('getWhatsAppSyncStatus/lowercase-bearer-scheme: expected 200 or 400 or 404, received 404');
    const steps = stepsList({ ...fallback, steps: [step('read', { expectedStatus: 401, expectedAs: '401 or any 4xx', receivedStatus: 404 })] });
    expect(steps).toContain('expected 401 or any 4xx, received <span title="accepted (expected 401 or any 4xx)">404</span>');
  });
});

// The one rule every renderer's status words come from: a near test for it, so a head that came is
// not read as "no response" without a live server (tests/runner/timeout-after-head.test.ts has one).
test('an answer whose head came but not its body is a timeout after the head, not no response', () => {
  expect(compareStatus({ expectedStatus: 200, headStatus: 200 })).toEqual({ kind: 'head-only', head: 200 });
  expect(statusNote({ expectedStatus: 200, headStatus: 200 })).toBe('timeout after the head (status 200)');
  expect(statusNote({ expectedStatus: 200 })).toBe('no response');
});
