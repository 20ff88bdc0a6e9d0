/**
 * The verdict on an error answer of the Zavu API: what `toBeZavuError` and pactum's `zavuError`
 * expect handler both say (one implementation, as for the contract).
 */
import type { OperationContract } from '../model';
import { findDocumentedResponse } from '../openapi/find-documented-response';
import { checkStatusArgument, type Verdict } from './contract-verdict';
import { judgeResponse, violationLines } from './judge-response';
import { toHttpResponse } from './received-response';
import { shippedContract, shippedOperation } from './shipped-contract';
import { keyless } from './without-keys';
import { UsageError } from '../model/errors';

/** The operations that document `status`: the answer must honour one of them. */
function candidates(caller: string, status: number, operationId: string | undefined): OperationContract[] {
  if (operationId !== undefined) return [shippedOperation(operationId, caller)];
  return [...shippedContract().operations.values()].filter((operation) => findDocumentedResponse(operation, status) !== undefined);
}

/**
 * Passes for an SDK error (`BadRequestError`, `NotFoundError`, … carry `status`, `headers` and the
 * parsed body in `error`) or a raw response whose status is `status`, an error status documented
 * by the operation (by any operation when none is named), with a JSON body valid against the
 * schema documented for it (the Error schema). A connection error, which has no status, fails.
 * Throws a UsageError, with `caller` in the message, for a status that is not an error status or an unknown operationId.
 * No word shaped like a Zavu API key is left in its explanation or its Error (see without-keys.ts).
 */
export function errorVerdict(caller: string, received: unknown, status: number, operationId?: string): Verdict {
  // An error answer is where a target most often echoes the key it refused ("Invalid API key zv_live_…").
  return keyless(() => judgeError(caller, received, status, operationId));
}

function judgeError(caller: string, received: unknown, status: number, operationId: string | undefined): Verdict {
  const expected = checkStatusArgument(caller, status);
  if (expected < 400) throw new UsageError(`${caller}: ${expected} is not an error status (expected 4xx or 5xx)`);
  const operations = candidates(caller, expected, operationId);
  const normalized = toHttpResponse(received);
  if (!normalized.ok) return { pass: false, explanation: `Not a Zavu error answer: ${normalized.problem}` };
  const { response } = normalized;
  if (operations.length === 0) return { pass: false, explanation: `No Zavu operation documents the status ${expected}.` };
  // The status check runs against each candidate too, so a wrong status fails whichever is chosen.
  // The first candidate that documents the answer passes; else the first candidate's findings are shown.
  const judged = operations.map((operation) => ({ operation, violations: judgeResponse(response, operation, { status: expected, because: 'the test expects that error' }) }));
  const { operation, violations } = judged.find((j) => j.violations.length === 0) ?? (judged[0] as (typeof judged)[number]);
  return violations.length === 0
    ? { pass: true, explanation: `It is a documented ${expected} error of ${operation.operationId} (${operation.label}).` }
    : { pass: false, explanation: `The ${response.status} answer is not a documented ${expected} error of ${operation.operationId} (${operation.label}):\n${violationLines(violations)}` };
}
