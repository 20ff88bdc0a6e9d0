import { statusCodeExpectedCheck } from '../../src/checks/status-code-expected';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const unauthorized = { code: 'unauthorized', message: 'Invalid API key' };
const run = (expected: number, received: ReturnType<typeof response>, because = 'the reason the scenario gives') =>
  statusCodeExpectedCheck.run(exchange(received), context({ status: expected, because }));

describe('status-code-expected', () => {
  it('passes when the status is the expected one', () => {
    expect(run(200, jsonResponse(200, syncBody))).toEqual([]);
    expect(run(401, jsonResponse(401, unauthorized))).toEqual([]);
  });

  it('names the expected status and the reason for it', () => {
    const found = run(400, jsonResponse(404, unauthorized), 'the sender has no WhatsApp Business Account');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'status-code-expected', severity: 'error' });
    expect(found[0]?.message).toMatch(/^Received: 404.* \/ Expected: 400 because the sender has no WhatsApp Business Account$/);
  });

  it('reads expected 401 / received 404 as sender enumeration', () => {
    const message = run(401, jsonResponse(404, { code: 'not_found', message: 'Sender not found' }))[0]?.message;
    expect(message).toContain('sender ids can be enumerated');
    expect(message).toContain('looked up before authenticating');
  });

  it("reads expected 404 / received 403 to the other project's configured sender as confirming that it exists (it must look unknown)", () => {
    const fixtures = [{ variable: 'ZAVU_SENDER_OTHER_PROJECT', value: 'snd_other', hidden: true as const }];
    const message = statusCodeExpectedCheck.run(exchange(jsonResponse(403, { code: 'forbidden', message: 'Not your sender' })), { ...context({ status: 404, because: 'b' }), fixtures })[0]?.message;
    expect(message).toContain('forbidden instead of not found: confirms that the sender exists');
  });

  // The other side of isolation (own-sender-other-project-key): to the other project's key, the key's
  // own configured sender is another project's, and its 403 says it exists just as much.
  it("reads expected 404 / received 403 to the key's own configured sender, sent with the other project's key, as confirming that it exists", () => {
    const fixtures = [{ variable: 'ZAVU_SENDER_COEXISTENCE', value: 'snd_1' }];
    const sent = exchange(jsonResponse(403, { code: 'forbidden', message: 'Not your sender' }));
    const asOther = { ...sent, request: { ...sent.request, authVariant: 'other-project-key' as const } };
    const message = statusCodeExpectedCheck.run(asOther, { ...context({ status: 404, because: 'b' }), fixtures })[0]?.message;
    expect(message).toContain('forbidden instead of not found: confirms that the sender exists');
    // That project's own sender, with its own key, is no other project's: both readings.
    const hidden = [{ variable: 'ZAVU_SENDER_OTHER_PROJECT', value: 'snd_1', hidden: true as const }];
    expect(statusCodeExpectedCheck.run(asOther, { ...context({ status: 404, because: 'b' }), fixtures: hidden })[0]?.message).not.toContain('confirms that the sender exists');
  });

  it('reads expected 404 / received 403 to an id no configured sender has (generated, hostile, or a seeded one) with both readings: it does not claim the id names a sender', () => {
    const message = run(404, jsonResponse(403, { code: 'forbidden', message: 'Forbidden' }))[0]?.message;
    expect(message).not.toContain('confirms that the sender exists');
    expect(message).toContain("for another project's sender, a 403 confirms that it exists");
    expect(message).toContain("for an id that names no sender (the generated unknown id, a hostile one), the id itself was refused 403 where the contract answers 404");
  });

  it("reads expected 404 / received 200 as a sender served that must look unknown", () => {
    expect(run(404, jsonResponse(200, syncBody))[0]?.message).toContain("(no such sender, or another project's) was answered as if it were the key's");
  });

  it("reads expected 401 / received a 200 HTML page as not the API's answer, and still fails the case", () => {
    const found = run(401, response(200, '<html><body>Welcome</body></html>', { 'content-type': 'text/html; charset=utf-8' }), 'no credentials');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'status-code-expected', severity: 'error', title: 'Expected status 401, received 200' });
    expect(found[0]?.message).toBe("Received: 200 (not the API? a 200 text/html page, not JSON, where 401 was due: a web site or gateway in the API's place answers so (is the base URL the API's root? if the run's other answers are JSON, a front answers this path itself)) / Expected: 401 because no credentials");
  });

  it('reads expected 401 / received 200 as authentication not enforced', () => {
    expect(run(401, jsonResponse(200, syncBody))[0]?.message).toContain('authentication not enforced');
  });

  it.each([400, 404])('reads expected %i / received 401 as a rejected configured key', (expected) => {
    expect(run(expected, jsonResponse(401, unauthorized))[0]?.message).toContain('the configured key was rejected');
  });

  it('reads a 3xx as a redirect that was not followed', () => {
    const message = run(200, response(302, '', { location: 'https://login.example.test/' }))[0]?.message;
    expect(message).toContain('a redirect (not followed)');
    expect(message).toContain('https://login.example.test/');
  });

  it('still reports a pair that tells no story, with the bare status', () => {
    expect(run(404, jsonResponse(418, unauthorized))[0]?.message).toMatch(/^Received: 418 \/ Expected: 404 because/);
  });

  it('returns nothing without a response', () => {
    expect(statusCodeExpectedCheck.run(exchange({ kind: 'timeout', message: 'slow' }), context())).toEqual([]);
  });
});

describe('alsoAccept and warnOn', () => {
  const judge = (expect: { alsoAccept?: number[]; warnOn?: number[] }, received: ReturnType<typeof response>) =>
    statusCodeExpectedCheck.run(exchange(received), context({ status: 404, because: 'unknown', ...expect }));
  test('a status in alsoAccept passes', () => {
    expect(judge({ alsoAccept: [400] }, jsonResponse(400, unauthorized))).toEqual([]);
  });
  test('a status in warnOn is a warning, not an error', () => {
    expect(judge({ warnOn: [414] }, jsonResponse(414, unauthorized)).map((v) => v.severity)).toEqual(['warning']);
  });
  test('any other status is still an error', () => {
    const violations = judge({ alsoAccept: [400], warnOn: [414] }, jsonResponse(200, syncBody));
    expect(violations.map((v) => [v.severity, v.title])).toEqual([['error', 'Expected status 404 or 400, received 200']]);
  });
});
