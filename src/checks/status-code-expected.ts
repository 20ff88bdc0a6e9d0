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
    const expect = context.scenario.expect;
    if (response.status === expect.status) return [];
    const story = statusStory(expect.status, response);
    const received = story === undefined ? `${response.status}` : `${response.status} (${story})`;
    return [
      {
        check: 'status-code-expected',
        severity: 'error',
        title: `Expected status ${expect.status}, received ${response.status}`,
        message: `Received: ${received} / Expected: ${expect.status} because ${expect.because}`,
        instancePath: '',
      },
    ];
  },
};
