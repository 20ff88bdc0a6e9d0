/**
 * Answers a scenario tolerates without them being the contract's answer: a status it accepts only
 * as a warning (`warnOn`: a front proxy's 400, 414 or 431, a redirect of a path that left its
 * segment), and any 4xx to a request that may match no documented operation (`anyClientError`).
 * Such an answer usually comes from something in front of the API — a proxy, a router — so its
 * status and body are not the contract's to judge: the status is reported once, by
 * status-code-expected, and the checks of the status and the body say nothing about it.
 */
import type { ResolvedExpectation } from '../../model/scenario';

const isClientError = (status: number): boolean => status >= 400 && status < 500;

/** The status the scenario expects, one it also accepts, or any 4xx when the expectation allows it. */
export function statusAccepted(status: number, expect: ResolvedExpectation): boolean {
  if (status === expect.status || expect.alsoAccept?.includes(status) === true) return true;
  return expect.anyClientError === true && isClientError(status);
}

/**
 * True when the answer is tolerated but is not the contract's (see above): the body checks and
 * status-code-documented stay silent. An accepted status of a request that reached the API (the
 * usual case) is judged in full.
 */
export function outsideContract(status: number, expect: ResolvedExpectation): boolean {
  if (expect.anyClientError === true && isClientError(status)) return true;
  return expect.warnOn?.includes(status) === true && !statusAccepted(status, expect);
}
