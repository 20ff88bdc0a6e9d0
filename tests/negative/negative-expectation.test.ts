import type { Exchange, HttpResponse, TransportError } from '../../src/model';
import { judgeNegativeExchange } from '../../src/negative/judge-negative-exchange';
import { expectationForNegativeId, mayMatchNoOperation, type NegativeExpectation } from '../../src/negative/negative-expectation';
import { fakeSchemaValidator } from '../checks/support/fake-schema-validator';
import { resolveExpectation } from '../../src/model-based/resolve-expectation';
import { operation, row } from '../support/shipped-contract';

const FIXTURES = ['snd_coex_active'];
/** The operation each exchange below is judged for: its documented refusals are what tell a 429 of its own from a limiter's. */
const read = operation('getWhatsAppSyncStatus');

/** The negative-input row as shipped in operations/getWhatsAppSyncStatus/scenarios.json, resolved as the runner resolves it. */
function shippedRow(): NegativeExpectation {
  const resolved = resolveExpectation(row('getWhatsAppSyncStatus', 'negative-inputs').expect ?? {}, []);
  if ('unpredictable' in resolved) throw new Error(resolved.unpredictable);
  return resolved.expect;
}
const ROW = shippedRow();

describe('expectationForNegativeId', () => {
  it('an unknown id: the row as shipped, 404 or 400, 414/431 only warnings, 200 not allowed', () => {
    expect(expectationForNegativeId({ id: "' OR '1'='1", raw: false }, FIXTURES, ROW)).toEqual({
      status: 404,
      alsoAccept: [400],
      warnOn: [414, 431],
      because: ROW.because,
      assert: [],
    });
  });

  it("another project's sender spelled otherwise (percent-encoded, another letter case): the row as is, so a 200 fails; the same spellings of the key's own senders may be served", () => {
    const hidden = ['snd_other_project'];
    const fixtures = [...FIXTURES, ...hidden];
    for (const input of [{ id: '%73nd_other_project', raw: true }, { id: 'SND_OTHER_PROJECT', raw: false }, { id: 'snd_Other_project', raw: false }]) {
      const expected = expectationForNegativeId(input, fixtures, ROW, hidden);
      expect(expected).toMatchObject({ status: 404, alsoAccept: [400], warnOn: [414, 431] });
      expect(expected.because).toMatch(/^the id spells a sender of another project/);
    }
    expect(expectationForNegativeId({ id: '%73nd_coex_active', raw: true }, fixtures, ROW, hidden)).toMatchObject({ status: 200 });
    expect(expectationForNegativeId({ id: 'SND_COEX_ACTIVE', raw: false }, fixtures, ROW, hidden).warnOn).toContain(200);
  });

  it("another project's sender behind a path that resolves onto it (/x, ../x, x/../x, a\\..\\x): any 4xx, whatever its body, but a 200 fails; the key's own sender so reached is still a warning", () => {
    const hidden = ['snd_other_project'];
    const fixtures = [...FIXTURES, ...hidden];
    for (const input of [{ id: '/snd_other_project', raw: false }, { id: '../snd_other_project', raw: false }, { id: 'x/../snd_other_project', raw: false }, { id: 'x%2F..%2Fsnd_other_project', raw: true }, { id: 'a\\..\\snd_other_project', raw: false }, { id: './SND_OTHER_PROJECT', raw: false }]) {
      const expected = expectationForNegativeId(input, fixtures, ROW, hidden);
      expect(expected).toMatchObject({ status: 404, anyClientError: true, spellsHidden: true });
      expect(expected.warnOn).not.toContain(200);
      expect(expected.because).toMatch(/another project/);
    }
    // A path that resolves elsewhere, or onto the key's own sender, keeps the router's leeway and its warning.
    expect(expectationForNegativeId({ id: 'snd_other_project/x', raw: false }, fixtures, ROW, hidden).warnOn).toContain(200);
    expect(expectationForNegativeId({ id: 'x/../snd_coex_active', raw: false }, fixtures, ROW, hidden).warnOn).toContain(200);
  });

  it("a 200 to another project's sender behind a resolving path fails; a router's plain-text 404 or a WAF's 403 there passes", () => {
    const hidden = ['snd_other_project'];
    const expected = expectationForNegativeId({ id: 'x/../snd_other_project', raw: false }, [...FIXTURES, ...hidden], ROW, hidden);
    const path = '/v1/senders/x%2F..%2Fsnd_other_project/whatsapp-sync';
    const answer = (status: number, bodyText: string, type = 'application/json'): Exchange => ({
      id: 'neg#1',
      request: { method: 'GET', url: `http://x${path}`, path, headers: {}, authVariant: 'valid' },
      startedAt: '',
      durationMs: 1,
      response: { status, headers: { 'content-type': type }, bodyText } as HttpResponse,
    });
    expect(judgeNegativeExchange(answer(200, '{"sync":{}}'), expected, read)).toMatchObject({ ok: false, kind: '200 status-code-expected' });
    expect(judgeNegativeExchange(answer(404, 'Not Found', 'text/plain'), expected, read)).toMatchObject({ ok: true });
    expect(judgeNegativeExchange(answer(403, '<html>Forbidden</html>', 'text/html'), expected, read).ok).toBe(true);
  });

  describe('follows an edited scenario row', () => {
    const edited: NegativeExpectation = { status: 404, alsoAccept: [422], warnOn: [413], because: 'the edited row says so', examples: ['no_waba'], assert: [] };

    it('for an unknown id, exactly', () => {
      expect(expectationForNegativeId({ id: 'snd_nobody', raw: false }, FIXTURES, edited)).toEqual(edited);
    });

    it('adjusting only what a case variant and an escaping raw id add', () => {
      expect(expectationForNegativeId({ id: 'SND_COEX_ACTIVE', raw: false }, FIXTURES, edited)).toEqual({
        ...edited,
        warnOn: [200, 413],
        because: expect.stringContaining('the edited row says so'),
      });
      expect(expectationForNegativeId({ id: '../x', raw: true }, FIXTURES, edited)).toEqual({
        ...edited,
        anyClientError: true,
        warnOn: [200, 301, 302, 307, 308, 413],
        because: expect.stringContaining('the edited row says so'),
      });
    });

    it('without changing the row it was given', () => {
      const before = JSON.stringify(edited);
      expectationForNegativeId({ id: '../x', raw: true }, FIXTURES, edited);
      expectationForNegativeId({ id: 'SND_COEX_ACTIVE', raw: false }, FIXTURES, edited);
      expect(JSON.stringify(edited)).toBe(before);
    });
  });

  it('a case-only variant of a fixture: 404 expected, a 200 is a warning', () => {
    expect(expectationForNegativeId({ id: 'SND_COEX_ACTIVE', raw: false }, FIXTURES, ROW)).toMatchObject({ status: 404, alsoAccept: [400], warnOn: [200, 414, 431] });
  });

  it('other near-misses may not be answered with 200', () => {
    expect(expectationForNegativeId({ id: 'snd_coex_activ', raw: false }, FIXTURES, ROW).warnOn).not.toContain(200);
  });

  it('a raw id that leaves its segment may match no operation, so any 4xx passes and 200 or a redirect warns', () => {
    expect(expectationForNegativeId({ id: '../x', raw: true }, FIXTURES, ROW)).toMatchObject({ status: 404, alsoAccept: [400], anyClientError: true, warnOn: [200, 301, 302, 307, 308, 414, 431] });
  });

  it.each([false, true])('the empty id (raw %s) is treated like an id that leaves its segment', (raw) => {
    const expectation = expectationForNegativeId({ id: '', raw }, FIXTURES, ROW);
    expect(expectation).toMatchObject({ anyClientError: true, warnOn: [200, 301, 302, 307, 308, 414, 431] });
    expect(expectation.because).toContain('the empty id leaves an empty segment');
  });

  it('a raw id whose percent-decoding is a fixture is that fixture (RFC 3986 §2.1); encoded it names no sender', () => {
    expect(expectationForNegativeId({ id: 'snd%5Fcoex_active', raw: true }, FIXTURES, ROW)).toMatchObject({ status: 200, alsoAccept: [400] });
    expect(expectationForNegativeId({ id: 'snd%5Fcoex_active', raw: false }, FIXTURES, ROW)).toMatchObject({ status: 404, alsoAccept: [400], warnOn: [414, 431] });
  });

  it('the same id encoded stays one segment and gets the ordinary expectation', () => {
    expect(expectationForNegativeId({ id: '?x#', raw: false }, FIXTURES, ROW)).toMatchObject({ alsoAccept: [400], warnOn: [414, 431] });
    expect(expectationForNegativeId({ id: '?x#', raw: false }, FIXTURES, ROW).anyClientError).toBeUndefined();
  });

  it('an id sent as %2F is judged as the raw %2F it is on the wire: a front may refuse or decode it (Apache, AllowEncodedSlashes Off)', () => {
    const encoded = expectationForNegativeId({ id: '../x', raw: false }, FIXTURES, ROW);
    expect(encoded).toMatchObject({ anyClientError: true });
    expect(encoded.because).toContain('sent as %2F or %5C');
    expect(expectationForNegativeId({ id: '%2F', raw: true }, FIXTURES, ROW)).toMatchObject({ anyClientError: true });
  });

  it('a raw id outside RFC 3986\'s segment grammar may be refused by the HTTP layer: any 4xx, body not judged', () => {
    for (const id of ['%', '%zz', 'a^b', 'a|b', '[x]', 'x"']) {
      const expectation = expectationForNegativeId({ id, raw: true }, FIXTURES, ROW);
      expect(expectation).toMatchObject({ anyClientError: true });
      expect(expectation.because).toContain('no valid path segment');
    }
    // Encoded, the same characters make a valid segment: judged as usual.
    expect(expectationForNegativeId({ id: 'a^b', raw: false }, FIXTURES, ROW).anyClientError).toBeUndefined();
    expect(expectationForNegativeId({ id: "a!$&'()*+,;=:@~b%41", raw: true }, FIXTURES, ROW).anyClientError).toBeUndefined();
  });

  it('a configured fixture is not a negative input', () => {
    expect(expectationForNegativeId({ id: 'snd_coex_active', raw: false }, FIXTURES, ROW)).toMatchObject({ status: 200, alsoAccept: [400] });
  });
});

describe('judgeNegativeExchange', () => {
  const base: Exchange = {
    id: 'neg#1',
    request: { method: 'GET', url: 'http://x/v1/senders/%27/whatsapp-sync', path: '/v1/senders/%27/whatsapp-sync', headers: {}, authVariant: 'valid' },
    startedAt: '',
    durationMs: 1,
  };
  const answered = (status: number, bodyText = '{"code":"not_found","message":"Sender not found"}'): Exchange => ({ ...base, response: { status, headers: {}, bodyText } as HttpResponse });
  const failed = (error: TransportError): Exchange => ({ ...base, error });
  const expect404 = expectationForNegativeId({ id: "'", raw: false }, FIXTURES, ROW);

  it.each([
    ['404 with an Error body', answered(404), true, '404 as expected'],
    ['400 with an Error body', answered(400), true, '400 as expected'],
    ['431 from a proxy', answered(431, '<html>too large</html>'), true, 'warning: 431'],
    ['404 with an HTML body', answered(404, '<html>not found</html>'), false, '404 without an Error body'],
    ['404 with JSON that is not an Error', answered(404, '{"error":true}'), false, '404 without an Error body'],
    ['200', answered(200, '{"sync":{}}'), false, '200: expected 404 or 400'],
    ['500', answered(500), false, '500: a server error'],
    ['404 cut off at the body bound', { ...base, response: { status: 404, headers: {}, bodyText: '{"code":"not_fo', truncated: { limitBytes: 1024, receivedBytes: 1100, crossed: 'received' as const } } }, false, '404 with a body over the 1024-byte bound'],
    ['a reset connection', failed({ kind: 'reset', message: 'ECONNRESET' }), false, 'transport error reset'],
    ['a timeout', failed({ kind: 'timeout', message: 'no complete response within 300 ms' }), false, 'transport error timeout'],
    ['nothing at all', base, false, 'no response and no transport error'],
  ])('%s → ok %s', (_name, exchange, ok, summary) => {
    const verdict = judgeNegativeExchange(exchange, expect404, read);
    expect(verdict.ok).toBe(ok);
    expect(verdict.summary).toContain(summary);
  });

  it.each([
    ['a 500', answered(500), '500 not-a-server-error'],
    ['a 200', answered(200, '{"sync":{}}'), '200 status-code-expected'],
    ['a 404 that is not JSON', answered(404, 'Not Found'), '404 json-body'],
    ['a 404 that is JSON but no Error', answered(404, '{"error":true}'), '404 response-schema'],
    // An accepted status whose Error shows the id reached a query as text: the injection seen from outside.
    ['a 400 with a database\'s syntax error', answered(400, '{"code":"bad_request","message":"syntax error at or near \\"\'\\" (SQLSTATE 42601)"}'), '400 internal-error-exposed'],
    ['a reset', failed({ kind: 'reset', message: 'ECONNRESET' }), 'transport-error reset'],
    ['a timeout', failed({ kind: 'timeout', message: 'slow' }), 'timeout'],
  ])('names the kind of %s by status and check', (_name, exchange, kind) => {
    expect(judgeNegativeExchange(exchange, expect404, read)).toMatchObject({ ok: false, kind });
  });

  it('a passing answer that came only on a fresh connection, after the reused kept-alive one stayed silent, is a warning; the one that ended reuse says the target does not honour keep-alive; a failing one stays a failure', () => {
    const retried = { ...answered(404), keepAliveIgnored: {} };
    expect(judgeNegativeExchange(retried, expect404, read)).toMatchObject({ ok: true, warning: true, kind: 'keep-alive timeout' });
    const ended = judgeNegativeExchange({ ...answered(404), keepAliveIgnored: { endedReuse: true, after: 2 } }, expect404, read);
    expect(ended).toMatchObject({ ok: true, warning: true, kind: 'keep-alive timeout (reuse ended)' });
    expect(ended.summary).toContain('404 as expected');
    expect(ended.summary).toContain('does not honour keep-alive');
    expect(judgeNegativeExchange({ ...answered(500), keepAliveIgnored: {} }, expect404, read)).toMatchObject({ ok: false, kind: '500 not-a-server-error' });
  });

  it('marks a warnOn answer as a warning with its kind, and a plain pass without one', () => {
    expect(judgeNegativeExchange(answered(431, ''), expect404, read)).toMatchObject({ ok: true, warning: true, kind: '431 status-code-expected' });
    expect(judgeNegativeExchange(answered(404), expect404, read)).toEqual({ ok: true, summary: '404 as expected' });
  });

  it("takes a front's 400 page to an id sent with %00 as a front's refusal, a warning; not the API's own 400 with its Error, nor another status without one", () => {
    const nul = expectationForNegativeId({ id: 'snd_a\u0000', raw: false }, FIXTURES, ROW);
    expect(nul.encodedNul).toBe(true);
    const nginx = '<html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center><hr><center>nginx</center></body></html>';
    expect(judgeNegativeExchange(answered(400, nginx), nul, read)).toMatchObject({ ok: true, warning: true, kind: '400 status-code-expected' });
    // The API's own 400 with its Error body: judged, and passes plainly.
    expect(judgeNegativeExchange(answered(400, '{"code":"bad_request","message":"Invalid sender id"}'), nul, read)).toEqual({ ok: true, summary: '400 as expected' });
    // A 404 page without an Error body is the API's (or a front's) answer to an id it routed: still a failure.
    expect(judgeNegativeExchange(answered(404, '<html>not found</html>'), nul, read)).toMatchObject({ ok: false, kind: '404 json-body' });
  });

  it("takes HTTP.sys's 400 page to an id whose segment is over 260 characters as a front's refusal, a warning; not to a shorter id, nor the API's own 400", () => {
    const long = expectationForNegativeId({ id: 'a'.repeat(261), raw: false }, FIXTURES, ROW);
    expect(long.overlongSegment).toBe(true);
    const httpSys = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"><HTML><HEAD><TITLE>Bad Request</TITLE></HEAD><BODY><h2>Bad Request - Invalid URL</h2><hr><p>HTTP Error 400. The request URL is invalid.</p></BODY></HTML>';
    const verdict = judgeNegativeExchange(answered(400, httpSys), long, read);
    expect(verdict).toMatchObject({ ok: true, warning: true, kind: '400 status-code-expected' });
    expect(verdict.summary).toContain('260 characters');
    // At the limit HTTP.sys lets it through: the 400 page is then the API's, and fails.
    const atLimit = expectationForNegativeId({ id: 'a'.repeat(260), raw: false }, FIXTURES, ROW);
    expect(atLimit.overlongSegment).toBeUndefined();
    expect(judgeNegativeExchange(answered(400, httpSys), atLimit, read)).toMatchObject({ ok: false, kind: '400 json-body' });
    // Another status without an Error body is not HTTP.sys's refusal.
    expect(judgeNegativeExchange(answered(404, '<html>not found</html>'), long, read)).toMatchObject({ ok: false, kind: '404 json-body' });
  });

  it("takes a JSON 400 that is not the contract's Error, to an id a front refuses, as the API's own wrong answer: a failure", () => {
    // A front's page is no JSON at all; JSON in another shape is the app speaking, and is judged.
    for (const id of ['snd_a\u0000', 'a'.repeat(261)]) {
      const expectation = expectationForNegativeId({ id, raw: false }, FIXTURES, ROW);
      expect(judgeNegativeExchange(answered(400, '{"error":"bad sender id"}'), expectation, read)).toMatchObject({ ok: false, kind: '400 response-schema' });
    }
  });

  it("names the 8 KB limit of nginx and CDNs, besides HTTP.sys's, for a front's 400 page to an id of 8 KB", () => {
    const page = '<html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center></body></html>';
    const eight = expectationForNegativeId({ id: 'a'.repeat(8192), raw: false }, FIXTURES, ROW);
    const verdict = judgeNegativeExchange(answered(400, page), eight, read);
    expect(verdict).toMatchObject({ ok: true, warning: true, kind: '400 status-code-expected' });
    expect(verdict.summary).toContain('a request line of 8 KB or more');
    expect(verdict.summary).toContain('large_client_header_buffers');
    // The 1 KB id is under any 8 KB limit however encoded: HTTP.sys alone is named.
    const one = judgeNegativeExchange(answered(400, page), expectationForNegativeId({ id: 'é'.repeat(1024), raw: false }, FIXTURES, ROW), read);
    expect(one.summary).toContain('HTTP.sys');
    expect(one.summary).not.toContain('8 KB');
  });

  it('names the 8 KB limit for an id under 8 KB whose request line, with the path and method around it, is over it', () => {
    const page = '<html><head><title>414 Request-URI Too Large</title></head><body><center><h1>414 Request-URI Too Large</h1></center></body></html>';
    // Say 40 characters around the id ("GET /v1/senders/<id>/whatsapp-sync HTTP/1.1" has 39).
    const near = expectationForNegativeId({ id: 'a'.repeat(8170), raw: false }, FIXTURES, ROW, [], 40);
    expect(near.overlongUrl).toBe(true);
    expect(judgeNegativeExchange(answered(400, page), near, read).summary).toContain('large_client_header_buffers');
    // Nothing known around it: the segment alone decides, as before.
    expect(expectationForNegativeId({ id: 'a'.repeat(8170), raw: false }, FIXTURES, ROW).overlongUrl).toBeUndefined();
    expect(expectationForNegativeId({ id: 'a'.repeat(8151), raw: false }, FIXTURES, ROW, [], 40).overlongUrl).toBeUndefined();
  });

  it('an answer that is a warning already (a proxy\'s 431) keeps its own kind and words when it came only on a fresh connection', () => {
    const verdict = judgeNegativeExchange({ ...answered(431, '<html>too large</html>'), keepAliveIgnored: {} }, expect404, read);
    expect(verdict).toMatchObject({ ok: true, warning: true, kind: '431 status-code-expected' });
    expect(verdict.summary).not.toMatch(/warning: .*warning: /);
  });

  it("takes a front's 403 page (a WAF refusing an input that looks like an attack) as an id not judged, a warning; not the API's own 403, nor one to a spelling of another project's sender", () => {
    const waf = answered(403, '<html><body><h1>403 Forbidden</h1></body></html>');
    expect(judgeNegativeExchange(waf, expect404, read)).toMatchObject({ ok: true, warning: true, kind: '403 status-code-expected' });
    expect(judgeNegativeExchange(answered(403, '{"code":"forbidden","message":"Forbidden"}'), expect404, read)).toMatchObject({ ok: false, kind: '403 status-code-expected' });
    const hidden = expectationForNegativeId({ id: 'SND_OTHER', raw: false }, ['snd_other'], ROW, ['snd_other']);
    expect(judgeNegativeExchange(waf, hidden, read)).toMatchObject({ ok: false, kind: '403 status-code-expected' });
  });

  it('takes a final 429 (rate limiting, documented on every /v1/* path) as an id not judged, a warning, not a breach', () => {
    expect(judgeNegativeExchange(answered(429, '{"code":"rate_limited","message":"slow down"}'), expect404, read)).toMatchObject({ ok: true, warning: true, kind: '429 rate-limited' });
    // A limiter's 429 as limiters send it, Retry-After and X-RateLimit-* with a body of its own: still not judged.
    const limiter: Exchange = { ...base, response: { status: 429, headers: { 'retry-after': '30', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0' }, bodyText: '{"code":"rate_limited","message":"Too many requests"}' } };
    expect(judgeNegativeExchange(limiter, expect404, read)).toMatchObject({ ok: true, warning: true, kind: '429 rate-limited' });
    // "Sender not found" is no documented example (the 404s document only the Error schema): a limiter may say it as well as the API.
    expect(judgeNegativeExchange(answered(429), expect404, read)).toMatchObject({ ok: true, warning: true, kind: '429 rate-limited' });
  });

  it("judges a final 429 carrying one of the operation's own documented refusals word for word, as a single-request case judges it: that refusal sent as 429", () => {
    const noWaba = '{"code":"bad_request","message":"Sender does not have a WhatsApp Business Account connected"}';
    const verdict = judgeNegativeExchange(answered(429, noWaba), expect404, read);
    expect(verdict).toEqual({ ok: false, kind: '429 status-code-expected', summary: expect.stringMatching(/^429 carrying the documented 400 refusal no_waba, which clients take for the platform's rate limit and retry: expected 404 or 400 because /) });
    // With the limiter's headers too: the words are the evidence, not the headers (checks/support/documented-refusal.ts).
    const withRetryAfter: Exchange = { ...base, response: { status: 429, headers: { 'retry-after': '86400' }, bodyText: noWaba } };
    expect(judgeNegativeExchange(withRetryAfter, expect404, read)).toMatchObject({ ok: false, kind: '429 status-code-expected' });
    // A start's sync limit, judged for the start that documents it; for the read, which does not, the limiter's.
    const syncLimit = answered(429, '{"code":"bad_request","message":"Sync limit reached. Please wait 24 hours before trying again."}');
    const post: Exchange = { ...syncLimit, request: { ...syncLimit.request, method: 'POST', path: '/v1/senders/%27/whatsapp-sync/history' } };
    expect(judgeNegativeExchange(post, expect404, operation('startWhatsAppHistorySync'))).toMatchObject({ ok: false, kind: '429 status-code-expected', summary: expect.stringContaining('refusal rate_limit') });
    expect(judgeNegativeExchange(syncLimit, expect404, read)).toMatchObject({ ok: true, warning: true, kind: '429 rate-limited' });
    // Where any 4xx is correct (a path that may match no operation), the judged 429 is one.
    const offRoute = expectationForNegativeId({ id: '', raw: false }, FIXTURES, ROW);
    expect(judgeNegativeExchange(answered(429, noWaba), offRoute, read)).toEqual({ ok: true, summary: '429 as expected' });
  });

  it('takes a same-origin redirect of a path that may match no operation as a router\'s answer (Go\'s ServeMux cleaning "//"); elsewhere a redirect is a warning', () => {
    const offRoute = expectationForNegativeId({ id: '', raw: false }, FIXTURES, ROW);
    const redirected = (location: string): Exchange => ({ ...base, response: { status: 301, headers: { location }, bodyText: '<a href="/">Moved Permanently</a>' } });
    expect(judgeNegativeExchange(redirected('/v1/senders/whatsapp-sync'), offRoute, read)).toEqual({ ok: true, summary: "301 to the same origin, a router's answer" });
    expect(judgeNegativeExchange(redirected('http://x/v1/senders/whatsapp-sync'), offRoute, read)).toMatchObject({ ok: true, summary: "301 to the same origin, a router's answer" });
    // Another origin, or no Location: still the warning.
    expect(judgeNegativeExchange(redirected('https://elsewhere.test/'), offRoute, read)).toMatchObject({ ok: true, warning: true, kind: '301 status-code-expected' });
    expect(judgeNegativeExchange({ ...base, response: { status: 301, headers: {}, bodyText: '' } }, offRoute, read)).toMatchObject({ ok: true, warning: true });
    // An id that stays in its segment gets no such leniency: the redirect is not accepted there.
    expect(judgeNegativeExchange(redirected('/v1/senders/x/whatsapp-sync'), expect404, read).ok).toBe(false);
  });

  it('does not judge the body of any 4xx when the path may match no operation (the empty id): a plain-text 404 passes', () => {
    const offRoute = expectationForNegativeId({ id: '', raw: false }, FIXTURES, ROW);
    expect(judgeNegativeExchange(answered(404, 'Not Found'), offRoute, read).ok).toBe(true);
    expect(judgeNegativeExchange(answered(405, ''), offRoute, read).ok).toBe(true);
    expect(judgeNegativeExchange(answered(500, ''), offRoute, read).ok).toBe(false);
    // An id that stays in its segment still owes the Error body.
    expect(judgeNegativeExchange(answered(404, 'Not Found'), expect404, read).ok).toBe(false);
  });

  it('uses the schema validator for the Error body when given one', () => {
    expect(judgeNegativeExchange(answered(404, '{"code":1,"message":"x"}'), expect404, read, fakeSchemaValidator()).ok).toBe(false);
    expect(judgeNegativeExchange(answered(404), expect404, read, fakeSchemaValidator()).ok).toBe(true);
  });
});

describe('mayMatchNoOperation', () => {
  it.each([
    [{ id: '', raw: false }, true],
    [{ id: '../x', raw: true }, true],
    [{ id: '.', raw: false }, true],
    [{ id: '..', raw: false }, true],
    [{ id: '../x', raw: false }, true],
    [{ id: '..x', raw: false }, false],
    [{ id: 'a.b', raw: false }, false],
    [{ id: 'snd_a', raw: true }, false],
  ])('%j → %s', (input, expected) => {
    expect(mayMatchNoOperation(input)).toBe(expected);
  });

  it('gives an encoded dot segment the off-route expectation', () => {
    expect(expectationForNegativeId({ id: '..', raw: false }, FIXTURES, ROW)).toMatchObject({ anyClientError: true });
  });
});
