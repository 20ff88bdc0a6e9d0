/** `expect(response).toMatchZavuContract(operationId, { status? })`. */
import { contractVerdict, type ZavuContractOptions } from './contract-verdict';

export type { ZavuContractOptions } from './contract-verdict';

/** The part of Jest's matcher context the matchers read. */
export interface MatcherThis {
  isNot?: boolean;
}

/** What a Jest matcher returns. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * Passes when the response's status is documented for the operation, its Content-Type is JSON
 * (when JSON is documented) and its body validates against the schema documented for that
 * status; with `options.status`, also when the status is that one. Throws (failing the test
 * whatever `.not` says) for an unknown operationId or something that is not a response.
 */
export function toMatchZavuContract(this: MatcherThis, received: unknown, operationId: string, options: ZavuContractOptions = {}): MatcherResult {
  const { pass, explanation } = contractVerdict('toMatchZavuContract', received, operationId, options);
  const hint = `expect(response)${this.isNot === true ? '.not' : ''}.toMatchZavuContract(${JSON.stringify(operationId)}${options.status === undefined ? '' : `, { status: ${options.status} }`})`;
  return { pass, message: () => `${hint}\n\n${explanation}` };
}
