/**
 * Answers a scenario tolerates without them being the contract's answer: a status it accepts only
 * as a warning (`warnOn`: a front proxy's 400, 414 or 431, a redirect of a path that left its
 * segment), and any 4xx to a request that may match no documented operation (`anyClientError`).
 * Such an answer usually comes from something in front of the API — a proxy, a router — so its
 * status and body are not the contract's to judge: the status is reported once, by
 * status-code-expected, and the checks of the status and the body say nothing about it.
 */
import type { Exchange, HttpResponse } from '../../model/http';
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
  // The router's answer the status was predicted from, given again: its body is the router's too.
  if (expect.routerAnswer === true && status === expect.status) return true;
  return expect.warnOn?.includes(status) === true && !statusAccepted(status, expect);
}

/**
 * The response a check of the status's documentation or of the body judges: none when no response
 * came, or when the answer is tolerated from outside the contract (a proxy's 431, a router's 404).
 * Every such check starts here, so none can forget the rule.
 */
export function judgedResponse(exchange: Exchange, expect: ResolvedExpectation): HttpResponse | undefined {
  const response = exchange.response;
  return response === undefined || outsideContract(response.status, expect) ? undefined : response;
}

/** The statuses an expectation accepts, in words: "404 or 400", "404 or any 4xx". */
export function acceptedText(expect: Pick<ResolvedExpectation, 'status' | 'alsoAccept' | 'anyClientError'>): string {
  return [expect.status, ...(expect.alsoAccept ?? []), ...(expect.anyClientError === true ? ['any 4xx'] : [])].join(' or ');
}
