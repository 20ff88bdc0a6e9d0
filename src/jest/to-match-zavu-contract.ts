/** `expect(response).toMatchZavuContract(operationId, { status? })`. */
import { judgeResponse, violationLines } from './judge-response';
import { toHttpResponse } from './received-response';
import { shippedOperation } from './shipped-contract';

/** Options of `toMatchZavuContract`. */
export interface ZavuContractOptions {
  /** Also require this status (e.g. 200): a documented 404 then fails. */
  status?: number;
}

/** The part of Jest's matcher context the matchers read. */
export interface MatcherThis {
  isNot?: boolean;
}

/** What a Jest matcher returns. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The status a test passed, or an Error naming the matcher: a typo in a test must not read as the API's fault. */
export function checkStatusArgument(name: string, status: unknown): number {
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new Error(`${name}: the status must be an integer from 100 to 599, received ${String(status)}`);
  }
  return status;
}

/**
 * Passes when the response's status is documented for the operation, its Content-Type is JSON
 * (when JSON is documented) and its body validates against the schema documented for that
 * status; with `options.status`, also when the status is that one. Throws (failing the test
 * whatever `.not` says) for an unknown operationId or something that is not a response.
 */
export function toMatchZavuContract(this: MatcherThis, received: unknown, operationId: string, options: ZavuContractOptions = {}): MatcherResult {
  const operation = shippedOperation(operationId);
  const status = options.status === undefined ? undefined : checkStatusArgument('toMatchZavuContract', options.status);
  const normalized = toHttpResponse(received);
  if (!normalized.ok) throw new Error(`toMatchZavuContract: ${normalized.problem}`);
  const { response } = normalized;
  const violations = judgeResponse(response, operation, status === undefined ? undefined : { status, because: 'the test asked for it ({ status })' });
  const what = `${operationId} (${operation.label})`;
  const hint = `expect(response)${this.isNot === true ? '.not' : ''}.toMatchZavuContract(${JSON.stringify(operationId)}${status === undefined ? '' : `, { status: ${status} }`})`;
  return {
    pass: violations.length === 0,
    message: () =>
      violations.length === 0
        ? `${hint}\n\nThe ${response.status} response honours the contract of ${what}.`
        : `${hint}\n\nThe ${response.status} response breaks the contract of ${what}:\n${violationLines(violations)}`,
  };
}
