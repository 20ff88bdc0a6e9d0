/** `expect(error).toBeZavuError(status, operationId?)`: an error answer of the Zavu API, as documented. */
import type { OperationContract, Violation } from '../model';
import { findDocumentedResponse } from '../checks/support/documented-response';
import { judgeResponse, violationLines } from './judge-response';
import { toHttpResponse } from './received-response';
import { shippedContract, shippedOperation } from './shipped-contract';
import { checkStatusArgument, type MatcherResult, type MatcherThis } from './to-match-zavu-contract';

/** The operations that document `status`: the answer must honour one of them. */
function candidates(status: number, operationId: string | undefined): OperationContract[] {
  if (operationId !== undefined) return [shippedOperation(operationId)];
  return [...shippedContract().operations.values()].filter((operation) => findDocumentedResponse(operation, status) !== undefined);
}

/**
 * Passes for an SDK error (`BadRequestError`, `NotFoundError`, … carry `status`, `headers` and the
 * parsed body in `error`) or a raw response whose status is `status`, an error status documented
 * by the operation (by any operation when none is named), with a JSON body valid against the
 * schema documented for it (the Error schema). A connection error, which has no status, fails.
 */
export function toBeZavuError(this: MatcherThis, received: unknown, status: number, operationId?: string): MatcherResult {
  const expected = checkStatusArgument('toBeZavuError', status);
  if (expected < 400) throw new Error(`toBeZavuError: ${expected} is not an error status (expected 4xx or 5xx)`);
  const operations = candidates(expected, operationId);
  const hint = `expect(error)${this.isNot === true ? '.not' : ''}.toBeZavuError(${expected}${operationId === undefined ? '' : `, ${JSON.stringify(operationId)}`})`;
  const normalized = toHttpResponse(received);
  if (!normalized.ok) return { pass: false, message: () => `${hint}\n\nNot a Zavu error answer: ${normalized.problem}` };
  const { response } = normalized;
  const first = operations[0];
  if (first === undefined) return { pass: false, message: () => `${hint}\n\nNo Zavu operation documents the status ${expected}.` };
  // The status check runs against each candidate too, so a wrong status fails whichever is chosen.
  let judged: { operation: OperationContract; violations: Violation[] } | undefined;
  for (const operation of operations) {
    const violations = judgeResponse(response, operation, { status: expected, because: 'the test expects that error' });
    judged ??= { operation, violations };
    if (violations.length === 0) {
      judged = { operation, violations };
      break;
    }
  }
  const { operation, violations } = judged ?? { operation: first, violations: [] };
  return {
    pass: violations.length === 0,
    message: () =>
      violations.length === 0
        ? `${hint}\n\nIt is a documented ${expected} error of ${operation.operationId} (${operation.label}).`
        : `${hint}\n\nThe ${response.status} answer is not a documented ${expected} error of ${operation.operationId} (${operation.label}):\n${violationLines(violations)}`,
  };
}
