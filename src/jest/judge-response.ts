/**
 * Judging one response against one operation with the suite's own checks: the status is
 * documented, the Content-Type is JSON, the body parses and validates against the schema
 * documented for that status (and, when asked, the status is the expected one).
 */
import { contentTypeCheck } from '../checks/content-type';
import { jsonBodyCheck } from '../checks/json-body';
import { responseSchemaCheck } from '../checks/response-schema';
import { runChecks } from '../checks/run-checks';
import { statusCodeDocumentedCheck } from '../checks/status-code-documented';
import type { Check, Exchange, HttpResponse, OperationContract, ResolvedExpectation, Violation } from '../model';
import { matcherStatusCheck } from './matcher-status-check';
import { shippedContract } from './shipped-contract';

/** The checks of a response's contract, in the order the suite reports them. */
export const CONTRACT_CHECKS: readonly Check[] = [statusCodeDocumentedCheck, contentTypeCheck, jsonBodyCheck, responseSchemaCheck];

/** A status the test requires, and why (the "because" of the status check's message). */
export interface ExpectedStatus {
  status: number;
  because: string;
}

/** The errors the checks find; [] when the response honours the contract. A crashing check throws. */
export function judgeResponse(response: HttpResponse, operation: OperationContract, expected?: ExpectedStatus): Violation[] {
  // The checks read only the response; the request is there because an Exchange has one.
  const exchange: Exchange = {
    id: 'matcher',
    request: { method: operation.method, url: operation.pathTemplate, path: operation.pathTemplate, headers: {}, authVariant: 'valid' },
    response,
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
  };
  const expect: ResolvedExpectation = { status: expected?.status ?? response.status, because: expected?.because ?? '', assert: [] };
  const checks = expected === undefined ? CONTRACT_CHECKS : [matcherStatusCheck, ...CONTRACT_CHECKS];
  const { violations, crashes } = runChecks(exchange, { expect, operation, schemas: shippedContract().schemas }, checks);
  const crash = crashes[0];
  if (crash !== undefined) throw new Error(`the check ${crash.check} crashed: ${crash.message}`);
  return violations.filter((violation) => violation.severity === 'error');
}

/** The suite's own lines for a violation: check, title and JSON pointer, then received vs expected. */
export function violationLines(violations: readonly Violation[]): string {
  return violations
    .flatMap((v) => [`  [${v.check}] ${v.title}${v.instancePath ? ` at ${v.instancePath}` : ''}`, ...v.message.split('\n').map((line) => `    ${line}`)])
    .join('\n');
}
