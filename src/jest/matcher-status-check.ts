/**
 * "status-code-expected" as the matchers judge it: the status is the one the test asked for, and
 * the message says what came instead in the answer's own words. The suite's check tells a story
 * about why its scenario expected that status ("check ZAVU_API_KEY", "set ZAVU_SENDER_UNKNOWN",
 * "check the configured sender id"): true of a conformance run, where the suite chose the sender
 * and the key, but in a user's own test those settings do not exist and the guess misleads. What
 * the answer said (its Error's code and message, or what kind of body it was) helps instead.
 */
import { isDocumentedError, seenBody } from '../checks/support/answer-evidence';
import { parseJsonBody } from '../checks/support/parsed-body';
import type { Check, CheckContext, HttpResponse } from '../model';
import { isRecord } from '../openapi/is-record';
import { excerpt } from '../text/plain-text';

/** What the received answer was, in a few bounded, inert words. */
export function receivedAnswer(response: HttpResponse, context: Pick<CheckContext, 'operation' | 'schemas'>): string {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers['location'];
    return `a redirect (not followed)${location === undefined ? '' : ` to ${excerpt(location)}`}`;
  }
  const parsed = parseJsonBody(response);
  if (isDocumentedError(response, context) && parsed.ok && isRecord(parsed.value)) {
    return `the Error ${excerpt(String(parsed.value['code']), 60)}: ${excerpt(String(parsed.value['message']), 120)}`;
  }
  return seenBody(response);
}

export const matcherStatusCheck: Check = {
  id: 'status-code-expected',
  title: 'The status code is the one the test expects',
  run(exchange, context) {
    const response = exchange.response;
    if (response === undefined || response.status === context.expect.status) return [];
    const expected = context.expect.status;
    return [
      {
        check: 'status-code-expected',
        severity: 'error',
        title: `Expected status ${expected}, received ${response.status}`,
        message: `Received: ${response.status} (${receivedAnswer(response, context)}) / Expected: ${expected} because ${context.expect.because}`,
        instancePath: '',
      },
    ];
  },
};
