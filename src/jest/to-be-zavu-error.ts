/** `expect(error).toBeZavuError(status, operationId?)`: an error answer of the Zavu API, as documented. */
import { errorVerdict } from './error-verdict';
import type { MatcherResult, MatcherThis } from './to-match-zavu-contract';

/**
 * Passes for an SDK error (`BadRequestError`, `NotFoundError`, …) or a raw response with this
 * error status and a body valid against the documented error schema (see errorVerdict).
 */
export function toBeZavuError(this: MatcherThis, received: unknown, status: number, operationId?: string): MatcherResult {
  const { pass, explanation } = errorVerdict('toBeZavuError', received, status, operationId);
  const hint = `expect(error)${this.isNot === true ? '.not' : ''}.toBeZavuError(${status}${operationId === undefined ? '' : `, ${JSON.stringify(operationId)}`})`;
  return { pass, message: () => `${hint}\n\n${explanation}` };
}
