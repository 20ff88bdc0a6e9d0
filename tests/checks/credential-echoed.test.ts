/**
 * credential-echoed: a credential the run knows, in any form the scrubber knows it by, in an
 * answer's headers or body is flagged with its place and form, never its value; an error when the
 * request did not send it, a warning when the answer echoes the request's own credentials.
 */
import { credentialEchoedCheck } from '../../src/checks/credential-echoed';
import { allChecks } from '../../src/checks/registry';
import { runChecks } from '../../src/checks/run-checks';
import type { Exchange, HttpResponse } from '../../src/model/http';
import { KEPT_PER_CHECK } from '../../src/model/violation';
import { knownCredentials } from '../../src/runner/known-credentials';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const apiKey = 'zv_test_5f1c9a0b7d3e42a8b6c1d0e9f8a7b6c5';
const otherProjectKey = 'zv_test_0a9b8c7d6e5f40312a3b4c5d6e7f8091';
const unknownKey = 'zv_test_d00dfeedd00dfeedd00dfeedd00dfeed';
const credentials = knownCredentials({ apiKey, otherProjectKey, unknownKey });
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** An exchange whose request sent `authorization` (none when undefined) and got `answer`. */
function sent(authorization: string | undefined, answer: HttpResponse): Exchange {
  const base = exchange(answer);
  return { ...base, request: { ...base.request, headers: authorization === undefined ? {} : { authorization }, authVariant: authorization === undefined ? 'none' : 'valid' } };
}

const judged = (ex: Exchange) => credentialEchoedCheck.run(ex, { ...context({ status: 200 }), credentials });
const found = (ex: Exchange) => judged(ex).map((v) => ({ severity: v.severity, instancePath: v.instancePath, message: v.message }));

/** No output of the check holds the key in any of its forms. */
function expectNoKey(ex: Exchange): void {
  const text = JSON.stringify(judged(ex));
  for (const key of [apiKey, otherProjectKey]) {
    const secret = key.slice('zv_test_'.length);
    expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(text).not.toContain(b64(key).slice(4, 30));
    expect(text).not.toContain(Buffer.from(key).toString('hex').slice(16, 48));
  }
}

describe('credential-echoed', () => {
  it('is registered, for every answer and every probe', () => {
    expect(allChecks).toContain(credentialEchoedCheck);
  });

  it('flags the key echoed in a body field, at its pointer, as a warning when the request sent it', () => {
    const ex = sent(`Bearer ${apiKey}`, jsonResponse(200, { ...syncBody, debug: { auth: `Bearer ${apiKey}` } }));
    expect(found(ex)).toEqual([{ severity: 'warning', instancePath: '/debug/auth', message: expect.stringMatching(/^Received: a 200 holding the API key \(ZAVU_API_KEY\), as is, in its body at \/debug\/auth \/ Expected: .*the request's own, echoed back/) }]);
    expectNoKey(ex);
  });

  it('flags the key with its characters escaped in a body that is no JSON (a JavaScript string, HTML), in the form the scrubber removes', () => {
    const unicode = [...apiKey].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const references = [...apiKey].map((c) => `&#${c.charCodeAt(0)};`).join('');
    for (const body of [`var k = "${unicode}";`, `<p>${references}</p>`]) {
      const ex = sent(undefined, response(200, body, { 'content-type': 'text/html' }));
      expect(found(ex)).toEqual([{ severity: 'error', instancePath: '', message: expect.stringContaining('the API key (ZAVU_API_KEY), with its characters escaped') }]);
      expectNoKey(ex);
    }
  });

  it('flags the valid key shown to a request without credentials, or with another key, as an error', () => {
    const body = { code: 'unauthorized', message: 'missing key', hint: `try ${apiKey}` };
    expect(found(sent(undefined, jsonResponse(401, body)))).toEqual([{ severity: 'error', instancePath: '/hint', message: expect.stringContaining('the request did not send this one') }]);
    expect(found(sent(`Bearer ${unknownKey}`, jsonResponse(401, body))).map((v) => v.severity)).toEqual(['error']);
    expect(found(sent(`Bearer ${otherProjectKey}`, jsonResponse(401, body))).map((v) => v.severity)).toEqual(['error']);
    // The other project's key, and the unknown key, to a request that sent neither: a credential another caller sent.
    expect(found(sent(`Bearer ${apiKey}`, jsonResponse(200, { last: otherProjectKey, previous: unknownKey })))).toEqual([
      { severity: 'error', instancePath: '/last', message: expect.stringContaining("the other project's key (ZAVU_OTHER_PROJECT_API_KEY), as is") },
      { severity: 'error', instancePath: '/previous', message: expect.stringContaining("the suite's well-formed unknown key, as is") },
    ]);
  });

  it('flags the key inside a JSON text held in a string, at the string and the pointer inside it', () => {
    const ex = sent(`Bearer ${apiKey}`, jsonResponse(200, { ...syncBody, debug: JSON.stringify({ request: { headers: { authorization: `Bearer ${apiKey}` } } }) }));
    expect(found(ex)).toEqual([{ severity: 'warning', instancePath: '/debug', message: expect.stringContaining('in its body at /debug, a JSON text in a string, at /request/headers/authorization /') }]);
    expectNoKey(ex);
  });

  it('flags the key in a header by its name, not its value', () => {
    const ex = sent(`Bearer ${apiKey}`, jsonResponse(200, syncBody, { 'x-debug-auth': `Bearer ${apiKey}` }));
    expect(found(ex)).toEqual([{ severity: 'warning', instancePath: '', message: expect.stringContaining('as is, in its x-debug-auth header /') }]);
    expectNoKey(ex);
  });

  it.each([
    ['base64-encoded', (key: string) => b64(`${key}:`)],
    ['base64-encoded', (key: string) => Buffer.from(`>>${key}`).toString('base64url')],
    ['percent-encoded', (key: string) => encodeURIComponent(`${key.slice(0, 8)}\t${key.slice(8)}`)],
    ['hex-encoded', (key: string) => Buffer.from(key).toString('hex')],
    // A target answering in UTF-16, read as UTF-8: a NUL after each character.
    ['in UTF-16 (a NUL beside each character)', (key: string) => Buffer.from(key, 'utf16le').toString('utf8')],
    // A zero-width space between every character: every report shows it as an escape, so the key reads as it is.
    ['with something unseen between its characters (a zero-width space, a soft hyphen)', (key: string) => [...key].join('\u200b')],
    ["with its letters' case changed", (key: string) => key.toUpperCase()],
    ['as one of the wrong credentials the suite derives from it', (key: string) => key.slice(0, -1)],
    ['in part (a long piece of it)', (key: string) => key.slice(10, 34)],
    // Its prefix and most of its secret as is: what the escaped form takes too, which reads "with its characters escaped".
    ['in part (a long piece of it)', (key: string) => key.slice(0, 37)],
  ])('names the form: %s', (words, form) => {
    const ex = sent(undefined, jsonResponse(401, { code: 'unauthorized', message: 'no key', seen: `x ${form(apiKey)} y` }));
    expect(found(ex)).toEqual([{ severity: 'error', instancePath: '/seen', message: expect.stringContaining(`the API key (ZAVU_API_KEY), ${words}`) }]);
    expectNoKey(ex);
  });

  it("treats the wrong credentials the request itself sent as the request's own (a warning): cut short, case-changed, appended to, as Basic", () => {
    for (const authorization of [`Bearer ${apiKey.slice(0, -1)}`, `Bearer zv_test_${apiKey.slice(8).toUpperCase()}`, `Bearer ${apiKey}00`, `Basic ${b64(`${apiKey}:`)}`, `Bearer ${unknownKey}${'x'.repeat(8192)}`]) {
      const ex = sent(authorization, jsonResponse(401, { code: 'unauthorized', message: `invalid credentials: ${authorization}` }));
      expect({ authorization: authorization.slice(0, 20), found: found(ex).map((v) => `${v.severity} ${v.instancePath}`) }).toEqual({ authorization: authorization.slice(0, 20), found: ['warning /message'] });
      expectNoKey(ex);
    }
  });

  it('finds the key in a body that escapes every character, in a non-JSON body and in a member name, without naming the member', () => {
    const escaped = `{"echo":"${[...apiKey].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`;
    expect(found(sent(undefined, response(401, escaped, { 'content-type': 'application/json' }))).map((v) => v.instancePath)).toEqual(['/echo']);
    expect(found(sent(undefined, response(401, `<html>key ${apiKey}</html>`)))).toEqual([{ severity: 'error', instancePath: '', message: expect.stringContaining('in its body (read as text: it is not JSON)') }]);
    const named = sent(undefined, jsonResponse(401, { keys: { [apiKey]: { owner: apiKey } } }));
    expect(found(named)).toEqual([{ severity: 'error', instancePath: '/keys', message: expect.stringContaining('in the name of a member of the object at /keys') }]);
    expectNoKey(named);
    const header = sent(undefined, response(401, '', { [`x-${apiKey}`]: '1' }));
    expect(found(header)).toEqual([{ severity: 'error', instancePath: '', message: expect.stringContaining("in a header's name") }]);
    expectNoKey(header);
  });

  it('raises nothing on a conformant answer, on the public prefix alone, or with no credentials to look for', () => {
    expect(found(sent(`Bearer ${apiKey}`, jsonResponse(200, syncBody)))).toEqual([]);
    expect(found(sent(undefined, jsonResponse(401, { code: 'unauthorized', message: 'API keys start with zv_test_ or zv_live_' }, { 'www-authenticate': 'Bearer realm="zavu"' })))).toEqual([]);
    const echo = sent(`Bearer ${apiKey}`, jsonResponse(200, { auth: apiKey }));
    expect(credentialEchoedCheck.run(echo, context({ status: 200 }))).toEqual([]);
    // A mock's short key is a word an answer holds for its own reasons: not looked for.
    expect(credentialEchoedCheck.run(sent('Bearer sync', jsonResponse(200, syncBody)), { ...context({ status: 200 }), credentials: knownCredentials({ apiKey: 'sync', otherProjectKey: '', unknownKey: '' }) })).toEqual([]);
  });

  it('keeps 20 per severity and counts the rest, with their places, through run-checks', () => {
    const items = Array.from({ length: 300 }, (_, i) => ({ id: i, echo: apiKey }));
    const run = runChecks(sent(undefined, jsonResponse(401, { items })), { ...context({ status: 401 }), credentials }, [credentialEchoedCheck]);
    expect(run.violations).toHaveLength(KEPT_PER_CHECK);
    expect(run.omitted).toEqual([{ check: 'credential-echoed', severity: 'error', count: 300 - KEPT_PER_CHECK, instancePath: '/items', places: ['/items/*/echo'] }]);
  });

  it("still flags another credential at a place a credential's name hides, as an error, without naming the place", () => {
    // The other project's key under a member (or in a header) named by the request's own key: the
    // name is a warning, the key below it a leak; the place cannot be named, the leak still counts.
    const hidden = 'at a place not shown (a member name on the way to it holds a credential)';
    for (const body of [{ [apiKey]: otherProjectKey }, { a: { [apiKey]: { b: otherProjectKey } } }]) {
      const ex = sent(`Bearer ${apiKey}`, jsonResponse(200, body));
      expect(found(ex).map((v) => v.severity)).toEqual(['warning', 'error']);
      expect(found(ex)[1]?.message).toContain(`the other project's key (ZAVU_OTHER_PROJECT_API_KEY), as is, in its body, ${hidden}`);
      expectNoKey(ex);
    }
    const header = sent(`Bearer ${apiKey}`, response(200, '', { [`x-${apiKey}`]: otherProjectKey }));
    expect(found(header).map((v) => `${v.severity} ${v.message.split(' / ')[0] ?? ''}`)).toEqual([
      "warning Received: a 200 holding the API key (ZAVU_API_KEY), as is, in a header's name (not shown: it holds the credential)",
      "error Received: a 200 holding the other project's key (ZAVU_OTHER_PROJECT_API_KEY), as is, in the value of a header whose name is not shown (it holds a credential)",
    ]);
    expectNoKey(header);
  });

  it('never names a place that holds a credential: a member name under one, a JSON text in a string, a counted place', () => {
    // A member named by the other key under one named by the API key: the inner name's place is the outer name.
    expectNoKey(sent(undefined, jsonResponse(401, { a: { [apiKey]: { [otherProjectKey]: 1 } } })));
    // Inside a JSON text in a string, the pointer to the request's own key goes through the other key.
    expectNoKey(sent(`Bearer ${apiKey}`, jsonResponse(200, { debug: JSON.stringify({ [otherProjectKey]: `Bearer ${apiKey}` }) })));
    // Past the 20 kept, the counted ones' pointer and places (under a member named by the other key) are not shown either.
    const run = runChecks(sent(undefined, jsonResponse(401, { [otherProjectKey]: Array.from({ length: 5 }, () => apiKey), a: Array.from({ length: 21 }, () => apiKey) })), { ...context({ status: 401 }), credentials }, [credentialEchoedCheck]);
    expect(run.omitted.map((o) => o.count)).toEqual([7]);
    const text = JSON.stringify(run);
    for (const key of [apiKey, otherProjectKey]) expect(text).not.toContain(key.slice('zv_test_'.length, 28));
  });

  it('finds the key in a body that is a JSON string, in adjacent strings, and names JSON texts nested four levels deep at most', () => {
    expect(found(sent(undefined, jsonResponse(401, apiKey)))).toEqual([{ severity: 'error', instancePath: '', message: expect.stringContaining('in its body at (the root) /') }]);
    // Two strings side by side, both with the key: each is named.
    expect(found(sent(undefined, jsonResponse(401, { seen: [apiKey, apiKey, 'x', apiKey] }))).map((v) => v.instancePath)).toEqual(['/seen/0', '/seen/1', '/seen/3']);
    let nested: unknown = { key: apiKey };
    for (const name of ['e', 'd', 'c', 'b', 'a']) nested = { [name]: JSON.stringify(nested) };
    const [finding] = found(sent(undefined, jsonResponse(401, nested)));
    expect(finding?.message).toContain('in its body at /a, a JSON text in a string, at /b, in the JSON text there, at /c, in the JSON text there, at /d, in the JSON text there, at /e /');
  });

  it('counts past the 20 kept every place, up to 200, and says when there were more (a baseline then cannot call the failure known)', () => {
    const body = Object.fromEntries(Array.from({ length: 20 + 230 }, (_, i) => [`k${i}`, apiKey]));
    const ex = sent(undefined, jsonResponse(401, body));
    const counted = credentialEchoedCheck.runCounted(ex, { ...context({ status: 401 }), credentials }, KEPT_PER_CHECK).omitted;
    expect(counted.map((o) => ({ count: o.count, places: o.places?.length, placesCut: o.placesCut }))).toEqual([{ count: 230, places: 200, placesCut: true }]);
    const run = runChecks(ex, { ...context({ status: 401 }), credentials }, [credentialEchoedCheck]);
    expect(run.omitted.map((o) => ({ count: o.count, places: o.places?.length, placesCut: o.placesCut }))).toEqual([{ count: 230, places: 200, placesCut: true }]);
  });

  it('knows keys from 16 characters, looks for a piece of one from 24, and a key given twice once', () => {
    const key = (n: number): string => `zv_test_${'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6'.slice(0, n - 8)}`;
    const of = (apiKey: string) => knownCredentials({ apiKey, otherProjectKey: '', unknownKey: '' }).map((c) => c.forms.some((f) => f.label === 'partial'));
    expect([15, 16, 23, 24].map((n) => of(key(n)))).toEqual([[], [false], [false], [true]]);
    expect(knownCredentials({ apiKey, otherProjectKey: apiKey, unknownKey }).map((c) => c.name)).toEqual(['the API key (ZAVU_API_KEY)', "the suite's well-formed unknown key"]);
  });

  it("never names a place through a key's escaped characters: a key with '/' is '~1' in a pointer", () => {
    const slashed = 'zv_test_5f1c/9a0b7d3e42a8b6/c1d0e9f8a7b6c5';
    const ex = sent(undefined, jsonResponse(401, { [slashed]: { x: slashed } }));
    const judgedSlashed = credentialEchoedCheck.run(ex, { ...context({ status: 401 }), credentials: knownCredentials({ apiKey: slashed, otherProjectKey: '', unknownKey: '' }) });
    expect(judgedSlashed.map((v) => v.instancePath)).toEqual(['']);
    expect(JSON.stringify(judgedSlashed)).not.toContain('9a0b7d3e42a8b6');
  });

  it('searches a body of many strings in one pass per form (300,000 strings, one holding the key)', () => {
    const items = Array.from({ length: 300_000 }, (_, i) => `item-${i}`);
    items[299_999] = `Bearer ${apiKey}`;
    expect(found(sent(`Bearer ${apiKey}`, jsonResponse(200, { items }))).map((v) => v.instancePath)).toEqual(['/items/299999']);
  });

  it("finds the key in every text: at the edges of the 1 MiB chunks it searches, and in a text longer than a chunk", () => {
    // 3,000 strings of 1,000 characters: three chunks; the key in the first string, in each string
    // around the first chunk's end (1,047 strings of 1,001 characters with their separators fit in
    // 1 MiB), and in the last. The search joins no more than a chunk (the join of every text was a
    // second copy of the body at peak).
    const items = Array.from({ length: 3000 }, (_, i) => `${i}`.padEnd(1000, '.'));
    const at = [0, 1046, 1047, 1048, 2999];
    for (const i of at) items[i] = `Bearer ${apiKey}`.padEnd(1000, '.');
    expect(found(sent(`Bearer ${apiKey}`, jsonResponse(200, { items }))).map((v) => v.instancePath)).toEqual(at.map((i) => `/items/${i}`));
    // A non-JSON body of 2 MiB, the key at its end: one text, searched as it is.
    const long = response(200, `${'x'.repeat(2 << 20)} ${apiKey}`, { 'content-type': 'text/plain' });
    expect(found(sent(undefined, long)).map((v) => v.severity)).toEqual(['error']);
  });
});
