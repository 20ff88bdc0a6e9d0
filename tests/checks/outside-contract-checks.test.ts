/**
 * A tolerated answer from outside the contract (a status in warnOn, any 4xx to a path that may
 * match no operation) is not judged by the checks of the status and the body: each check below
 * reports the same exchange when the expectation does not tolerate it, and says nothing when it does.
 */
import { contentTypeCheck } from '../../src/checks/content-type';
import { errorMessageDocumentedCheck } from '../../src/checks/error-message-documented';
import { jsonBodyCheck } from '../../src/checks/json-body';
import { responseSchemaCheck } from '../../src/checks/response-schema';
import { runChecks } from '../../src/checks/run-checks';
import { statusCodeDocumentedCheck } from '../../src/checks/status-code-documented';
import { statusCodeExpectedCheck } from '../../src/checks/status-code-expected';
import { undocumentedPropertiesCheck } from '../../src/checks/undocumented-properties';
import type { Check } from '../../src/model/check';
import { context, exchange, jsonResponse, response } from './support/exchange-factory';

const bare400 = response(400, '');
const cases: [Check, ReturnType<typeof response>][] = [
  [contentTypeCheck, response(400, '<html>400 Request Header Or Cookie Too Large</html>', { 'content-type': 'text/html' })],
  [jsonBodyCheck, bare400],
  [responseSchemaCheck, jsonResponse(400, { error: 'too large' })],
  [undocumentedPropertiesCheck, jsonResponse(400, { code: 'x', message: 'y', proxy: 'nginx' })],
  [errorMessageDocumentedCheck, jsonResponse(400, { code: 'header_too_large', message: 'Header too large' })],
  [statusCodeDocumentedCheck, response(431, '')],
];

describe.each(cases)('%p', (check, received) => {
  const status = received.status;
  const governed = context({ status: 401, because: 'an unknown token', examples: ['no_waba'] });

  it('judges the answer when the contract governs it', () => {
    expect(check.run(exchange(received), governed).length).toBeGreaterThan(0);
  });

  it('says nothing when the status is accepted only as a warning', () => {
    expect(check.run(exchange(received), context({ status: 401, because: 'an unknown token', examples: ['no_waba'], warnOn: [status] }))).toEqual([]);
  });

  it('says nothing about a 4xx to a path that may match no operation', () => {
    const offRoute = context({ status: 404, because: 'an empty id', examples: ['no_waba'] });
    offRoute.expect.anyClientError = true;
    expect(check.run(exchange(received), offRoute)).toEqual([]);
  });
});

describe('status-code-expected on a tolerated answer', () => {
  it('is one warning that says what the body was and that it is not judged', () => {
    const found = statusCodeExpectedCheck.run(exchange(bare400), context({ status: 401, because: 'an unknown token', warnOn: [400, 431] }));
    expect(found.map((v) => v.severity)).toEqual(['warning']);
    expect(found[0]?.message).toBe('Received: 400 (an empty body; its body is not judged, as the status is only a warning) / Expected: 401 because an unknown token');
  });

  it('accepts any 4xx when the path may match no operation, and names it in Expected', () => {
    const offRoute = context({ status: 404, because: 'an empty id' });
    offRoute.expect.anyClientError = true;
    expect(statusCodeExpectedCheck.run(exchange(response(405, 'Method Not Allowed')), offRoute)).toEqual([]);
    expect(statusCodeExpectedCheck.run(exchange(response(200, '{}')), offRoute)[0]?.message).toContain('Expected: 404 or any 4xx because an empty id');
  });

  it('leaves a bare 400 from a front proxy with exactly one warning among all the checks', () => {
    const { violations } = runChecks(exchange(bare400), context({ status: 401, because: 'an unknown token', warnOn: [400, 431] }));
    expect(violations.map((v) => [v.check, v.severity])).toEqual([['status-code-expected', 'warning']]);
  });
});
