/** "status-code-expected": the status is the one this scenario exists to observe. */
import type { Check } from '../model/check';
import { statusStory } from './support/status-story';

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
    if (response.status === expect.status || expect.alsoAccept?.includes(response.status)) return [];
    // Correct HTTP that is not the contract's answer (414 from a proxy, a case-insensitive scheme): worth a look, not a failure.
    const severity = expect.warnOn?.includes(response.status) ? 'warning' : 'error';
    const story = statusStory(expect.status, response);
    const received = story === undefined ? `${response.status}` : `${response.status} (${story})`;
    const expected = [expect.status, ...(expect.alsoAccept ?? [])].join(' or ');
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
