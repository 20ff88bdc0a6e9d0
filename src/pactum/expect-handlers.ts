/**
 * The two pactum expect handlers, `zavuContract` and `zavuError`: the data a spec passes to
 * `.expect(name, data)`, read strictly, then the Jest matchers' own verdicts. A broken answer
 * fails with an AssertionError (what pactum's own expectations throw) carrying the suite's words.
 */
import { AssertionError } from 'node:assert';
import { contractVerdict, type Verdict } from '../jest/contract-verdict';
import { errorVerdict } from '../jest/error-verdict';
import { shownValue } from '../jest/shown-value';
import { withoutKeys } from '../jest/without-keys';
import { isRecord } from '../openapi/is-record';
import { UsageError } from '../model/errors';

/** The names the handlers are registered under, as a spec writes them in `.expect(name, data)`. */
export const ZAVU_EXPECT_HANDLERS = { contract: 'zavuContract', error: 'zavuError' } as const;

/** `.expect('zavuContract', data)`: the operationId, or it with a required status (as `toMatchZavuContract`). */
export type ZavuContractExpectation = string | { operationId: string; status?: number };

/** `.expect('zavuError', data)`: the error status, or it with the operation (as `toBeZavuError`). */
export type ZavuErrorExpectation = number | { status: number; operationId?: string };

/** What pactum hands an expect handler: its response (`statusCode`, `headers`, `body`, `buffer`) and the spec's data. */
export interface PactumExpectContext {
  res: unknown;
  data?: unknown;
}

/**
 * A mistake in the spec is the test's fault: a UsageError (the library's, as the Jest matchers'
 * refusals are) that says what the handler takes, told by class from a broken answer's AssertionError.
 */
function usage(name: string, takes: string, data: unknown): UsageError {
  // Bounded and never throwing: JSON.stringify throws on a BigInt (404n) and copies a long value whole.
  // A key passed in the wrong place (where the status goes) is quoted without it, as the CLI's lines are.
  return new UsageError(withoutKeys(`${name}: expected ${takes}, received ${shownValue(data)}`));
}

function settle(name: string, data: unknown, verdict: Verdict): void {
  if (verdict.pass) return;
  const message = `.expect('${name}', ${shownValue(data)})\n\n${verdict.explanation}`;
  // As assert.fail(message) throws it: operator 'fail'. Without an operator, Jest (jest-circus formats
  // node's AssertionError from actual, expected and operator) framed the message with "Expected value
  // undefined / Received: undefined … Compared values have no visual difference". The stack starts
  // at the handler, not at this function or AssertionError's constructor (Jest showed a stray "at new").
  throw new AssertionError({ message, operator: 'fail', stackStartFn: settle });
}

/** The `zavuContract` handler: the response honours the operation's contract (see contractVerdict). */
export function zavuContractHandler(ctx: PactumExpectContext): void {
  const name = ZAVU_EXPECT_HANDLERS.contract;
  const { data } = ctx;
  const takes = "an operationId or { operationId, status? }";
  if (typeof data === 'string') return settle(name, data, contractVerdict(name, ctx.res, data));
  if (!isRecord(data) || typeof data['operationId'] !== 'string' || Object.keys(data).some((key) => key !== 'operationId' && key !== 'status')) throw usage(name, takes, data);
  // A status of the wrong type is refused by contractVerdict, in the same words as the Jest matcher's.
  const status = data['status'] as number | undefined;
  settle(name, data, contractVerdict(name, ctx.res, data['operationId'], status === undefined ? {} : { status }));
}

/** The `zavuError` handler: a documented error answer with that status (see errorVerdict). */
export function zavuErrorHandler(ctx: PactumExpectContext): void {
  const name = ZAVU_EXPECT_HANDLERS.error;
  const { data } = ctx;
  const takes = 'an error status or { status, operationId? }';
  if (typeof data === 'number') return settle(name, data, errorVerdict(name, ctx.res, data));
  // Any other key too, as zavuContract's: a misspelt operationId would judge the error as any operation's.
  if (!isRecord(data) || typeof data['status'] !== 'number' || Object.keys(data).some((key) => key !== 'status' && key !== 'operationId')) throw usage(name, takes, data);
  // An operationId that names no operation (or is no string) is refused by errorVerdict.
  settle(name, data, errorVerdict(name, ctx.res, data['status'], data['operationId'] as string | undefined));
}
