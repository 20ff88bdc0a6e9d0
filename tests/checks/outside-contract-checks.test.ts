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

describe("a front's refusal of the request's credentials (checks/support/front-refusal)", () => {
  const page = response(400, '<html><head><title>400 Bad Request</title></head><body><h1>400 Bad Request</h1></body></html>', { 'content-type': 'text/html' });
  const withVariant = (variant: 'control-chars' | 'key-then-word', received: ReturnType<typeof response>) => {
    const base = exchange(received);
    return { ...base, request: { ...base.request, authVariant: variant } };
  };
  const controlChars = () => context({ status: 401, because: 'control characters are not the key', alsoAccept: [400] });

  it("leaves a front's HTML 400 to control characters in the token with exactly one warning, naming the front", () => {
    const { violations } = runChecks(withVariant('control-chars', page), controlChars());
    expect(violations.map((v) => [v.check, v.severity])).toEqual([['status-code-expected', 'warning']]);
    expect(violations[0]?.title).toBe('Expected status 401 or 400, received 400 from a front');
    expect(violations[0]?.message).toMatch(/^Received: 400 \(a text\/html body.*\) without the contract's Error body to .*a front's refusal \(Kestrel.*this request never reached the API, so it was not judged \/ Expected: 401 or 400 because control characters are not the key$/);
  });

  it('judges the same page to a credential no front refuses', () => {
    const checks = runChecks(withVariant('key-then-word', page), controlChars()).violations.filter((v) => v.severity === 'error').map((v) => v.check);
    expect(checks).toEqual(expect.arrayContaining(['content-type', 'json-body']));
  });

  it("judges a JSON 400 to control characters as the API's answer", () => {
    const checks = runChecks(withVariant('control-chars', jsonResponse(400, { ok: false })), controlChars()).violations.filter((v) => v.severity === 'error').map((v) => v.check);
    expect(checks).toContain('response-schema');
  });
});

describe("Kong's JSON page with nginx's 494 to the 8 KB token (error_page 494 =494)", () => {
  const longToken = (received: ReturnType<typeof response>) => {
    const base = exchange(received);
    return { ...base, request: { ...base.request, authVariant: 'long-token' as const } };
  };
  const oversized = () => context({ status: 401, because: 'an unknown token is not a credential, however long', warnOn: [400, 431] });

  it('leaves exactly one warning, naming the front, not the response-schema or status failures of a JSON answer', () => {
    const kong = jsonResponse(494, { message: 'Request header or cookie too large' }, { 'content-type': 'application/json; charset=utf-8', server: 'kong/3.4.2' });
    const { violations } = runChecks(longToken(kong), oversized());
    expect(violations.map((v) => [v.check, v.severity])).toEqual([['status-code-expected', 'warning']]);
    expect(violations[0]?.message).toContain("as Kong's does");
  });

  it("judges a 494 with the contract's Error body as the API's", () => {
    const own = jsonResponse(494, { code: 'header_too_large', message: 'Request header or cookie too large' });
    expect(runChecks(longToken(own), oversized()).violations.filter((v) => v.severity === 'error').map((v) => v.check)).toContain('status-code-expected');
  });
});
