/**
 * `zavu-conformance/jest`: matchers for an API team's own Jest tests, judging with the suite's
 * own schema conversion and checks.
 *
 * @example
 * import { zavuMatchers } from 'zavu-conformance/jest';
 * expect.extend(zavuMatchers);
 * expect({ status: res.status, headers: res.headers, body: await res.json() }).toMatchZavuContract('getWhatsAppSyncStatus');
 * await expect(client.senders.whatsappSync.retrieve('snd_nope')).rejects.toBeZavuError(404);
 *
 * @packageDocumentation
 */
import { toBeZavuError } from './to-be-zavu-error';
import { toMatchZavuContract, type ZavuContractOptions } from './to-match-zavu-contract';

export type { ZavuContractOptions, MatcherResult } from './to-match-zavu-contract';

/** Pass to `expect.extend`. */
export const zavuMatchers = { toMatchZavuContract, toBeZavuError };

/**
 * The matchers as they appear on `expect`: `import { expect } from '@jest/globals'` reads them
 * from the `expect` package's own Matchers (Jest's documented way to type custom matchers); the
 * global `expect` of @types/jest from the `jest` namespace below.
 */
interface ZavuMatchers<R> {
  /**
   * The response (`{ status, headers, body }`, axios' `{ status, headers, data }`, pactum's
   * response) has a status documented for `operationId`, a JSON Content-Type and a body valid
   * against the schema documented for that status; with `options.status`, that status.
   */
  toMatchZavuContract(operationId: string, options?: ZavuContractOptions): R;
  /** An SDK error or raw response with this error status and a documented error body. */
  toBeZavuError(status: number, operationId?: string): R;
}

declare module 'expect' {
  // Same type parameters as expect's declaration, so the two merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> extends ZavuMatchers<R> {}
}

declare global {
  // Jest's global `expect` (and @types/jest) reads its matchers from this namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // Same type parameters as @types/jest's declaration, so the two merge.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends ZavuMatchers<R> {}
  }
}
