/**
 * The verdict on one response against one operation's contract: what `toMatchZavuContract` and
 * pactum's `zavuContract` expect handler both say. One implementation, so a response judged in a
 * Jest assertion and in a pactum spec gets the same checks and the same words.
 */
import { isRecord } from '../openapi/is-record';
import { judgeResponse, violationLines } from './judge-response';
import { toHttpResponse } from './received-response';
import { shippedOperation } from './shipped-contract';
import { shownValue } from './shown-value';
import { excerpt } from '../text/plain-text';
import { keyless } from './without-keys';
import { UsageError } from '../model/errors';

/** Options of `toMatchZavuContract` (and of the `zavuContract` handler). */
export interface ZavuContractOptions {
  /** Also require this status (e.g. 200): a documented 404 then fails. */
  status?: number;
}

/** Whether the response honours the contract, and the suite's own words for why (or why not). */
export interface Verdict {
  pass: boolean;
  explanation: string;
}

/**
 * A status argument of another type, bounded and inert as every value a test hands a matcher is:
 * String() of an object throws for one without a prototype and copies a long array whole; that of
 * a BigInt or a symbol is cut.
 */
function otherValue(status: unknown): string {
  return typeof status === 'object' && status !== null ? shownValue(status, 60) : excerpt(String(status), 60);
}

/**
 * The status a test passed, or a UsageError naming the caller: a typo in a test must not read as the
 * API's fault, and the library's own class tells a caller it from a failed assertion.
 */
export function checkStatusArgument(caller: string, status: unknown): number {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    // Quoted when it is not a number, so '404' does not read as the 404 it looks like.
    throw new UsageError(`${caller}: the status must be an integer from 100 to 599, received ${typeof status === 'string' ? shownValue(status, 60) : typeof status === 'number' ? String(status) : `${otherValue(status)} (${status === null ? 'null' : typeof status})`}`);
  }
  return status;
}

/**
 * The status `options` requires, if any. Anything but `{ status? }` is refused: a status given
 * positionally (`toMatchZavuContract(op, 404)`, as `toBeZavuError` takes it) or under another
 * name (`{ statusCode: 404 }`) would otherwise be ignored, and a 200 would pass a test written to
 * require a 404.
 */
function requiredStatus(caller: string, options: unknown): number | undefined {
  if (typeof options === 'number') throw new UsageError(`${caller}: the status goes in the options, { status: ${options} }, not on its own`);
  if (!isRecord(options)) throw new UsageError(`${caller}: the options must be { status? }, received ${typeof options}`);
  const unknown = Object.keys(options).filter((key) => key !== 'status');
  if (unknown.length > 0) throw new UsageError(`${caller}: the options take only { status? }, not ${unknown.map((key) => JSON.stringify(key)).join(', ')}`);
  return options['status'] === undefined ? undefined : checkStatusArgument(caller, options['status']);
}

/**
 * Passes when the response's status is documented for the operation, its Content-Type is JSON
 * (when JSON is documented) and its body validates against the schema documented for that
 * status; with `options.status`, also when the status is that one. Throws a UsageError, with `caller` in the
 * message, for an unknown operationId, a bad status or something that is not a response. No word
 * shaped like a Zavu API key is left in its explanation or its Error (see without-keys.ts).
 */
export function contractVerdict(caller: string, received: unknown, operationId: string, options: ZavuContractOptions = {}): Verdict {
  // Its words, and those of its refusals, never quote a key a target echoed or an error carried.
  return keyless(() => judgeContract(caller, received, operationId, options));
}

function judgeContract(caller: string, received: unknown, operationId: string, options: ZavuContractOptions): Verdict {
  const operation = shippedOperation(operationId, caller);
  const status = requiredStatus(caller, options);
  const normalized = toHttpResponse(received);
  if (!normalized.ok) throw new UsageError(`${caller}: ${normalized.problem}`);
  const { response } = normalized;
  const violations = judgeResponse(response, operation, status === undefined ? undefined : { status, because: 'the test asked for it ({ status })' });
  const what = `${operationId} (${operation.label})`;
  return violations.length === 0
    ? { pass: true, explanation: `The ${response.status} response honours the contract of ${what}.` }
    : { pass: false, explanation: `The ${response.status} response breaks the contract of ${what}:\n${violationLines(violations)}` };
}
