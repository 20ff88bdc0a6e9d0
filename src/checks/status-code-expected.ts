/** "status-code-expected": the status is the one this scenario exists to observe. */
import type { Check } from '../model/check';
import { acceptedText, outsideContract, redirectToSame, statusAccepted } from './support/outside-contract';
import { seenBody } from './support/answer-evidence';
import { statusStory } from './support/status-story';
import { frontRefusal } from './support/front-refusal';

/**
 * The message says why that status was expected (the scenario's `because`) and what the received
 * one suggests, so "expected 401, got 404" reads as the enumeration leak it is (principle 5).
 */
export const statusCodeExpectedCheck: Check = {
  id: 'status-code-expected',
  title: "The status code is the one the scenario expects",
  run(exchange, context) {
    const response = exchange.response;
    if (response === undefined) return [];
    const expect = context.expect;
    const expected = acceptedText(expect);
    // A front's own page refusing the credentials (nginx's 494 to the 8 KB token): the API never saw
    // the request, accepted status or not, so it is not judged, and the warning names the front.
    const front = frontRefusal(exchange);
    if (front !== undefined) {
      return [
        {
          check: 'status-code-expected',
          severity: 'warning',
          title: `Expected status ${expected}, received ${response.status} from a front`,
          message: `Received: ${response.status} (${seenBody(response)}) without the contract's Error body to ${front}: this request never reached the API, so it was not judged / Expected: ${expected} because ${expect.because}`,
          instancePath: '',
        },
      ];
    }
    if (statusAccepted(response.status, expect) || redirectToSame(exchange, expect)) return [];
    // Correct HTTP that is not the contract's answer (414 from a proxy, a case-insensitive scheme): worth a look, not a failure.
    // Its body is not judged by the other checks (outside-contract), so this warning says what it was.
    const warned = outsideContract(response.status, expect);
    const isRedirect = response.status >= 300 && response.status < 400;
    // A redirect's story names its Location; any other warned answer is described as seen.
    const story = warned
      ? `${isRedirect ? (statusStory(expect.status, { ...exchange, response }, context) ?? seenBody(response)) : seenBody(response)}; its body is not judged, as the status is only a warning`
      : statusStory(expect.status, { ...exchange, response }, context);
    const received = story === undefined ? `${response.status}` : `${response.status} (${story})`;
    const severity = warned ? 'warning' : 'error';
    return [
      {
        check: 'status-code-expected',
        severity,
        title: `Expected status ${expected}, received ${response.status}`,
        message: `Received: ${received} / Expected: ${expected} because ${expect.because}`,
        instancePath: '',
      },
    ];
  },
};
